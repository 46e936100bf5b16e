/**
 * `npm run bench:memory`: RSS and heap with 1,000 and 10,000 idle conversations held in memory storage.
 * Each conversation is started through the Direct Line service and has one real turn ("包邮吗" / "hi"), so
 * it holds what an idle shopper leaves behind: conversation state, the Direct Line activity log, the
 * transcript. Run with --expose-gc (the npm script does) so the figures are after garbage collection.
 */
import os from 'node:os';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { Nlu } from '../src/nlu/nlu';
import { createChannels } from '../src/server/channels';

const COUNTS = (process.env.BENCH_CONVERSATIONS ?? '1000,10000').split(',').map(Number);

function measure(): { rss: number; heap: number; external: number } {
  global.gc?.();
  global.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed, external: usage.external };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000' });
  const logger = createLogger({ level: 'silent', pretty: false });
  const channels = createChannels({ config, logger, nlu: Nlu.create() });
  const { directLine } = channels;

  // Warm up (JIT, caches, lazily built structures) so they are not counted per conversation.
  for (let i = 0; i < 200; i++) {
    const id = `warm-${i}`;
    await directLine.start(id, { id: `u-${id}` });
    await directLine.post(id, { id: `u-${id}` }, { type: 'message', text: i % 2 ? 'hi' : '包邮吗' });
  }
  const base = measure();
  console.log(`# kefu memory benchmark`);
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(`baseline after warm-up: RSS ${mb(base.rss)}, heap ${mb(base.heap)}`);

  let held = 0;
  for (const target of COUNTS) {
    for (; held < target; held++) {
      const id = `idle-${held}`;
      await directLine.start(id, { id: `u-${id}` });
      await directLine.post(id, { id: `u-${id}` }, { type: 'message', text: held % 2 ? 'hi' : '包邮吗' });
    }
    const now = measure();
    console.log(
      `${target} idle conversations: RSS ${mb(now.rss)} (+${((now.rss - base.rss) / target / 1024).toFixed(1)} KB each), ` +
        `heap ${mb(now.heap)} (+${((now.heap - base.heap) / target / 1024).toFixed(1)} KB each), ` +
        `external ${mb(now.external)}`,
    );
  }
  await channels.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
