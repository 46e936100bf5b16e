import { EventFactory, TurnContext } from 'botbuilder';
import type { OrderService } from '../commerce/order-service';
import type { ShopPolicy } from '../commerce/policy';
import type { HandoffGateway } from '../handoff/agent-hub';
import { PRIORITY } from '../handoff/escalation-policy';
import { buildHandoffContext, type CustomerProfile, type HandoffAssist } from '../handoff/handoff-context';
import type { ConversationLog } from '../storage/conversation-log';
import type { EscalationRequest, Escalator } from './escalator';
import { handoffSay } from './handoff-replies';

export interface HandoffEscalatorDeps {
  gateway: HandoffGateway;
  orders: OrderService;
  policy: ShopPolicy;
  conversationLog: ConversationLog;
  clock: () => Date;
  profile?: (customerId: string) => Promise<CustomerProfile>;
  /** A language model's summary and suggested replies for the agent (LLM_PROVIDER). */
  assist?: HandoffAssist;
}

/** How much of the transcript travels with the handoff: enough for the agent, bounded for the queue. */
const TRANSCRIPT_FOR_AGENT = 100;

/**
 * Hands the conversation to people: with an agent on duty it joins the queue — the shopper hears their
 * place and the expected wait, and a `handoff.initiate` event carries the context — otherwise the shopper
 * is offered to leave a message, which becomes a ticket for the next shift.
 */
export class HandoffEscalator implements Escalator {
  constructor(private readonly deps: HandoffEscalatorDeps) {}

  async escalate({ context, reply, state, reason }: EscalationRequest): Promise<void> {
    const { deps } = this;
    const now = deps.clock();
    if (!(await deps.gateway.agentsAvailable(now))) {
      const { open, close } = deps.policy.serviceHours;
      state.leavingMessage = true;
      await reply.text(handoffSay('noAgents', reply.language, { serviceHours: `${open}–${close}` }));
      return;
    }
    const conversationId = context.activity.conversation.id;
    const handoff = await buildHandoffContext({
      conversationId,
      reason,
      priority: PRIORITY[reason],
      language: reply.language,
      transcript: await deps.conversationLog.read(conversationId, TRANSCRIPT_FOR_AGENT),
      dialog: state.dialogProgress,
      customerId: context.activity.from?.id,
      orderId: state.dialogProgress?.slots.orderId?.toString() ?? state.lastOrderId,
      orders: deps.orders,
      profile: deps.profile,
      assist: deps.assist,
      now,
    });
    const place = await deps.gateway.enqueue(
      handoff,
      TurnContext.getConversationReference(context.activity),
      now,
    );
    const minutes = Math.max(1, Math.round(place.estimatedWaitSeconds / 60));
    const ahead = Math.max(0, place.position - 1);
    await reply.text(
      ahead === 0
        ? handoffSay('queuedFirst', reply.language, { minutes })
        : handoffSay('queued', reply.language, {
            ahead,
            aheadText: ahead === 1 ? 'is 1 shopper' : `are ${ahead} shoppers`,
            minutes,
          }),
    );
    await context.sendActivity(EventFactory.createHandoffInitiation(context, handoff));
  }
}
