import { MemoryStorage, type Storage } from 'botbuilder';
import { createLogger } from '../../src/log/logger';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';
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
storageContract('BoundedMemoryStorage', () => new BoundedMemoryStorage(100));

describe('BoundedMemoryStorage', () => {
  it('forgets the items used least recently beyond its size, and keeps the ones still in use', async () => {
    const storage = new BoundedMemoryStorage(3);
    await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    await storage.read(['a']); // a is in use again: b is now the oldest
    await storage.write({ d: { v: 4 } });
    expect(storage.size).toBe(3);
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('writes nothing of a batch in which one eTag is stale', async () => {
    const storage = new BoundedMemoryStorage(10);
    await storage.write({ x: { v: 1 }, y: { v: 1 } });
    const { x } = await storage.read(['x']);
    await storage.write({ x: { ...x, v: 2 } });
    await expect(storage.write({ y: { v: 9, eTag: '*' }, x: { ...x, v: 3 } })).rejects.toThrow(
      /eTag conflict/,
    );
    expect((await storage.read(['y'])).y.v).toBe(1);
  });
});

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
