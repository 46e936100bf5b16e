import http from 'node:http';

/**
 * A GET to a local instance with its own connection (no keep-alive socket left behind to count against
 * the server), for the benchmark's own checks: undefined when it got no answer in time.
 */
export function localGet(
  port: number,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', () => resolve(undefined));
    });
    request.setTimeout(timeoutMs, () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}
