import { LruMap } from '../../storage/lru-map';

/**
 * Counts activities per conversation in fixed one-minute windows. Memory by default; on Redis the count
 * is shared, so a conversation spread over several instances gets the same allowance, not one per instance.
 */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the current window ends (what Retry-After says when refused). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateDecision>;
}

export const RATE_WINDOW_MS = 60_000;

export function windowOf(nowMs: number): { index: number; retryAfterSeconds: number } {
  const index = Math.floor(nowMs / RATE_WINDOW_MS);
  const retryAfterSeconds = Math.max(1, Math.ceil(((index + 1) * RATE_WINDOW_MS - nowMs) / 1000));
  return { index, retryAfterSeconds };
}

/**
 * Counts of the current window only: a new window starts with an empty map and the last one is dropped
 * whole. (Sweeping old entries out of one map once it held 10,000 keys cost a pass over every key on every
 * hit whenever more than 10,000 conversations were active within a minute — a busy shop's normal day.)
 */
export class MemoryRateLimiter implements RateLimiter {
  private window = -1;
  private counts: LruMap<string, number>;

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
    /** Keys counted in one window at most; past it the least recently hit are forgotten (they start again at 1). */
    private readonly maxKeys = 200_000,
  ) {
    this.counts = new LruMap(maxKeys);
  }

  async hit(key: string): Promise<RateDecision> {
    const { index, retryAfterSeconds } = windowOf(this.now());
    if (index !== this.window) {
      this.window = index;
      this.counts = new LruMap(this.maxKeys);
    }
    const count = (this.counts.peek(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { allowed: count <= this.limitPerMinute, retryAfterSeconds };
  }

  /** Keys counted in the current window (for tests of the bound). */
  get size(): number {
    return this.counts.size;
  }
}
