import { MemoryStorage, type StoreItems } from 'botbuilder';
import { botHarness, sharedNlu } from '../helpers/bot';

beforeAll(() => sharedNlu());

/** botbuilder's memory storage, keeping a copy of everything the bot writes (what Redis would hold). */
class RecordingStorage extends MemoryStorage {
  readonly written: string[] = [];

  override async write(changes: StoreItems): Promise<void> {
    this.written.push(JSON.stringify(changes));
    return super.write(changes);
  }
}

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
    // Alice's phone and street: in the order, never in what is stored for the conversation.
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('世纪大道');
  });

  it('does the same when changing an address and keeping the current phone', async () => {
    const storage = new RecordingStorage();
    const bot = botHarness({ storage });
    expect(await bot.ask('我要改地址 订单202311210099')).toContain('后4位');
    expect(await bot.ask('5678')).toContain('请发送新的收货地址');
    await bot.ask('李四 北京市朝阳区建国路88号');
    // The summary shows the kept phone (to the verified owner); the stored state still has none.
    expect(await bot.ask('不变')).toContain('新地址：李四 13812345678 北京市朝阳区建国路88号');
    const everything = storage.written.join('\n');
    expect(everything).toContain('202311210099');
    // No copy of the order (its recipient) nor the phone to check against. The confirmation prompt keeps the
    // text it showed the verified owner, as botbuilder prompts do to ask again: that is all.
    expect(everything).not.toContain('"recipient"');
    expect(everything).not.toContain('orderPhone');
    const withoutPrompts = storage.written
      .map((json) => json.replace(/"(text|speak)":"[^"]*"/g, ''))
      .join('\n');
    expect(withoutPrompts).not.toContain('13812345678');
  });
});
