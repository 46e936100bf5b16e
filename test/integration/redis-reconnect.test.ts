import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/log/logger';
import { RedisActivityLog } from '../../src/channels/directline/redis-activity-log';
import {
  closeRedis,
  connectRedis,
  REDIS_ANSWER_TIMEOUT_MS,
  REDIS_RECONNECT_TIMEOUT_MS,
} from '../../src/storage/redis-client';
import { describeRedis, useRedis } from '../helpers/redis';
import { startStallingProxy, type StallingProxy } from '../helpers/stalling-proxy';

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describeRedis('a Redis connection that opens and then goes silent', () => {
  const redis = useRedis('reconnect');
  let proxy: StallingProxy | undefined;

  afterEach(async () => {
    await proxy?.close();
  });

  it('is started over, so kefu is back on Redis once the path is, instead of waiting on it for ever', async () => {
    const target = new URL(redis.url);
    proxy = await startStallingProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      pretty: false,
      destination: { write: (line: string) => lines.push(line) },
    });
    const client = await connectRedis(`redis://127.0.0.1:${proxy.port}`, logger);
    const key = `${redis.prefix}reconnect`;
    try {
      await client.set(key, 'kept');

      // The connection drops; the client's reconnect opens a connection that never answers its handshake.
      proxy.stall();
      const stalledAt = Date.now();
      await until('a reconnect to open onto the silent path', () => proxy!.stalledConnections >= 1, 5_000);
      expect(client.isReady).toBe(false);
      // Meanwhile commands fail at once (a 503 for the shopper) rather than wait.
      await expect(client.get(key)).rejects.toThrow();

      // The path is back for new connections; the one the client holds stays dead.
      proxy.forward();
      await until('the client to be ready again', () => client.isReady, REDIS_RECONNECT_TIMEOUT_MS + 10_000);
      expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(REDIS_RECONNECT_TIMEOUT_MS - 1_000);
      expect(await client.get(key)).toBe('kept');
      const restarts = lines.filter((line) => line.includes('starting the connection over'));
      expect(restarts).toHaveLength(1);
    } finally {
      await redis.client.del(key);
      await closeRedis(client);
    }
  }, 40_000);
});

describeRedis('a pub/sub subscriber connection that goes silent', () => {
  const redis = useRedis('subscriber-silent');
  let proxy: StallingProxy | undefined;

  afterEach(async () => {
    await proxy?.close();
  });

  it('is dropped and reconnected by its own watchdog, and the watchers then hear what they missed', async () => {
    const target = new URL(redis.url);
    proxy = await startStallingProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      pretty: false,
      destination: { write: (line: string) => lines.push(line) },
    });
    // This instance's connections go through the proxy: the first is its command connection.
    const client = await connectRedis(`redis://127.0.0.1:${proxy.port}`, logger);
    const listening = new RedisActivityLog(client, { prefix: redis.prefix, logger });
    // Another instance, straight to Redis, whose appends this one should hear of.
    const otherClient = await connectRedis(redis.url, logger);
    const other = new RedisActivityLog(otherClient, { prefix: redis.prefix, logger });
    const conversationId = 'subscriber-silent-1';
    let wakes = 0;
    try {
      const unwatch = await listening.watch(conversationId, () => (wakes += 1));
      expect(proxy.forwardedConnections).toBe(2);
      await other.append(conversationId, { type: 'message', text: 'heard' });
      await until('the first append to be heard', () => wakes === 1, 5_000);

      // The subscriber's connection goes silent; the command connection is untouched.
      proxy.freeze(1);
      const frozenAt = Date.now();
      await other.append(conversationId, { type: 'message', text: 'missed while silent' });
      await sleep(500);
      expect(wakes).toBe(1);

      // Dropped after the answer timeout and reconnected through the proxy: the watcher is woken to read.
      await until(
        'the watcher to be woken after the reconnect',
        () => wakes >= 2,
        REDIS_ANSWER_TIMEOUT_MS + 8_000,
      );
      expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(REDIS_ANSWER_TIMEOUT_MS - 1_000);
      const read = await listening.read(conversationId, 1);
      expect(read.activities.map((activity) => activity.text)).toEqual(['missed while silent']);
      expect(lines.some((line) => line.includes('redis subscriber did not answer within the timeout'))).toBe(
        true,
      );
      // The command connection answered all along: only the subscriber was started over.
      expect(lines.some((line) => line.includes('"redis did not answer'))).toBe(false);

      // And it hears appends again.
      const before = wakes;
      await other.append(conversationId, { type: 'message', text: 'heard again' });
      await until('an append after the reconnect to be heard', () => wakes > before, 5_000);
      await unwatch();
    } finally {
      await listening.close();
      await other.close();
      await closeRedis(client);
      await closeRedis(otherClient);
    }
  }, 30_000);
});
