/**
 * `npm run bench:turn`: what a turn costs kefu itself — the Direct Line service, the bot, its dialogs, the
 * NLU and memory storage — without HTTP, in this single process. The same shopper scripts as bench:server run
 * through `DirectLineService.start/post` (the calls the HTTP routes make), N conversations at a time, and every
 * reply is checked against the script. Compared with bench:server's CPU per turn it tells how much of a turn
 * is kefu's own work and how much the HTTP path around it.
 *
 * Settings: BENCH_TURNS per phase (40000), BENCH_N concurrent conversations (500), MEMORY_CONVERSATIONS
 * (kefu's own setting: how many conversations memory storage keeps; 20000 by default).
 */
import os from 'node:os';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { createChannels } from '../src/server/channels';
import { checkTurns, type AcceptedTurn } from './lib/reply-check';
import { scriptFor } from './lib/shopper-scripts';
import { ErrorTally } from './lib/stats';

const TURNS = Number(process.env.BENCH_TURNS ?? 40_000);
const CONVERSATIONS = Number(process.env.BENCH_N ?? 500);

/** Milliseconds the main thread spent in garbage collection, by kind (V8's NodeGCPerformanceDetail). */
const gcMs = { minor: 0, major: 0, incremental: 0, weak: 0 };
const GC_KINDS: Record<number, keyof typeof gcMs> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // Node 20 puts the GC kind on the entry itself (and, from 16, in `detail`); the types declare neither.
    const gc = entry as PerformanceEntry & { kind?: number; detail?: { kind?: number } | null };
    const kind = GC_KINDS[gc.detail?.kind ?? gc.kind ?? 0];
    if (kind) gcMs[kind] += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Heap in use after full collections, when the script runs with --expose-gc (npm run bench:turn does). */
function collectedHeap(): number | undefined {
  if (typeof global.gc !== 'function') return undefined;
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const config = loadConfig({
    RATE_LIMIT_PER_MINUTE: '10000',
    ...(process.env.MEMORY_CONVERSATIONS ? { MEMORY_CONVERSATIONS: process.env.MEMORY_CONVERSATIONS } : {}),
  });
  const channels = createChannels({ config, logger: createLogger({ level: 'silent', pretty: false }) });
  const service = channels.directLine;
  const problems = new ErrorTally();
  let sent = 0;
  let conversations = 0;
  let opened = 0;
  const heapBaseline = collectedHeap();

  const shopper = async (index: number, phase: string): Promise<void> => {
    for (let round = 0; sent < TURNS; round++) {
      const script = scriptFor(index, round);
      const userId = `${phase}-${index}-${round}`;
      const conversationId = service.newConversationId();
      await service.start(conversationId, { id: userId });
      conversations += 1;
      opened += 1;
      const accepted: AcceptedTurn[] = [];
      for (const [step, { text, expect }] of script.steps.entries()) {
        if (sent >= TURNS) break;
        sent += 1;
        const logged = await service.post(
          conversationId,
          { id: userId },
          {
            type: 'message',
            text,
            from: { id: userId },
            channelData: { clientActivityID: `${userId}.${step}` },
          },
        );
        accepted.push({ id: logged.id, text, expect });
      }
      const page = await service.read(conversationId, 0);
      checkTurns(accepted, page.activities, (problem, example) => problems.add(problem, example));
    }
  };

  const phase = async (name: string) => {
    sent = 0;
    conversations = 0;
    const gcBefore = { ...gcMs };
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, index) => shopper(index, name)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    // GC entries reach the observer from the event loop, which an all-in-memory phase hardly returns to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const perTurn = (ms: number) => ((ms * 1000) / sent).toFixed(0);
    console.log(
      `${name}: ${sent} turns in ${conversations} conversations, ${Math.round(sent / seconds)} turns/s, ` +
        `${perTurn((cpu.user + cpu.system) / 1000)} µs CPU per turn ` +
        `(of it GC: minor ${perTurn(gcMs.minor - gcBefore.minor)}, major ${perTurn(gcMs.major - gcBefore.major)}, ` +
        `incremental ${perTurn(gcMs.incremental - gcBefore.incremental)} µs), ` +
        `heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`,
    );
  };

  console.log('# kefu turn benchmark (no HTTP: DirectLineService, bot, memory storage)');
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(`settings: ${CONVERSATIONS} concurrent conversations, ${TURNS} turns per phase`);
  await phase('warm-up');
  await phase('measured');
  // What the conversations of both phases leave behind, once the turns' garbage is gone: busy conversations
  // (a whole script each, its Direct Line log, transcript and state), where bench:memory holds idle ones.
  const heldHeap = collectedHeap();
  if (heapBaseline !== undefined && heldHeap !== undefined) {
    const held = Math.min(opened, config.memoryConversations);
    const { rss } = process.memoryUsage();
    console.log(
      `held after a full GC: ${held} conversations (of ${opened} opened; MEMORY_CONVERSATIONS ${config.memoryConversations}), ` +
        `heap ${mb(heldHeap)} MB (${kb((heldHeap - heapBaseline) / held)} KB each), RSS ${mb(rss)} MB`,
    );
  }
  const total = problems.total();
  console.log(total === 0 ? 'replies: all as the scripts expect' : `replies: ${total} problems`);
  for (const [kind, count] of Object.entries(problems.counts)) {
    console.log(`  ${kind}: ${count} (${(problems.examples[kind] ?? []).join(' | ')})`);
  }
  await channels.close();
  if (total > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
