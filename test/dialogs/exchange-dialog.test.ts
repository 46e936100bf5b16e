import { DemoOrderService } from '../../src/commerce/demo/demo-order-service';
import { buttonsOf, botHarness, sharedNlu, TEST_NOW, type BotHarness } from '../helpers/bot';

beforeAll(() => sharedNlu());

/** A signed-in demo-alice at the size/colour question for the white M T-shirts of 202311150001. */
async function atWantedQuestion(language: 'zh' | 'en'): Promise<BotHarness> {
  const bot = botHarness({ customerId: 'demo-alice' });
  if (language === 'zh') {
    expect(await bot.ask('订单202311150001 我要换货')).toContain('哪件商品');
    expect(await bot.ask('纯棉T恤')).toContain('要换几件');
    expect(await bot.ask('1件')).toContain('换成什么尺码或颜色');
  } else {
    expect(await bot.ask('I want to exchange order 202311150001')).toContain('Which item');
    expect(await bot.ask('Cotton T-shirt')).toContain('How many');
    expect(await bot.ask('1 item')).toContain('What size or colour');
  }
  return bot;
}

describe('ExchangeDialog (zh)', () => {
  it('walks a shopper from 我要换货 to an exchange ticket: order, phone, item, quantity, size, summary', async () => {
    const bot = botHarness();
    expect(await bot.ask('我要换货')).toContain('订单号');
    expect(await bot.ask('202311150001')).toContain('后4位');
    const items = await bot.send('5678');
    expect(items[0].text).toContain('哪件商品');
    expect(buttonsOf(items)).toEqual(['纯棉T恤（白色 M）', '直筒牛仔裤（蓝色 30）']);
    const quantity = await bot.send('纯棉T恤');
    expect(quantity[0].text).toBe('纯棉T恤（白色 M） 您买了 2 件，要换几件？');
    expect(buttonsOf(quantity)).toEqual(['1件', '全部2件']);
    const wanted = await bot.send('1');
    expect(wanted[0].text).toContain('换成什么尺码或颜色');
    // The other sizes of the white T-shirt that are in stock (XXL white is sold out).
    expect(buttonsOf(wanted)).toEqual(['S', 'L', 'XL']);
    const summary = await bot.send('换L码');
    expect(summary[0].text).toContain('请确认换货信息');
    expect(summary[0].text).toContain('订单：202311150001');
    expect(summary[0].text).toContain('数量：1');
    expect(summary[0].text).toContain('换成：白色 L');
    expect(buttonsOf(summary)).toEqual(['确认提交', '先不了']);
    const done = await bot.ask('确认提交');
    expect(done).toMatch(/换货申请已提交，工单号 T\d{8}-\d{4}/);
    expect(done).toContain('纯棉T恤（白色 L）');
    expect(done).toContain('杭州市余杭区');
    expect(done).toContain('收到原商品后就把新的寄给您');
  });

  it('takes the order, item and size from "订单202311150001衣服小了想换L码" for a signed-in shopper', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    // Owned order, and L only fits the T-shirt (the jeans come in waist sizes): straight to how many.
    const first = await bot.send('订单202311150001衣服小了想换L码');
    expect(first).toHaveLength(1);
    expect(first[0].text).toContain('纯棉T恤（白色 M） 您买了 2 件');
    const summary = await bot.ask('全部2件');
    expect(summary).toContain('数量：2');
    expect(summary).toContain('换成：白色 L');
    expect(await bot.ask('确认提交')).toMatch(/工单号 T\d{8}-\d{4}/);
  });

  it('asks an anonymous shopper only for the phone digits before using the pre-filled order and size', async () => {
    const bot = botHarness();
    expect(await bot.ask('订单202311150001衣服小了想换L码')).toContain('订单 202311150001 收货手机号的后4位');
    expect(await bot.ask('5678')).toContain('要换几件');
    const summary = await bot.ask('两件都换');
    expect(summary).toContain('数量：2');
    expect(summary).toContain('换成：白色 L');
  });

  it('says a sold-out size/colour is out of stock and offers what is in stock as buttons', async () => {
    const bot = await atWantedQuestion('zh');
    const soldOut = await bot.send('换L码藏青色');
    expect(soldOut[0].text).toContain('纯棉T恤 藏青色 L 暂时缺货');
    // The wanted size in other colours first, then navy in the nearest sizes.
    expect(buttonsOf(soldOut)).toEqual([
      '黑色 L',
      '白色 L',
      '藏青色 M',
      '藏青色 XL',
      '藏青色 S',
      '藏青色 XXL',
    ]);
    const summary = await bot.ask('黑色 L');
    expect(summary).toContain('换成：黑色 L');
    const done = await bot.ask('确认提交');
    expect(done).toContain('纯棉T恤（黑色 L）');
  });

  it('says when the product is not made in the wanted size and offers the nearest sizes', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要换货');
    expect(await bot.ask('直筒牛仔裤')).toContain('换成什么尺码');
    const notMade = await bot.send('换33码');
    expect(notMade[0].text).toContain('直筒牛仔裤 没有 蓝色 33 这个款式');
    expect(buttonsOf(notMade).slice(0, 3)).toEqual(['蓝色 32', '蓝色 34', '蓝色 31']);
    expect(await bot.ask('2')).toContain('换成：蓝色 34');
  });

  it('explains the 15-day window and hands over for an order delivered 40 days ago', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const refused = await bot.send('订单202310010007 我要换货');
    expect(refused[0].text).toContain('已签收 40 天，超出了15天的换货期限');
    expect(refused.map((activity) => activity.text).join('\n')).toContain('人工客服服务时间');
  });

  it('refuses an order that has not shipped yet, without handing over, and leaves the dialog', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const refused = await bot.ask('我要换货 订单202311210099');
    expect(refused).toContain('还没有发货，签收后才能申请换货');
    expect(refused).not.toContain('人工客服');
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('tells a shopper whose parcel is on its way to come back after delivery', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    expect(await bot.ask('我要换货 订单20231102558736')).toContain('还在运输途中，签收后 15 天内');
  });

  it('answers a shipping question mid-dialog, resumes, and reads "大一码" as an answer', async () => {
    const bot = await atWantedQuestion('zh');
    const side = await bot.send('包邮吗');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[0]).toContain('包邮');
    expect(texts[1]).toContain('继续刚才的申请');
    expect(texts[2]).toContain('换成什么尺码或颜色');
    expect(buttonsOf(side)).toEqual(['S', 'L', 'XL']);
    expect(await bot.ask('大一码')).toContain('换成：白色 L');
  });

  it('leaves the dialog on 算了', async () => {
    const bot = await atWantedQuestion('zh');
    expect(await bot.ask('算了')).toContain('已取消本次申请');
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('hands over after three failed answers to the size question', async () => {
    const bot = await atWantedQuestion('zh');
    expect(await bot.ask('嗯嗯嗯')).toContain('没听出您想换的尺码或颜色');
    // The size the shopper already has is not an exchange.
    const same = await bot.ask('M');
    expect(same).toContain('您现在的就是 白色 M');
    const handed = await bot.ask('啊啊啊');
    expect(handed).toContain('人工客服服务时间');
    expect(handed).not.toContain('没听出');
  });
});

describe('ExchangeDialog (en)', () => {
  it('asks for phone digits, then runs to an exchange ticket in English', async () => {
    const bot = botHarness();
    expect(await bot.ask('I want to exchange order 202311150001')).toContain('last 4 digits');
    expect(await bot.ask('5678')).toContain('Which item');
    const quantity = await bot.send('Cotton T-shirt');
    expect(quantity[0].text).toBe(
      'You bought 2 of Cotton T-shirt (white M). How many would you like to exchange?',
    );
    expect(buttonsOf(quantity)).toEqual(['1 item', 'All 2']);
    expect(await bot.ask('just one')).toContain('What size or colour');
    const summary = await bot.ask('size M in navy');
    expect(summary).toContain('Please confirm the exchange');
    expect(summary).toContain('Quantity: 1');
    expect(summary).toContain('Exchange for: navy, size M');
    const done = await bot.ask('Confirm');
    expect(done).toMatch(/Your exchange is booked: ticket T\d{8}-\d{4}/);
    expect(done).toContain('Hangzhou');
    expect(done).toContain('we ship the new one as soon as the original arrives');
  });

  it('takes the order and size from the first message', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    expect(await bot.ask('I want to exchange order 202311150001 for a size L')).toContain(
      'You bought 2 of Cotton T-shirt',
    );
    const summary = await bot.ask('both');
    expect(summary).toContain('Quantity: 2');
    expect(summary).toContain('Exchange for: white, size L');
  });

  it('offers the in-stock alternatives when navy L is sold out', async () => {
    const bot = await atWantedQuestion('en');
    const soldOut = await bot.send('size L in navy');
    expect(soldOut[0].text).toContain('Cotton T-shirt in navy, size L is out of stock');
    expect(buttonsOf(soldOut)).toEqual([
      'black, size L',
      'white, size L',
      'navy, size M',
      'navy, size XL',
      'navy, size S',
      'navy, size XXL',
    ]);
    // Only one of the offers is black, so the colour alone picks it.
    expect(await bot.ask('black please')).toContain('Exchange for: black, size L');
  });

  it('explains the window and hands over for an order delivered 40 days ago', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const refused = await bot.ask('I want to exchange order 202310010007');
    expect(refused).toContain('delivered 40 days ago, past the 15-day exchange window');
    expect(refused).toContain('Our agents are available');
  });

  it('refuses an order that has not shipped yet', async () => {
    const bot = botHarness();
    await bot.ask('I want to exchange order 202311210099');
    const refused = await bot.ask('5678');
    expect(refused).toContain('Order 202311210099 has not shipped yet');
    expect(refused).not.toContain('agent');
  });

  it('answers a shipping question mid-dialog and resumes; "one size up" is an answer', async () => {
    const bot = await atWantedQuestion('en');
    const side = await bot.send('do you ship for free');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[1]).toContain("Let's carry on");
    expect(texts[2]).toContain('What size or colour');
    expect(await bot.ask('one size up')).toContain('Exchange for: white, size L');
  });

  it('leaves the dialog on "cancel"', async () => {
    const bot = await atWantedQuestion('en');
    expect(await bot.ask('cancel')).toContain("I've stopped that request");
    expect(await bot.ask('do you ship for free')).toContain('¥99');
  });

  it('hands over after three failed answers to the size question', async () => {
    const bot = await atWantedQuestion('en');
    expect(await bot.ask("I'm not sure")).toContain("I didn't catch the size or colour");
    expect(await bot.ask('hmm')).toContain("I didn't catch the size or colour");
    expect(await bot.ask('whatever')).toContain('Our agents are available');
  });
});

describe('ExchangeDialog and items already returned', () => {
  const ORDER = '202311150001';

  /** The demo shop after a return of the jeans of 202311150001 (and of its T-shirts, with `all`). */
  async function shopAfterReturns(all: boolean) {
    const orders = new DemoOrderService({ now: TEST_NOW });
    const lines = [
      { sku: 'JEANS-BLUE-30', quantity: 1 },
      ...(all ? [{ sku: 'TSHIRT-WHITE-M', quantity: 2 }] : []),
    ];
    for (const line of lines) {
      expect((await orders.createReturn({ orderId: ORDER, ...line, reason: 'size' })).outcome).toBe(
        'created',
      );
    }
    return orders;
  }

  it('refuses an item already returned as soon as it is chosen (zh)', async () => {
    const bot = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(false) });
    expect(await bot.ask(`订单${ORDER} 我要换货`)).toContain('哪件商品');
    const refused = await bot.ask('直筒牛仔裤');
    expect(refused).toContain('直筒牛仔裤（蓝色 30） 已经申请过退货，不能再换货了');
    expect(refused).not.toContain('尺码');
  });

  it('refuses the order, before asking which item, when everything on it is already returned', async () => {
    const bot = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(true) });
    const refused = await bot.ask(`订单${ORDER} 我要换货`);
    expect(refused).toContain(`订单 ${ORDER} 里的商品都已经申请过退货，不能再换货了`);
    expect(refused).not.toContain('哪件商品');

    const english = botHarness({ customerId: 'demo-alice', orders: await shopAfterReturns(true) });
    const whole = await english.ask(`I want to exchange order ${ORDER}`);
    expect(whole).toContain(`everything in order ${ORDER}, so there is nothing left to exchange`);
    expect(whole).not.toContain('Which item');
  });
});
