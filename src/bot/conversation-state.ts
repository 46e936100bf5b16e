import type { DialogProgress } from '../../dialogs';
import type { TurnSignal } from '../handoff/escalation-policy';
import type { Language } from '../nlu/types';

/** What a quick-reply button does when the shopper clicks it (its label comes back as text). */
export type ChoiceAction =
  | { kind: 'intent'; intent: string }
  | { kind: 'faq'; entryId: string }
  | { kind: 'track'; orderId: string }
  | { kind: 'claim'; orderId: string }
  | { kind: 'agent' }
  | { kind: 'dialog'; intent: string }
  | { kind: 'dismiss' };

export interface PendingChoice {
  label: string;
  action: ChoiceAction;
}

/**
 * What the shopper wanted when the bot asked for an order number or phone digits, so the answer leads back
 * to it: `track` shows the order's tracking, `tickets` its after-sales requests.
 */
export type AwaitingPurpose = 'track' | 'tickets';

/** A question the bot asked and is waiting for an answer to. */
export type Awaiting =
  | { kind: 'orderId'; purpose: AwaitingPurpose }
  | { kind: 'phoneLast4'; orderId: string; attempts: number; purpose: AwaitingPurpose };

/** Per-conversation memory of the bot, kept in botbuilder Storage between turns. */
export interface ConversationData {
  language: Language;
  awaiting?: Awaiting;
  choices?: PendingChoice[];
  /** Orders whose owner this conversation has proven to be (phone digits), so it is asked once. */
  verifiedOrders: string[];
  /** Orders locked after too many wrong digits: no details in this conversation. */
  lockedOrders: string[];
  lastOrderId?: string;
  /** The after-sales dialog in progress and how far it got (for an agent taking over). */
  dialogProgress?: DialogProgress;
  lowConfidenceStreak: number;
  /** No agent was on duty: the shopper's next message becomes a ticket for the next shift. */
  leavingMessage?: boolean;
  /** Intent, confidence and sentiment of the last few routed turns, for the escalation policy. */
  signals: TurnSignal[];
  turns: number;
}

export function newConversationData(language: Language = 'zh'): ConversationData {
  return { language, verifiedOrders: [], lockedOrders: [], lowConfidenceStreak: 0, turns: 0, signals: [] };
}

export const MAX_PHONE_ATTEMPTS = 3;
