import { isOwner } from '../../commerce/ownership';
import type { Order } from '../../commerce/types';
import { MAX_PHONE_ATTEMPTS, type AwaitingPurpose, type ConversationData } from '../conversation-state';
import { buttons, say } from '../replies';
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
