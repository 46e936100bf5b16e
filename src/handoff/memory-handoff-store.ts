import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MAX_TRANSCRIPT_RECORDS, type TurnRecord } from '../storage/conversation-log';
import { LruMap } from '../storage/lru-map';
import type { HandoffSession } from './agent-hub';
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
  type HandoffStore,
  type StoreOutcome,
} from './handoff-store';
import type { AgentPresenceStatus, AgentStatus, HubEvent, HubEventListener } from './hub-events';
import type { QuickReply } from './quick-replies';

const EVENT = 'event';
/**
 * Closed sessions kept at most, the ones used least recently forgotten first: as many as MEMORY_CONVERSATIONS
 * keeps conversations by default, since a closed session outliving its conversation serves nobody.
 */
export const DEFAULT_MAX_CLOSED_SESSIONS = 20_000;

/** A session with the messages since its handoff began; they come and go together. */
interface Kept {
  session: HandoffSession;
  messages: TurnRecord[];
}

export interface MemoryHandoffStoreOptions {
  /** Closed sessions (waiting for or done with their rating) kept at most; see DEFAULT_MAX_CLOSED_SESSIONS. */
  maxClosedSessions?: number;
}

/**
 * The handoff in one process: no set-up, nothing shared. Every method does its checks and changes before
 * its first await, so, JavaScript being single-threaded, each is as atomic as the Redis scripts.
 * Callers get copies, as they would from Redis, so changing one never changes the store behind its back.
 *
 * Queued and assigned sessions are kept however many there are (a waiting shopper must not vanish); closed
 * ones go after CLOSED_SESSION_TTL_SECONDS, as on Redis, and beyond `maxClosedSessions` the least recently
 * used go first, so a long-running server does not grow with every chat it ever closed. Customer records
 * (the tags and notes agents write) are not bounded: only agents make them, not every shopper's visit.
 */
export class MemoryHandoffStore implements HandoffStore {
  /** Queued and assigned sessions. */
  private readonly open = new Map<string, Kept>();
  /** Closed sessions, with when each goes in this process's clock (ms), as Redis times its EXPIRE. */
  private readonly closed: LruMap<string, Kept & { expiresAtMs: number }>;
  private readonly chats = new Map<string, Set<string>>();
  private readonly presences = new Map<string, { status: AgentStatus; expiresAtMs: number }>();
  private readonly waits: number[] = [];
  private readonly customers = new Map<string, { tags: Set<string>; notes: CustomerNote[] }>();
  private replies: QuickReply[] | undefined;
  private readonly key = randomBytes(32);
  private readonly events = new EventEmitter();

  constructor(
    private readonly now: () => number = Date.now,
    options: MemoryHandoffStoreOptions = {},
  ) {
    // One listener per hub; several hubs in one process (tests) are fine.
    this.events.setMaxListeners(0);
    this.closed = new LruMap(options.maxClosedSessions ?? DEFAULT_MAX_CLOSED_SESSIONS);
  }

  async session(conversationId: string): Promise<HandoffSession | undefined> {
    const session = this.live(conversationId);
    return session && structuredClone(session);
  }

  async enqueue(session: HandoffSession): Promise<{ created: boolean; session: HandoffSession }> {
    const existing = this.open.get(session.conversationId);
    if (existing) return { created: false, session: structuredClone(existing.session) };
    const stored: HandoffSession = { ...structuredClone(session), state: 'queued' };
    // A closed session of the same conversation is replaced, messages and all.
    this.closed.delete(session.conversationId);
    this.open.set(session.conversationId, { session: stored, messages: [] });
    return { created: true, session: structuredClone(stored) };
  }

  async queue(): Promise<HandoffSession[]> {
    return this.queued().map((session) => structuredClone(session));
  }

  async position(conversationId: string): Promise<number | undefined> {
    const index = this.queued().findIndex((session) => session.conversationId === conversationId);
    return index < 0 ? undefined : index + 1;
  }

  async cancel(conversationId: string): Promise<CancelOutcome> {
    const session = this.live(conversationId);
    if (session?.state === 'assigned') return 'assigned';
    if (session?.state !== 'queued') return 'none';
    this.open.delete(conversationId);
    return 'cancelled';
  }

  async accept(conversationId: string, agent: AgentSeat, now: Date): Promise<StoreOutcome> {
    const session = this.live(conversationId);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.state !== 'queued')
      return { ok: false, reason: 'not_queued', session: structuredClone(session) };
    const seats = this.seatsOf(agent.username);
    if (seats.size >= agent.maxConcurrentChats) return { ok: false, reason: 'at_capacity' };
    session.state = 'assigned';
    session.assignedTo = agent.username;
    session.assignedAt = now.toISOString();
    seats.add(conversationId);
    // Back in the queue after its agent left: this wait began then (queuedAt only keeps its place).
    const waitingSince = Date.parse(session.requeuedAt ?? session.queuedAt);
    this.pushWait(Math.max(0, (now.getTime() - waitingSince) / 1000));
    return { ok: true, session: structuredClone(session) };
  }

  async transfer(conversationId: string, from: string, to: AgentSeat, now: Date): Promise<StoreOutcome> {
    const session = this.live(conversationId);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.state !== 'assigned') return { ok: false, reason: 'not_assigned' };
    if (session.assignedTo !== from) return { ok: false, reason: 'not_yours' };
    if (to.username === from) return { ok: false, reason: 'same_agent' };
    const target = this.seatsOf(to.username);
    if (target.size >= to.maxConcurrentChats) return { ok: false, reason: 'at_capacity' };
    this.seatsOf(from).delete(conversationId);
    target.add(conversationId);
    session.assignedTo = to.username;
    session.assignedAt = now.toISOString();
    session.transferredFrom = from;
    return { ok: true, session: structuredClone(session) };
  }

  async close(conversationId: string, agent: string, resolution: string, now: Date): Promise<StoreOutcome> {
    const session = this.live(conversationId);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.state !== 'assigned') return { ok: false, reason: 'not_assigned' };
    if (session.assignedTo !== agent) return { ok: false, reason: 'not_yours' };
    this.seatsOf(agent).delete(conversationId);
    session.state = 'closed';
    session.closedAt = now.toISOString();
    session.closedBy = agent;
    session.resolution = resolution;
    session.ratingPending = true;
    const kept = this.open.get(conversationId);
    this.open.delete(conversationId);
    // Timed by this process's clock, not by `now`, as Redis times its EXPIRE. Closed sessions nobody
    // asks about again are not swept by time: the LRU bound pushes them out.
    this.closed.set(conversationId, {
      session,
      messages: kept?.messages ?? [],
      expiresAtMs: this.now() + CLOSED_SESSION_TTL_SECONDS * 1000,
    });
    return { ok: true, session: structuredClone(session) };
  }

  async requeue(conversationId: string, agent: string, now: Date): Promise<StoreOutcome> {
    const session = this.live(conversationId);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.state !== 'assigned') return { ok: false, reason: 'not_assigned' };
    if (session.assignedTo !== agent) return { ok: false, reason: 'not_yours' };
    if (this.presentAt(agent, now)) return { ok: false, reason: 'agent_present' };
    this.seatsOf(agent).delete(conversationId);
    session.state = 'queued';
    // The next agent starts afresh: their accept, their first reply. queuedAt and the priority stay, and
    // with them the place in the queue.
    delete session.assignedTo;
    delete session.assignedAt;
    delete session.firstAgentReplyAt;
    delete session.transferredFrom;
    session.requeuedFrom = agent;
    session.requeuedAt = now.toISOString();
    return { ok: true, session: structuredClone(session) };
  }

  async seatedAgents(): Promise<string[]> {
    return [...this.chats].filter(([, seats]) => seats.size > 0).map(([username]) => username);
  }

  async markFirstReply(conversationId: string, at: Date): Promise<void> {
    const session = this.live(conversationId);
    if (session && session.firstAgentReplyAt === undefined) session.firstAgentReplyAt = at.toISOString();
  }

  async recordRating(
    conversationId: string,
    rating: number | undefined,
  ): Promise<HandoffSession | undefined> {
    const session = this.live(conversationId);
    if (session?.state !== 'closed') return undefined;
    session.ratingPending = false;
    if (rating !== undefined) session.rating = rating;
    return structuredClone(session);
  }

  async assignedTo(username: string): Promise<string[]> {
    return [...(this.chats.get(username) ?? [])];
  }

  /**
   * Kept with the session, and dropped when there is none: nothing else would ever forget it. (The hub
   * appends only to live sessions, and to a closed one for its rating question.)
   */
  async appendMessage(conversationId: string, record: TurnRecord): Promise<void> {
    const kept = this.kept(conversationId);
    if (!kept) return;
    kept.messages.push(structuredClone(record));
    // As many as the Redis store keeps (LTRIM), so both forget the same oldest lines.
    if (kept.messages.length > MAX_TRANSCRIPT_RECORDS) {
      kept.messages.splice(0, kept.messages.length - MAX_TRANSCRIPT_RECORDS);
    }
  }

  async messages(conversationId: string): Promise<TurnRecord[]> {
    return structuredClone(this.kept(conversationId)?.messages ?? []);
  }

  async setPresence(username: string, status: AgentPresenceStatus, expiresAt: Date): Promise<void> {
    if (status === 'offline') this.presences.delete(username);
    else this.presences.set(username, { status, expiresAtMs: expiresAt.getTime() });
  }

  async refreshPresence(username: string, now: Date, expiresAt: Date): Promise<boolean> {
    const presence = this.presentAt(username, now);
    if (!presence) return false;
    presence.expiresAtMs = Math.max(presence.expiresAtMs, expiresAt.getTime());
    return true;
  }

  async presence(now: Date): Promise<AgentPresence[]> {
    const present: AgentPresence[] = [];
    for (const [username, presence] of this.presences) {
      if (presence.expiresAtMs <= now.getTime()) continue;
      present.push({
        username,
        status: presence.status,
        expiresAt: new Date(presence.expiresAtMs).toISOString(),
      });
    }
    return present;
  }

  async recentWaits(): Promise<number[]> {
    return [...this.waits];
  }

  async recordWait(seconds: number): Promise<void> {
    this.pushWait(seconds);
  }

  async customer(customerId: string): Promise<CustomerRecord> {
    return this.recordOf(customerId);
  }

  async addTag(customerId: string, tag: string): Promise<CustomerRecord> {
    this.profile(customerId).tags.add(tag);
    return this.recordOf(customerId);
  }

  async removeTag(customerId: string, tag: string): Promise<CustomerRecord> {
    this.profile(customerId).tags.delete(tag);
    return this.recordOf(customerId);
  }

  async addNote(customerId: string, note: CustomerNote): Promise<CustomerRecord> {
    const notes = this.profile(customerId).notes;
    notes.unshift({ ...note });
    notes.splice(MAX_CUSTOMER_NOTES);
    return this.recordOf(customerId);
  }

  async quickReplies(): Promise<QuickReply[] | undefined> {
    return this.replies && structuredClone(this.replies);
  }

  async setQuickReplies(replies: readonly QuickReply[]): Promise<void> {
    this.replies = structuredClone([...replies]);
  }

  async signingKey(): Promise<Buffer> {
    return Buffer.from(this.key);
  }

  async publish(event: HubEvent): Promise<void> {
    const copy = structuredClone(event);
    // Delivered later, never inside the publisher's call, as it would be through Redis.
    setImmediate(() => this.events.emit(EVENT, copy));
  }

  async subscribe(listener: HubEventListener): Promise<() => Promise<void>> {
    this.events.on(EVENT, listener);
    return async () => {
      this.events.off(EVENT, listener);
    };
  }

  async shutdown(): Promise<void> {
    this.events.removeAllListeners();
  }

  /** The agent's presence, unless it has lapsed at `now` (as Redis would have dropped it). */
  private presentAt(username: string, now: Date): { status: AgentStatus; expiresAtMs: number } | undefined {
    const presence = this.presences.get(username);
    return presence && presence.expiresAtMs > now.getTime() ? presence : undefined;
  }

  /** The session, unless it is a closed one past its time (as Redis would have expired it). */
  private live(conversationId: string): HandoffSession | undefined {
    return this.kept(conversationId)?.session;
  }

  private kept(conversationId: string): Kept | undefined {
    const open = this.open.get(conversationId);
    if (open) return open;
    const closed = this.closed.get(conversationId);
    if (closed && closed.expiresAtMs <= this.now()) {
      this.closed.delete(conversationId);
      return undefined;
    }
    return closed;
  }

  private queued(): HandoffSession[] {
    return [...this.open.values()]
      .map((kept) => kept.session)
      .filter((session) => session.state === 'queued')
      .sort(
        (a, b) =>
          queueScore(a.context.priority, Date.parse(a.queuedAt)) -
            queueScore(b.context.priority, Date.parse(b.queuedAt)) ||
          // Equal scores: by id, as Redis orders a sorted set's ties.
          (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0),
      );
  }

  private seatsOf(username: string): Set<string> {
    let seats = this.chats.get(username);
    if (!seats) {
      seats = new Set();
      this.chats.set(username, seats);
    }
    return seats;
  }

  private pushWait(seconds: number): void {
    this.waits.unshift(seconds);
    this.waits.splice(RECENT_WAITS_KEPT);
  }

  private profile(customerId: string): { tags: Set<string>; notes: CustomerNote[] } {
    let profile = this.customers.get(customerId);
    if (!profile) {
      profile = { tags: new Set(), notes: [] };
      this.customers.set(customerId, profile);
    }
    return profile;
  }

  private recordOf(customerId: string): CustomerRecord {
    const profile = this.customers.get(customerId);
    return { tags: [...(profile?.tags ?? [])].sort(), notes: structuredClone(profile?.notes ?? []) };
  }
}
