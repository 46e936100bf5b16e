import type { Activity } from 'botbuilder';
import type { Logger } from '../../log/logger';
import { Keyspace } from '../../storage/keyspace';
import { closeRedis, readyWithin, watchRedis, type RedisClient } from '../../storage/redis-client';
import {
  ACTIVITY_PAGE_SIZE,
  activityId,
  MAX_LOGGED_ACTIVITIES,
  type ActivityLog,
  type ActivityPage,
  type LoggedActivity,
} from './activity-log';
import { RedisScript } from '../../storage/redis-script';

/**
 * Numbers the activity and appends it in one step, so two instances appending to one conversation cannot
 * hand out the same watermark. The stream entry id is `0-<sequence>`: the watermark is the entry id, and
 * a read after watermark N starts at `0-(N+1)`. PUBLISH wakes the WebSockets of every instance.
 * With a client id key (KEYS[4]) an id seen before appends nothing and returns the earlier activity's
 * sequence, negated: checked and recorded in the same script, so a retry racing its original on another
 * instance is still one message.
 */
const APPEND = new RedisScript(`
if KEYS[4] then
  local known = redis.call('GET', KEYS[4])
  if known then return -tonumber(known) end
end
local sequence = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '0-' .. sequence, 'a', ARGV[1])
if KEYS[4] then redis.call('SET', KEYS[4], sequence, 'EX', ARGV[4]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', KEYS[3], sequence)
return sequence`);

/**
 * How long a client activity id is remembered: retries come within seconds or minutes, and a key per
 * message kept as long as the log (30 days) would cost a busy shop gigabytes of Redis.
 */
const CLIENT_ID_TTL_SECONDS = 24 * 3600;

/** How long a new watch waits for the subscriber connection to be ready before it fails as unavailable. */
export const SUBSCRIBER_WAIT_MS = 5000;

/** The subscriber connection is not ready: Redis is down or unreachable; the client may retry. */
export class SubscriberUnavailableError extends Error {
  constructor(waitedMs: number) {
    super(`the redis subscriber connection was not ready within ${waitedMs} ms`);
    this.name = 'SubscriberUnavailableError';
  }
}

export interface RedisActivityLogOptions {
  prefix: string;
  /** A conversation untouched this long is forgotten. */
  ttlSeconds?: number;
  logger: Logger;
}

/** The Direct Line activity log on Redis Streams: one capped stream per conversation. */
export class RedisActivityLog implements ActivityLog {
  private readonly keys: Keyspace;
  private readonly ttlSeconds: number;
  private subscriber: RedisClient | undefined;
  /** Every watcher's callback, to wake them all when the subscriber reconnects. */
  private readonly watchers = new Set<() => void>();
  private detach: (() => void) | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisActivityLogOptions,
  ) {
    this.keys = new Keyspace(`${options.prefix}dl:`);
    this.ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<LoggedActivity> {
    const sequence = await this.runAppend(conversationId, activity);
    return { ...activity, id: activityId(conversationId, sequence) };
  }

  async appendOnce(
    conversationId: string,
    clientActivityId: string,
    activity: Partial<Activity>,
  ): Promise<{ logged: LoggedActivity; repeated: boolean }> {
    const result = await this.runAppend(conversationId, activity, clientActivityId);
    if (result > 0)
      return { logged: { ...activity, id: activityId(conversationId, result) }, repeated: false };
    const sequence = -result;
    const page = await this.read(conversationId, sequence - 1, 1);
    const earlier = page.activities[0];
    // Trimmed off a long log since: nothing to answer again, but still not a new message.
    return { logged: earlier ?? { ...activity, id: activityId(conversationId, sequence) }, repeated: true };
  }

  async knows(conversationId: string, clientActivityId: string): Promise<boolean> {
    return (await this.redis.exists(this.clientKey(conversationId, clientActivityId))) === 1;
  }

  async read(conversationId: string, watermark: number, limit = ACTIVITY_PAGE_SIZE): Promise<ActivityPage> {
    const entries = await this.redis.xRange(this.streamKey(conversationId), `0-${watermark + 1}`, '+', {
      COUNT: limit,
    });
    let last = watermark;
    const activities = (entries ?? []).map((entry) => {
      const sequence = Number(entry.id.slice(2));
      last = sequence;
      const stored = JSON.parse(String(entry.message.a)) as Partial<Activity>;
      return { ...stored, id: activityId(conversationId, sequence) };
    });
    return { activities, watermark: last };
  }

  async watch(conversationId: string, onAppend: () => void): Promise<() => Promise<void>> {
    const subscriber = await this.readySubscriber();
    const channel = this.channel(conversationId);
    const listener = () => onAppend();
    await subscriber.subscribe(channel, listener);
    this.watchers.add(onAppend);
    return async () => {
      this.watchers.delete(onAppend);
      if (subscriber.isOpen) await subscriber.unsubscribe(channel, listener);
    };
  }

  async close(): Promise<void> {
    this.detach?.();
    this.detach = undefined;
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await closeRedis(subscriber);
  }

  /** The APPEND script: the new activity's sequence, or minus the earlier one's for a known client id. */
  private async runAppend(
    conversationId: string,
    activity: Partial<Activity>,
    clientActivityId?: string,
  ): Promise<number> {
    const keys = [
      this.streamKey(conversationId),
      this.keys.key('seq', conversationId),
      this.channel(conversationId),
    ];
    const args = [JSON.stringify(activity), String(MAX_LOGGED_ACTIVITIES), String(this.ttlSeconds)];
    if (clientActivityId !== undefined) {
      keys.push(this.clientKey(conversationId, clientActivityId));
      args.push(String(Math.min(this.ttlSeconds, CLIENT_ID_TTL_SECONDS)));
    }
    return Number(await APPEND.run(this.redis, { keys, arguments: args }));
  }

  private clientKey(conversationId: string, clientActivityId: string): string {
    return this.keys.key('client', conversationId, clientActivityId);
  }

  private streamKey(conversationId: string): string {
    return this.keys.key('log', conversationId);
  }

  private channel(conversationId: string): string {
    return this.keys.key('appended', conversationId);
  }

  /**
   * The process's one subscriber connection, opened when the first WebSocket needs it, and ready: a watch
   * waits for it at most SUBSCRIBER_WAIT_MS. Redis down or unreachable then fails the watch (the stream
   * closes with 1011 and the client reconnects with its watermark) instead of leaving a socket open that
   * hears nothing — while the connection goes on trying in the background, for the next watch.
   */
  private async readySubscriber(): Promise<RedisClient> {
    const subscriber = (this.subscriber ??= this.openSubscriber());
    if (!(await readyWithin(subscriber, SUBSCRIBER_WAIT_MS)))
      throw new SubscriberUnavailableError(SUBSCRIBER_WAIT_MS);
    return subscriber;
  }

  private openSubscriber(): RedisClient {
    const { logger } = this.options;
    const subscriber = this.redis.duplicate();
    let lastError = '';
    subscriber.on('error', (error: Error) => {
      // Each reconnect attempt repeats the failure; one line per distinct message is enough.
      if (error.message !== lastError) logger.warn({ err: error }, 'redis subscriber connection problem');
      lastError = error.message;
    });
    // Its own watchdog, from the start: a subscriber only listens, so nothing else would notice its
    // connection going silent — nor a first handshake that never gets an answer (node-redis times only
    // the TCP connect), which would otherwise leave it connecting for ever.
    watchRedis(subscriber, logger, 'redis subscriber');
    // Back after an outage (subscriptions restored): appends published while this connection was down
    // reached nobody, so every watcher reads from its watermark once, as if told of an append — when
    // both connections are back, or the read would fail and close the shopper's stream for nothing.
    const wakeAll = () => {
      lastError = '';
      if (!subscriber.isReady || !this.redis.isReady) return;
      for (const wake of [...this.watchers]) wake();
    };
    subscriber.on('ready', wakeAll);
    this.redis.on('ready', wakeAll);
    this.detach = () => this.redis.off('ready', wakeAll);
    // It retries by itself until it is ready; a connect cut short by the watchdog's restart rejects here.
    subscriber.connect().catch((error: unknown) => {
      logger.debug({ err: error }, 'redis subscriber connect attempt ended');
    });
    return subscriber;
  }
}
