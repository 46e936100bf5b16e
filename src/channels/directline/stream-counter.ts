/** Open WebSocket streams one conversation may have on one instance: Web Chat opens one per tab. */
export const MAX_STREAMS_PER_CONVERSATION = 10;

/**
 * Counts the open streams of each conversation on this instance, so that one token cannot open thousands
 * (each holds a socket, a watch and its buffers) and run the process out of memory or file descriptors.
 */
export class StreamCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max = MAX_STREAMS_PER_CONVERSATION) {}

  /** Whether another stream of the conversation would be refused. */
  full(conversationId: string): boolean {
    return (this.open.get(conversationId) ?? 0) >= this.max;
  }

  /** Counts a new stream unless the conversation has its fill; the caller must `release` what it took. */
  take(conversationId: string): boolean {
    const count = this.open.get(conversationId) ?? 0;
    if (count >= this.max) return false;
    this.open.set(conversationId, count + 1);
    return true;
  }

  release(conversationId: string): void {
    const count = this.open.get(conversationId) ?? 0;
    if (count <= 1) this.open.delete(conversationId);
    else this.open.set(conversationId, count - 1);
  }

  /** Conversations with a stream open (for tests and metrics). */
  get conversations(): number {
    return this.open.size;
  }
}
