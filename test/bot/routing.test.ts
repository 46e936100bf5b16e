import { botHarness, sharedNlu } from '../helpers/bot';

beforeAll(() => sharedNlu());

describe('refund and return status', () => {
  it('answers "my return, how far is it" from the shopper’s tickets, and a general refund question from the FAQ', async () => {
    const alice = botHarness({ customerId: 'demo-alice' });
    // A return first, so there is a ticket to report on.
    await alice.ask('订单202311150001 我要退货');
    await alice.ask('1');
    await alice.ask('不想要了');
    const booked = await alice.ask('确认提交');
    const ticketId = /T\d{8}-\d{4}/.exec(booked)?.[0];
    expect(ticketId).toBeDefined();

    const status = await alice.ask('我的退货处理到哪了');
    expect(status).toContain(ticketId as string);

    const general = await botHarness().ask('退款一般多久到账');
    expect(general).toContain('1–3');
    expect(general).not.toContain('T2');
  });

  it('asks an anonymous shopper for the order before showing anything', async () => {
    const text = await botHarness().ask('where is my refund, it has been a week');
    expect(text.toLowerCase()).toContain('order');
  });
});

describe('language of codes', () => {
  it('keeps answering in Chinese after a message that is only a code', async () => {
    const bot = botHarness();
    await bot.ask('包邮吗');
    const reply = await bot.ask('91350100M000100Y44');
    expect(reply).toMatch(/[\u4e00-\u9fff]/);
  });
});
