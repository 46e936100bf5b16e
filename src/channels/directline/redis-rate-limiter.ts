import { Keyspace } from '../../storage/keyspace';
import type { RedisClient } from '../../storage/redis-client';
import { hitCounterFor, type RedisHitCounter } from './redis-hit-counter';
import { windowOf, type RateDecision, type RateLimiter } from './rate-limiter';

/** Counts on Redis, so every instance shares one allowance per key; hits are batched by RedisHitCounter. */
export class RedisRateLimiter implements RateLimiter {
  private readonly keys: Keyspace;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly counter: RedisHitCounter = hitCounterFor(redis),
  ) {
    this.keys = new Keyspace(`${prefix}rate:`);
  }

  async hit(key: string): Promise<RateDecision> {
    const { index, retryAfterSeconds } = windowOf(this.now());
    const windowKey = this.keys.key(key, String(index));
    const count = await this.counter.hit(windowKey);
    return { allowed: count <= this.limitPerMinute, retryAfterSeconds };
  }
}
