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

describe('MemoryRateLimiter with many conversations', () => {
  it('keeps counting correctly past 10,000 conversations in one minute, and forgets the last minute whole', async () => {
    let now = 5 * 60_000;
    const limiter = new MemoryRateLimiter(2, () => now);
    for (let index = 0; index < 12_000; index++) await limiter.hit(`conv-${index}`);
    expect(limiter.size).toBe(12_000);
    // Conversations from the start of the minute still have their counts: one more hit each is allowed,
    // the next is refused.
    expect((await limiter.hit('conv-0')).allowed).toBe(true);
    expect((await limiter.hit('conv-0')).allowed).toBe(false);
    now += 60_000;
    expect((await limiter.hit('conv-0')).allowed).toBe(true);
    expect(limiter.size).toBe(1);
  });

  it('holds at most maxKeys keys in a window, forgetting the least recently hit', async () => {
    const limiter = new MemoryRateLimiter(1, () => 0, 3);
    for (const key of ['a', 'b', 'c', 'd']) await limiter.hit(key);
    expect(limiter.size).toBe(3);
    expect((await limiter.hit('d')).allowed).toBe(false);
    expect((await limiter.hit('a')).allowed).toBe(true); // forgotten, so counted afresh
  });
});
