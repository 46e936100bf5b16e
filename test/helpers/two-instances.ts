import type { AppDependencies } from '../../src/server/app';
import { startTestServer, type TestServer } from './server';

/**
 * Inside a describeRedis block: two servers on the test Redis under one key prefix, as a shop scaled out
 * to two instances runs them, started before the block's tests and shut down after them.
 */
export function useTwoInstances(
  redis: { readonly url: string; readonly prefix: string },
  settings: () => Record<string, string> | Promise<Record<string, string>> = () => ({}),
  options: Pick<AppDependencies, 'handoff'> = {},
): { readonly first: TestServer; readonly second: TestServer } {
  let first: TestServer | undefined;
  let second: TestServer | undefined;
  beforeAll(async () => {
    const env = { REDIS_URL: redis.url, KEY_PREFIX: redis.prefix, ...(await settings()) };
    first = await startTestServer(env, undefined, options);
    second = await startTestServer(env, undefined, options);
  });
  afterAll(async () => {
    await first?.server.shutdown();
    await second?.server.shutdown();
  });
  const started = (server: TestServer | undefined) => {
    if (!server) throw new Error('useTwoInstances: the servers are started in beforeAll');
    return server;
  };
  return {
    get first() {
      return started(first);
    },
    get second() {
      return started(second);
    },
  };
}
