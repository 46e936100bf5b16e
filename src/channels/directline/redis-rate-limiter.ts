import { Keyspace } from '../../storage/keyspace';
import type { RedisClient } from '../../storage/redis-client';
import { RATE_WINDOW_MS, windowOf, type RateDecision, type RateLimiter } from './rate-limiter';

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
    const [count] = await this.redis
      .multi()
      .incr(windowKey)
      .pExpire(windowKey, RATE_WINDOW_MS * 2)
      .exec();
    return { allowed: Number(count) <= this.limitPerMinute, retryAfterSeconds };
  }
}
