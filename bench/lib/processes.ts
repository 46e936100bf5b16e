import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../../src/paths';
import { localGet } from './local-get';
import { startScriptNodeFlags } from './start-flags';

/**
 * The benchmark's child processes — kefu instances, a throw-away Redis, the bare server, the load
 * generator — started and stopped in one place, so that none outlives the benchmark: not on success, not
 * on an error, not on Ctrl-C.
 */

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

let cleanupInstalled = false;

/** Kills what is still running when the benchmark ends, however it ends. */
export function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // 'exit' handlers cannot wait: whatever did not stop politely by now is killed outright.
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's processes`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopProcess(child)));
}

/** SIGTERM, which kefu answers with a graceful shutdown (and a CPU profile when asked); SIGKILL if slow. */
export async function stopProcess(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Lines a server wrote, kept short: the level counts and the first few distinct warnings and errors. */
export class LogTally {
  readonly levels: Record<string, number> = {};
  readonly notable: string[] = [];
  private rest = '';

  feed(chunk: Buffer): void {
    const lines = (this.rest + chunk.toString('utf8')).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') this.line(line);
  }

  private line(line: string): void {
    let level = 'text';
    let message = line;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      level = String(entry.level ?? 'text');
      message = [entry.msg, entry.err?.message].filter(Boolean).join(': ');
    } catch {
      // not a pino line (a crash trace, a warning from node): counted as text
    }
    this.levels[level] = (this.levels[level] ?? 0) + 1;
    const short = message.slice(0, 200);
    if (this.notable.length < 8 && !this.notable.includes(short)) this.notable.push(short);
  }
}

export interface ServerProcess {
  name: string;
  port: number;
  child: ChildProcess;
  log: LogTally;
}

function capture(child: ChildProcess, log: LogTally): void {
  child.stdout?.on('data', (chunk: Buffer) => log.feed(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.feed(chunk));
}

/** Only what a kefu instance needs, so a KEFU_CONFIG or REDIS_URL in the caller's shell cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}

export function startKefu(options: {
  name: string;
  port: number;
  settings: Record<string, string>;
  /** node flags, e.g. --cpu-prof, after those of `npm start` (a later flag wins). */
  nodeArgs?: string[];
  /** Also copy everything the process writes to this file (what --trace-gc prints, say). */
  rawLogFile?: string;
}): ServerProcess {
  const bin = path.join(packageRoot(), 'bin', 'kefu.js');
  const child = track(
    spawn(process.execPath, [...startScriptNodeFlags(), ...(options.nodeArgs ?? []), bin, 'start'], {
      env: { ...baseEnv(), ...options.settings, PORT: String(options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const log = new LogTally();
  capture(child, log);
  if (options.rawLogFile) {
    const file = createWriteStream(options.rawLogFile);
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
  }
  return { name: options.name, port: options.port, child, log };
}

export function startRedis(port: number): ServerProcess {
  const child = track(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const log = new LogTally();
  capture(child, log);
  return { name: 'redis', port, child, log };
}

export function startBareServer(port: number): ServerProcess {
  const child = track(
    fork(path.join(__dirname, 'bare-server.js'), [], {
      env: { ...baseEnv(), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  const log = new LogTally();
  capture(child, log);
  return { name: 'bare', port, child, log };
}

/** A fork of a compiled bench file with an IPC channel (the load generator). */
export function forkTracked(file: string): ChildProcess {
  return track(fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

async function healthStatus(port: number): Promise<number> {
  return (await localGet(port, '/healthz', 1000))?.status ?? 0;
}

/** Waits for GET /healthz to answer 200; fails at once if the process died instead. */
export async function waitHealthy(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `${server.name} exited (${server.child.exitCode ?? server.child.signalCode}) before answering /healthz: ${server.log.notable.join(' | ')}`,
      );
    }
    if ((await healthStatus(server.port)) === 200) return;
    await sleep(100);
  }
  throw new Error(`${server.name} did not answer /healthz with 200 within ${timeoutMs} ms`);
}

/** Resident memory of a process now, from /proc (Linux). */
export function rssBytes(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms; clock ticks are 100 a second on Linux. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
