import type { TurnContext } from 'botbuilder';
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
