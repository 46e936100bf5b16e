import { MemoryStorage, type StoreItems } from 'botbuilder';
import { botHarness, sharedNlu, type BotHarness } from '../helpers/bot';

beforeAll(() => sharedNlu());

/** botbuilder's memory storage, keeping a copy of everything the bot writes (what Redis would hold). */
class RecordingStorage extends MemoryStorage {
  readonly written: string[] = [];

  override async write(changes: StoreItems): Promise<void> {
    this.written.push(JSON.stringify(changes));
    return super.write(changes);
  }

  /** Everything stored now, as JSON. */
  async stored(): Promise<string> {
    return JSON.stringify(this.memory);
  }
}

/**
 * The answers a dialog collects to submit once they are confirmed (the new address and phone, the invoice's
 * title and e-mail). They are the one place the shopper's own words may be kept, and only while it runs.
 */
const ANSWERS = new Set(['newAddress', 'newPhone', 'title', 'email']);

/** A waterfall's values without the answers; anything else as it is. */
function withoutAnswers(key: string, value: unknown): unknown {
  if (key !== 'values' || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !ANSWERS.has(name)));
}

/** Every write, with the dialogs' answers left out: what prompts and the rest of the state hold. */
function writtenWithoutAnswers(storage: RecordingStorage): string {
  return storage.written.map((json) => JSON.stringify(JSON.parse(json), withoutAnswers)).join('\n');
}

/** Sends a side question mid-dialog; returns the re-asked question (after the answer and "let's carry on"). */
async function interrupt(bot: BotHarness, question: string): Promise<string> {
  const texts = (await bot.send(question)).map((activity) => activity.text ?? '');
  expect(texts.length).toBeGreaterThanOrEqual(3);
  return texts[texts.length - 1];
}

// Alice's order 202311210099: her phone and address are in the order, never in what is stored.
const ALICE_PHONE = '13812345678';
const ALICE_MASKED = '138****5678';
const ALICE_STREET = '世纪大道';
const ALICE_NAME = '王丽';

describe('conversation state holds no customer phone or address', () => {
  it('keeps only the order id through a return dialog, before and after the phone check', async () => {
    const storage = new RecordingStorage();
    const bot = botHarness({ storage });
    expect(await bot.ask('我要退货 订单202311150001')).toContain('后4位');
    expect(await bot.ask('5678')).toContain('哪件商品');
    expect(await bot.ask('直筒牛仔裤')).toContain('原因');
    expect(storage.written.length).toBeGreaterThanOrEqual(3);
    const everything = storage.written.join('\n');
    expect(everything).toContain('202311150001');
    expect(everything).not.toContain(ALICE_PHONE);
    expect(everything).not.toContain(ALICE_STREET);
  });

  it('changing an address: the shopper sees the old address and phone, asked again too; none is stored', async () => {
    const storage = new RecordingStorage();
    const bot = botHarness({ storage });
    expect(await bot.ask('我要改地址 订单202311210099')).toContain('后4位');
    const ask = await bot.ask('5678');
    expect(ask).toContain(`当前地址：${ALICE_NAME} ${ALICE_MASKED} 上海市浦东新区${ALICE_STREET}100号 8楼`);
    // Asked again after an interruption (DialogContext.repromptDialog): the same full text.
    expect(await interrupt(bot, '包邮吗')).toContain(`当前地址：${ALICE_NAME} ${ALICE_MASKED}`);
    expect(await bot.ask('李四 北京市朝阳区建国路88号')).toContain(`继续使用 ${ALICE_MASKED}`);
    // A wrong answer: the retry still names the current number.
    expect(await bot.ask('12345')).toContain(`继续使用 ${ALICE_MASKED}`);
    expect(await interrupt(bot, '包邮吗')).toContain(`继续使用 ${ALICE_MASKED}`);
    const summary = await bot.ask('不变');
    expect(summary).toContain(`原地址：${ALICE_NAME} ${ALICE_MASKED} 上海市浦东新区${ALICE_STREET}`);
    expect(summary).toContain(`新地址：李四 ${ALICE_PHONE} 北京市朝阳区建国路88号`);
    const again = await interrupt(bot, '包邮吗');
    expect(again).toContain(`原地址：${ALICE_NAME} ${ALICE_MASKED}`);
    expect(again).toContain(`新地址：李四 ${ALICE_PHONE} 北京市朝阳区建国路88号`);

    const everything = storage.written.join('\n');
    expect(everything).toContain('202311210099');
    for (const personal of [ALICE_PHONE, ALICE_MASKED, ALICE_STREET, ALICE_NAME]) {
      expect(everything).not.toContain(personal);
    }
    // No copy of the order (its recipient) nor the phone to check against.
    expect(everything).not.toContain('"recipient"');
    expect(everything).not.toContain('orderPhone');
    // The new address is kept as the dialog's answer until it is confirmed; no prompt holds it.
    expect(writtenWithoutAnswers(storage)).not.toContain('建国路');

    expect(await bot.ask('确认提交')).toContain('收货地址已修改');
    expect(await storage.stored()).not.toContain('建国路');
  });

  it('changing an address and phone in English: the new number is shown, asked again, and not in any prompt', async () => {
    const storage = new RecordingStorage();
    const bot = botHarness({ storage, customerId: 'demo-alice' });
    await bot.ask('I want to change the address of order 202311210099');
    await bot.ask('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
    const summary = await bot.ask('13900001111');
    expect(summary).toContain(`From: ${ALICE_NAME} ${ALICE_MASKED}`);
    expect(summary).toContain('To: Li Wei, 13900001111, 100 Wensan Rd');
    // Not an answer to "Confirm / Not now": the choice prompt's retry, then the summary again after a side question.
    expect(await bot.ask('hmm')).toContain('Please pick one of the options');
    const again = await interrupt(bot, 'do you ship for free');
    expect(again).toContain(`From: ${ALICE_NAME} ${ALICE_MASKED}`);
    expect(again).toContain('To: Li Wei, 13900001111, 100 Wensan Rd');

    const everything = storage.written.join('\n');
    for (const personal of [ALICE_PHONE, ALICE_MASKED, ALICE_STREET, ALICE_NAME]) {
      expect(everything).not.toContain(personal);
    }
    const prompts = writtenWithoutAnswers(storage);
    expect(prompts).not.toContain('13900001111');
    expect(prompts).not.toContain('Wensan');

    expect(await bot.ask('Not now')).toContain('the address stays as it was');
    const stored = await storage.stored();
    expect(stored).not.toContain('13900001111');
    expect(stored).not.toContain('Wensan');
  });

  it('requesting an invoice: the summary shows the name and e-mail, asked again too; no prompt stores them', async () => {
    const storage = new RecordingStorage();
    const bot = botHarness({ storage, customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要开发票');
    await bot.ask('个人抬头');
    await bot.ask('普通电子发票');
    await bot.ask('赵敏');
    const summary = await bot.ask('zhaomin@example.com');
    expect(summary).toContain('发票抬头：赵敏');
    expect(summary).toContain('接收邮箱：zhaomin@example.com');
    const again = await interrupt(bot, '包邮吗');
    expect(again).toContain('发票抬头：赵敏');
    expect(again).toContain('接收邮箱：zhaomin@example.com');

    const prompts = writtenWithoutAnswers(storage);
    expect(prompts).toContain('202311150001');
    expect(prompts).not.toContain('赵敏');
    expect(prompts).not.toContain('zhaomin');

    expect(await bot.ask('确认提交')).toContain('开票申请已提交');
    const stored = await storage.stored();
    expect(stored).not.toContain('赵敏');
    expect(stored).not.toContain('zhaomin');
  });
});
