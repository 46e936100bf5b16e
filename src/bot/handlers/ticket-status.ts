import { calendarDaysBetween } from '../../commerce/calendar';
import { ticketKindLabels, ticketStatusLabels } from '../../commerce/labels';
import { policyTemplateValues } from '../../commerce/policy-template-values';
import type { Order, Ticket } from '../../commerce/types';
import type { Analysis, Language } from '../../nlu/types';
import type { ConversationData } from '../conversation-state';
import { say } from '../replies';
import type { TurnReply } from '../reply';
import type { BotServices } from '../services';
import { answerOrderQuestion, unlockOrder } from './order-access';

/** One message's worth: more is a wall of text in a chat widget, and an agent can look up the rest. */
export const MAX_LISTED_TICKETS = 5;

/**
 * Finished tickets stay worth showing this long after their last change: a refund can take days to arrive
 * after the return is marked done, and the shopper asks about it then.
 */
export const RECENT_TICKET_DAYS = 30;

/**
 * "我的退货处理到哪了" / "where is my refund" / "换货进度" — the `refund.status` intent.
 *
 * Contract (for the router):
 * - An order number in the message: that order's tickets, once the shopper may see the order (the channel's
 *   customer owns it, or they confirm the phone's last 4 digits, as for tracking).
 * - Otherwise, a signed-in customer (`customerId`) with tickets or orders: their open tickets and those
 *   finished in the last `RECENT_TICKET_DAYS` days, newest first, at most `MAX_LISTED_TICKETS`.
 * - Otherwise (anonymous, or an id the shop does not know): the order the conversation last talked about,
 *   or the question "which order?".
 * - Nothing to show: says so, with the refund timing from `policy.refundProcessingDays`.
 * A question asked here leaves `state.awaiting` with purpose `tickets`; route the answer ('answer-awaiting')
 * to `continueTracking`, which hands it to `continueTicketStatus`. Any question still pending is dropped
 * first, as a new request replaces it. Replies in `reply.language`; logs nothing (orders are personal data).
 */
export async function showTickets(
  analysis: Analysis,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  state.awaiting = undefined;
  const mentioned = analysis.entities.find((entity) => entity.type === 'orderId')?.value;
  if (mentioned) return showOrderTickets(mentioned, reply, state, customerId, services);

  if (customerId) {
    const tickets = await services.orders.listTickets(customerId);
    // A customer id the shop has never seen (a web visitor's random one) proves nothing: ask as for anyone.
    const known = tickets.length > 0 || (await services.orders.listOrders(customerId)).length > 0;
    if (known) return sendTicketList(tickets, reply, services);
  }
  if (state.lastOrderId) return showOrderTickets(state.lastOrderId, reply, state, customerId, services);
  state.awaiting = { kind: 'orderId', purpose: 'tickets' };
  await reply.text(say('ticketsAskOrderId', reply.language));
}

/** The shopper answers the ticket-status question: an order number, or the phone digits for it. */
export async function continueTicketStatus(
  analysis: Analysis,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  await answerOrderQuestion(analysis, reply, state, customerId, services, {
    purpose: 'tickets',
    askAgain: 'ticketsAskOrderId',
    show: (order) => sendOrderTickets(order, reply, services),
  });
}

async function showOrderTickets(
  orderId: string,
  reply: TurnReply,
  state: ConversationData,
  customerId: string | undefined,
  services: BotServices,
): Promise<void> {
  const order = await unlockOrder(orderId, reply, state, customerId, services, 'tickets');
  if (order) await sendOrderTickets(order, reply, services);
}

/**
 * Only the tickets of this order: proving one order (by its phone digits) must not reveal the customer's
 * other orders.
 */
async function sendOrderTickets(order: Order, reply: TurnReply, services: BotServices): Promise<void> {
  const tickets = (await services.orders.listTickets(order.customerId)).filter(
    (ticket) => ticket.orderId === order.id,
  );
  const { language } = reply;
  const shown = visibleTickets(tickets, services);
  if (shown.tickets.length === 0) {
    return reply.text(
      `${say('ticketsNoneForOrder', language, { orderId: order.id })}\n${refundTiming(language, services)}`,
    );
  }
  await reply.text(
    say('ticketsOrderList', language, { orderId: order.id, tickets: ticketLines(shown, language, services) }),
  );
}

async function sendTicketList(tickets: Ticket[], reply: TurnReply, services: BotServices): Promise<void> {
  const { language } = reply;
  const shown = visibleTickets(tickets, services);
  if (shown.tickets.length === 0) {
    return reply.text(`${say('ticketsNone', language)}\n${refundTiming(language, services)}`);
  }
  await reply.text(say('ticketsList', language, { tickets: ticketLines(shown, language, services) }));
}

interface VisibleTickets {
  tickets: Ticket[];
  /** How many were worth showing before the cut to `MAX_LISTED_TICKETS`. */
  total: number;
}

/**
 * Open tickets first claim the places, then recently finished ones: an old return still waiting is what the
 * shopper is asking about, not last week's invoice. The chosen ones are shown newest first.
 */
function visibleTickets(tickets: Ticket[], services: BotServices): VisibleTickets {
  const now = services.clock();
  const offset = services.policy.utcOffsetMinutes;
  const byNewest = [...tickets].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  const open = byNewest.filter((ticket) => isOpen(ticket));
  const recent = byNewest.filter(
    (ticket) =>
      !isOpen(ticket) && calendarDaysBetween(new Date(ticket.updatedAt), now, offset) <= RECENT_TICKET_DAYS,
  );
  const chosen = new Set([...open, ...recent].slice(0, MAX_LISTED_TICKETS));
  return {
    tickets: byNewest.filter((ticket) => chosen.has(ticket)),
    total: open.length + recent.length,
  };
}

function isOpen(ticket: Ticket): boolean {
  return ticket.status === 'open' || ticket.status === 'in_progress';
}

function ticketLines(shown: VisibleTickets, language: Language, services: BotServices): string {
  const offset = services.policy.utcOffsetMinutes;
  const lines = shown.tickets.map((ticket) => {
    const kind = ticketKindLabels[ticket.kind][language];
    const values = {
      ticketId: ticket.id,
      kind: language === 'en' ? kind[0].toUpperCase() + kind.slice(1) : kind,
      status: ticketStatusLabels[ticket.status][language],
      updatedAt: localDateTime(ticket.updatedAt, offset),
      summary: ticket.summary[language],
    };
    return ticket.orderId
      ? say('ticketLine', language, { ...values, orderId: ticket.orderId })
      : say('ticketLineNoOrder', language, values);
  });
  if (shown.total > shown.tickets.length) {
    lines.push(say('ticketsMore', language, { shown: shown.tickets.length, total: shown.total }));
  }
  // The question was most likely about money: say when it arrives, unless no refund is coming.
  const refundComing = shown.tickets.some(
    (ticket) => (ticket.kind === 'return' || ticket.kind === 'cancel') && ticket.status !== 'rejected',
  );
  if (refundComing) lines.push(refundTiming(language, services));
  return lines.join('\n');
}

function refundTiming(language: Language, services: BotServices): string {
  return say('refundTiming', language, {
    refundDays: policyTemplateValues(services.policy, language).refundProcessingDays,
  });
}

/** `YYYY-MM-DD HH:MM` in the shop's time zone, as the shop's own pages show times. */
function localDateTime(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
