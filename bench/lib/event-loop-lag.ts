import http from 'node:http';

/**
 * The longest event-loop delay a kefu instance saw since the last scrape, read from its own `/metrics`
 * (prom-client's `nodejs_eventloop_lag_max_seconds`, whose histogram restarts at every scrape; 10 ms
 * resolution). Scraped before and after a phase, it says whether a latency tail was the server's loop
 * standing still (a long GC, a long synchronous stretch) or requests waiting behind one another.
 */
export async function eventLoopLagMaxMs(port: number): Promise<number | undefined> {
  const text = await new Promise<string | undefined>((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/metrics', timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 ? body : undefined));
    });
    request.on('timeout', () => request.destroy());
    // A missing figure is printed as such; it must not stop the benchmark.
    request.on('error', () => resolve(undefined));
  });
  const match = text?.match(/^kefu_nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m);
  return match ? Number(match[1]) * 1000 : undefined;
}
