import { isOwner } from '../../commerce/ownership';
import type { Order } from '../../commerce/types';
import type { Analysis } from '../../nlu/types';
import { MAX_PHONE_ATTEMPTS, type AwaitingPurpose, type ConversationData } from '../conversation-state';
import { buttons, say, type ReplyKey } from '../replies';
import type { TurnReply } from '../reply';
import type { BotServices } from '../services';

const FOUR_DIGITS = /(?<!\d)(\d{4})(?!\d)/;

/**
 * Orders are private: their details are shown only to the customer the channel identifies, or to a
 * shopper who proves ownership with the last four digits of the order's phone. Three wrong tries lock the
 * order for this conversation and offer an agent instead. `purpose` is remembered with the question so
 * that the digits, when they come, lead back to what the shopper asked for.
 */
export async function unlockOrder(
  orderId: string,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
  purpose: AwaitingPurpose = 'track',
): Promise<Order | undefined> {
  state.lastOrderId = orderId;
  const order = await services.orders.findOrder(orderId);
  if (!order) {
    state.awaiting = undefined;
    await reply.text(say('orderNotFound', reply.language, { orderId }));
    return undefined;
  }
  if (state.lockedOrders.includes(orderId)) {
    await offerAgentAfterLock(reply);
    return undefined;
  }
  if (isOwner(order, { customerId }) || state.verifiedOrders.includes(orderId)) return order;
  state.awaiting = { kind: 'phoneLast4', orderId, attempts: 0, purpose };
  await reply.text(say('askPhoneLast4', reply.language, { orderId }));
  return undefined;
}

/** Checks the digits the shopper typed; returns the order once they match. */
export async function checkPhoneDigits(
  text: string,
  reply: TurnReply,
  state: ConversationData,
  services: BotServices,
): Promise<Order | undefined> {
  const awaiting = state.awaiting;
  if (awaiting?.kind !== 'phoneLast4') return undefined;
  const digits = FOUR_DIGITS.exec(text)?.[1];
  if (!digits) {
    await reply.text(say('askPhoneLast4', reply.language, { orderId: awaiting.orderId }));
    return undefined;
  }
  const order = await services.orders.findOrder(awaiting.orderId);
  if (order && isOwner(order, { phoneLast4: digits })) {
    state.awaiting = undefined;
    state.verifiedOrders.push(order.id);
    return order;
  }
  awaiting.attempts += 1;
  if (awaiting.attempts >= MAX_PHONE_ATTEMPTS) {
    state.awaiting = undefined;
    state.lockedOrders.push(awaiting.orderId);
    await offerAgentAfterLock(reply);
    return undefined;
  }
  await reply.text(
    say('wrongPhoneLast4', reply.language, { remaining: MAX_PHONE_ATTEMPTS - awaiting.attempts }),
  );
  return undefined;
}

async function offerAgentAfterLock(reply: TurnReply): Promise<void> {
  await reply.choices(say('verificationLocked', reply.language), [
    { label: buttons.talkToAgent[reply.language], action: { kind: 'agent' } },
  ]);
}

/** What a shopper asked about an order for: how to ask again, and what to show once they may see it. */
export interface OrderQuestion {
  purpose: AwaitingPurpose;
  askAgain: ReplyKey;
  show(order: Order): Promise<void>;
}

/**
 * The shopper answers the bot's order question — an order number, or the phone digits for it — and, once
 * they may see the order, gets what they asked for. Shared by tracking and ticket status.
 */
export async function answerOrderQuestion(
  analysis: Analysis,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
  question: OrderQuestion,
): Promise<void> {
  if (state.awaiting?.kind === 'phoneLast4') {
    const order = await checkPhoneDigits(analysis.text, reply, state, services);
    if (order) await question.show(order);
    return;
  }
  const orderId = analysis.entities.find((entity) => entity.type === 'orderId')?.value;
  if (!orderId) {
    await reply.text(say(question.askAgain, reply.language));
    return;
  }
  state.awaiting = undefined;
  const order = await unlockOrder(orderId, reply, state, customerId, services, question.purpose);
  if (order) await question.show(order);
}
