import { Keyspace } from '../../storage/keyspace';
import type { RedisClient } from '../../storage/redis-client';
import { RATE_WINDOW_MS, windowOf, type RateDecision, type RateLimiter } from './rate-limiter';

/**
 * Counts the hit and starts the window's expiry in one command: a MULTI/INCR/PEXPIRE/EXEC block is four
 * commands, and every shopper message passes two limiters.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export class RedisRateLimiter implements RateLimiter {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new Keyspace(`${prefix}rate:`);
  }

  async hit(key: string): Promise<RateDecision> {
    const { index, retryAfterSeconds } = windowOf(this.now());
    const windowKey = this.keys.key(key, String(index));
    const count = await this.redis.eval(HIT, { keys: [windowKey], arguments: [String(RATE_WINDOW_MS * 2)] });
    return { allowed: Number(count) <= this.limitPerMinute, retryAfterSeconds };
  }
}
