import type { ConversationLog, TurnRecord } from './conversation-log';
import { MAX_TRANSCRIPT_RECORDS } from './conversation-log';
import { Keyspace } from './keyspace';
import type { RedisClient } from './redis-client';
import { RedisScript } from './redis-script';

/**
 * Appends (any number of records: ARGV[3] on), caps and renews the transcript in one command rather than
 * a four-command MULTI block.
 */
const APPEND = new RedisScript(`
redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[2])`);

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

  async append(conversationId: string, ...records: TurnRecord[]): Promise<void> {
    if (records.length === 0) return;
    const key = this.keys.key(conversationId);
    await APPEND.run(this.redis, {
      keys: [key],
      arguments: [
        String(MAX_TRANSCRIPT_RECORDS),
        String(this.ttlSeconds),
        ...records.map((record) => JSON.stringify(record)),
      ],
    });
  }

  async read(conversationId: string, limit?: number): Promise<TurnRecord[]> {
    const rows = await this.redis.lRange(this.keys.key(conversationId), limit === undefined ? 0 : -limit, -1);
    return rows.map((row) => JSON.parse(row) as TurnRecord);
  }
}
