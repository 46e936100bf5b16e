import type { ConversationLog, TurnRecord } from '../storage/conversation-log';
import { LruMap } from '../storage/lru-map';
import type { KefuMetrics } from './metrics';

/** Conversations this instance already knows have begun; bounded so a flood of new ones cannot grow it. */
const SEEN_KEPT = 10_000;

/**
 * The conversation log the bot writes to, counting as it goes: shopper lines carry the intent and language
 * the NLU found, so the metrics are gathered without the bot knowing about them.
 */
export class MeteredConversationLog implements ConversationLog {
  private readonly seen = new LruMap<string, true>(SEEN_KEPT);

  constructor(
    private readonly inner: ConversationLog,
    private readonly metrics: KefuMetrics,
  ) {}

  async append(conversationId: string, ...records: TurnRecord[]): Promise<void> {
    await this.inner.append(conversationId, ...records);
    const shopperLines = records.filter((record) => record.role === 'shopper');
    if (shopperLines.length === 0) return;
    try {
      const first = await this.isFirstShopperLine(conversationId, shopperLines.length);
      shopperLines.forEach((record, index) =>
        this.metrics.shopperRecord(conversationId, record, first && index === 0),
      );
    } catch {
      // Counting must never fail the shopper's turn; a missed count is the lesser harm.
    }
  }

  read(conversationId: string, limit?: number): Promise<TurnRecord[]> {
    return this.inner.read(conversationId, limit);
  }

  /**
   * Asks the shared log rather than trusting memory alone: with several instances the shopper's earlier
   * lines may have been written by another one, which already counted the conversation.
   */
  private async isFirstShopperLine(conversationId: string, justAppended: number): Promise<boolean> {
    if (this.seen.peek(conversationId)) return false;
    this.seen.set(conversationId, true);
    const records = await this.inner.read(conversationId);
    return records.filter((line) => line.role === 'shopper').length === justAppended;
  }
}
