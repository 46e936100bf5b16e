import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  createClient,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  TimeoutError,
} from 'redis';
import type { Logger } from '../log/logger';
import { loadScripts } from './redis-script';

/** How long Redis may leave a command unanswered before kefu drops the connection (see RedisWatchdog). */
export const REDIS_ANSWER_TIMEOUT_MS = 5000;

/** How long a lost connection may take to be ready again before kefu starts it over (see RedisWatchdog). */
export const REDIS_RECONNECT_TIMEOUT_MS = 10_000;

/** The name kefu's connections carry, so CLIENT LIST tells an operator which are kefu's and which process holds them. */
export const REDIS_CLIENT_NAME = `kefu-${process.pid}`;

function createRedisClient(url: string) {
  return createClient({
    url,
    // While Redis is away a command fails at once instead of waiting in memory for the reconnect: the
    // shopper gets a 503 to retry (Web Chat does) rather than a request that hangs and piles up with others.
    disableOfflineQueue: true,
    // No timeout per command: node-redis arms an AbortSignal.timeout for each one, which made a command
    // cost ~17 µs of CPU instead of ~3 µs (measured: 200,000 GETs, 64 at a time) — with ~10 commands a
    // turn, a large share of a turn on Redis — and it only bounds the wait to be written, not the wait
    // for the answer: a frozen Redis left commands hanging all the same. The watchdog catches that.
    commandOptions: { timeout: 0 },
    name: REDIS_CLIENT_NAME,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 3000),
    },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/** How long `kefu start` waits for Redis before it serves without it (503s) while it goes on trying. */
export const REDIS_STARTUP_WAIT_MS = 5000;

/** Where a Redis URL points, without the password it may hold: for log lines. */
export function redisUrlForLogs(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable redis URL';
  }
}

/** Resolves true once the client is ready, false when it is not within `waitMs`. */
export function readyWithin(client: RedisClient, waitMs: number): Promise<boolean> {
  if (client.isReady) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, waitMs);
    client.once('ready', onReady);
  });
}

/**
 * Connects to Redis with a reconnect strategy that never gives up, so a Redis restart is a pause,
 * not a crash. Errors are logged (rate-limited by node-redis's own reconnect back-off) instead of thrown
 * from the event emitter, which would otherwise bring the process down.
 *
 * A Redis that is not there yet (started after kefu, a network still coming up, a mistyped URL) does not
 * hold up the start for ever: after `startupWaitMs` the client is returned not ready, so the server listens
 * and answers as during any outage (503 `storage_unavailable`, /healthz degraded, with a log line that
 * says so) while it keeps trying in the background.
 */
export async function connectRedis(
  url: string,
  logger: Logger,
  startupWaitMs = REDIS_STARTUP_WAIT_MS,
): Promise<RedisClient> {
  const client = createRedisClient(url);
  let lastError = '';
  client.on('error', (error: Error) => {
    // The same failure repeats every reconnect attempt; one line per distinct message is enough.
    if (error.message !== lastError) logger.warn({ err: error }, 'redis connection problem');
    lastError = error.message;
  });
  client.on('ready', () => {
    // First, so it is the first command on the new connection (see loadScripts).
    loadScripts(client).catch((error: unknown) =>
      logger.warn({ err: error }, 'redis scripts not loaded: each is sent in full once instead'),
    );
    if (lastError) logger.info('redis connection restored');
    lastError = '';
  });
  // Before the first connect: a first handshake that never gets an answer is started over too.
  watchRedis(client, logger);
  // It retries by itself until it is ready; an attempt cut short by the watchdog's restart rejects here.
  client.connect().catch((error: unknown) => logger.debug({ err: error }, 'redis connect attempt ended'));
  if (!(await readyWithin(client, startupWaitMs))) {
    logger.warn(
      { redis: redisUrlForLogs(url), waitedMs: startupWaitMs },
      'redis is not reachable yet: serving without it (503 storage_unavailable, /healthz degraded) and still trying',
    );
  }
  return client;
}

const watchdogs = new WeakMap<RedisClient, RedisWatchdog>();

/**
 * Puts a RedisWatchdog on a connection until closeRedis: connectRedis does it for its own, and a
 * `duplicate()` (the pub/sub subscriber) needs it as much — a subscriber whose connection went silent
 * hears no PUBLISH, so every WebSocket stream of the instance would go deaf without an error.
 */
export function watchRedis(client: RedisClient, logger: Logger, name = 'redis'): void {
  watchdogs.get(client)?.stop();
  watchdogs.set(client, new RedisWatchdog(client, logger, { name }));
}

/**
 * Notices a Redis that keeps the connection open but stops answering (a stopped or overloaded server, a
 * network that drops packets without resetting the connection): every second it sends a PING, and when that
 * goes unanswered for REDIS_ANSWER_TIMEOUT_MS (it queues behind every command already sent, so it is
 * answered only once they are) it drops the connection. Every command waiting on it then
 * fails (a 503 the shopper retries) instead of hanging, and the client reconnects as after any outage.
 *
 * It also bounds a reconnect. node-redis times the TCP connect (connectTimeout) but not the handshake after
 * it (HELLO, CLIENT SETNAME): a connection that opens and then goes silent — made to a frozen Redis, or
 * through a network path that died half-way — waits for its answer for ever, and the client never becomes
 * ready again even once Redis is reachable. A client that stays not ready for `reconnectTimeoutMs` is
 * started over.
 */
export interface RedisWatchdogOptions {
  /** Which connection its log lines are about ('redis', 'redis subscriber'). */
  name?: string;
  everyMs?: number;
  timeoutMs?: number;
  /** Longer than node-redis's slowest attempt (3 s back-off, then a 5 s connect timeout). */
  reconnectTimeoutMs?: number;
}

export class RedisWatchdog {
  private readonly timer: NodeJS.Timeout;
  private readonly name: string;
  private readonly timeoutMs: number;
  private readonly reconnectTimeoutMs: number;
  private checking = false;
  /** When this stretch of not being ready began (ms), or the last restart in it; unset while ready. */
  private notReadySince: number | undefined;
  /** Whether this outage's restarts were logged already: one line per outage, not one per restart. */
  private restartLogged = false;

  constructor(
    private readonly client: RedisClient,
    private readonly logger: Logger,
    options: RedisWatchdogOptions = {},
  ) {
    this.name = options.name ?? 'redis';
    this.timeoutMs = options.timeoutMs ?? REDIS_ANSWER_TIMEOUT_MS;
    this.reconnectTimeoutMs = options.reconnectTimeoutMs ?? REDIS_RECONNECT_TIMEOUT_MS;
    this.timer = setInterval(() => void this.check(), options.everyMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    if (!this.client.isReady) {
      // While connecting, commands already fail at once (no offline queue): nothing waits on a PING.
      this.checkReconnect();
      return;
    }
    this.notReadySince = undefined;
    this.restartLogged = false;
    this.checking = true;
    let timer: NodeJS.Timeout | undefined;
    const unanswered = new Promise<'unanswered'>((resolve) => {
      timer = setTimeout(() => resolve('unanswered'), this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([this.client.ping(), unanswered]);
      if (outcome === 'unanswered' && this.client.isReady) this.reconnect();
    } catch {
      // A failed PING means a broken connection, which node-redis already reconnects.
    } finally {
      clearTimeout(timer);
      this.checking = false;
    }
  }

  private checkReconnect(): void {
    // Not open: closed on purpose (shutdown), or never connected; nothing of ours to restart.
    if (!this.client.isOpen) {
      this.notReadySince = undefined;
      return;
    }
    const now = Date.now();
    this.notReadySince ??= now;
    if (now - this.notReadySince < this.reconnectTimeoutMs) return;
    this.notReadySince = now;
    if (!this.restartLogged) {
      this.logger.warn(
        { timeoutMs: this.reconnectTimeoutMs },
        `${this.name} connection not ready within the timeout: starting the connection over (logged once per outage)`,
      );
      this.restartLogged = true;
    }
    this.restart();
  }

  private reconnect(): void {
    this.logger.warn(
      { timeoutMs: this.timeoutMs },
      `${this.name} did not answer within the timeout: dropping the connection and reconnecting`,
    );
    this.restart();
  }

  private restart(): void {
    this.client.destroy();
    this.client.connect().catch((error: unknown) => {
      this.logger.warn({ err: error }, `${this.name} reconnect failed`);
    });
  }
}

/** Closes a client politely, falling back to a hard disconnect when Redis is unreachable. */
export async function closeRedis(client: RedisClient): Promise<void> {
  watchdogs.get(client)?.stop();
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
      cause instanceof DisconnectsClientError ||
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
