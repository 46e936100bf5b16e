import { MemoryStorage, type Storage } from 'botbuilder';
import { createLogger } from '../../src/log/logger';
import { closeRedis, connectRedis, type RedisClient } from '../../src/storage/redis-client';
import { RedisStorage } from '../../src/storage/redis-storage';
import { describeRedis, useRedis } from '../helpers/redis';

/** The same behaviour is asked of both implementations. */
function storageContract(name: string, make: () => Storage) {
  describe(name, () => {
    it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
      const storage = make();
      await storage.write({ a: { count: 1, nested: { zh: '你好' } } });
      const items = await storage.read(['a', 'missing']);
      expect(items.a).toMatchObject({ count: 1, nested: { zh: '你好' } });
      expect(typeof items.a.eTag).toBe('string');
      expect(items.missing).toBeUndefined();
    });

    it('refuses a write with a stale eTag and accepts the current one or *', async () => {
      const storage = make();
      await storage.write({ b: { v: 1 } });
      const first = (await storage.read(['b'])).b;
      await storage.write({ b: { ...first, v: 2 } });
      await expect(storage.write({ b: { ...first, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['b'])).b.v).toBe(2);
      await storage.write({ b: { v: 4, eTag: '*' } });
      expect((await storage.read(['b'])).b.v).toBe(4);
    });

    it('deletes', async () => {
      const storage = make();
      await storage.write({ c: { v: 1 } });
      await storage.delete(['c']);
      expect(await storage.read(['c'])).toEqual({});
    });
  });
}

storageContract('MemoryStorage (botbuilder)', () => new MemoryStorage());

describeRedis('RedisStorage', () => {
  const redis = useRedis('storage');
  let client: RedisClient;
  beforeAll(async () => {
    client = await connectRedis(redis.url, createLogger({ level: 'silent', pretty: false }));
  });
  afterAll(() => closeRedis(client));

  storageContract('contract', () => new RedisStorage(client, { prefix: redis.prefix }));

  it('keeps its keys under the prefix and survives a new instance (a restart)', async () => {
    await new RedisStorage(client, { prefix: redis.prefix }).write({ 'conv/1': { step: 'askPhone' } });
    expect(await redis.client.exists(`${redis.prefix}state:conv/1`)).toBe(1);
    const again = new RedisStorage(client, { prefix: redis.prefix });
    expect((await again.read(['conv/1']))['conv/1']).toMatchObject({ step: 'askPhone' });
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    const storage = new RedisStorage(client, { prefix: redis.prefix });
    await storage.write({ race: { v: 0 } });
    const base = (await storage.read(['race'])).race;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => storage.write({ race: { ...base, v: i + 1 } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('expires idle items when asked to', async () => {
    await new RedisStorage(client, { prefix: redis.prefix, ttlSeconds: 100 }).write({ ttl: { v: 1 } });
    const ttl = await redis.client.ttl(`${redis.prefix}state:ttl`);
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
  });
});
