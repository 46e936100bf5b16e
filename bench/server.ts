/**
 * `npm run bench:server`: turns per second and turn latency of real kefu servers under N concurrent
 * shopper conversations over HTTP (Direct Line 3.0), in four set-ups started as separate processes:
 *   (a) one instance, memory storage; (b) one instance on Redis; (c) two instances on that Redis behind
 *   a round-robin TCP proxy; (d) a bare node:http server answering a fixed JSON, as the ceiling.
 * For each N, two phases: a closed loop (next message as soon as the turn answered: the throughput
 * ceiling) and a paced open loop (a fixed total rate: the latency at that load). The load comes from a
 * forked process (dist/bench/lib/load-generator.js), one per phase.
 *
 * Settings: BENCH_N (default 50,200,500), BENCH_SECONDS per phase (6), BENCH_RATE turns/s offered in the
 * paced phase (2000), BENCH_WARMUP_SECONDS per target (4), BENCH_TARGETS (memory,redis,two,bare),
 * BENCH_VERIFY_MAX conversations read back per phase (5000), BENCH_CPU_PROF=<dir> to write a CPU profile
 * of each kefu instance there when it stops, BENCH_NODE_ARGS extra node flags for the kefu instances
 * (space-separated, e.g. "--trace-gc"), BENCH_SERVER_LOG_DIR=<dir> to keep everything each kefu instance
 * writes (its log lines, and what such flags print) in <dir>/<instance>.log.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PhaseResult, PhaseSpec, Pacing, GeneratorMessage, OrchestratorMessage } from './lib/phase';
import {
  cpuMs,
  forkTracked,
  freePort,
  installCleanup,
  rssBytes,
  startBareServer,
  startKefu,
  startRedis,
  stopAll,
  stopProcess,
  waitHealthy,
  type ServerProcess,
} from './lib/processes';
import { RedisStats } from './lib/redis-stats';
import { readCpuTimes, stealShare } from './lib/cpu-steal';
import { eventLoopLagMaxMs } from './lib/event-loop-lag';
import { startScriptNodeFlags } from './lib/start-flags';
import { Report, TARGET_LABELS, errorCount, type Cell, type PhaseKind, type TargetKey } from './lib/report';
import { startRoundRobinProxy, type RoundRobinProxy } from './lib/round-robin-proxy';

function numbers(name: string, fallback: number[]): number[] {
  const text = process.env[name];
  if (!text) return fallback;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
    throw new Error(`${name} must be positive numbers separated by commas, got ${JSON.stringify(text)}`);
  }
  return values;
}

const ALL_TARGETS: TargetKey[] = ['memory', 'redis', 'two', 'bare'];
const settings = {
  conversations: numbers('BENCH_N', [50, 200, 500]).map(Math.round),
  phaseMs: numbers('BENCH_SECONDS', [6])[0] * 1000,
  rate: numbers('BENCH_RATE', [2000])[0],
  warmupMs: numbers('BENCH_WARMUP_SECONDS', [4])[0] * 1000,
  verifyMax: Math.round(numbers('BENCH_VERIFY_MAX', [5000])[0]),
  targets: (process.env.BENCH_TARGETS ?? ALL_TARGETS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is TargetKey => (ALL_TARGETS as string[]).includes(name)),
  cpuProfDir: process.env.BENCH_CPU_PROF,
  nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((flag) => flag !== ''),
  serverLogDir: process.env.BENCH_SERVER_LOG_DIR,
};

/** Unique per run: Redis keys, shopper ids and the secret of one run never meet another's. */
const runId = randomBytes(4).toString('hex');
const secret = `bench-${randomBytes(16).toString('hex')}`;
/** A turn slower than this counts as an error (timeout); kefu's own turns take milliseconds. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Far above any rate two cores reach: the cap only stops a runaway generator. */
const MAX_TURNS_PER_SECOND = 50_000;

interface Target {
  key: TargetKey;
  /** Where the load goes: the instance, the proxy, or the bare server. */
  port: number;
  servers: ServerProcess[];
  redis?: { server: ServerProcess; stats: RedisStats };
  proxy?: RoundRobinProxy;
}

function kefuSettings(keyPrefix: string, redisPort?: number): Record<string, string> {
  return {
    DIRECTLINE_SECRET: secret,
    KEY_PREFIX: keyPrefix,
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    DEMO_PAGE: 'false',
    RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    ...(redisPort === undefined ? {} : { REDIS_URL: `redis://127.0.0.1:${redisPort}` }),
  };
}

function nodeArgs(): string[] {
  const profile = settings.cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(settings.cpuProfDir)}`]
    : [];
  return [...profile, ...settings.nodeArgs];
}

async function startKefuInstance(
  name: string,
  keyPrefix: string,
  redisPort?: number,
): Promise<ServerProcess> {
  const server = startKefu({
    name,
    port: await freePort(),
    settings: kefuSettings(keyPrefix, redisPort),
    nodeArgs: nodeArgs(),
    rawLogFile: settings.serverLogDir
      ? path.join(path.resolve(settings.serverLogDir), `${name}.log`)
      : undefined,
  });
  await waitHealthy(server);
  return server;
}

let redis: { server: ServerProcess; stats: RedisStats } | undefined;

async function sharedRedis(): Promise<{ server: ServerProcess; stats: RedisStats }> {
  if (redis) return redis;
  const server = startRedis(await freePort());
  redis = { server, stats: await RedisStats.connect(server.port) };
  return redis;
}

async function startTarget(key: TargetKey): Promise<Target> {
  // Each target its own key prefix, so (c) starts without (b)'s conversations, tickets and returns.
  const prefix = `bench-${runId}-${key}:`;
  switch (key) {
    case 'memory': {
      const server = await startKefuInstance('kefu-memory', prefix);
      return { key, port: server.port, servers: [server] };
    }
    case 'redis': {
      const shared = await sharedRedis();
      const server = await startKefuInstance('kefu-redis', prefix, shared.server.port);
      return { key, port: server.port, servers: [server], redis: shared };
    }
    case 'two': {
      const shared = await sharedRedis();
      const servers = await Promise.all([
        startKefuInstance('kefu-redis-1', prefix, shared.server.port),
        startKefuInstance('kefu-redis-2', prefix, shared.server.port),
      ]);
      const proxy = await startRoundRobinProxy(
        servers.map((server) => ({ host: '127.0.0.1', port: server.port })),
      );
      return { key, port: proxy.port, servers, redis: shared, proxy };
    }
    case 'bare': {
      const server = startBareServer(await freePort());
      await waitHealthy(server);
      return { key, port: server.port, servers: [server] };
    }
  }
}

async function stopTarget(target: Target): Promise<void> {
  await target.proxy?.close();
  await Promise.all(target.servers.map((server) => stopProcess(server.child)));
}

/**
 * Forks the load generator for one phase and waits for its answer (or its death, or a deadline).
 * `readings` runs when the traffic is over, before the generator reads the logs back; its value comes
 * back with the result.
 */
function generate<R>(
  spec: PhaseSpec,
  readings: () => Promise<R>,
): Promise<{ result: PhaseResult; readings: R }> {
  const child = forkTracked(path.join(__dirname, 'lib', 'load-generator.js'));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the load generator did not finish in time'));
    }, spec.durationMs + 120_000);
    let taken: Promise<R> | undefined;
    const onMessage = (message: GeneratorMessage) => {
      if (message.kind === 'traffic-done') {
        const goOn: OrchestratorMessage = { kind: 'go-on' };
        taken = readings();
        taken.then(
          () => child.send(goOn),
          (error: unknown) => {
            child.kill('SIGKILL');
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
        return;
      }
      child.off('message', onMessage);
      clearTimeout(deadline);
      if (message.kind === 'failed') reject(new Error(`load generator failed: ${message.message}`));
      else if (!taken) reject(new Error('the load generator answered without saying its traffic was done'));
      else taken.then((value) => resolve({ result: message.result, readings: value }), reject);
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      reject(new Error(`the load generator exited (${code ?? signal}) without a result`));
    });
    child.send(spec);
  });
}

const totalCpu = (target: Target) => target.servers.reduce((sum, server) => sum + cpuMs(server.child.pid), 0);

async function measure(
  target: Target,
  conversations: number,
  phase: PhaseKind,
  durationMs: number,
  label: string,
): Promise<Cell> {
  const pacing: Pacing =
    phase === 'closed' ? { kind: 'closed' } : { kind: 'paced', ratePerSecond: settings.rate };
  const spec: PhaseSpec = {
    host: '127.0.0.1',
    port: target.port,
    mode: target.key === 'bare' ? 'bare' : 'kefu',
    secret,
    conversations,
    durationMs,
    pacing,
    idPrefix: `bench-${runId}-${target.key}-${label}`,
    verifyLog: target.key === 'two' || target.key === 'redis',
    verifyMax: settings.verifyMax,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxTurns: Math.ceil((MAX_TURNS_PER_SECOND * durationMs) / 1000),
  };
  const kefuPorts = target.key === 'bare' ? [] : target.servers.map((server) => server.port);
  // Scraping restarts each instance's lag histogram, so the scrape after the phase covers the phase only.
  await Promise.all(kefuPorts.map(eventLoopLagMaxMs));
  const before = await readings(target);
  // Read again when the traffic is over, before the read-back of the Redis set-ups, which would otherwise be
  // counted as server CPU and Redis commands per turn that the memory set-up never pays.
  const { result, readings: after } = await generate(spec, () => readings(target));
  const loopLagMaxMs = await Promise.all(kefuPorts.map(eventLoopLagMaxMs));
  const redis = before.redis && after.redis ? { before: before.redis, after: after.redis } : undefined;
  return {
    loopLagMaxMs,
    target: target.key,
    conversations,
    phase,
    result,
    rss: target.servers.map((server) => rssBytes(server.child.pid)),
    serverCpuMs: after.serverCpu - before.serverCpu,
    steal: stealShare(before.machine, after.machine),
    redisCommands: redis && redis.after.commands - redis.before.commands,
    redisCalls:
      redis &&
      Object.fromEntries(
        Object.entries(redis.after.calls).map(([name, calls]) => [
          name,
          calls - (redis.before.calls[name] ?? 0),
        ]),
      ),
    redisCpuMs: redis && redis.after.cpuMs - redis.before.cpuMs,
  };
}

/** The counters a phase is measured by, read once before it and once when its traffic is over. */
async function readings(target: Target) {
  const redis = target.redis;
  return {
    serverCpu: totalCpu(target),
    machine: readCpuTimes(),
    redis: redis && {
      commands: await redis.stats.commandsProcessed(),
      calls: await redis.stats.commandCalls(),
      cpuMs: cpuMs(redis.server.child.pid),
    },
  };
}

function progress(cell: Cell): void {
  const { result } = cell;
  const verification = result.verification
    ? `, read back ${result.verification.conversations} conv: ${result.verification.lost} lost`
    : '';
  console.log(
    `  ${TARGET_LABELS[cell.target]} N=${cell.conversations} ${cell.phase}: ${Math.round(result.turnsPerSecond)} turns/s, ` +
      `p50 ${result.latency.p50.toFixed(1)} / p99 ${result.latency.p99.toFixed(1)} ms, ${errorCount(result)} errors, ` +
      `${result.repliesChecked} replies checked, generator CPU ${Math.round((100 * result.generatorCpuMs) / result.windowMs)}%${verification}`,
  );
}

function describeLogs(target: Target): string[] {
  const lines: string[] = [];
  for (const server of target.servers) {
    const levels = Object.entries(server.log.levels)
      .map(([level, count]) => `${{ '40': 'warn', '50': 'error', '60': 'fatal' }[level] ?? level} ${count}`)
      .join(', ');
    lines.push(
      `${server.name}: ${levels || 'nothing logged'}${server.log.notable.length ? ` — ${server.log.notable.join(' | ')}` : ''}`,
    );
  }
  if (target.proxy)
    lines.push(`proxy: connections handed to each instance: ${target.proxy.handedOut.join(' / ')}`);
  return lines;
}

async function main(): Promise<void> {
  installCleanup();
  const cpus = os.cpus();
  console.log('# kefu server benchmark (Direct Line over HTTP, real processes)');
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1073741824)} GB, node ${process.version}, load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `settings: N=${settings.conversations.join(',')}, ${settings.phaseMs / 1000} s per phase, paced phase ${settings.rate} turns/s offered, ` +
      `${settings.warmupMs / 1000} s warm-up per target, targets ${settings.targets.join(',')}`,
  );
  console.log(
    `kefu's node flags: ${[...startScriptNodeFlags(), ...nodeArgs()].join(' ') || 'none'} (npm start's, then BENCH_NODE_ARGS)`,
  );
  const cells: Cell[] = [];
  const logNotes: string[] = [];
  const started = Date.now();
  for (const key of settings.targets) {
    console.log(`${TARGET_LABELS[key]}: starting`);
    const target = await startTarget(key);
    try {
      // JIT, the NLU's caches, Redis scripts: warm before anything is measured.
      const warm = await measure(
        target,
        Math.min(200, Math.max(...settings.conversations)),
        'closed',
        settings.warmupMs,
        'warm',
      );
      console.log(
        `  warm-up: ${Math.round(warm.result.turnsPerSecond)} turns/s, ${errorCount(warm.result)} errors`,
      );
      for (const conversations of settings.conversations) {
        for (const phase of ['closed', 'paced'] as const) {
          await sleep(500); // let the last phase's garbage be collected before the next one starts
          const cell = await measure(
            target,
            conversations,
            phase,
            settings.phaseMs,
            `${conversations}${phase[0]}`,
          );
          cells.push(cell);
          progress(cell);
        }
      }
    } finally {
      await stopTarget(target);
      logNotes.push(...describeLogs(target));
    }
  }
  if (redis) {
    logNotes.push(
      `redis-server: used_memory ${Math.round((await redis.stats.usedMemory()) / 1048576)} MB at the end`,
    );
    await redis.stats.close();
    await stopProcess(redis.server.child);
  }

  const report = new Report(cells, settings.rate, os.cpus().length);
  console.log(`\n## Closed loop: each conversation sends its next message as soon as the turn answered`);
  console.log(report.closedTable());
  console.log(
    `\n## Paced: ${settings.rate} turns/s offered in total, spread over the N conversations; latency from the scheduled send`,
  );
  console.log(report.pacedTable());
  console.log(
    '\nturns/s: turns answered 2xx within the window. %bare: of (d) at the same N and phase; %mem: of (a).' +
      '\nerrors: non-2xx, socket errors, timeouts, replies missing from the log; wrong: a reply other than the script expects.' +
      '\nRSS after the phase, per server process. srv CPU: the server processes (both for c) per turn.' +
      "\ngen CPU: the load generator's own CPU; near 100% it, not the server, is the limit." +
      '\nsrv CPU, gen CPU and Redis figures cover the traffic, not the read-back of the logs after it (b and c).' +
      "\nsteal: share of the machine's CPU time the hypervisor gave to other guests during the phase (VMs only)." +
      '\nRedis ops/turn: total_commands_processed delta / turns, including set-up (tokens, conversations) and reads.' +
      '\nbehind: paced turns due in the window but not sent before it ended (the server fell behind; latency figures then understate).' +
      '\nWhen paced turns/s stay below the offered rate the server is saturated: the queue, and with it the latency, grows for as long as the phase lasts.',
  );
  const redisLines = report.redisBreakdown();
  if (redisLines.length > 0) {
    console.log('\n## Redis commands per turn, by command (closed loop, largest N)');
    for (const line of redisLines) console.log(line);
  }
  console.log('\n## Targets from the issue');
  for (const line of report.verdicts()) console.log(line);
  const problems = report.problems();
  if (problems.length > 0) {
    console.log('\n## Errors and unexpected replies');
    for (const line of problems) console.log(line);
  }
  console.log('\n## Server logs (warn and above)');
  for (const line of logNotes) console.log(line);
  console.log(`\ntotal time ${Math.round((Date.now() - started) / 1000)} s`);
}

main()
  .catch(async (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
    await stopAll();
  })
  .finally(async () => {
    await redis?.stats.close().catch(() => undefined);
  });
