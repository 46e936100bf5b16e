import type { ConversationLog, TurnRecord } from './conversation-log';
import { MAX_TRANSCRIPT_RECORDS } from './conversation-log';
import { Keyspace } from './keyspace';
import type { RedisClient } from './redis-client';

/** Transcripts as Redis lists (`<prefix>log:<conversation>`), capped and expiring with the conversation. */
export class RedisConversationLog implements ConversationLog {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly ttlSeconds = 30 * 24 * 3600,
  ) {
    this.keys = new Keyspace(`${prefix}log:`);
  }

  async append(conversationId: string, record: TurnRecord): Promise<void> {
    const key = this.keys.key(conversationId);
    await this.redis
      .multi()
      .rPush(key, JSON.stringify(record))
      .lTrim(key, -MAX_TRANSCRIPT_RECORDS, -1)
      .expire(key, this.ttlSeconds)
      .exec();
  }

  async read(conversationId: string, limit?: number): Promise<TurnRecord[]> {
    const rows = await this.redis.lRange(this.keys.key(conversationId), limit === undefined ? 0 : -limit, -1);
    return rows.map((row) => JSON.parse(row) as TurnRecord);
  }
}
