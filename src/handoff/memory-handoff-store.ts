import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { TurnRecord } from '../storage/conversation-log';
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
 * The handoff in one process: no set-up, nothing shared. Every method does its checks and changes before
 * its first await, so, JavaScript being single-threaded, each is as atomic as the Redis scripts.
 * Callers get copies, as they would from Redis, so changing one never changes the store behind its back.
 */
export class MemoryHandoffStore implements HandoffStore {
  private readonly sessions = new Map<string, HandoffSession>();
  /** When closed sessions go, in this process's clock (ms). */
  private readonly expiries = new Map<string, number>();
  private readonly transcripts = new Map<string, TurnRecord[]>();
  private readonly chats = new Map<string, Set<string>>();
  private readonly presences = new Map<string, { status: AgentStatus; expiresAtMs: number }>();
  private readonly waits: number[] = [];
  private readonly customers = new Map<string, { tags: Set<string>; notes: CustomerNote[] }>();
  private replies: QuickReply[] | undefined;
  private readonly key = randomBytes(32);
  private readonly events = new EventEmitter();

  constructor(private readonly now: () => number = Date.now) {
    // One listener per hub; several hubs in one process (tests) are fine.
    this.events.setMaxListeners(0);
  }

  async session(conversationId: string): Promise<HandoffSession | undefined> {
    const session = this.live(conversationId);
    return session && structuredClone(session);
  }

  async enqueue(session: HandoffSession): Promise<{ created: boolean; session: HandoffSession }> {
    const existing = this.live(session.conversationId);
    if (existing && (existing.state === 'queued' || existing.state === 'assigned')) {
      return { created: false, session: structuredClone(existing) };
    }
    const stored: HandoffSession = { ...structuredClone(session), state: 'queued' };
    this.sessions.set(session.conversationId, stored);
    this.expiries.delete(session.conversationId);
    this.transcripts.delete(session.conversationId);
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
    this.sessions.delete(conversationId);
    this.transcripts.delete(conversationId);
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
    this.pushWait(Math.max(0, (now.getTime() - Date.parse(session.queuedAt)) / 1000));
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
    // Timed by this process's clock, not by `now`, as Redis times its EXPIRE.
    this.expiries.set(conversationId, this.now() + CLOSED_SESSION_TTL_SECONDS * 1000);
    for (const id of this.expiries.keys()) this.live(id); // forgets the ones past their time
    return { ok: true, session: structuredClone(session) };
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

  async appendMessage(conversationId: string, record: TurnRecord): Promise<void> {
    const list = this.transcripts.get(conversationId) ?? [];
    list.push(structuredClone(record));
    this.transcripts.set(conversationId, list);
  }

  async messages(conversationId: string): Promise<TurnRecord[]> {
    return structuredClone(this.transcripts.get(conversationId) ?? []);
  }

  async setPresence(username: string, status: AgentPresenceStatus, expiresAt: Date): Promise<void> {
    if (status === 'offline') this.presences.delete(username);
    else this.presences.set(username, { status, expiresAtMs: expiresAt.getTime() });
  }

  async refreshPresence(username: string, now: Date, expiresAt: Date): Promise<boolean> {
    const presence = this.presences.get(username);
    if (!presence || presence.expiresAtMs <= now.getTime()) return false;
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

  /** The session, unless it is a closed one past its time (as Redis would have expired it). */
  private live(conversationId: string): HandoffSession | undefined {
    const session = this.sessions.get(conversationId);
    const expiry = this.expiries.get(conversationId);
    if (session?.state === 'closed' && expiry !== undefined && expiry <= this.now()) {
      this.sessions.delete(conversationId);
      this.transcripts.delete(conversationId);
      this.expiries.delete(conversationId);
      return undefined;
    }
    return session;
  }

  private queued(): HandoffSession[] {
    return [...this.sessions.values()]
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
