import { DemoOrderService } from '../../src/commerce/demo/demo-order-service';
import { AgentHub } from '../../src/handoff/agent-hub-service';
import { MemoryHandoffStore } from '../../src/handoff/memory-handoff-store';
import { hashPassword } from '../../src/handoff/passwords';
import { botHarness, sharedNlu, TEST_NOW } from '../helpers/bot';
import { testLogger } from '../helpers/quiet-logger';

beforeAll(() => sharedNlu());

const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };
const NEVER_OPEN = { serviceHours: { open: '03:00', close: '03:01' }, utcOffsetMinutes: 0 };

async function hub(policy: typeof ALWAYS_OPEN, agentOnline: boolean) {
  const hubInstance = new AgentHub({
    store: new MemoryHandoffStore(() => TEST_NOW.getTime()),
    accounts: [
      {
        username: 'ann',
        displayName: '李娜 Ann',
        passwordHash: await hashPassword('pw-ann-123'),
        maxConcurrentChats: 5,
      },
    ],
    messenger: { send: async () => undefined },
    logger: testLogger(),
    policy,
    clock: () => new Date(TEST_NOW),
  });
  if (agentOnline) {
    const login = await hubInstance.login('ann', 'pw-ann-123', '127.0.0.1');
    if (!('agent' in login)) throw new Error('login failed');
  }
  return hubInstance;
}

describe('leaving a message when nobody is on duty', () => {
  it('turns the next message into a ticket for the next shift (zh)', async () => {
    const orders = new DemoOrderService({ now: TEST_NOW });
    const bot = botHarness({ handoff: await hub(NEVER_OPEN, false), orders, customerId: 'demo-alice' });
    const offer = await bot.ask('转人工');
    expect(offer).toContain('现在没有人工客服在线');
    const taken = await bot.ask('我的快递好几天没动了 请明天联系我');
    const ticketId = /工单号 (T\d{8}-\d{4})/.exec(taken)?.[1];
    expect(ticketId).toBeDefined();
    const ticket = await orders.getTicket(ticketId as string);
    expect(ticket).toMatchObject({ kind: 'message', customerId: 'demo-alice' });
    expect(ticket?.details.message).toBe('我的快递好几天没动了 请明天联系我');
  });

  it('does the same in English, and lets the shopper change their mind', async () => {
    const bot = botHarness({ handoff: await hub(NEVER_OPEN, false) });
    expect(await bot.ask('I want to talk to a real person')).toContain('No agent is online right now');
    expect(await bot.ask('never mind')).toBe('All right, no message then. Anything else I can help with?');
  });

  it('takes back the offer on 取消 without reading it as cancelling an order, and answers again', async () => {
    const orders = new DemoOrderService({ now: TEST_NOW });
    const bot = botHarness({ handoff: await hub(NEVER_OPEN, false), orders });
    expect(await bot.ask('转人工')).toContain('现在没有人工客服在线');
    const dropped = await bot.ask('取消');
    expect(dropped).toBe('好的，不留言了。还有什么可以帮您的吗？');
    expect(dropped).not.toContain('取消订单');
    expect(await bot.ask('包邮吗')).toContain('包邮');
  });
});

describe('waiting in the queue', () => {
  it('tells the place, stays silent while waiting, and leaves the queue on 取消', async () => {
    const gateway = await hub(ALWAYS_OPEN, true);
    const bot = botHarness({ handoff: gateway, conversationId: 'queue-1' });
    const queued = await bot.send('转人工');
    expect(queued.map((a) => a.text).join()).toContain('您是下一位');
    expect(queued.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
    expect(await gateway.sessionOf('queue-1')).toMatchObject({ state: 'queued' });

    expect(await bot.send('包邮吗')).toEqual([]); // the bot does not answer while the shopper waits

    expect(await bot.ask('取消')).toContain('已取消排队');
    expect(await gateway.sessionOf('queue-1')).toBeUndefined();
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('says it in English with the number of shoppers ahead', async () => {
    const gateway = await hub(ALWAYS_OPEN, true);
    await botHarness({ handoff: gateway, conversationId: 'ahead-1' }).ask('转人工');
    const reply = await botHarness({ handoff: gateway, conversationId: 'ahead-2' }).ask(
      'let me talk to a human agent',
    );
    expect(reply).toContain('There is 1 shopper ahead of you');
    expect(reply).toMatch(/about \d+ min/);
    expect(await botHarness({ handoff: gateway, conversationId: 'ahead-2' }).ask('back to bot')).toContain(
      "you've left the queue",
    );
  });
});
