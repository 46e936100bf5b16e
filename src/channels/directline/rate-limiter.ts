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

export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<RateDecision> {
    const { index, retryAfterSeconds } = windowOf(this.now());
    const entry = this.counts.get(key);
    const count = entry && entry.window === index ? entry.count + 1 : 1;
    this.counts.set(key, { window: index, count });
    if (this.counts.size > 10_000) this.forgetOldWindows(index);
    return { allowed: count <= this.limitPerMinute, retryAfterSeconds };
  }

  private forgetOldWindows(current: number): void {
    for (const [key, entry] of this.counts) if (entry.window !== current) this.counts.delete(key);
  }
}
