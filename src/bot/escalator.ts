import type { TurnContext } from 'botbuilder';
import type { EscalationReasonCode } from '../handoff/escalation-policy';
import type { Analysis } from '../nlu/types';
import type { ConversationData } from './conversation-state';
import type { TurnReply } from './reply';

/** The reason codes of the escalation policy (DESIGN.md §6), one per trigger. */
export type EscalationReason = EscalationReasonCode;

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
