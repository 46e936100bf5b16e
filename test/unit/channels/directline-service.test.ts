import type { Activity, TurnContext } from 'botbuilder';
import { testShopBot } from '../../helpers/bot';
import { MemoryActivityLog } from '../../../src/channels/directline/activity-log';
import { MemoryAttachmentStore } from '../../../src/channels/directline/attachment-store';
import { DirectLineService } from '../../../src/channels/directline/conversation-service';
import { MemoryRateLimiter } from '../../../src/channels/directline/rate-limiter';
import { testLogger } from '../../helpers/quiet-logger';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function service(run: (context: TurnContext) => Promise<void>) {
  const activityLog = new MemoryActivityLog();
  const directLine = new DirectLineService({
    bot: { run },
    activityLog,
    attachments: new MemoryAttachmentStore(),
    rateLimiter: new MemoryRateLimiter(100),
    maxMessageLength: 100,
    logger: testLogger(),
    typingDelayMs: 30,
    typingRepeatMs: 40,
  });
  const kinds = async (conversationId: string) =>
    (await activityLog.read(conversationId, 0)).activities.map((activity) =>
      activity.type === 'message' ? `${activity.from?.role ?? '?'}:${activity.text}` : activity.type,
    );
  return { directLine, kinds };
}

describe('DirectLineService turns', () => {
  it('shows no typing when the answer comes at once', async () => {
    const { directLine, kinds } = service(async (context) => {
      await context.sendActivity('right away');
    });
    await directLine.post('c0', { id: 'shopper' }, { type: 'message', text: 'hi' });
    await pause(80);
    expect(await kinds('c0')).toEqual(['user:hi', 'bot:right away']);
  });

  it('shows typing while a slow bot works, never after its answer, and keeps replies in order', async () => {
    const { directLine, kinds } = service(async (context) => {
      await pause(130);
      await context.sendActivity('one');
      await pause(100);
      await context.sendActivity('two');
      await context.sendActivity('three');
    });
    await directLine.post('c1', { id: 'shopper' }, { type: 'message', text: 'hi' });
    const log = await kinds('c1');
    expect(log[0]).toBe('user:hi');
    expect(log[1]).toBe('typing');
    const firstAnswer = log.indexOf('bot:one');
    expect(log.slice(1, firstAnswer).every((kind) => kind === 'typing')).toBe(true);
    expect(firstAnswer).toBeGreaterThan(2); // typing repeated while the bot was slow
    expect(log.slice(firstAnswer)).toEqual(['bot:one', 'bot:two', 'bot:three']);
  });

  it('runs the turns of one conversation one after another', async () => {
    const { directLine, kinds } = service(async (context) => {
      await pause(context.activity.text === 'first' ? 80 : 0);
      await context.sendActivity(`re: ${context.activity.text}`);
    });
    await Promise.all([
      directLine.post('c2', { id: 's' }, { type: 'message', text: 'first' }),
      directLine.post('c2', { id: 's' }, { type: 'message', text: 'second' }),
    ]);
    const messages = (await kinds('c2')).filter((kind) => kind !== 'typing');
    expect(messages).toEqual(['user:first', 'bot:re: first', 'user:second', 'bot:re: second']);
  });

  it('answers a failed turn with an apology in the shopper’s language', async () => {
    const { directLine, kinds } = service(async () => {
      throw new Error('boom');
    });
    await directLine.post('c3', { id: 's' }, { type: 'message', text: '在吗' });
    expect((await kinds('c3')).at(-1)).toMatch(/^bot:抱歉/);
  });
});

describe('DirectLineService writes replies in the background', () => {
  /** The memory log, but the next bot reply can be made to fail as a Redis write would. */
  class FlakyLog extends MemoryActivityLog {
    failNextReply = false;
    override async append(conversationId: string, activity: Partial<Activity>) {
      if (activity.from?.role === 'bot' && activity.type === 'message' && this.failNextReply) {
        this.failNextReply = false;
        throw new Error('the log could not be written');
      }
      return super.append(conversationId, activity);
    }
  }

  function shopService() {
    const activityLog = new FlakyLog();
    const { bot } = testShopBot();
    const directLine = new DirectLineService({
      bot,
      activityLog,
      attachments: new MemoryAttachmentStore(),
      rateLimiter: new MemoryRateLimiter(100),
      maxMessageLength: 2000,
      logger: testLogger(),
    });
    const said = async (conversationId: string) =>
      (await activityLog.read(conversationId, 0)).activities
        .filter((activity) => activity.type === 'message')
        .map((activity) => `${activity.from?.role}: ${activity.text}`);
    return { directLine, activityLog, said };
  }

  const message = (text: string, clientActivityID: string) => ({
    type: 'message' as const,
    text,
    channelData: { clientActivityID },
  });

  it('keeps a two-reply turn in order and answers the message only when both are written', async () => {
    const { directLine, said } = shopService();
    await directLine.post('d1', { id: 's' }, message('能开发票吗', 'm1'));
    const log = await said('d1');
    expect(log[0]).toBe('user: 能开发票吗');
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.slice(1).every((line) => line.startsWith('bot: '))).toBe(true);
  });

  it('fails a turn whose reply could not be written, without remembering it as answered', async () => {
    const { directLine, activityLog, said } = shopService();
    await directLine.post('d2', { id: 's' }, message('我要退货', 'r1'));
    const asked = (await said('d2')).at(-1);
    expect(asked).toMatch(/订单号/);

    // The order number is taken, but the bot's next question cannot be written: the turn fails and the
    // shopper is told so (that reply is written) …
    activityLog.failNextReply = true;
    await directLine.post('d2', { id: 's' }, message('202311150001', 'r2'));
    expect((await said('d2')).at(-1)).toMatch(/^bot: (抱歉|Sorry)/);
    // … and the dialog did not move on without them: sent again, the order number gets the question the
    // first try should have shown (the phone digits), not the one after it.
    await directLine.post('d2', { id: 's' }, message('202311150001', 'r3'));
    const after = (await said('d2')).slice(-2);
    expect(after[0]).toBe('user: 202311150001');
    expect(after[1]).toMatch(/后4位/);
  });

  it('fails the post when the reply and the apology both cannot be written', async () => {
    const { directLine, activityLog } = shopService();
    await directLine.post('d3', { id: 's' }, message('包邮吗', 'f1'));
    const append = activityLog.append.bind(activityLog);
    activityLog.append = async (conversationId, activity) => {
      if (activity.from?.role === 'bot') throw new Error('the log could not be written');
      return append(conversationId, activity);
    };
    await expect(directLine.post('d3', { id: 's' }, message('能开发票吗', 'f2'))).rejects.toThrow(
      /could not be written/,
    );
  });
});
