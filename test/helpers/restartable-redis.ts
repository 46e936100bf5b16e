import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeRedis, connectRedis, type RedisClient } from '../../src/storage/redis-client';
import { testLogger } from './quiet-logger';
import { redisServerInstalled, startRedisServer, type StartedRedis } from './redis-server';

/**
 * `describe` for fault tests that start, kill and restart their own redis-server. Without the binary they
 * are skipped loudly, except under REQUIRE_REDIS=1 (CI), where that is a failure.
 */
export const describeWithRedisServer: jest.Describe =
  redisServerInstalled() || process.env.REQUIRE_REDIS === '1'
    ? describe
    : (((name: string, fn: jest.EmptyFunction) =>
        describe.skip(`${name} [SKIPPED: redis-server is not installed]`, fn)) as jest.Describe);

/** A Redis of the test's own that can die and come back on the same port with its data. */
export interface RestartableRedis {
  readonly url: string;
  readonly port: number;
  /** Kills the server at once (SIGKILL): clients see their connections drop mid-command. */
  kill(): Promise<void>;
  /** Starts it again on the same port from the same append-only file. */
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered — a hung Redis. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void;
  /** Stops it for good and deletes its files. */
  dispose(): Promise<void>;
}

export async function startRestartableRedis(): Promise<RestartableRedis> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-redis-'));
  let current: StartedRedis | undefined = await startRedisServer(undefined, { dataDir });
  const { port, url } = current;
  const kill = async () => {
    const running = current;
    current = undefined;
    if (!running || running.process.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.process.once('exit', () => resolve());
      running.process.kill('SIGCONT'); // a frozen server would not die of SIGKILL any sooner, but be sure
      running.process.kill('SIGKILL');
    });
  };
  return {
    url,
    port,
    kill,
    freeze() {
      if (!current) throw new Error('freeze: Redis is not running');
      current.process.kill('SIGSTOP');
    },
    thaw() {
      if (!current) throw new Error('thaw: Redis is not running');
      current.process.kill('SIGCONT');
    },
    async restart() {
      if (current) throw new Error('restart: Redis is still running');
      current = await startRedisServer(port, { dataDir });
    },
    async dispose() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Inside a describeWithRedisServer block: a Redis of the file's own and a kefu connection to it (made as
 * `kefu start` makes it, watchdog and script loading included), both gone after the file's tests.
 */
export function useRestartableRedis(): { readonly redis: RestartableRedis; readonly client: RedisClient } {
  let redis: RestartableRedis | undefined;
  let client: RedisClient | undefined;
  beforeAll(async () => {
    redis = await startRestartableRedis();
    client = await connectRedis(redis.url, testLogger());
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await redis?.dispose();
  });
  return {
    get redis() {
      if (!redis) throw new Error('useRestartableRedis used outside a test');
      return redis;
    },
    get client() {
      if (!client) throw new Error('useRestartableRedis used outside a test');
      return client;
    },
  };
}
