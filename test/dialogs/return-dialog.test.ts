import { DemoOrderService } from '../../src/commerce/demo/demo-order-service';
import { buttonsOf, botHarness, sharedNlu, TEST_NOW } from '../helpers/bot';

beforeAll(() => sharedNlu());

describe('ReturnDialog (zh)', () => {
  it('walks a verified shopper to a return ticket: order, phone digits, item, reason, summary, ticket', async () => {
    const bot = botHarness();
    expect(await bot.ask('我要退货')).toContain('订单号');
    expect(await bot.ask('202311150001')).toContain('后4位');
    const items = await bot.send('5678');
    expect(items[0].text).toContain('哪件商品');
    expect(buttonsOf(items)).toEqual(['纯棉T恤（白色 M）', '直筒牛仔裤（蓝色 30）']);
    const reasons = await bot.send('直筒牛仔裤');
    expect(reasons[0].text).toContain('原因');
    const summary = await bot.send('不想要了');
    expect(summary[0].text).toContain('请确认退货信息');
    expect(summary[0].text).toContain('订单：202311150001');
    expect(summary[0].text).toContain('运费险');
    expect(buttonsOf(summary)).toEqual(['确认提交', '先不了']);
    const done = await bot.ask('确认提交');
    expect(done).toMatch(/退货申请已提交，工单号 T\d{8}-\d{4}/);
    expect(done).toContain('杭州市');
  });

  it('takes the item named by its colour in Chinese, as the button shows it', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    expect(await bot.ask('订单202311150001 我要退货')).toContain('哪件商品');
    const reasons = await bot.ask('蓝色的那条');
    expect(reasons).toContain('原因');
    expect(await bot.ask('不想要了')).toContain('直筒牛仔裤（蓝色 30）');
  });

  it('fills the order and reason from the first message and skips those questions', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const first = await bot.send('订单202311150001的牛仔裤质量有问题 我要退货');
    // Order known and owned (signed-in customer), reason known: straight to which item.
    expect(first[0].text).toContain('哪件商品');
    const summary = await bot.ask('2');
    expect(summary).toContain('原因：质量问题');
    expect(summary).toContain('我们承担');
  });

  it('explains the window and offers an agent for an order delivered 40 days ago', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    await bot.ask('订单202310010007 我要退货');
    const refused = await bot.ask('不想要了');
    expect(refused).toContain('超出了7天的退货期限');
    expect(refused).toContain('人工客服');
  });

  it('refuses an order that has not been delivered yet', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const refused = await bot.ask('我要退货 订单202311210099');
    expect(refused).toContain('还没有签收');
  });

  it('answers a shipping question mid-dialog and resumes where it was', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const first = await bot.ask('订单202311150001 我要退货');
    expect(first).toContain('哪件商品');
    const side = await bot.send('包邮吗');
    const texts = side.map((a) => a.text ?? '');
    expect(texts[0]).toContain('包邮');
    expect(texts[1]).toContain('继续刚才的申请');
    expect(texts[2]).toContain('哪件商品');
    expect((await bot.send('1'))[0].text).toContain('原因');
  });

  it('leaves the dialog on 算了', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要退货');
    expect(await bot.ask('算了')).toContain('已取消本次申请');
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('hands over after three failed answers in one step', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要退货');
    await bot.ask('1');
    expect(await bot.ask('嗯嗯嗯')).toContain('请从下面的选项里选一个');
    expect(await bot.ask('啊啊啊')).toContain('请从下面的选项里选一个');
    const handed = await bot.ask('哦哦哦');
    expect(handed).toContain('人工客服服务时间');
  });

  it('hands over when the shopper asks for a person mid-dialog', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要退货');
    expect(await bot.ask('转人工')).toContain('人工客服服务时间');
  });
});

describe('ReturnDialog (en)', () => {
  it('asks for phone digits, then runs to a ticket in English', async () => {
    const bot = botHarness();
    expect(await bot.ask('I want to return my order 202311150001')).toContain('last 4 digits');
    expect(await bot.ask('5678')).toContain('Which item');
    expect(await bot.ask('Cotton T-shirt')).toContain('Why');
    const summary = await bot.ask('it is too small');
    expect(summary).toContain('Please confirm the return');
    expect(summary).toContain('Reason: ');
    expect(await bot.ask('Confirm')).toMatch(/Your return is booked: ticket T\d{8}-\d{4}/);
  });

  it('stops after three wrong phone digits and hands over', async () => {
    const bot = botHarness();
    await bot.ask('I want to return order 202311150001');
    expect(await bot.ask('1111')).toContain("don't match");
    expect(await bot.ask('2222')).toContain("don't match");
    expect(await bot.ask('3333')).toContain('Our agents are available');
  });

  it('offers to start a return under the policy answer when the shopper only asks about it', async () => {
    const replies = await botHarness().send('what is your return policy');
    expect(replies[0].text).toContain('7');
    expect(buttonsOf(replies)).toEqual(['Start a return']);
  });
});

describe('ReturnDialog and non-returnable items', () => {
  /** The demo's unpaid order (face cream + underwear), as if it had been paid and delivered two days ago. */
  class DeliveredUnderwearShop extends DemoOrderService {
    override async findOrder(orderId: string) {
      const order = await super.findOrder(orderId);
      if (!order || order.id !== '202311200042') return order;
      const deliveredAt = new Date(TEST_NOW.getTime() - 2 * 86_400_000).toISOString();
      return {
        ...order,
        status: 'delivered' as const,
        paidAt: order.createdAt,
        shipment: {
          carrier: 'ZTO' as const,
          trackingNumber: '75312345678901',
          shippedAt: order.createdAt,
          estimatedDelivery: deliveredAt,
          events: [],
          deliveredAt,
        },
      };
    }
  }

  it('refuses a no-reason return of underwear but accepts it as a quality fault (zh)', async () => {
    const orders = new DeliveredUnderwearShop({ now: TEST_NOW });
    const bot = botHarness({ customerId: 'demo-bob', orders });
    await bot.ask('订单202311200042 我要退货');
    await bot.ask('纯棉内裤');
    const refused = await bot.ask('不想要了');
    expect(refused).toContain('不支持无理由退货');

    const again = botHarness({ customerId: 'demo-bob', orders, conversationId: 'fault' });
    await again.ask('订单202311200042 我要退货');
    await again.ask('纯棉内裤');
    expect(await again.ask('质量问题')).toContain('请确认退货信息');
  });

  it('explains the same in English', async () => {
    const orders = new DeliveredUnderwearShop({ now: TEST_NOW });
    const bot = botHarness({ customerId: 'demo-bob', orders });
    await bot.ask('I want to return something from order 202311200042');
    await bot.ask('Cotton briefs');
    expect(await bot.ask('changed my mind')).toContain('cannot be returned without a reason');
  });
});

describe('ReturnDialog and items already returned', () => {
  const ORDER = '202311150001';
  const JEANS = { sku: 'JEANS-BLUE-30', quantity: 1 };
  const TSHIRTS = { sku: 'TSHIRT-WHITE-M', quantity: 2 };

  /** The demo shop after returns of the given lines of 202311150001 were booked. */
  async function shopAfterReturns(...lines: { sku: string; quantity: number }[]) {
    const orders = new DemoOrderService({ now: TEST_NOW });
    for (const line of lines) {
      const booked = await orders.createReturn({ orderId: ORDER, ...line, reason: 'size' });
      expect(booked.outcome).toBe('created');
    }
    return orders;
  }

  it('refuses an item already returned as soon as it is chosen, without asking why (zh)', async () => {
    const bot = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(JEANS) });
    expect(await bot.ask(`订单${ORDER} 我要退货`)).toContain('哪件商品');
    const refused = await bot.ask('直筒牛仔裤');
    expect(refused).toContain('直筒牛仔裤（蓝色 30） 已经申请过退货了');
    expect(refused).not.toContain('原因');
    // The dialog is over: the next message is answered for itself.
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('still returns the other item of the order', async () => {
    const bot = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(JEANS) });
    await bot.ask(`订单${ORDER} 我要退货`);
    expect(await bot.ask('纯棉T恤')).toContain('原因');
  });

  it('refuses at once when the first message named the reason too', async () => {
    const bot = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(JEANS) });
    await bot.ask(`订单${ORDER}的牛仔裤质量有问题 我要退货`);
    const refused = await bot.ask('2');
    expect(refused).toContain('已经申请过退货了');
    expect(refused).not.toContain('请确认退货信息');
  });

  it('refuses the order, before asking which item, when everything on it is already returned (zh)', async () => {
    const bot = botHarness({ orders: await shopAfterReturns(JEANS, TSHIRTS) });
    expect(await bot.ask(`我要退货 订单${ORDER}`)).toContain('后4位');
    const refused = await bot.ask('5678');
    expect(refused).toContain(`订单 ${ORDER} 里的商品都已经申请过退货了`);
    expect(refused).not.toContain('哪件商品');
  });

  it('says the same in English', async () => {
    const orders = await shopAfterReturns(JEANS);
    const bot = botHarness({ customerId: 'demo-alice', orders });
    expect(await bot.ask(`I want to return something from order ${ORDER}`)).toContain('Which item');
    const refused = await bot.ask('Straight-leg jeans');
    expect(refused).toContain('A return for Straight-leg jeans (blue 30) has already been requested');
    expect(refused).not.toContain('Why');

    await orders.createReturn({ orderId: ORDER, ...TSHIRTS, reason: 'size' });
    const whole = await bot.ask(`I want to return order ${ORDER}`);
    expect(whole).toContain(`Returns have already been requested for everything in order ${ORDER}`);
    expect(whole).not.toContain('Which item');
  });
});
