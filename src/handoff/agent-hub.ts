import type { Activity, ConversationReference } from 'botbuilder';
import type { TurnRecord } from '../storage/conversation-log';
import type { HandoffContext } from './handoff-context';

/** DESIGN.md §6: bot → queued → assigned → closed (→ bot again). */
export type HandoffState = 'queued' | 'assigned' | 'closed';

export interface HandoffSession {
  conversationId: string;
  state: HandoffState;
  context: HandoffContext;
  /** How to reach the shopper again (botbuilder's conversation reference of their last message). */
  reference: Partial<ConversationReference>;
  queuedAt: string;
  assignedTo?: string;
  assignedAt?: string;
  /** The agent who handed the conversation on, after a transfer. */
  transferredFrom?: string;
  /** The agent who went offline holding it, after it went back to the queue (see HandoffStore.requeue). */
  requeuedFrom?: string;
  /** When it went back to the queue; its wait for the next agent is measured from here, not from queuedAt. */
  requeuedAt?: string;
  firstAgentReplyAt?: string;
  closedAt?: string;
  closedBy?: string;
  resolution?: string;
  /** After close the bot asks for a 1–5 rating; true until the shopper answers (or moves on). */
  ratingPending?: boolean;
  rating?: number;
}

export interface QueuePlace {
  /** 1 = next to be served. */
  position: number;
  estimatedWaitSeconds: number;
}

/** Sends an activity to a shopper outside a turn (agent messages, the rating question). */
export interface ShopperMessenger {
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void>;
}

/**
 * The bot's side of the human handoff. The agent side (login, queue, accept, messages, transfer, close,
 * the console and its WebSocket) is built on the same store; see the AgentHub implementation.
 */
export interface HandoffGateway {
  /** The conversation's queued or assigned session, or its closed one while a rating is pending. */
  sessionOf(conversationId: string): Promise<HandoffSession | undefined>;
  /** True when an agent is online (not away) and it is within service hours. */
  agentsAvailable(now: Date): Promise<boolean>;
  /** Puts the conversation in the queue (idempotent) and says where it stands. */
  enqueue(context: HandoffContext, reference: Partial<ConversationReference>, now: Date): Promise<QueuePlace>;
  place(conversationId: string): Promise<QueuePlace | undefined>;
  /** The shopper gave up waiting: back to the bot. False when an agent already took it. */
  cancelWait(conversationId: string): Promise<boolean>;
  /** A shopper message during the handoff: kept in the session and pushed to the agent(s). */
  shopperMessage(conversationId: string, record: TurnRecord): Promise<void>;
  recordRating(conversationId: string, rating: number | undefined): Promise<void>;
}
