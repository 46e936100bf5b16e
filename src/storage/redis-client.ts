import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  createClient,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  TimeoutError,
} from 'redis';
import type { Logger } from '../log/logger';

function createRedisClient(url: string) {
  return createClient({
    url,
    // While Redis is away a command fails at once instead of waiting in memory for the reconnect: the
    // shopper gets a 503 to retry (Web Chat does) rather than a request that hangs and piles up with others.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 3000),
    },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/**
 * Connects to Redis with a reconnect strategy that never gives up, so a Redis restart is a pause,
 * not a crash. Errors are logged (rate-limited by node-redis's own reconnect back-off) instead of thrown
 * from the event emitter, which would otherwise bring the process down.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createRedisClient(url);
  let lastError = '';
  client.on('error', (error: Error) => {
    // The same failure repeats every reconnect attempt; one line per distinct message is enough.
    if (error.message !== lastError) logger.warn({ err: error }, 'redis connection problem');
    lastError = error.message;
  });
  client.on('ready', () => {
    if (lastError) logger.info('redis connection restored');
    lastError = '';
  });
  await client.connect();
  return client;
}

/** Closes a client politely, falling back to a hard disconnect when Redis is unreachable. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await Promise.race([
      client.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 2000).unref()),
    ]);
  } catch {
    client.destroy();
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * Whether an error means "Redis cannot be reached right now" (it is down, restarting, or the connection
 * broke), which a client may simply retry, as opposed to a bug or a bad request.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (
      cause instanceof ClientOfflineError ||
      cause instanceof ClientClosedError ||
      cause instanceof SocketClosedUnexpectedlyError ||
      cause instanceof ConnectionTimeoutError ||
      cause instanceof ReconnectStrategyError ||
      cause instanceof TimeoutError ||
      UNAVAILABLE_CODES.has((cause as NodeJS.ErrnoException).code ?? '')
    ) {
      return true;
    }
    cause = cause.cause;
  }
  return false;
}
