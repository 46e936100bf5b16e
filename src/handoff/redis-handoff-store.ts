import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { TurnRecord } from '../storage/conversation-log';
import { MAX_TRANSCRIPT_RECORDS } from '../storage/conversation-log';
import { Keyspace } from '../storage/keyspace';
import type { RedisClient } from '../storage/redis-client';
import type { HandoffSession, HandoffState } from './agent-hub';
import {
  CLOSED_SESSION_TTL_SECONDS,
  MAX_CUSTOMER_NOTES,
  queueScore,
  RECENT_WAITS_KEPT,
  type AgentPresence,
  type AgentSeat,
  type CancelOutcome,
  type CustomerNote,
  type CustomerRecord,
  type HandoffRefusal,
  type HandoffStore,
  type StoreOutcome,
} from './handoff-store';
import {
  agentStatusSchema,
  hubEventSchema,
  type AgentPresenceStatus,
  type HubEvent,
  type HubEventListener,
} from './hub-events';
import { quickReplyListSchema, type QuickReply } from './quick-replies';
import { RedisScript } from '../storage/redis-script';

/*
 * Every state change is one Lua script, so it is atomic across instances: of fifty accepts of one
 * conversation, from any number of instances, exactly one finds it still queued. Each script answers with
 * its outcome followed by the session's fields as they are after the change (HGETALL), so the caller never
 * reads a session that another instance changed in between.
 *
 * A session is a hash of plain fields; the context and the conversation reference are JSON strings inside
 * it. Scripts touch only the plain fields, never decode JSON (cjson would turn empty arrays into objects).
 */

const REPLY = `
local function reply(status)
  local out = redis.call('HGETALL', KEYS[1])
  table.insert(out, 1, status)
  return out
end
`;

/** KEYS: session, queue, messages. ARGV: conversation id, queue score, then the session's field/value pairs. */
const ENQUEUE = new RedisScript(`${REPLY}
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'queued' or state == 'assigned' then return reply('exists') end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return reply('created')`);

/** KEYS: session, queue, messages. ARGV: conversation id. */
const CANCEL = new RedisScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'assigned' then return 'assigned' end
if state ~= 'queued' then return 'none' end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return 'cancelled'`);

/*
 * `seated` (a set) names the agents holding at least one chat, so the sweep for agents gone offline finds
 * the chats of an account removed from KEFU_AGENTS too: every script that fills or empties a `chats:<agent>`
 * set keeps it in step.
 */

/**
 * KEYS: session, queue, the agent's chats, recent waits, seated agents.
 * ARGV: conversation id, username, max chats, now (ISO), now (ms), waits kept.
 * A session back in the queue after its agent left waited from then (requeuedAtMs), not from queuedAtMs.
 */
const ACCEPT = new RedisScript(`${REPLY}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return reply('not_found') end
if state ~= 'queued' then return reply('not_queued') end
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[3]) then return reply('at_capacity') end
redis.call('HSET', KEYS[1], 'state', 'assigned', 'assignedTo', ARGV[2], 'assignedAt', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[2])
local queuedAtMs = tonumber(redis.call('HGET', KEYS[1], 'requeuedAtMs'))
  or tonumber(redis.call('HGET', KEYS[1], 'queuedAtMs')) or tonumber(ARGV[5])
redis.call('LPUSH', KEYS[4], tostring(math.max(0, tonumber(ARGV[5]) - queuedAtMs) / 1000))
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[6]) - 1)
return reply('ok')`);

/**
 * KEYS: session, the giver's chats, the taker's chats, seated agents.
 * ARGV: conversation id, from, to, taker's max, now (ISO).
 */
const TRANSFER = new RedisScript(`${REPLY}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return reply('not_found') end
if state ~= 'assigned' then return reply('not_assigned') end
if redis.call('HGET', KEYS[1], 'assignedTo') ~= ARGV[2] then return reply('not_yours') end
if ARGV[2] == ARGV[3] then return reply('same_agent') end
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[4]) then return reply('at_capacity') end
redis.call('SREM', KEYS[2], ARGV[1])
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[4], ARGV[2]) end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('HSET', KEYS[1], 'assignedTo', ARGV[3], 'assignedAt', ARGV[5], 'transferredFrom', ARGV[2])
return reply('ok')`);

/**
 * KEYS: session, the agent's chats, messages, seated agents.
 * ARGV: conversation id, agent, now (ISO), resolution, ttl.
 */
const CLOSE = new RedisScript(`${REPLY}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return reply('not_found') end
if state ~= 'assigned' then return reply('not_assigned') end
if redis.call('HGET', KEYS[1], 'assignedTo') ~= ARGV[2] then return reply('not_yours') end
redis.call('SREM', KEYS[2], ARGV[1])
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[4], ARGV[2]) end
redis.call('HSET', KEYS[1], 'state', 'closed', 'closedAt', ARGV[3], 'closedBy', ARGV[2],
  'resolution', ARGV[4], 'ratingPending', '1')
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[3], ARGV[5])
return reply('ok')`);

/**
 * KEYS: session, queue, the agent's chats, presence expiries, seated agents.
 * ARGV: conversation id, agent, now (ms), now (ISO), queue score, the queuedAt the caller read.
 * The presence check and the move are one step, so an agent whose heartbeat lands first keeps the chat,
 * and of two instances sweeping at once only one finds it still assigned. The queuedAt check makes sure
 * the score (computed from the session the caller read) belongs to this very session, not to a newer one.
 */
const REQUEUE = new RedisScript(`${REPLY}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return reply('not_found') end
if state ~= 'assigned' or redis.call('HGET', KEYS[1], 'queuedAt') ~= ARGV[6] then
  return reply('not_assigned')
end
if redis.call('HGET', KEYS[1], 'assignedTo') ~= ARGV[2] then return reply('not_yours') end
local seen = redis.call('ZSCORE', KEYS[4], ARGV[2])
if seen and tonumber(seen) > tonumber(ARGV[3]) then return reply('agent_present') end
redis.call('HDEL', KEYS[1], 'assignedTo', 'assignedAt', 'firstAgentReplyAt', 'transferredFrom')
redis.call('HSET', KEYS[1], 'state', 'queued', 'requeuedFrom', ARGV[2], 'requeuedAt', ARGV[4],
  'requeuedAtMs', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SCARD', KEYS[3]) == 0 then redis.call('SREM', KEYS[5], ARGV[2]) end
return reply('ok')`);

/** KEYS: session. ARGV: rating ('' for none). */
const RATE = new RedisScript(`${REPLY}
if redis.call('HGET', KEYS[1], 'state') ~= 'closed' then return {'none'} end
redis.call('HSET', KEYS[1], 'ratingPending', '0')
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], 'rating', ARGV[1]) end
return reply('ok')`);

/** KEYS: session. ARGV: time. HSETNX alone would create a hash for a session that is gone. */
const FIRST_REPLY = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSETNX', KEYS[1], 'firstAgentReplyAt', ARGV[1]) end
return 1`);

/** KEYS: presence expiries (zset), presence statuses (hash). ARGV: username, now (ms), new expiry (ms). */
const REFRESH_PRESENCE = new RedisScript(`
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= tonumber(ARGV[2]) then return 0 end
if tonumber(ARGV[3]) > tonumber(score) then redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
return 1`);

/**
 * KEYS: presence expiries, presence statuses. ARGV: now (ms).
 * Forgets lapsed presences, then lists the others as username, status, expiry triples.
 */
const LIST_PRESENCE = new RedisScript(`
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, username in ipairs(lapsed) do redis.call('HDEL', KEYS[2], username) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'WITHSCORES')
local out = {}
for i = 1, #live, 2 do
  local status = redis.call('HGET', KEYS[2], live[i])
  if status then
    table.insert(out, live[i])
    table.insert(out, status)
    table.insert(out, live[i + 1])
  end
end
return out`);

export interface RedisHandoffStoreOptions {
  /** Key prefix, e.g. `kefu:`; the store adds `handoff:`. */
  prefix: string;
  logger: Logger;
}

type Fields = Record<string, string>;

function toFields(session: HandoffSession): Fields {
  const fields: Fields = {
    conversationId: session.conversationId,
    state: session.state,
    context: JSON.stringify(session.context),
    reference: JSON.stringify(session.reference),
    queuedAt: session.queuedAt,
    queuedAtMs: String(Date.parse(session.queuedAt)),
  };
  const optional = {
    assignedTo: session.assignedTo,
    assignedAt: session.assignedAt,
    transferredFrom: session.transferredFrom,
    requeuedFrom: session.requeuedFrom,
    requeuedAt: session.requeuedAt,
    requeuedAtMs: session.requeuedAt === undefined ? undefined : String(Date.parse(session.requeuedAt)),
    firstAgentReplyAt: session.firstAgentReplyAt,
    closedAt: session.closedAt,
    closedBy: session.closedBy,
    resolution: session.resolution,
    ratingPending: session.ratingPending === undefined ? undefined : session.ratingPending ? '1' : '0',
    rating: session.rating === undefined ? undefined : String(session.rating),
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) fields[name] = value;
  return fields;
}

function fromFields(fields: Fields): HandoffSession | undefined {
  if (!fields.state || !fields.context) return undefined;
  const session: HandoffSession = {
    conversationId: fields.conversationId,
    state: fields.state as HandoffState,
    context: JSON.parse(fields.context) as HandoffSession['context'],
    reference: JSON.parse(fields.reference ?? '{}') as HandoffSession['reference'],
    queuedAt: fields.queuedAt,
  };
  if (fields.assignedTo !== undefined) session.assignedTo = fields.assignedTo;
  if (fields.assignedAt !== undefined) session.assignedAt = fields.assignedAt;
  if (fields.transferredFrom !== undefined) session.transferredFrom = fields.transferredFrom;
  if (fields.requeuedFrom !== undefined) session.requeuedFrom = fields.requeuedFrom;
  if (fields.requeuedAt !== undefined) session.requeuedAt = fields.requeuedAt;
  if (fields.firstAgentReplyAt !== undefined) session.firstAgentReplyAt = fields.firstAgentReplyAt;
  if (fields.closedAt !== undefined) session.closedAt = fields.closedAt;
  if (fields.closedBy !== undefined) session.closedBy = fields.closedBy;
  if (fields.resolution !== undefined) session.resolution = fields.resolution;
  if (fields.ratingPending !== undefined) session.ratingPending = fields.ratingPending === '1';
  if (fields.rating !== undefined) session.rating = Number(fields.rating);
  return session;
}

/** A script's `{status, field, value, …}` answer. */
function parseReply(raw: unknown): { status: string; session: HandoffSession | undefined } {
  const items = (raw as unknown[]).map(String);
  const fields: Fields = {};
  for (let index = 1; index + 1 < items.length; index += 2) fields[items[index]] = items[index + 1];
  return { status: items[0], session: fromFields(fields) };
}

function outcome(raw: unknown): StoreOutcome {
  const { status, session } = parseReply(raw);
  if (status === 'ok' && session) return { ok: true, session };
  return { ok: false, reason: (status === 'ok' ? 'not_found' : status) as HandoffRefusal, session };
}

/**
 * The handoff on Redis, shared by every server instance (keys under `<prefix>handoff:`):
 * `session:<conversation>` (hash), `messages:<conversation>` (list), `queue` (sorted set scored by
 * priority, then time queued), `chats:<agent>` (set of assigned conversations), `seated` (set of the
 * agents with any), `presence` (sorted set of expiry times) with `presence-status` (hash), `waits` (list),
 * `customer-tags:<id>` (set), `customer-notes:<id>` (list), `quick-replies`, `token-key`, and the pub/sub
 * channel `events`.
 * Queued and assigned sessions never expire: a waiting shopper must not vanish from the queue. Closed ones
 * go after a week.
 */
export class RedisHandoffStore implements HandoffStore {
  private readonly keys: Keyspace;
  private readonly listeners = new Set<HubEventListener>();
  private subscriber: Promise<RedisClient> | undefined;
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisHandoffStoreOptions,
  ) {
    this.keys = new Keyspace(`${options.prefix}handoff:`);
  }

  async session(conversationId: string): Promise<HandoffSession | undefined> {
    return fromFields(await this.redis.hGetAll(this.sessionKey(conversationId)));
  }

  async enqueue(session: HandoffSession): Promise<{ created: boolean; session: HandoffSession }> {
    const stored: HandoffSession = { ...session, state: 'queued' };
    const raw = await ENQUEUE.run(this.redis, {
      keys: [
        this.sessionKey(session.conversationId),
        this.keys.key('queue'),
        this.messagesKey(session.conversationId),
      ],
      arguments: [
        session.conversationId,
        String(queueScore(session.context.priority, Date.parse(session.queuedAt))),
        ...Object.entries(toFields(stored)).flat(),
      ],
    });
    const { status, session: current } = parseReply(raw);
    return { created: status === 'created', session: current ?? stored };
  }

  async queue(): Promise<HandoffSession[]> {
    const ids = await this.redis.zRange(this.keys.key('queue'), 0, -1);
    if (ids.length === 0) return [];
    const rows = await Promise.all(ids.map((id) => this.redis.hGetAll(this.sessionKey(id))));
    const sessions: HandoffSession[] = [];
    const stale: string[] = [];
    rows.forEach((fields, index) => {
      const session = fromFields(fields);
      if (session?.state === 'queued') sessions.push(session);
      else if (!session) stale.push(ids[index]);
    });
    // A session deleted by hand (or by a flush of its key) must not block the queue for ever.
    if (stale.length > 0) await this.redis.zRem(this.keys.key('queue'), stale);
    return sessions;
  }

  async position(conversationId: string): Promise<number | undefined> {
    const rank = await this.redis.zRank(this.keys.key('queue'), conversationId);
    return rank === null ? undefined : rank + 1;
  }

  async cancel(conversationId: string): Promise<CancelOutcome> {
    const result = await CANCEL.run(this.redis, {
      keys: [this.sessionKey(conversationId), this.keys.key('queue'), this.messagesKey(conversationId)],
      arguments: [conversationId],
    });
    return String(result) as CancelOutcome;
  }

  async accept(conversationId: string, agent: AgentSeat, now: Date): Promise<StoreOutcome> {
    return outcome(
      await ACCEPT.run(this.redis, {
        keys: [
          this.sessionKey(conversationId),
          this.keys.key('queue'),
          this.chatsKey(agent.username),
          this.keys.key('waits'),
          this.keys.key('seated'),
        ],
        arguments: [
          conversationId,
          agent.username,
          String(agent.maxConcurrentChats),
          now.toISOString(),
          String(now.getTime()),
          String(RECENT_WAITS_KEPT),
        ],
      }),
    );
  }

  async transfer(conversationId: string, from: string, to: AgentSeat, now: Date): Promise<StoreOutcome> {
    return outcome(
      await TRANSFER.run(this.redis, {
        keys: [
          this.sessionKey(conversationId),
          this.chatsKey(from),
          this.chatsKey(to.username),
          this.keys.key('seated'),
        ],
        arguments: [conversationId, from, to.username, String(to.maxConcurrentChats), now.toISOString()],
      }),
    );
  }

  async close(conversationId: string, agent: string, resolution: string, now: Date): Promise<StoreOutcome> {
    return outcome(
      await CLOSE.run(this.redis, {
        keys: [
          this.sessionKey(conversationId),
          this.chatsKey(agent),
          this.messagesKey(conversationId),
          this.keys.key('seated'),
        ],
        arguments: [conversationId, agent, now.toISOString(), resolution, String(CLOSED_SESSION_TTL_SECONDS)],
      }),
    );
  }

  async requeue(conversationId: string, agent: string, now: Date): Promise<StoreOutcome> {
    // The score needs the priority, which lives in the context's JSON that scripts never decode; so it is
    // read here, and the script checks that the session is still the one read (its queuedAt).
    const current = await this.session(conversationId);
    if (!current) return { ok: false, reason: 'not_found' };
    return outcome(
      await REQUEUE.run(this.redis, {
        keys: [
          this.sessionKey(conversationId),
          this.keys.key('queue'),
          this.chatsKey(agent),
          this.keys.key('presence'),
          this.keys.key('seated'),
        ],
        arguments: [
          conversationId,
          agent,
          String(now.getTime()),
          now.toISOString(),
          String(queueScore(current.context.priority, Date.parse(current.queuedAt))),
          current.queuedAt,
        ],
      }),
    );
  }

  async seatedAgents(): Promise<string[]> {
    return (await this.redis.sMembers(this.keys.key('seated'))).sort();
  }

  async markFirstReply(conversationId: string, at: Date): Promise<void> {
    await FIRST_REPLY.run(this.redis, {
      keys: [this.sessionKey(conversationId)],
      arguments: [at.toISOString()],
    });
  }

  async recordRating(
    conversationId: string,
    rating: number | undefined,
  ): Promise<HandoffSession | undefined> {
    const raw = await RATE.run(this.redis, {
      keys: [this.sessionKey(conversationId)],
      arguments: [rating === undefined ? '' : String(rating)],
    });
    const { status, session } = parseReply(raw);
    return status === 'ok' ? session : undefined;
  }

  async assignedTo(username: string): Promise<string[]> {
    return (await this.redis.sMembers(this.chatsKey(username))).sort();
  }

  async appendMessage(conversationId: string, record: TurnRecord): Promise<void> {
    const key = this.messagesKey(conversationId);
    await this.redis
      .multi()
      .rPush(key, JSON.stringify(record))
      .lTrim(key, -MAX_TRANSCRIPT_RECORDS, -1)
      .exec();
  }

  async messages(conversationId: string): Promise<TurnRecord[]> {
    const rows = await this.redis.lRange(this.messagesKey(conversationId), 0, -1);
    return rows.map((row) => JSON.parse(row) as TurnRecord);
  }

  async setPresence(username: string, status: AgentPresenceStatus, expiresAt: Date): Promise<void> {
    const [seen, statuses] = [this.keys.key('presence'), this.keys.key('presence-status')];
    if (status === 'offline') {
      await this.redis.multi().zRem(seen, username).hDel(statuses, username).exec();
      return;
    }
    await this.redis
      .multi()
      .zAdd(seen, { score: expiresAt.getTime(), value: username })
      .hSet(statuses, username, status)
      .exec();
  }

  async refreshPresence(username: string, now: Date, expiresAt: Date): Promise<boolean> {
    const refreshed = await REFRESH_PRESENCE.run(this.redis, {
      keys: [this.keys.key('presence'), this.keys.key('presence-status')],
      arguments: [username, String(now.getTime()), String(expiresAt.getTime())],
    });
    return refreshed === 1;
  }

  async presence(now: Date): Promise<AgentPresence[]> {
    const raw = (await LIST_PRESENCE.run(this.redis, {
      keys: [this.keys.key('presence'), this.keys.key('presence-status')],
      arguments: [String(now.getTime())],
    })) as unknown[];
    const present: AgentPresence[] = [];
    for (let index = 0; index + 2 < raw.length; index += 3) {
      const status = agentStatusSchema.safeParse(String(raw[index + 1]));
      if (!status.success) continue;
      present.push({
        username: String(raw[index]),
        status: status.data,
        expiresAt: new Date(Number(raw[index + 2])).toISOString(),
      });
    }
    return present;
  }

  async recentWaits(): Promise<number[]> {
    const rows = await this.redis.lRange(this.keys.key('waits'), 0, RECENT_WAITS_KEPT - 1);
    return rows.map(Number).filter((seconds) => Number.isFinite(seconds));
  }

  async recordWait(seconds: number): Promise<void> {
    const key = this.keys.key('waits');
    await this.redis
      .multi()
      .lPush(key, String(seconds))
      .lTrim(key, 0, RECENT_WAITS_KEPT - 1)
      .exec();
  }

  async customer(customerId: string): Promise<CustomerRecord> {
    const [tags, notes] = await Promise.all([
      this.redis.sMembers(this.keys.key('customer-tags', customerId)),
      this.redis.lRange(this.keys.key('customer-notes', customerId), 0, -1),
    ]);
    return { tags: tags.sort(), notes: notes.map((note) => JSON.parse(note) as CustomerNote) };
  }

  async addTag(customerId: string, tag: string): Promise<CustomerRecord> {
    await this.redis.sAdd(this.keys.key('customer-tags', customerId), tag);
    return this.customer(customerId);
  }

  async removeTag(customerId: string, tag: string): Promise<CustomerRecord> {
    await this.redis.sRem(this.keys.key('customer-tags', customerId), tag);
    return this.customer(customerId);
  }

  async addNote(customerId: string, note: CustomerNote): Promise<CustomerRecord> {
    const key = this.keys.key('customer-notes', customerId);
    await this.redis
      .multi()
      .lPush(key, JSON.stringify(note))
      .lTrim(key, 0, MAX_CUSTOMER_NOTES - 1)
      .exec();
    return this.customer(customerId);
  }

  async quickReplies(): Promise<QuickReply[] | undefined> {
    const json = await this.redis.get(this.keys.key('quick-replies'));
    if (json === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      parsed = undefined;
    }
    const result = quickReplyListSchema.safeParse(parsed);
    if (result.success) return result.data;
    // Someone edited the key by hand: say so, and keep the console working with the defaults.
    this.options.logger.warn('stored quick replies are not valid; using the configured ones');
    return undefined;
  }

  async setQuickReplies(replies: readonly QuickReply[]): Promise<void> {
    await this.redis.set(this.keys.key('quick-replies'), JSON.stringify(quickReplyListSchema.parse(replies)));
  }

  signingKey(): Promise<Buffer> {
    // The first instance to ask creates the key; every other one reads the same, so a token from one
    // instance is good on all. Deleting the key (and restarting) logs every agent out.
    this.key ??= (async () => {
      const key = this.keys.key('token-key');
      await this.redis.set(key, randomBytes(32).toString('hex'), { condition: 'NX' });
      const hex = await this.redis.get(key);
      if (!hex) throw new Error('agent token key vanished from Redis');
      return Buffer.from(hex, 'hex');
    })();
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }

  async publish(event: HubEvent): Promise<void> {
    await this.redis.publish(this.keys.key('events'), JSON.stringify(event));
  }

  async subscribe(listener: HubEventListener): Promise<() => Promise<void>> {
    await this.connectSubscriber();
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async shutdown(): Promise<void> {
    this.listeners.clear();
    const subscriber = await this.subscriber?.catch(() => undefined);
    this.subscriber = undefined;
    if (subscriber?.isOpen) await subscriber.close();
  }

  private dispatch(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    const result = hubEventSchema.safeParse(parsed);
    if (!result.success) {
      this.options.logger.warn('ignored a handoff event that is not valid (another kefu version?)');
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(result.data);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'handoff event listener failed');
      }
    }
  }

  /** One subscriber connection per store, opened when the first listener needs it. */
  private connectSubscriber(): Promise<RedisClient> {
    this.subscriber ??= (async () => {
      const subscriber = this.redis.duplicate();
      subscriber.on('error', (error: Error) =>
        this.options.logger.warn({ err: error }, 'redis handoff subscriber connection problem'),
      );
      await subscriber.connect();
      await subscriber.subscribe(this.keys.key('events'), (message) => this.dispatch(message));
      // Back after an outage: what other instances published meanwhile reached nobody here, so the
      // consoles of this instance are told to load the queue afresh.
      subscriber.on('ready', () => this.dispatch(JSON.stringify({ type: 'queue.changed' })));
      return subscriber;
    })();
    this.subscriber.catch(() => (this.subscriber = undefined));
    return this.subscriber;
  }

  private sessionKey(conversationId: string): string {
    return this.keys.key('session', conversationId);
  }

  private messagesKey(conversationId: string): string {
    return this.keys.key('messages', conversationId);
  }

  private chatsKey(username: string): string {
    return this.keys.key('chats', username);
  }
}
