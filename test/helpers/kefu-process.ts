import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';

/** A `kefu start` in a process of its own (the compiled dist/, which `npm test` builds first). */
export interface KefuProcess {
  base: string;
  port: number;
  process: ChildProcess;
  /** What the process wrote to stdout and stderr (its log lines), for a failing test to show. */
  output(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** SIGKILL: the instance dies as on a crash or an out-of-memory kill, finishing nothing. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

const BIN = path.join(__dirname, '..', '..', 'bin', 'kefu.js');

export async function startKefuProcess(env: Record<string, string>): Promise<KefuProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kefu exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${base}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kefu did not become healthy within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    base,
    port,
    process: child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
