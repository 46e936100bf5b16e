import type { TurnRecord } from '../storage/conversation-log';
import type { HandoffSession } from './agent-hub';
import type { AgentPresenceStatus, AgentStatus, HubEventListener, HubEvent } from './hub-events';
import type { QuickReply } from './quick-replies';

/** An agent as far as the store cares: who, and how many chats they may hold at once. */
export interface AgentSeat {
  username: string;
  maxConcurrentChats: number;
}

export interface AgentPresence {
  username: string;
  status: AgentStatus;
  /** When the presence lapses unless a heartbeat renews it (a crashed console goes offline by itself). */
  expiresAt: string;
}

export interface CustomerNote {
  text: string;
  /** Username of the agent who wrote it. */
  author: string;
  at: string;
}

/** What agents have learnt about a customer, kept across conversations so the next agent sees it. */
export interface CustomerRecord {
  tags: string[];
  /** Newest first. */
  notes: CustomerNote[];
}

/** Why a state change was refused; the hub turns each into the matching HTTP answer. */
export type HandoffRefusal =
  | 'not_found'
  | 'not_queued'
  | 'not_assigned'
  | 'not_yours'
  | 'at_capacity'
  | 'same_agent'
  /** requeue: the agent is present again (a heartbeat came in time), so they keep the conversation. */
  | 'agent_present';

export type StoreOutcome =
  { ok: true; session: HandoffSession } | { ok: false; reason: HandoffRefusal; session?: HandoffSession };

export type CancelOutcome = 'cancelled' | 'assigned' | 'none';

/** Recent waits kept for the estimate; older ones say little about today's staffing. */
export const RECENT_WAITS_KEPT = 20;
/** Notes kept per customer; the newest matter, and a bound keeps one profile from growing for ever. */
export const MAX_CUSTOMER_NOTES = 100;
/** A closed session stays this long (for the rating and the console's history), then goes. */
export const CLOSED_SESSION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Everything the human handoff keeps, shared by every server instance on one Redis (DESIGN.md §8).
 * Each state change is one atomic step, so two agents on two instances cannot both take a conversation,
 * and an agent's chat count never disagrees with the sessions assigned to them.
 */
export interface HandoffStore {
  session(conversationId: string): Promise<HandoffSession | undefined>;
  /**
   * Queues a new session unless the conversation is already queued or assigned (then `created` is false
   * and the existing session is returned). A closed session of the same conversation is replaced.
   */
  enqueue(session: HandoffSession): Promise<{ created: boolean; session: HandoffSession }>;
  /** Queued sessions, the one to serve first first: by priority (1 first), then by time queued. */
  queue(): Promise<HandoffSession[]>;
  /** 1-based place in the queue, or undefined when not queued. */
  position(conversationId: string): Promise<number | undefined>;
  /** The shopper stops waiting: a queued session is removed; an assigned one stays (the agent has it). */
  cancel(conversationId: string): Promise<CancelOutcome>;
  /** Assigns a queued session, if the agent has a free seat. Of concurrent accepts exactly one succeeds. */
  accept(conversationId: string, agent: AgentSeat, now: Date): Promise<StoreOutcome>;
  /** Hands an assigned session from `from` to `to`, if `to` has a free seat. */
  transfer(conversationId: string, from: string, to: AgentSeat, now: Date): Promise<StoreOutcome>;
  /** Closes the agent's session with a resolution note; it then waits for the shopper's rating. */
  close(conversationId: string, agent: string, resolution: string, now: Date): Promise<StoreOutcome>;
  /** Sets firstAgentReplyAt unless already set. */
  markFirstReply(conversationId: string, at: Date): Promise<void>;
  /** Ends the rating wait of a closed session (with the rating, or without when the shopper moved on). */
  recordRating(conversationId: string, rating: number | undefined): Promise<HandoffSession | undefined>;
  /** Conversation ids assigned to the agent. */
  assignedTo(username: string): Promise<string[]>;
  /**
   * Puts the agent's assigned session back in the queue because the agent is gone (logged out, or their
   * presence lapsed): at its old place — same priority, same queuedAt, so it is not put behind newer chats —
   * with its context and messages, and the agent's seat freed. Refused with `agent_present` when the agent
   * has a presence that has not lapsed at `now` (they came back in time). Of concurrent calls, from any
   * number of instances, at most one succeeds, so a conversation is re-queued (and its shopper told) once.
   */
  requeue(conversationId: string, agent: string, now: Date): Promise<StoreOutcome>;
  /**
   * Agents holding at least one chat, configured or not (an account removed from KEFU_AGENTS while it
   * held chats is still here, so its shoppers are not left waiting on nobody).
   */
  seatedAgents(): Promise<string[]>;

  /** Messages of the shopper and the agents since the handoff began, oldest first. */
  appendMessage(conversationId: string, record: TurnRecord): Promise<void>;
  messages(conversationId: string): Promise<TurnRecord[]>;

  setPresence(username: string, status: AgentPresenceStatus, expiresAt: Date): Promise<void>;
  /** Extends a presence that has not lapsed by `now`; false when there is none (a status must be set again). */
  refreshPresence(username: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Agents whose presence has not lapsed at `now`. */
  presence(now: Date): Promise<AgentPresence[]>;

  /** Seconds from queued to accepted, newest first, at most RECENT_WAITS_KEPT (accept records them). */
  recentWaits(): Promise<number[]>;
  recordWait(seconds: number): Promise<void>;

  customer(customerId: string): Promise<CustomerRecord>;
  addTag(customerId: string, tag: string): Promise<CustomerRecord>;
  removeTag(customerId: string, tag: string): Promise<CustomerRecord>;
  addNote(customerId: string, note: CustomerNote): Promise<CustomerRecord>;

  /** The shop's quick replies when it stored its own; undefined means "use the configured defaults". */
  quickReplies(): Promise<QuickReply[] | undefined>;
  setQuickReplies(replies: readonly QuickReply[]): Promise<void>;

  /** The key that signs agent tokens, the same on every instance sharing this store. */
  signingKey(): Promise<Buffer>;

  /** Tells every instance (this one too) about a change. */
  publish(event: HubEvent): Promise<void>;
  /** Calls `listener` for every published event, from any instance, until the returned function is called. */
  subscribe(listener: HubEventListener): Promise<() => Promise<void>>;
  /** Leaves pub/sub and closes the store's own connections (not the Redis client it was given). */
  shutdown(): Promise<void>;
}

/** The queue's order as one number: priority first, then the time queued (earlier first). */
export function queueScore(priority: number, queuedAtMs: number): number {
  // 1e13 ms is about the year 2286, so the time never spills into the priority; the sum stays an exact double.
  return priority * 1e13 + queuedAtMs;
}
