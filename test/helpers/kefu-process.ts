import type { ChildProcess } from 'node:child_process';
import { freePort, startKefu, stopProcess, waitHealthy } from '../../bench/lib/processes';

/** A `kefu start` in a process of its own (the compiled dist/, which `npm test` builds first). */
export interface KefuProcess {
  base: string;
  port: number;
  process: ChildProcess;
  /** Whether it is still running. */
  alive(): boolean;
  /** SIGKILL: the instance dies as on a crash or an out-of-memory kill, finishing nothing. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful shutdown), then waits for the exit. */
  stop(): Promise<void>;
}

/** Started with the benchmark's launcher, and healthy (GET /healthz answers 200) when this returns. */
export async function startKefuProcess(env: Record<string, string>): Promise<KefuProcess> {
  const port = await freePort();
  const server = startKefu({
    name: `kefu:${port}`,
    port,
    settings: { LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...env },
  });
  const { child } = server;
  try {
    await waitHealthy(server);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    process: child,
    alive,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopProcess(child),
  };
}
