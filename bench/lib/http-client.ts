import http from 'node:http';

export interface JsonResponse {
  status: number;
  body: string;
}

/** A request that got no HTTP answer: the connection failed, or the server took longer than the timeout. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'socket' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * JSON over node:http with one keep-alive agent, as a browser keeps its connection to the shop open.
 * The agent may open one socket per concurrent shopper, so no shopper waits for another's socket and the
 * measured latency is the server's alone.
 */
export class JsonClient {
  readonly agent: http.Agent;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: 'GET' | 'POST', path: string, options: { bearer?: string; body?: unknown } = {}) {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise<JsonResponse>((resolve, reject) => {
      const request = http.request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', (error) => reject(new TransportError('socket', error.message)));
        },
      );
      request.setTimeout(this.timeoutMs, () =>
        request.destroy(new TransportError('timeout', `no answer within ${this.timeoutMs} ms`)),
      );
      request.on('error', (error) =>
        reject(error instanceof TransportError ? error : new TransportError('socket', error.message)),
      );
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
