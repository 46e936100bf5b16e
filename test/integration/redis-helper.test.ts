import { createClient } from 'redis';
import { Keyspace } from '../../src/storage/keyspace';
import { deletePrefix, describeRedis, uniquePrefix, useRedis } from '../helpers/redis';

describeRedis('Redis test helper', () => {
  const redis = useRedis('helper');

  it('gives every file its own prefix', () => {
    expect(redis.prefix).toMatch(/^kefu-test:helper:\d+:[0-9a-f]{8}:$/);
    expect(uniquePrefix('helper')).not.toBe(redis.prefix);
  });

  it('keeps two prefixes apart and cleans only its own', async () => {
    const mine = new Keyspace(redis.prefix);
    const other = new Keyspace(uniquePrefix('other'));
    await redis.client.set(mine.key('conversation', 'c1'), 'mine');
    await redis.client.set(other.key('conversation', 'c1'), 'theirs');
    expect(await redis.client.get(mine.key('conversation', 'c1'))).toBe('mine');
    expect(await redis.client.get(other.key('conversation', 'c1'))).toBe('theirs');

    expect(await deletePrefix(redis.client, other.prefix)).toBe(1);
    expect(await redis.client.get(other.key('conversation', 'c1'))).toBeNull();
    expect(await redis.client.get(mine.key('conversation', 'c1'))).toBe('mine');
  });

  it('escapes glob characters in a prefix', async () => {
    const star = new Keyspace(`${redis.prefix}a*`);
    await redis.client.set(`${redis.prefix}abc`, 'not under a*');
    await redis.client.set(star.key('x'), 'under a*');
    const found: string[] = [];
    for await (const keys of redis.client.scanIterator({ MATCH: star.pattern })) found.push(...keys);
    expect(found).toEqual([star.key('x')]);
  });

  it('really talks to a Redis server over a connection', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await client.close();
  });
});
