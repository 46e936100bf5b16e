import { createLogger } from '../../src/log/logger';
import { closeRedis, connectRedis, type RedisClient } from '../../src/storage/redis-client';
import { createStores } from '../../src/storage/stores';
import { botHarness, sharedNlu } from '../helpers/bot';
import { describeRedis, useRedis } from '../helpers/redis';

describeRedis('ShopBot state in Redis', () => {
  const redis = useRedis('bot-state');
  let client: RedisClient;
  beforeAll(async () => {
    sharedNlu();
    client = await connectRedis(redis.url, createLogger({ level: 'silent', pretty: false }));
  });
  afterAll(() => closeRedis(client));

  it('survives a bot restart mid-conversation', async () => {
    const first = createStores(client, redis.prefix);
    const before = botHarness({ ...first, conversationId: 'restart-1' });
    expect(await before.ask('我的快递到哪了 订单号20231102558736')).toContain('后4位');

    // A new bot with new stores on the same Redis: as after a process restart.
    const second = createStores(client, redis.prefix);
    const after = botHarness({ ...second, conversationId: 'restart-1' });
    const text = await after.ask('5678');
    expect(text).toContain('SF1234567890123');

    const transcript = await second.conversationLog.read('restart-1');
    expect(transcript.map((record) => record.role)).toEqual(['shopper', 'bot', 'shopper', 'bot', 'bot']);
    expect(await redis.client.exists(`${redis.prefix}log:restart-1`)).toBe(1);
  });
});
