import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from './free-port';

export interface StartedRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Starts a throw-away redis-server on a free loopback port that keeps nothing on disk (but see dataDir). */
/**
 * With `dataDir`, the server keeps an append-only file there, written on every command, so a test can
 * stop it (even with SIGKILL) and start it again on the same port with the same data: a Redis restart.
 */
export async function startRedisServer(
  port?: number,
  options: { dataDir?: string } = {},
): Promise<StartedRedis> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--daemonize',
      'no',
      ...(options.dataDir
        ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dataDir]
        : ['--appendonly', 'no']),
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis(url, 300))) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with ${child.exitCode} on port ${chosen}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${chosen} within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port: chosen,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
