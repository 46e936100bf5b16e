import { botHarness, sharedNlu } from '../helpers/bot';

beforeAll(() => sharedNlu());

/** With no agent hub connected, an escalation is recognisable by the bot saying when people can be reached. */
const escalatedZh = (text: string) => text.includes('人工客服服务时间');
const escalatedEn = (text: string) => text.includes('Our agents are available');

describe('escalation triggers', () => {
  it.each([
    ['转人工', 'zh'],
    ['我不想跟机器人说话 给我找个真人', 'zh'],
    ['I want to talk to a real person', 'en'],
  ])('honours an explicit request at once: %s', async (text, language) => {
    const reply = await botHarness().ask(text);
    expect(language === 'zh' ? escalatedZh(reply) : escalatedEn(reply)).toBe(true);
  });

  it.each([
    ['我的快递到底到哪了 等了一个星期 气死我了!!!', 'zh'],
    ['where is my package?? this is fucking ridiculous, I am furious!!!', 'en'],
  ])('escalates a strongly negative message: %s', async (text, language) => {
    const analysis = sharedNlu().analyze(text);
    expect(analysis.sentiment).toBeLessThanOrEqual(-0.6);
    const reply = await botHarness().ask(text);
    expect(language === 'zh' ? escalatedZh(reply) : escalatedEn(reply)).toBe(true);
  });

  it.each([
    ['我要投诉你们的客服', 'zh'],
    ['I want to file a complaint about your service', 'en'],
  ])('escalates a complaint: %s', async (text, language) => {
    expect(sharedNlu().analyze(text).intent).toBe('complaint');
    const reply = await botHarness().ask(text);
    expect(language === 'zh' ? escalatedZh(reply) : escalatedEn(reply)).toBe(true);
  });

  it('escalates a falling mood over three messages that are each only mildly negative (zh)', async () => {
    const messages = ['快递有点慢啊', '还没到 有点失望', '唉 怎么还没发货 不太好吧'];
    const sentiments = messages.map((text) => sharedNlu().analyze(text).sentiment);
    expect(sentiments.every((value) => value > -0.6)).toBe(true);
    expect(sentiments.reduce((a, b) => a + b, 0) / 3).toBeLessThanOrEqual(-0.3);
    const bot = botHarness();
    expect(escalatedZh(await bot.ask(messages[0]))).toBe(false);
    expect(escalatedZh(await bot.ask(messages[1]))).toBe(false);
    expect(escalatedZh(await bot.ask(messages[2]))).toBe(true);
  });

  it('escalates a falling mood in English too', async () => {
    const messages = [
      'shipping is a bit slow',
      'still not here, kinda disappointed',
      'im not happy about this',
    ];
    const sentiments = messages.map((text) => sharedNlu().analyze(text).sentiment);
    expect(sentiments.every((value) => value > -0.6)).toBe(true);
    expect(sentiments.reduce((a, b) => a + b, 0) / 3).toBeLessThanOrEqual(-0.3);
    const bot = botHarness();
    await bot.ask(messages[0]);
    await bot.ask(messages[1]);
    expect(escalatedEn(await bot.ask(messages[2]))).toBe(true);
  });

  it('asks one clarifying question first, then escalates on a second unsure turn', async () => {
    const vague = ['订单有问题', '是这样的', '衣服', '嗯嗯那个', '东西', '我想问下那个'].filter((text) => {
      const analysis = sharedNlu().analyze(text);
      return analysis.confidence < 0.55 && analysis.intent !== 'human.request' && analysis.sentiment > -0.3;
    });
    expect(vague.length).toBeGreaterThanOrEqual(2);
    const bot = botHarness();
    const first = await bot.ask(vague[0]);
    expect(escalatedZh(first)).toBe(false);
    expect(first).toContain('不太确定');
    expect(escalatedZh(await bot.ask(vague[1]))).toBe(true);
  });

  it('escalates the same question asked a third time', async () => {
    const bot = botHarness();
    expect(escalatedEn(await bot.ask('do you ship to hong kong'))).toBe(false);
    expect(escalatedEn(await bot.ask('so can you ship to hong kong or not'))).toBe(false);
    expect(escalatedEn(await bot.ask('hong kong delivery, is it possible?'))).toBe(true);
  });

  it('does not escalate a calm FAQ conversation', async () => {
    const bot = botHarness();
    for (const text of ['在吗', '包邮吗', '能开发票吗', '你们是正品吗', '好的谢谢']) {
      expect(escalatedZh(await bot.ask(text))).toBe(false);
    }
    const en = botHarness();
    for (const text of ['hi', 'how much is shipping', 'can i pay with alipay', 'thanks, bye']) {
      expect(escalatedEn(await en.ask(text))).toBe(false);
    }
  });
});
