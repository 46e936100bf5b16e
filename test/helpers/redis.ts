import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { Keyspace } from '../../src/storage/keyspace';

/** The Redis that global setup found, or undefined when Redis tests are skipped. */
export const testRedisUrl: string | undefined = process.env.KEFU_TEST_REDIS_URL;

/** `describe` for Redis-backed tests: skipped, with the reason in the test name, when no Redis can be had. */
export const describeRedis: jest.Describe = testRedisUrl
  ? describe
  : (((name: string, fn: jest.EmptyFunction) =>
      describe.skip(
        `${name} [SKIPPED: ${process.env.KEFU_TEST_REDIS_SKIP_REASON ?? 'no Redis'}]`,
        fn,
      )) as jest.Describe);

/** A key prefix that no other test file or run shares. */
export function uniquePrefix(label = 'test'): string {
  return `kefu-test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

export type TestRedisClient = ReturnType<typeof createClient>;

/** Deletes every key under a prefix (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deletePrefix(client: TestRedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of client.scanIterator({ MATCH: new Keyspace(prefix).pattern, COUNT: 500 })) {
    if (keys.length > 0) deleted += await client.del(keys);
  }
  return deleted;
}

/**
 * Inside a describeRedis block: a connected client and a fresh prefix for this file, with every key under
 * the prefix deleted after the file's tests.
 */
export function useRedis(label?: string): {
  readonly client: TestRedisClient;
  readonly prefix: string;
  readonly url: string;
} {
  const prefix = uniquePrefix(label);
  let client: TestRedisClient | undefined;
  beforeAll(async () => {
    client = createClient({ url: testRedisUrl });
    await client.connect();
  });
  afterAll(async () => {
    if (!client) return;
    await deletePrefix(client, prefix);
    await client.close();
  });
  return {
    prefix,
    get url() {
      if (!testRedisUrl) throw new Error('no test Redis');
      return testRedisUrl;
    },
    get client() {
      if (!client) throw new Error('useRedis client used outside a test');
      return client;
    },
  };
}
