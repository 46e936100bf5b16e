import { localGet } from './local-get';

/**
 * The longest event-loop delay a kefu instance saw since the last scrape, read from its own `/metrics`
 * (prom-client's `nodejs_eventloop_lag_max_seconds`, whose histogram restarts at every scrape; 10 ms
 * resolution). Scraped before and after a phase, it says whether a latency tail was the server's loop
 * standing still (a long GC, a long synchronous stretch) or requests waiting behind one another.
 * A missing figure is printed as such; it must not stop the benchmark.
 */
export async function eventLoopLagMaxMs(port: number): Promise<number | undefined> {
  const answer = await localGet(port, '/metrics', 5000);
  if (answer?.status !== 200) return undefined;
  const match = answer.body.match(/^kefu_nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m);
  return match ? Number(match[1]) * 1000 : undefined;
}
