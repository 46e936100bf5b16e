/**
 * The load generator, forked by bench/server.ts as a process of its own so that making the load does not
 * take CPU from the server inside one event loop. It gets one PhaseSpec over IPC, drives that many
 * concurrent shoppers over HTTP for the phase, says 'traffic-done' and waits for 'go-on' (the orchestrator
 * takes its readings), reads the logs back if asked, answers with a PhaseResult and exits. It stops by itself:
 * by time (the window, then a hard deadline) and by count (PhaseSpec.maxTurns).
 */
import { performance } from 'node:perf_hooks';
import { DirectLineClient } from './directline-client';
import { JsonClient } from './http-client';
import type { GeneratorMessage, LogVerification, OrchestratorMessage, PhaseResult, PhaseSpec } from './phase';
import { emptyVerification, verifyConversation } from './reply-check';
import { Shopper, type ConversationRecord, type PhaseContext } from './shopper';
import { ErrorTally, LatencyRecorder } from './stats';

/** Time allowed after the window for in-flight turns, the last reads and the read-back. */
const GRACE_MS = 90_000;
/** Conversations read back at a time at the end: enough to be quick, few enough not to be a load test. */
const VERIFY_CONCURRENCY = 16;
/** Pause between the conversations being opened and the window starting. */
const START_DELAY_MS = 50;

function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

async function verifyLogs(
  client: DirectLineClient,
  secret: string,
  records: readonly ConversationRecord[],
): Promise<LogVerification> {
  const result = emptyVerification();
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next++];
      // The secret may read any conversation, as the shop's backend could.
      const read = await client.readActivities(record.conversationId, secret, '0');
      if (!read.ok) {
        result.conversations += 1;
        result.lost += record.accepted.length;
        if (result.examples.length < 5) result.examples.push(`read failed: ${read.kind} ${read.detail}`);
        continue;
      }
      verifyConversation(record.accepted, record.failedPosts, read.value.activities, result);
    }
  };
  await Promise.all(Array.from({ length: VERIFY_CONCURRENCY }, worker));
  return result;
}

/** Called between the traffic and the read-back; resolves when the read-back may start. */
export type TrafficDone = () => Promise<void>;

export async function runPhase(spec: PhaseSpec, trafficDone: TrafficDone): Promise<PhaseResult> {
  const http = new JsonClient(
    spec.host,
    spec.port,
    spec.requestTimeoutMs,
    spec.conversations + VERIFY_CONCURRENCY,
  );
  const client = new DirectLineClient(http, spec.secret);
  const cpuAtStart = process.cpuUsage();
  const context: PhaseContext = {
    spec,
    client,
    latencies: new LatencyRecorder(),
    errors: new ErrorTally(),
    windowStart: 0,
    windowEnd: 0,
    counters: {
      sent: 0,
      turnsInWindow: 0,
      repliesChecked: 0,
      conversationsStarted: 0,
      otherRequests: 0,
      behind: 0,
    },
    records: [],
  };
  try {
    const shoppers = Array.from({ length: spec.conversations }, (_, index) => new Shopper(index, context));
    await Promise.all(shoppers.map((shopper) => shopper.prepare()));
    context.windowStart = performance.now() + START_DELAY_MS;
    context.windowEnd = context.windowStart + spec.durationMs;
    const { pacing } = spec;
    const intervalMs = pacing.kind === 'paced' ? (1000 * spec.conversations) / pacing.ratePerSecond : 0;
    await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS));
    await Promise.all(
      shoppers.map((shopper) => (intervalMs > 0 ? shopper.runPaced(intervalMs) : shopper.runClosed())),
    );
    await Promise.all(shoppers.map((shopper) => shopper.finish()));
    const cpu = process.cpuUsage(cpuAtStart);
    await trafficDone();
    const verification = spec.verifyLog
      ? await verifyLogs(client, spec.secret, sample(context.records, spec.verifyMax))
      : undefined;
    const windowMs = context.windowEnd - context.windowStart;
    return {
      turns: context.counters.turnsInWindow,
      windowMs,
      turnsPerSecond: (context.counters.turnsInWindow * 1000) / windowMs,
      latency: context.latencies.summary(),
      errors: context.errors.counts,
      errorExamples: context.errors.examples,
      repliesChecked: context.counters.repliesChecked,
      conversationsStarted: context.counters.conversationsStarted,
      otherRequests: context.counters.otherRequests,
      behind: context.counters.behind,
      generatorCpuMs: (cpu.user + cpu.system) / 1000,
      verification,
    };
  } finally {
    http.close();
  }
}

function send(message: GeneratorMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

/** Tells the orchestrator the traffic is over and waits for its go-on (it takes its readings first). */
async function trafficDoneOverIpc(): Promise<void> {
  const goOn = new Promise<void>((resolve) => {
    const listener = (message: OrchestratorMessage) => {
      if (message.kind !== 'go-on') return;
      process.off('message', listener);
      resolve();
    };
    process.on('message', listener);
  });
  await send({ kind: 'traffic-done' });
  await goOn;
}

if (require.main === module) {
  // Without its orchestrator there is nobody to answer to: stop rather than linger.
  process.on('disconnect', () => process.exit(0));
  process.once('message', (message: PhaseSpec) => {
    setTimeout(() => {
      console.error('load generator: hard deadline passed, exiting');
      process.exit(3);
    }, message.durationMs + GRACE_MS).unref();
    runPhase(message, trafficDoneOverIpc)
      .then(
        (result) => send({ kind: 'result', result }),
        (error: unknown) =>
          send({
            kind: 'failed',
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      )
      .finally(() => process.exit(0));
  });
}
