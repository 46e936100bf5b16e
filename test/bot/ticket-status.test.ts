import { TestAdapter } from 'botbuilder';
import { newConversationData, type ConversationData } from '../../src/bot/conversation-state';
import { showTickets } from '../../src/bot/handlers/ticket-status';
import { continueTracking } from '../../src/bot/handlers/tracking';
import { TurnReply } from '../../src/bot/reply';
import type { BotServices } from '../../src/bot/services';
import { DEMO_CUSTOMERS } from '../../src/commerce/demo/customers';
import { MemoryTicketStore } from '../../src/commerce/ticket-store';
import type { Language } from '../../src/nlu/types';
import { sharedNlu, TEST_NOW, testShopBot } from '../helpers/bot';

const ALICE = DEMO_CUSTOMERS.alice.customerId;
const BOB = DEMO_CUSTOMERS.bob.customerId;
const DELIVERED_ORDER = '202311150001'; // Alice's, delivered 3 days ago
const PAID_ORDER = '202311210099'; // Alice's, paid, not shipped
const OLD_ORDER = '202310010007'; // Bob's

const HAS_WORDS = /[\p{L}]/u;

/**
 * The ticket-status handler on botbuilder's TestAdapter, as ShopBot calls it: `showTickets` for the
 * question, `continueTracking` for an answer to a question the bot asked ('answer-awaiting').
 */
function ticketHarness(customerId: string | undefined) {
  let now = new Date(TEST_NOW);
  const clock = () => new Date(now.getTime());
  const ticketStore = new MemoryTicketStore({ clock });
  const { services } = testShopBot({ clock, ticketStore });
  const state: ConversationData = newConversationData();
  const adapter = new TestAdapter(TestAdapter.createConversation('tickets-1', customerId ?? 'web-visitor'));

  async function turn(text: string, handler: typeof showTickets): Promise<string> {
    await adapter.processActivity({ type: 'message', text }, async (context) => {
      const analysis = services.nlu.analyze(text, services.clock());
      // As ShopBot does: digits alone say nothing about the language.
      if (HAS_WORDS.test(text)) state.language = analysis.language;
      await handler(analysis, new TurnReply(context, state.language, state), state, customerId, services);
    });
    return adapter.activeQueue
      .splice(0)
      .map((activity) => activity.text ?? '')
      .join('\n');
  }

  return {
    services: services as BotServices,
    ticketStore,
    state,
    setNow(time: Date) {
      now = time;
    },
    ask: (text: string) => turn(text, showTickets),
    answer: (text: string) => turn(text, continueTracking),
  };
}

async function openReturn(services: BotServices): Promise<string> {
  const result = await services.orders.createReturn({
    orderId: DELIVERED_ORDER,
    sku: 'TSHIRT-WHITE-M',
    quantity: 1,
    reason: 'size',
  });
  if (result.outcome !== 'created') throw new Error(`demo return not created: ${result.outcome}`);
  return result.ticket.id;
}

const cases: {
  language: Language;
  returnQuestion: string;
  exchangeQuestion: string;
  expect: {
    kind: string;
    status: string;
    summary: string;
    askOrder: string;
    askDigits: string;
    none: string;
    noneForOrder: string;
    refundDays: string;
  };
}[] = [
  {
    language: 'zh',
    returnQuestion: '我的退货处理到哪了',
    exchangeQuestion: '换货进度',
    expect: {
      kind: '退货退款',
      status: '处理中',
      summary: `订单 ${DELIVERED_ORDER} 退货：`,
      askOrder: '订单号',
      askDigits: '后4位',
      none: '您目前没有进行中或最近的售后申请',
      noneForOrder: `订单 ${OLD_ORDER} 目前没有售后申请记录`,
      refundDays: '1–3 个工作日',
    },
  },
  {
    language: 'en',
    returnQuestion: 'where is my refund',
    exchangeQuestion: 'how is my exchange going',
    expect: {
      kind: 'Return and refund',
      status: 'in progress',
      summary: `Return for order ${DELIVERED_ORDER}:`,
      askOrder: 'order number',
      askDigits: 'last 4 digits',
      none: 'You have no open or recent requests',
      noneForOrder: `There are no requests on order ${OLD_ORDER}`,
      refundDays: '1–3 working days',
    },
  },
];

describe.each(cases)(
  'showTickets ($language)',
  ({ language, returnQuestion, exchangeQuestion, expect: want }) => {
    beforeAll(() => sharedNlu());

    it('shows a signed-in customer the status of their return, with when the refund arrives', async () => {
      const bot = ticketHarness(ALICE);
      const ticketId = await openReturn(bot.services);
      bot.setNow(new Date(TEST_NOW.getTime() + 2 * 3_600_000));
      await bot.ticketStore.updateStatus(ticketId, 'in_progress');

      const text = await bot.ask(returnQuestion);
      expect(bot.state.language).toBe(language);
      expect(text).toContain(ticketId);
      expect(text).toContain(want.kind);
      expect(text).toContain(DELIVERED_ORDER);
      expect(text).toContain(want.status);
      expect(text).toContain(want.summary);
      // Last update in shop-local time: TEST_NOW is 14:00 in China, two hours later 16:00.
      expect(text).toContain('2026-11-22 16:00');
      expect(text).toContain(want.refundDays);
      expect(bot.state.awaiting).toBeUndefined();
    });

    it('asks an anonymous shopper for the order and the phone digits, then shows only that order', async () => {
      const bot = ticketHarness(undefined);
      const ticketId = await openReturn(bot.services);
      // Another order of the same customer: proving one order must not reveal it.
      const cancelled = await bot.services.orders.cancelOrder(PAID_ORDER);
      expect(cancelled.outcome).toBe('cancelled');

      const askOrder = await bot.ask(exchangeQuestion);
      expect(askOrder).toContain(want.askOrder);
      expect(askOrder).not.toContain(ticketId);
      expect(bot.state.awaiting).toEqual({ kind: 'orderId', purpose: 'tickets' });

      const askDigits = await bot.answer(DELIVERED_ORDER);
      expect(askDigits).toContain(want.askDigits);
      expect(askDigits).not.toContain(ticketId);
      expect(bot.state.awaiting).toMatchObject({
        kind: 'phoneLast4',
        orderId: DELIVERED_ORDER,
        purpose: 'tickets',
      });

      expect(await bot.answer('0000')).not.toContain(ticketId); // wrong digits: asked again
      const list = await bot.answer(DEMO_CUSTOMERS.alice.phone.slice(-4));
      expect(list).toContain(ticketId);
      expect(list).toContain(want.kind);
      expect(list).not.toContain(PAID_ORDER);
      expect(bot.state.awaiting).toBeUndefined();
      expect(bot.state.verifiedOrders).toContain(DELIVERED_ORDER);
    });

    it('takes the order number from the question itself', async () => {
      const bot = ticketHarness(undefined);
      const ticketId = await openReturn(bot.services);
      expect(await bot.ask(`${returnQuestion} ${DELIVERED_ORDER}`)).toContain(want.askDigits);
      expect(await bot.answer(DEMO_CUSTOMERS.alice.phone.slice(-4))).toContain(ticketId);
    });

    it('tells a signed-in customer with no tickets so, with the refund timing', async () => {
      const bot = ticketHarness(BOB);
      const text = await bot.ask(returnQuestion);
      expect(text).toContain(want.none);
      expect(text).toContain(want.refundDays);
      expect(bot.state.awaiting).toBeUndefined();
    });

    it('tells an anonymous shopper whose order has no tickets so, with the refund timing', async () => {
      const bot = ticketHarness(undefined);
      await bot.ask(returnQuestion);
      await bot.answer(OLD_ORDER);
      const text = await bot.answer(DEMO_CUSTOMERS.bob.phone.slice(-4));
      expect(text).toContain(want.noneForOrder);
      expect(text).toContain(want.refundDays);
    });
  },
);

describe('showTickets list', () => {
  beforeAll(() => sharedNlu());

  it('lists at most 5, newest first, open ones before long-finished ones', async () => {
    const bot = ticketHarness(ALICE);
    const day = 24 * 3_600_000;
    const message = (n: number) => ({
      kind: 'message' as const,
      customerId: ALICE,
      details: {},
      summary: { zh: `留言 ${n}`, en: `Message ${n}` },
    });
    // An open ticket from 60 days ago, one finished 40 days ago (too old to show), then six recent ones.
    bot.setNow(new Date(TEST_NOW.getTime() - 60 * day));
    const oldOpen = await bot.ticketStore.create(message(0));
    bot.setNow(new Date(TEST_NOW.getTime() - 40 * day));
    const oldDone = await bot.ticketStore.create({ ...message(1), status: 'resolved' });
    const recent: string[] = [];
    for (let n = 2; n <= 7; n += 1) {
      bot.setNow(new Date(TEST_NOW.getTime() - (10 - n) * day));
      recent.push((await bot.ticketStore.create({ ...message(n), status: 'resolved' })).id);
    }
    bot.setNow(new Date(TEST_NOW));

    const text = await bot.ask('where is my refund');
    const shown = [...text.matchAll(/ticket (T\d{8}-\d{4})/g)].map((match) => match[1]);
    expect(shown).toEqual([...recent.slice(-4).reverse(), oldOpen.id]);
    expect(text).not.toContain(oldDone.id);
    expect(text).toContain('latest 5 of 7');
    // A message with no order gets a line without one.
    expect(text).not.toContain('order undefined');
  });
});
