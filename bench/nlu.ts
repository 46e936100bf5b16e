/**
 * `npm run bench:nlu`: start-up (training) time and heap, then messages per second and the p50/p99 latency
 * of one `analyze` over the held-out messages, in this single process.
 */
import os from 'node:os';
import path from 'node:path';
import { readLabelledFile } from '../src/cli/eval';
import { Nlu } from '../src/nlu/nlu';
import { packageRoot } from '../src/paths';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const messages = (await readLabelledFile(path.join(packageRoot(), 'test', 'data', 'holdout.jsonl'))).map(
    (m) => m.text,
  );
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const nlu = Nlu.create();
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  // Warm-up: let V8 optimise the hot paths before measuring.
  for (let i = 0; i < 3; i++) for (const text of messages) nlu.analyze(text);

  const latencies = new Float64Array(messages.length * ROUNDS);
  let k = 0;
  const loopStart = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of messages) {
      const t0 = process.hrtime.bigint();
      nlu.analyze(text);
      latencies[k++] = Number(process.hrtime.bigint() - t0) / 1e3;
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - loopStart) / 1e9;
  latencies.sort();

  console.log(`# kefu NLU benchmark`);
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(`start-up (load + train + calibrate): ${startupMs.toFixed(0)} ms`);
  console.log(
    `heap after start-up: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB more (${(heapAfter / 1048576).toFixed(1)} MB used)`,
  );
  console.log(
    `analyzed ${latencies.length} messages (${messages.length} held-out × ${ROUNDS}) in ${totalSeconds.toFixed(2)} s`,
  );
  console.log(`throughput: ${Math.round(latencies.length / totalSeconds)} messages/s on one core`);
  console.log(
    `latency per analyze: p50 ${percentile(latencies, 50).toFixed(1)} µs, p99 ${percentile(latencies, 99).toFixed(1)} µs, max ${latencies[latencies.length - 1].toFixed(1)} µs`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
