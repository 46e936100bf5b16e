import type { TurnContext } from 'botbuilder';
import type { Analysis } from '../nlu/types';
import type { ConversationData } from './conversation-state';
import type { TurnReply } from './reply';

export type EscalationReason =
  | 'explicit_request'
  | 'complaint'
  | 'verification_failed'
  | 'overdue_parcel'
  | 'validation_failed'
  | 'policy_refusal';

export interface EscalationRequest {
  context: TurnContext;
  reply: TurnReply;
  state: ConversationData;
  reason: EscalationReason;
  analysis?: Analysis;
}

/** Hands a conversation to people. The handoff part of kefu provides the real one (queue, agents). */
export interface Escalator {
  escalate(request: EscalationRequest): Promise<void>;
}
