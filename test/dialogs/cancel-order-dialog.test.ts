import { buttonsOf, botHarness, sharedNlu } from '../helpers/bot';

beforeAll(() => sharedNlu());

describe('CancelOrderDialog (zh)', () => {
  it('cancels a paid order after a confirmation that states the refund, and knows it is cancelled afterwards', async () => {
    const bot = botHarness();
    expect(await bot.ask('我要取消订单')).toContain('订单号');
    expect(await bot.ask('202311210099')).toContain('后4位');
    const summary = await bot.send('5678');
    expect(summary[0].text).toContain('请确认取消订单');
    expect(summary[0].text).toContain('订单：202311210099（待发货）');
    expect(summary[0].text).toContain('纯棉T恤（黑色 L） ×1');
    expect(summary[0].text).toContain('退款金额：¥85.00，取消后1–3个工作日内原路退回');
    expect(buttonsOf(summary)).toEqual(['确认取消订单', '不取消了']);
    const done = await bot.ask('确认取消订单');
    expect(done).toMatch(/订单 202311210099 已取消（工单号 T\d{8}-\d{4}）/);
    expect(done).toContain('¥85.00 将在1–3个工作日内原路退回');
    // The order system really cancelled it: asking again is answered from its new state.
    expect(await bot.ask('帮我取消订单202311210099')).toContain('已经取消了');
  });

  it('cancels an unpaid order and says nothing was charged', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const summary = await bot.ask('帮我取消订单202311200042');
    expect(summary).toContain('还没有付款，没有产生任何扣款');
    expect(summary).not.toContain('退款金额');
    const done = await bot.ask('确认');
    expect(done).toMatch(/订单 202311200042 已取消（工单号 T\d{8}-\d{4}）/);
    expect(done).toContain('不会产生任何扣款');
  });

  it('takes the order from the first message and goes straight to the confirmation', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const first = await bot.send('帮我取消订单202311210099');
    expect(first).toHaveLength(1);
    expect(first[0].text).toContain('请确认取消订单');
    expect(first[0].text).toContain('202311210099');
  });

  it('offers the signed-in customer their orders to pick from', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const choose = await bot.send('我想取消订单');
    expect(choose[0].text).toContain('哪个订单');
    expect(buttonsOf(choose)).toContain('202311210099 纯棉T恤');
    expect(await bot.ask('202311210099 纯棉T恤')).toContain('请确认取消订单');
  });

  it('keeps the order when the shopper says no', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('帮我取消订单202311210099');
    expect(await bot.ask('不取消了')).toContain('订单 202311210099 保留，没有取消');
    expect(await bot.ask('帮我取消订单202311210099')).toContain('请确认取消订单');
  });

  it('explains refusing the parcel or returning it for a shipped order, without cancelling', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const refused = await bot.send('我要取消订单20231102558736');
    expect(refused).toHaveLength(1);
    expect(buttonsOf(refused)).toEqual([]);
    const text = refused[0].text ?? '';
    expect(text).toContain('已经由顺丰速运发出（运单号 SF1234567890123），不能直接取消了');
    expect(text).toContain('拒收');
    expect(text).toContain('1–3个工作日内原路退款');
    expect(text).toContain('收到后7天内可以申请退货');
    expect(text).toContain('“我要退货”');
    // The dialog is over: the next message is answered on its own.
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('explains returns for a delivered order', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const text = await bot.ask('我要取消订单202311150001');
    expect(text).toContain('已于 2026-11-19 签收，不能取消了');
    expect(text).toContain('可以在 2026-11-26 前申请退货');
    expect(text).toContain('“我要退货”');
    // Saying so starts the return dialog, as promised.
    const returning = await bot.send('我要退货');
    expect(returning[0].text).toContain('是哪个订单');
    expect(buttonsOf(returning)).toContain('202311150001 纯棉T恤');
    expect(await bot.ask('202311150001 纯棉T恤')).toContain('哪件商品');
  });

  it('says the return periods are over for an order delivered 40 days ago', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const text = await bot.ask('我要取消订单202310010007');
    expect(text).toContain('不能取消，也已超过退货期限（无理由退货7天，质量问题15天）');
    expect(text).toContain('转人工');
  });

  it('answers a shipping question mid-dialog and resumes at the confirmation', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('帮我取消订单202311210099');
    const side = await bot.send('包邮吗');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[0]).toContain('包邮');
    expect(texts[1]).toContain('继续刚才的申请');
    expect(texts[2]).toContain('请确认取消订单');
    expect(buttonsOf(side)).toEqual(['确认取消订单', '不取消了']);
    expect(await bot.ask('确认取消订单')).toContain('已取消');
  });

  it('leaves the dialog on 算了 without cancelling the order', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('帮我取消订单202311210099');
    expect(await bot.ask('算了')).toContain('已取消本次申请');
    expect(await bot.ask('包邮吗')).toContain('¥99');
    // Still paid, not cancelled: starting again asks for the confirmation again.
    const again = await bot.ask('帮我取消订单202311210099');
    expect(again).toContain('请确认取消订单');
    expect(again).toContain('（待发货）');
  });

  it('hands over after three answers that are not a choice, without cancelling', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('帮我取消订单202311210099');
    expect(await bot.ask('嗯嗯嗯')).toContain('请从下面的选项里选一个');
    expect(await bot.ask('啊啊啊')).toContain('请从下面的选项里选一个');
    expect(await bot.ask('哦哦哦')).toContain('人工客服服务时间');
    expect(await bot.ask('帮我取消订单202311210099')).toContain('请确认取消订单');
  });
});

describe('CancelOrderDialog (en)', () => {
  it('answers "how do I cancel an order" from the FAQ, with a button that starts the dialog', async () => {
    const bot = botHarness();
    const replies = await bot.send('how do I cancel an order');
    expect(buttonsOf(replies)).toEqual(['Cancel my order']);
    expect(await bot.ask('Cancel my order')).toContain('What is the order number?');
  });

  it('verifies the phone digits, confirms with the refund and cancels a paid order', async () => {
    const bot = botHarness();
    expect(await bot.ask('I want to cancel my order')).toContain('order number');
    expect(await bot.ask('202311210099')).toContain('last 4 digits');
    const summary = await bot.send('5678');
    expect(summary[0].text).toContain('Please confirm the cancellation');
    expect(summary[0].text).toContain('Order: 202311210099 (paid, awaiting dispatch)');
    expect(summary[0].text).toContain(
      'Refund: ¥85.00, back to your original payment method within 1–3 working days',
    );
    expect(buttonsOf(summary)).toEqual(['Yes, cancel it', 'No, keep it']);
    const done = await bot.ask('Yes, cancel it');
    expect(done).toMatch(
      /Order 202311210099 is cancelled \(ticket T\d{8}-\d{4}\)\. ¥85\.00 will be refunded/,
    );
  });

  it('cancels an unpaid order named in the first message', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const summary = await bot.ask('please cancel order 202311200042');
    expect(summary).toContain('nothing was charged and there is nothing to refund');
    expect(await bot.ask('yes')).toMatch(
      /Order 202311200042 is cancelled \(ticket T\d{8}-\d{4}\)\. It was never paid/,
    );
  });

  it('does not read "no, don\'t cancel" as a yes', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('please cancel order 202311210099');
    expect(await bot.ask("no, don't cancel it")).toContain('nothing was cancelled');
  });

  it('explains refusing or returning a shipped order', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const text = await bot.ask('I want to cancel order 20231102558736');
    expect(text).toContain('has already left with SF Express (tracking number SF1234567890123)');
    expect(text).toContain('Refuse the delivery');
    expect(text).toContain('"I want to return it"');
  });

  it('explains returns for a delivered order', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const text = await bot.ask('I want to cancel order 202311150001');
    expect(text).toContain('was delivered on 2026-11-19, so it can no longer be cancelled');
    expect(text).toContain('you can return it until 2026-11-26');
  });

  it('answers a side question and resumes', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('please cancel order 202311210099');
    const side = await bot.send('do you ship for free');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[1]).toContain('carry on');
    expect(texts[2]).toContain('Please confirm the cancellation');
  });

  it('leaves on "cancel" without cancelling the order', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('please cancel order 202311210099');
    expect(await bot.ask('never mind')).toContain("I've stopped that request");
    expect(await bot.ask('please cancel order 202311210099')).toContain('Please confirm the cancellation');
  });

  it('hands over after three wrong phone digits', async () => {
    const bot = botHarness();
    await bot.ask('I want to cancel order 202311210099');
    expect(await bot.ask('1111')).toContain("don't match");
    expect(await bot.ask('2222')).toContain("don't match");
    expect(await bot.ask('3333')).toContain('Our agents are available');
  });
});
