import { MemoryStorage, TestAdapter } from 'botbuilder';
import { DemoOrderService } from '../../src/commerce/demo/demo-order-service';
import type { ChangeAddressResult } from '../../src/commerce/order-service';
import type { Address } from '../../src/commerce/types';
import { buttonsOf, botHarness, sharedNlu, TEST_NOW, testShopBot } from '../helpers/bot';

beforeAll(() => sharedNlu());

describe('ChangeAddressDialog (zh)', () => {
  it('changes the address of a paid order: order, digits, address, phone, old → new, confirmation', async () => {
    const bot = botHarness();
    expect(await bot.ask('我要改地址')).toContain('订单号');
    expect(await bot.ask('202311210099')).toContain('后4位');
    const ask = await bot.ask('5678');
    expect(ask).toContain('订单 202311210099 还没有发货，可以修改收货地址');
    expect(ask).toContain('当前地址：王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
    const phone = await bot.send('张三 浙江省杭州市西湖区文三路100号');
    expect(phone[0].text).toContain('收件人手机号要改吗');
    expect(phone[0].text).toContain('138****5678');
    expect(buttonsOf(phone)).toEqual(['不变']);
    const summary = await bot.send('13900001111');
    expect(summary[0].text).toContain('请确认修改订单 202311210099 的收货信息');
    expect(summary[0].text).toContain('原地址：王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
    expect(summary[0].text).toContain('新地址：张三 13900001111 浙江省杭州市西湖区文三路100号');
    expect(buttonsOf(summary)).toEqual(['确认提交', '先不了']);
    const done = await bot.ask('确认提交');
    expect(done).toMatch(/收货地址已修改（工单号 T\d{8}-\d{4}）/);
    expect(done).toContain('将寄往：张三 13900001111 浙江省杭州市西湖区文三路100号');
    // The order system kept it: the next change starts from the new address.
    expect(await bot.ask('订单202311210099 我要改地址')).toContain(
      '当前地址：张三 139****1111 浙江省杭州市西湖区',
    );
  });

  it('keeps the current phone with 不变, and takes the order from the first message', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const first = await bot.send('帮我把订单202311210099的收货地址改一下');
    expect(first).toHaveLength(1);
    expect(first[0].text).toContain('请发送新的收货地址');
    await bot.ask('李四 北京市朝阳区建国路88号');
    const summary = await bot.ask('不变');
    expect(summary).toContain('新地址：李四 13812345678 北京市朝阳区建国路88号');
    expect(await bot.ask('确认')).toContain('收货地址已修改');
  });

  it('takes a phone written in the address and skips the phone question', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    await bot.ask('订单202311200042 我要改地址');
    const summary = await bot.ask('王五，13700002222，广东省深圳市南山区科技园路1号');
    expect(summary).toContain(
      '原地址：陈伟 139****5432 新疆维吾尔自治区乌鲁木齐市天山区解放北路88号 2单元 501',
    );
    expect(summary).toContain('新地址：王五 13700002222 广东省深圳市南山区科技园路1号');
  });

  it('asks again, saying what is missing, when the address cannot be read', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311210099 我要改地址');
    expect(await bot.ask('张三 杭州市西湖区文三路100号')).toContain('没有识别到省份');
    expect(await bot.ask('浙江省杭州市西湖区文三路100号 8楼')).toContain('没有找到收件人姓名');
    expect(await bot.ask('张三 浙江省杭州市西湖区文三路100号')).toContain('收件人手机号要改吗');
  });

  it('refuses an address abroad', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311210099 我要改地址');
    expect(await bot.ask('张三 美国纽约第五大道1号')).toContain('不支持寄往海外');
  });

  it('explains what can be done for a shipped order and offers an agent', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const refused = await bot.send('订单20231102558736 我要改地址');
    const text = refused[0].text ?? '';
    expect(text).toContain('已经由顺丰速运发出（运单号 SF1234567890123），收货地址不能再修改了');
    expect(text).toContain('联系顺丰速运');
    expect(text).toContain('拒收');
    expect(text).toContain('重新下单');
    expect(buttonsOf(refused)).toEqual(['转人工客服', '不用，谢谢']);
    expect(await bot.ask('转人工客服')).toContain('人工客服服务时间');
  });

  it('ends politely when the agent is declined, and the address is unchanged', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要改地址');
    expect(await bot.ask('不用，谢谢')).toContain('还有其他可以帮您的吗');
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('answers a shipping question while waiting for the address and asks for it again', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311210099 我要改地址');
    const side = await bot.send('包邮吗');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[0]).toContain('包邮');
    expect(texts[1]).toContain('继续刚才的申请');
    expect(texts[2]).toContain('请发送新的收货地址');
    expect(await bot.ask('张三 浙江省杭州市西湖区文三路100号')).toContain('收件人手机号要改吗');
  });

  it('shows the summary again from another instance on the same storage: nothing of it is kept in memory', async () => {
    const storage = new MemoryStorage();
    const orders = new DemoOrderService({ now: TEST_NOW });
    const first = botHarness({ customerId: 'demo-alice', storage, orders });
    await first.ask('订单202311210099 我要改地址');
    await first.ask('张三 浙江省杭州市西湖区文三路100号');
    expect(await first.ask('13900001111')).toContain('新地址：张三 13900001111');
    const second = botHarness({ customerId: 'demo-alice', storage, orders });
    const again = (await second.send('包邮吗')).map((activity) => activity.text ?? '');
    expect(again.at(-1)).toContain('原地址：王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
    expect(again.at(-1)).toContain('新地址：张三 13900001111 浙江省杭州市西湖区文三路100号');
    expect(await second.ask('确认提交')).toContain('将寄往：张三 13900001111');
  });

  it('leaves the dialog on 算了 and leaves the address alone', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311210099 我要改地址');
    await bot.ask('张三 浙江省杭州市西湖区文三路100号');
    expect(await bot.ask('算了')).toContain('已取消本次申请');
    expect(await bot.ask('订单202311210099 我要改地址')).toContain('当前地址：王丽');
  });

  it('hands over after three addresses it cannot read', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311210099 我要改地址');
    expect(await bot.ask('随便')).toContain('没有识别到省份');
    expect(await bot.ask('我家')).toContain('没有识别到省份');
    expect(await bot.ask('就是那里')).toContain('人工客服服务时间');
  });

  it('answers a question about changing the address from the FAQ, with a button that starts the dialog', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const replies = await bot.send('收货地址可以修改吗');
    expect(replies[0].text).toContain('未发货前可以修改收货地址');
    expect(buttonsOf(replies)).toEqual(['修改收货地址']);
    expect(await bot.ask('修改收货地址')).toContain('是哪个订单');
  });
});

describe('ChangeAddressDialog (en)', () => {
  it('changes the address with an English address and a new phone', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const ask = await bot.ask('I want to change the address of order 202311210099');
    expect(ask).toContain('Order 202311210099 has not shipped yet');
    expect(ask).toContain('Current address: 王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
    const phone = await bot.send('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
    expect(phone[0].text).toContain("Should the recipient's phone number change?");
    expect(buttonsOf(phone)).toEqual(['Keep']);
    const summary = await bot.ask('+86 139 0000 1111');
    expect(summary).toContain('From: 王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
    expect(summary).toContain('To: Li Wei, 13900001111, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
    const done = await bot.ask('Confirm');
    expect(done).toMatch(
      /The address is changed \(ticket T\d{8}-\d{4}\)\. Order 202311210099 will go to: Li Wei/,
    );
  });

  it('keeps the phone with "Keep"', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I want to change the delivery address of order 202311210099');
    await bot.ask('Wang Fang, 88 Jianguo Rd, Chaoyang District, Beijing');
    expect(await bot.ask('Keep')).toContain(
      'To: Wang Fang, 13812345678, 88 Jianguo Rd, Chaoyang District, Beijing',
    );
  });

  it('hands over after three invalid phone numbers', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I want to change the address of order 202311210099');
    await bot.ask('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
    const first = await bot.send('12345');
    expect(first[0].text).toContain('not a valid mainland China mobile number');
    expect(buttonsOf(first)).toEqual(['Keep']);
    expect(await bot.ask('0571-88880000')).toContain('not a valid mainland China mobile number');
    expect(await bot.ask('555-1234')).toContain('Our agents are available');
  });

  it('asks again with what is missing, and refuses addresses abroad', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I want to change the address of order 202311210099');
    expect(await bot.ask('Li Wei, 100 Wensan Rd, Hangzhou, Zhejiang')).toContain(
      'could not find the district',
    );
    expect(await bot.ask('John Smith, 1 Main St, Springfield, Illinois, USA')).toContain('not abroad');
  });

  it('explains a shipped order cannot be changed and offers an agent', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const refused = await bot.send('I want to change the address of order 20231102558736');
    const text = refused[0].text ?? '';
    expect(text).toContain('can no longer be changed');
    expect(text).toContain('Contact SF Express with the tracking number');
    expect(text).toContain('Refuse the delivery');
    expect(buttonsOf(refused)).toEqual(['Talk to an agent', 'No, thanks']);
    expect(await bot.ask('No, thanks')).toContain('Anything else');
  });

  it('answers a side question mid-dialog and resumes', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I want to change the address of order 202311210099');
    await bot.ask('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
    const side = await bot.send('do you ship for free');
    const texts = side.map((activity) => activity.text ?? '');
    expect(texts[1]).toContain('carry on');
    expect(texts[2]).toContain("Should the recipient's phone number change?");
    expect(buttonsOf(side)).toEqual(['Keep']);
  });

  it('answers "can I change the address" from the FAQ instead of starting the dialog', async () => {
    const replies = await botHarness().send('can I change the address after ordering?');
    expect(replies[0].text).toContain('Before your order ships we can change the address');
    expect(buttonsOf(replies)).toEqual(['Change my address']);
  });

  it('leaves on "cancel"', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I want to change the address of order 202311210099');
    expect(await bot.ask('cancel')).toContain("I've stopped that request");
  });
});

/** A shop whose order system turns down the next addresses with the given results, then accepts. */
class PickyOrderService extends DemoOrderService {
  readonly received: Address[] = [];

  constructor(private readonly rejections: ChangeAddressResult[]) {
    super({ now: TEST_NOW });
  }

  override async changeAddress(orderId: string, address: Address): Promise<ChangeAddressResult> {
    this.received.push(address);
    return this.rejections.shift() ?? super.changeAddress(orderId, address);
  }
}

/** Like botHarness, with the order system given: the demo shop never rejects what the parser accepts. */
function harnessWith(orders: DemoOrderService) {
  const { bot } = testShopBot({ orders });
  const adapter = new TestAdapter(TestAdapter.createConversation('Convo1', 'demo-alice'));
  return async (text: string): Promise<string> => {
    await adapter.processActivity({ type: 'message', text }, (context) => bot.run(context));
    return adapter.activeQueue
      .splice(0)
      .map((activity) => activity.text ?? '')
      .join('\n');
  };
}

describe('ChangeAddressDialog when the order system rejects the address', () => {
  it('says the region is not served and asks for the address again, keeping the order', async () => {
    const orders = new PickyOrderService([{ outcome: 'region_not_served' }]);
    const ask = harnessWith(orders);
    await ask('订单202311210099 我要改地址');
    await ask('张三 海南省三沙市西沙区永兴岛1号');
    await ask('不变');
    const rejected = await ask('确认提交');
    expect(rejected).toContain('不在我们的配送范围内');
    expect(rejected).toContain('请重新发送新的收货地址');
    expect(rejected).not.toContain('订单号');
    await ask('张三 浙江省杭州市西湖区文三路100号');
    await ask('不变');
    expect(await ask('确认提交')).toContain('收货地址已修改');
    expect(orders.received.map((address) => address.province)).toEqual(['海南省', '浙江省']);
    expect((await orders.findOrder('202311210099'))?.recipient.city).toBe('杭州市');
  });

  it('names the fields of an invalid address, and hands over after the third rejection', async () => {
    const invalid: ChangeAddressResult = { outcome: 'invalid_address', problems: ['street', 'postalCode'] };
    const ask = harnessWith(new PickyOrderService([invalid, invalid, invalid]));
    await ask('I want to change the address of order 202311210099');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await ask('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
      await ask('Keep');
      const rejected = await ask('Confirm');
      expect(rejected).toContain('The street address and postal code of that address could not be accepted');
      if (attempt < 3) expect(rejected).toContain('Please send the new address again');
      else expect(rejected).toContain('Our agents are available');
    }
  });
});
