import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/log/logger';
import { closeRedis, connectRedis, REDIS_RECONNECT_TIMEOUT_MS } from '../../src/storage/redis-client';
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
