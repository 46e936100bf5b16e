import { MemoryRateLimiter } from '../../../src/channels/directline/rate-limiter';

describe('MemoryRateLimiter', () => {
  it('allows the limit per conversation per minute, then refuses with the seconds left in the window', async () => {
    let now = 10 * 60_000 + 15_000; // 15 s into a minute
    const limiter = new MemoryRateLimiter(2, () => now);
    expect(await limiter.hit('a')).toEqual({ allowed: true, retryAfterSeconds: 45 });
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await limiter.hit('b')).allowed).toBe(true); // another conversation has its own allowance
    now += 45_000; // the next minute
    expect((await limiter.hit('a')).allowed).toBe(true);
  });
});
