import type { TurnContext } from 'botbuilder';
import { MemoryActivityLog, type ActivityLog } from '../../src/channels/directline/activity-log';
import { MemoryAttachmentStore } from '../../src/channels/directline/attachment-store';
import { DirectLineService } from '../../src/channels/directline/conversation-service';
import { MemoryRateLimiter } from '../../src/channels/directline/rate-limiter';
import { RedisActivityLog } from '../../src/channels/directline/redis-activity-log';
import { isStorageUnavailable } from '../../src/storage/redis-client';
import { testLogger } from '../helpers/quiet-logger';
import { waitFor } from '../helpers/server';
import { describeWithRedisServer, useRestartableRedis } from '../helpers/restartable-redis';

const shopper = { id: 'shopper-1' };

/** An echoing bot that can be told to do something (kill Redis) in the middle of its next turn. */
function echoBot() {
  const state = { turns: 0, duringNextTurn: undefined as (() => Promise<void>) | undefined };
  return {
    state,
    async run(context: TurnContext) {
      if (context.activity.type !== 'message') return;
      state.turns += 1;
      const interruption = state.duringNextTurn;
      state.duringNextTurn = undefined;
      await interruption?.();
      await context.sendActivity(`echo: ${context.activity.text}`);
    },
  };
}

function service(activityLog: ActivityLog, bot: ReturnType<typeof echoBot>) {
  return new DirectLineService({
    bot,
    activityLog,
    attachments: new MemoryAttachmentStore(),
    rateLimiter: new MemoryRateLimiter(1000),
    maxMessageLength: 2000,
    logger: testLogger(),
  });
}

const message = (text: string, clientActivityID?: string) => ({
  type: 'message' as const,
  text,
  ...(clientActivityID ? { channelData: { clientActivityID } } : {}),
});

async function transcript(log: ActivityLog, conversationId: string) {
  const { activities } = await log.read(conversationId, 0);
  return activities.filter((a) => a.type === 'message').map((a) => `${a.from?.role}: ${a.text}`);
}

describe('Direct Line retries of the same client activity (memory log)', () => {
  it('answers a message once, however often the client sends it again', async () => {
    const log = new MemoryActivityLog();
    const bot = echoBot();
    const directLine = service(log, bot);
    const first = await directLine.post('c1', shopper, message('包邮吗', 'wc-1'));
    const again = await directLine.post('c1', shopper, message('包邮吗', 'wc-1'));
    expect(again.id).toBe(first.id);
    // Without a client id there is nothing to recognise: the same words are a new message.
    await directLine.post('c1', shopper, message('包邮吗'));
    expect(bot.state.turns).toBe(2);
    expect(await transcript(log, 'c1')).toEqual([
      'user: 包邮吗',
      'bot: echo: 包邮吗',
      'user: 包邮吗',
      'bot: echo: 包邮吗',
    ]);
  });
});

describeWithRedisServer('Direct Line when Redis dies in the middle of a turn', () => {
  const own = useRestartableRedis();

  it('refuses with a retryable error, then answers the retried message once when Redis is back', async () => {
    const { redis, client } = own;
    const log = new RedisActivityLog(client, { prefix: 'kefu-retry-test:', logger: testLogger() });
    const bot = echoBot();
    const directLine = service(log, bot);
    await directLine.post('c2', shopper, message('hi', 'wc-1'));
    // The id is remembered for a day (retries come within minutes), not for the log's 30 days.
    const remembered = await client.ttl('kefu-retry-test:dl:client:c2:wc-1');
    expect(remembered).toBeGreaterThan(24 * 3600 - 60);
    expect(remembered).toBeLessThanOrEqual(24 * 3600);

    // The shopper's message is logged, then Redis goes before the bot's answer can be.
    bot.state.duringNextTurn = () => redis.kill();
    const failure = await directLine
      .post('c2', shopper, message('where is my order', 'wc-2'))
      .catch((e: unknown) => e);
    expect(isStorageUnavailable(failure)).toBe(true);
    // Redis is down: another try fails at once, it does not hang.
    const whileDown = await directLine
      .post('c2', shopper, message('where is my order', 'wc-2'))
      .catch((e: unknown) => e);
    expect(isStorageUnavailable(whileDown)).toBe(true);

    await redis.restart();
    await waitFor('the client to reconnect', () => (client.isReady ? true : undefined));
    const retried = await directLine.post('c2', shopper, message('where is my order', 'wc-2'));
    const retriedAgain = await directLine.post('c2', shopper, message('where is my order', 'wc-2'));
    expect(retriedAgain.id).toBe(retried.id);
    expect(await transcript(log, 'c2')).toEqual([
      'user: hi',
      'bot: echo: hi',
      'user: where is my order',
      'bot: echo: where is my order',
    ]);
    await log.close();
  });
});
