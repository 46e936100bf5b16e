import { calendarDaysBetween, localIsoDate } from '../../commerce/calendar';
import { orderStatusLabels } from '../../commerce/labels';
import { latestEvent, overdueReasons } from '../../commerce/tracking';
import type { Order } from '../../commerce/types';
import type { Analysis } from '../../nlu/types';
import type { ConversationData } from '../conversation-state';
import { buttons, say } from '../replies';
import type { TurnReply } from '../reply';
import type { BotServices } from '../services';
import { answerOrderQuestion, unlockOrder } from './order-access';
import { continueTicketStatus } from './ticket-status';

/** "Where is my order?": find which order, make sure the shopper may see it, then show its tracking. */
export async function startTracking(
  analysis: Analysis,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  const mentioned = analysis.entities.find((entity) => entity.type === 'orderId')?.value;
  if (mentioned) return trackOrder(mentioned, reply, state, customerId, services);

  if (customerId) {
    const orders = (await services.orders.listOrders(customerId)).filter(
      (order) => order.status === 'shipped',
    );
    if (orders.length === 1) return trackOrder(orders[0].id, reply, state, customerId, services);
    if (orders.length > 1) {
      await reply.choices(
        say('chooseOrder', reply.language),
        orders.slice(0, 5).map((order) => ({
          label: `${order.id} ${order.items[0]?.name[reply.language] ?? ''}`.trim(),
          action: { kind: 'track', orderId: order.id },
        })),
      );
      return;
    }
  }
  if (state.lastOrderId) return trackOrder(state.lastOrderId, reply, state, customerId, services);
  state.awaiting = { kind: 'orderId', purpose: 'track' };
  await reply.text(say('askOrderId', reply.language));
}

/**
 * The shopper answers a question the bot asked (an order number, phone digits). The questions are shared
 * with the ticket-status handler, so the answer goes back to whichever one asked.
 */
export async function continueTracking(
  analysis: Analysis,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  if (state.awaiting?.purpose === 'tickets') {
    return continueTicketStatus(analysis, reply, state, customerId, services);
  }
  await answerOrderQuestion(analysis, reply, state, customerId, services, {
    purpose: 'track',
    askAgain: 'askOrderId',
    show: (order) => showTracking(order, reply, services),
  });
}

export async function trackOrder(
  orderId: string,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  const order = await unlockOrder(orderId, reply, state, customerId, services);
  if (order) await showTracking(order, reply, services);
}

async function showTracking(order: Order, reply: TurnReply, services: BotServices): Promise<void> {
  const { language } = reply;
  const { policy } = services;
  const status = orderStatusLabels[order.status][language];
  if (order.status === 'cancelled') return reply.text(say('cancelledOrder', language, { orderId: order.id }));
  if (order.status === 'unpaid' || order.status === 'paid') {
    const note =
      order.status === 'unpaid'
        ? say('unpaidNote', language, { minutes: policy.unpaidOrderCancelMinutes })
        : say('dispatchNote', language, { dispatchCutoff: policy.dispatchCutoff });
    return reply.text(say('notShippedYet', language, { orderId: order.id, status, dispatchNote: note }));
  }
  const shipment = order.shipment ?? (await services.orders.getTracking(order.id));
  if (!shipment)
    return reply.text(say('notShippedYet', language, { orderId: order.id, status, dispatchNote: '' }));

  const offset = policy.utcOffsetMinutes;
  const carrier = policy.carriers[shipment.carrier]?.name[language] ?? shipment.carrier;
  if (shipment.deliveredAt) {
    return reply.text(
      say('delivered', language, {
        orderId: order.id,
        deliveredAt: localIsoDate(new Date(shipment.deliveredAt), offset),
        carrier,
        trackingNumber: shipment.trackingNumber,
      }),
    );
  }
  const events = [...shipment.events]
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))
    .slice(0, 3)
    .map((event) => {
      const when = new Date(Date.parse(event.time) + offset * 60_000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      return `· ${when} ${event.location[language]} ${event.description[language]}`;
    })
    .join('\n');
  await reply.text(
    say('trackingStatus', language, {
      orderId: order.id,
      carrier,
      trackingNumber: shipment.trackingNumber,
      events,
      eta: localIsoDate(new Date(shipment.estimatedDelivery), offset),
    }),
  );
  const now = services.clock();
  if (overdueReasons(shipment, now).length > 0) {
    const lastScan = latestEvent(shipment)?.time ?? shipment.shippedAt;
    await reply.choices(
      say('overdueApology', language, { days: calendarDaysBetween(new Date(lastScan), now, offset) }),
      [
        { label: buttons.openClaim[language], action: { kind: 'claim', orderId: order.id } },
        { label: buttons.talkToAgent[language], action: { kind: 'agent' } },
      ],
    );
  }
}

/** A courier claim ticket for an overdue parcel, for a shopper who may see the order. */
export async function openClaim(
  orderId: string,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  const order = await unlockOrder(orderId, reply, state, customerId, services);
  if (!order) return;
  const ticket = await services.orders.createTicket({
    kind: 'claim',
    customerId: order.customerId,
    orderId: order.id,
    details: { trackingNumber: order.shipment?.trackingNumber, carrier: order.shipment?.carrier },
    summary: { zh: `物流理赔/催件：订单 ${order.id}`, en: `Courier claim for order ${order.id}` },
  });
  await reply.text(say('claimOpened', reply.language, { ticketId: ticket.id }));
}
