import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket, WebSocketServer } from 'ws';
import type { ActivityLog, LoggedActivity } from '../../src/channels/directline/activity-log';
import { streamActivities } from '../../src/channels/directline/websocket-stream';
import { createLogger } from '../../src/log/logger';
import {
  RedisActivityLog,
  SUBSCRIBER_WAIT_MS,
  SubscriberUnavailableError,
} from '../../src/channels/directline/redis-activity-log';
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

/** A proxy in front of the test Redis for each test, closed after it. */
function useProxyToRedis(redis: { url: string }): () => Promise<StallingProxy> {
  let proxy: StallingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  return async () => {
    const target = new URL(redis.url);
    proxy = await startStallingProxy({ host: target.hostname, port: Number(target.port || 6379) });
    return proxy;
  };
}

/** A logger at warn whose lines the test can read. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'warn',
    pretty: false,
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines };
}

/**
 * Two instances' activity logs: `listening`, whose connections go through the proxy (its first is the
 * command connection, the subscriber the next), and `other`, straight to Redis, whose appends it should hear of.
 */
async function twoInstances(
  proxy: StallingProxy,
  redis: { url: string; prefix: string },
  logger: ReturnType<typeof createLogger>,
) {
  const client = await connectRedis(`redis://127.0.0.1:${proxy.port}`, logger);
  const listening = new RedisActivityLog(client, { prefix: redis.prefix, logger });
  const otherClient = await connectRedis(redis.url, logger);
  const other = new RedisActivityLog(otherClient, { prefix: redis.prefix, logger });
  const closeBoth = async () => {
    await listening.close();
    await other.close();
    await closeRedis(client);
    await closeRedis(otherClient);
  };
  return { client, listening, other, closeBoth };
}

describeRedis('a Redis connection that opens and then goes silent', () => {
  const redis = useRedis('reconnect');
  const openProxy = useProxyToRedis(redis);

  it('is started over, so kefu is back on Redis once the path is, instead of waiting on it for ever', async () => {
    const proxy = await openProxy();
    const { logger, lines } = capturingLogger();
    const client = await connectRedis(`redis://127.0.0.1:${proxy.port}`, logger);
    const key = `${redis.prefix}reconnect`;
    try {
      await client.set(key, 'kept');

      // The connection drops; the client's reconnect opens a connection that never answers its handshake.
      proxy.stall();
      const stalledAt = Date.now();
      await until('a reconnect to open onto the silent path', () => proxy.stalledConnections >= 1, 5_000);
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
  const openProxy = useProxyToRedis(redis);

  it('is dropped and reconnected by its own watchdog, and the watchers then hear what they missed', async () => {
    const proxy = await openProxy();
    const { logger, lines } = capturingLogger();
    const { listening, other, closeBoth } = await twoInstances(proxy, redis, logger);
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
      await closeBoth();
    }
  }, 30_000);
});

describeRedis('the first WebSocket watch while Redis cannot be reached', () => {
  const redis = useRedis('subscriber-first');
  const openProxy = useProxyToRedis(redis);

  it('fails within the wait (the stream closes, the client retries) and works once Redis is back', async () => {
    const proxy = await openProxy();
    const logger = createLogger({ level: 'silent', pretty: false });
    const { client, listening, other, closeBoth } = await twoInstances(proxy, redis, logger);
    const conversationId = 'subscriber-first-1';
    try {
      // Every connection through the proxy opens and then hears nothing: the subscriber's first
      // handshake gets no answer, which node-redis would wait on for ever.
      proxy.stall();
      const startedAt = Date.now();
      await expect(listening.watch(conversationId, () => undefined)).rejects.toBeInstanceOf(
        SubscriberUnavailableError,
      );
      const waited = Date.now() - startedAt;
      expect(waited).toBeGreaterThanOrEqual(SUBSCRIBER_WAIT_MS - 100);
      expect(waited).toBeLessThan(SUBSCRIBER_WAIT_MS + 2_000);

      // The path is back; the stuck handshake is started over by the subscriber's watchdog.
      proxy.forward();
      let wakes = 0;
      let unwatch: (() => Promise<void>) | undefined;
      const deadline = Date.now() + REDIS_RECONNECT_TIMEOUT_MS + 15_000;
      while (!unwatch) {
        if (Date.now() > deadline) throw new Error('the subscriber never became ready');
        unwatch = await listening.watch(conversationId, () => (wakes += 1)).catch(() => undefined);
      }
      await until('the command connection to be ready', () => client.isReady, 15_000);
      await other.append(conversationId, { type: 'message', text: 'heard' });
      await until('the append to be heard', () => wakes >= 1, 5_000);
      await unwatch();
    } finally {
      await closeBoth();
    }
  }, 60_000);
});

/** A real WebSocket pair on loopback: the server side streams `log`'s conversation; the client side is returned. */
async function openStream(log: ActivityLog, conversationId: string, logger: ReturnType<typeof createLogger>) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    void streamActivities(socket, {
      activityLog: log,
      conversationId,
      watermark: 0,
      logger,
    });
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: LoggedActivity[] = [];
  let closeCode: number | undefined;
  client.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (text) received.push(...(JSON.parse(text) as { activities: LoggedActivity[] }).activities);
  });
  client.on('close', (code) => (closeCode = code));
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  const close = async () => {
    client.close();
    for (const socket of server.clients) socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { client, received, closeCode: () => closeCode, close };
}

describeRedis('a WebSocket stream whose read meets a Redis that went away', () => {
  const redis = useRedis('stream-outage');
  const openProxy = useProxyToRedis(redis);

  it('stays open through the outage and delivers what it could not read once Redis answers again', async () => {
    const proxy = await openProxy();
    const logger = createLogger({ level: 'silent', pretty: false });
    const { listening, other, closeBoth } = await twoInstances(proxy, redis, logger);
    const conversationId = 'stream-outage-1';
    const stream = await openStream(listening, conversationId, logger);
    const texts = () => stream.received.map((activity) => activity.text);
    try {
      await other.append(conversationId, { type: 'message', text: 'before' });
      await until('the first activity on the stream', () => texts().includes('before'), 5_000);

      // The command connection goes silent; the subscriber still hears the next append, so the stream's
      // read of it goes out on the silent connection and fails when the watchdog drops that connection.
      proxy.freeze(0);
      await other.append(conversationId, { type: 'message', text: 'during' });
      await until(
        'the activity read after the command connection is started over',
        () => texts().includes('during'),
        REDIS_ANSWER_TIMEOUT_MS + 10_000,
      );
      expect(stream.closeCode()).toBeUndefined();
      expect(stream.client.readyState).toBe(WebSocket.OPEN);

      await other.append(conversationId, { type: 'message', text: 'after' });
      await until('an activity after the outage', () => texts().includes('after'), 5_000);
      // Each once, in order: the read that failed sent nothing, the one after it everything.
      expect(texts()).toEqual(['before', 'during', 'after']);
    } finally {
      await stream.close();
      await closeBoth();
    }
  }, 40_000);
});
