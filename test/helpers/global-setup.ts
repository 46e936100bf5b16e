import { pingRedis, redisServerInstalled, startRedisServer, type StartedRedis } from './redis-server';

declare global {
  // Shared between jest's global setup and teardown (same process).
  var kefuTestRedis: StartedRedis | undefined;
}

/**
 * Finds a Redis for the Redis-backed tests and tells the test workers through KEFU_TEST_REDIS_URL:
 * REDIS_URL if it answers, else a redis-server started on a free port. With none, Redis tests are skipped
 * loudly — or, with REQUIRE_REDIS=1 (CI), the run fails here.
 */
export default async function globalSetup(): Promise<void> {
  const required = process.env.REQUIRE_REDIS === '1';
  let reason: string;
  if (process.env.REDIS_URL) {
    if (await pingRedis(process.env.REDIS_URL)) {
      process.env.KEFU_TEST_REDIS_URL = process.env.REDIS_URL;
      return;
    }
    reason = `REDIS_URL=${process.env.REDIS_URL} does not answer`;
  } else if (redisServerInstalled()) {
    try {
      globalThis.kefuTestRedis = await startRedisServer();
      process.env.KEFU_TEST_REDIS_URL = globalThis.kefuTestRedis.url;
      return;
    } catch (error) {
      reason = `could not start redis-server: ${(error as Error).message}`;
    }
  } else {
    reason = 'REDIS_URL is not set and redis-server is not installed';
  }
  if (required) throw new Error(`REQUIRE_REDIS=1 but no Redis can be had: ${reason}`);
  process.env.KEFU_TEST_REDIS_SKIP_REASON = reason;
  console.warn(
    `\n*** Redis-backed tests are SKIPPED: ${reason}. Set REDIS_URL or install redis-server. ***\n`,
  );
}
