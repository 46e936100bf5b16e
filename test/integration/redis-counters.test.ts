import { RedisRateLimiter } from '../../src/channels/directline/redis-rate-limiter';
import { MAX_TRANSCRIPT_RECORDS } from '../../src/storage/conversation-log';
import type { RedisClient } from '../../src/storage/redis-client';
import { RedisConversationLog } from '../../src/storage/redis-conversation-log';
import { loadScripts } from '../../src/storage/redis-script';
import { describeRedis, useRedis } from '../helpers/redis';

/** The client with its script calls (`eval`, `evalSha`) passed through `around`, which runs the real call with `run()`. */
function interceptEval(redis: RedisClient, around: (run: () => unknown) => unknown): RedisClient {
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if ((property !== 'eval' && property !== 'evalSha') || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        around(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

describeRedis('Redis rate limiter and transcript (one script per call)', () => {
  const redis = useRedis('counters');
  const client = () => redis.client as unknown as RedisClient;
  // As connectRedis does on every connection: the counted calls below are then one EVALSHA each.
  beforeAll(() => loadScripts(client()));

  it('shares one allowance between instances, refuses past it, and lets the window key expire', async () => {
    const now = 20 * 60_000 + 50_000; // 50 s into a minute
    const first = new RedisRateLimiter(client(), redis.prefix, 3, () => now);
    const second = new RedisRateLimiter(client(), redis.prefix, 3, () => now);
    const decisions = [
      await first.hit('conv-a'),
      await second.hit('conv-a'),
      await first.hit('conv-a'),
      await second.hit('conv-a'),
    ];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3].retryAfterSeconds).toBe(10);
    expect((await first.hit('conv-b')).allowed).toBe(true);

    const [windowKey] = await redis.client.keys(`${redis.prefix}rate:*conv-a*`);
    expect(windowKey).toBeDefined();
    const ttlMs = await redis.client.pTTL(windowKey);
    expect(ttlMs).toBeGreaterThan(60_000);
    expect(ttlMs).toBeLessThanOrEqual(120_000);
    // The next minute is a new window with the full allowance.
    const later = new RedisRateLimiter(client(), redis.prefix, 3, () => now + 10_000);
    expect((await later.hit('conv-a')).allowed).toBe(true);
  });

  it('counts hits that arrive together in one call, each hit with its own exact count', async () => {
    const now = 30 * 60_000;
    // The real connection, with its script calls counted.
    let scriptCalls = 0;
    const counted = interceptEval(client(), (run) => {
      scriptCalls += 1;
      return run();
    });
    const perConversation = new RedisRateLimiter(counted, redis.prefix, 40, () => now);
    const perAddress = new RedisRateLimiter(counted, redis.prefix, 1000, () => now);
    const decisions = await Promise.all([
      ...Array.from({ length: 50 }, () => perConversation.hit('busy')),
      ...Array.from({ length: 10 }, (_, index) => perAddress.hit(`ip:10.0.0.${index}`)),
    ]);
    // Both limiters on the connection share the call: one for all sixty hits.
    expect(scriptCalls).toBe(1);
    expect(decisions.slice(0, 50).filter((decision) => decision.allowed)).toHaveLength(40);
    expect(decisions.slice(50).every((decision) => decision.allowed)).toBe(true);
    const [windowKey] = await redis.client.keys(`${redis.prefix}rate:*busy*`);
    expect(await redis.client.get(windowKey)).toBe('50');
    // Hits made while a call is out wait for the next one; none is lost or counted twice.
    const first = perConversation.hit('later');
    await new Promise((resolve) => setImmediate(resolve));
    const during = Array.from({ length: 5 }, () => perConversation.hit('later'));
    expect((await first).allowed).toBe(true);
    await Promise.all(during);
    expect(scriptCalls).toBe(3);
    const [laterKey] = await redis.client.keys(`${redis.prefix}rate:*later*`);
    expect(await redis.client.get(laterKey)).toBe('6');
  });

  it('fails every hit of a call that Redis refuses, and counts the next ones again', async () => {
    let refuse = true;
    const flaky = interceptEval(client(), (run) =>
      refuse ? Promise.reject(new Error('The client is closed')) : run(),
    );
    const limiter = new RedisRateLimiter(flaky, redis.prefix, 5, () => 40 * 60_000);
    const refused = await Promise.allSettled([limiter.hit('flaky'), limiter.hit('flaky')]);
    expect(refused.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    refuse = false;
    expect(await limiter.hit('flaky')).toMatchObject({ allowed: true });
    const [flakyKey] = await redis.client.keys(`${redis.prefix}rate:*flaky*`);
    expect(await redis.client.get(flakyKey)).toBe('1');
  });

  it('appends transcript lines in order, keeps the last MAX_TRANSCRIPT_RECORDS and renews the expiry', async () => {
    const log = new RedisConversationLog(client(), redis.prefix, 300);
    const total = MAX_TRANSCRIPT_RECORDS + 5;
    for (let index = 0; index < total; index++) {
      await log.append('long', {
        at: new Date(index * 1000).toISOString(),
        role: 'shopper',
        text: `line ${index}`,
      });
    }
    const lines = await log.read('long');
    expect(lines).toHaveLength(MAX_TRANSCRIPT_RECORDS);
    expect(lines[0].text).toBe('line 5');
    expect(lines.at(-1)?.text).toBe(`line ${total - 1}`);
    expect((await log.read('long', 2)).map((line) => line.text)).toEqual([
      `line ${total - 2}`,
      `line ${total - 1}`,
    ]);
    const ttl = await redis.client.ttl(`${redis.prefix}log:long`);
    expect(ttl).toBeGreaterThan(250);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('appends several lines in one command, in order, and appends nothing for none', async () => {
    const log = new RedisConversationLog(client(), redis.prefix, 300);
    const line = (text: string) => ({ at: new Date(0).toISOString(), role: 'bot' as const, text });
    await log.append('batch', line('a'));
    await log.append('batch', line('b'), line('c'), line('d'));
    await log.append('batch');
    expect((await log.read('batch')).map((record) => record.text)).toEqual(['a', 'b', 'c', 'd']);
    await log.append('never');
    expect(await redis.client.exists(`${redis.prefix}log:never`)).toBe(0);
  });
});
