import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentsEnv, loginAgent, type TestAgent } from '../helpers/handoff';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

/*
 * Hostile input against every endpoint: 10,000 malformed, oversized or misdirected requests from a seeded
 * generator, on one server. Whatever arrives, the answer is a 4xx (or a deliberate 503), never a crash or
 * a 5xx, the server keeps answering, and it does not keep what it refused. A failure prints the seed and
 * the request, so it can be replayed (FUZZ_SEED=<seed>).
 */

const SECRET = 'fuzz-test-direct-line-secret';
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const CONCURRENCY = 8;
const MAX_BODY_BYTES = 65536;
/** A connector stand-in on loopback that takes every reply (set in beforeAll). */
const SINK_URL = { value: 'http://127.0.0.1:9/' };
const agent: TestAgent = { username: 'fuzz', displayName: 'Fuzz', password: 'fuzz-password-123' };

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof generator>;

interface Target {
  method: string;
  /** The path with `:conv` (a conversation id) and `:id` (any other id) to fill in. */
  path: string;
  body?: 'activity' | 'start' | 'login' | 'text' | 'agent' | 'multipart' | 'bf';
}

/** Every route the server has (DESIGN.md §5 and the console's API). */
const TARGETS: Target[] = [
  { method: 'POST', path: '/v3/directline/tokens/generate', body: 'start' },
  { method: 'POST', path: '/v3/directline/tokens/refresh' },
  { method: 'POST', path: '/v3/directline/conversations', body: 'start' },
  { method: 'GET', path: '/v3/directline/conversations/:conv' },
  { method: 'POST', path: '/v3/directline/conversations/:conv/activities', body: 'activity' },
  { method: 'GET', path: '/v3/directline/conversations/:conv/activities' },
  { method: 'POST', path: '/v3/directline/conversations/:conv/upload', body: 'multipart' },
  { method: 'GET', path: '/v3/directline/conversations/:conv/attachments/:id' },
  { method: 'GET', path: '/v3/directline/conversations/:conv/stream' },
  { method: 'POST', path: '/api/messages', body: 'bf' },
  { method: 'POST', path: '/api/agent/login', body: 'login' },
  { method: 'POST', path: '/api/agent/logout' },
  { method: 'GET', path: '/api/agent/me' },
  { method: 'POST', path: '/api/agent/status', body: 'agent' },
  { method: 'GET', path: '/api/agent/queue' },
  { method: 'GET', path: '/api/agent/quick-replies' },
  { method: 'GET', path: '/api/agent/conversations/:conv' },
  { method: 'POST', path: '/api/agent/conversations/:conv/accept' },
  { method: 'POST', path: '/api/agent/conversations/:conv/messages', body: 'text' },
  { method: 'POST', path: '/api/agent/conversations/:conv/transfer', body: 'agent' },
  { method: 'POST', path: '/api/agent/conversations/:conv/close', body: 'agent' },
  { method: 'GET', path: '/api/agent/customers/:id' },
  { method: 'POST', path: '/api/agent/customers/:id/tags', body: 'agent' },
  { method: 'DELETE', path: '/api/agent/customers/:id/tags/:id' },
  { method: 'POST', path: '/api/agent/customers/:id/notes', body: 'text' },
  { method: 'GET', path: '/api/agent/stream' },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/agent' },
  { method: 'GET', path: '/agent/:id' },
  { method: 'GET', path: '/web/:id' },
  { method: 'POST', path: '/demo/token' },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/metrics' },
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m\u007f',
  '\r\n\r\nHTTP/1.1 200 OK',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(50),
  'ﷺ'.repeat(100),
  '<script>alert(1)</script>',
  "'; DROP TABLE orders; --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '%00%ff%fe',
  '我的快递到哪了 订单号20231102558736',
  'where is my order',
  '1'.repeat(40),
  'A'.repeat(2001),
  '\u202e\u2066',
];

function randomString(random: Random, maxLength: number): string {
  if (random.chance(0.4)) return random.pick(NASTY_STRINGS);
  const length = random.int(maxLength);
  let text = '';
  for (let i = 0; i < length; i++) {
    // Mostly ASCII, some CJK, some control characters and lone surrogates.
    const roll = random.next();
    const code =
      roll < 0.6
        ? 32 + random.int(95)
        : roll < 0.8
          ? 0x4e00 + random.int(0x5000)
          : roll < 0.9
            ? random.int(32)
            : 0xd800 + random.int(0x800);
    text += String.fromCharCode(code);
  }
  return text;
}

function randomValue(random: Random, depth: number): unknown {
  const roll = random.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 3.5]);
    case 3:
    case 4:
    case 5:
      return randomString(random, 40);
    case 6:
      return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(6) }, () => [
          random.chance(0.3)
            ? random.pick(['type', 'text', 'from', 'id', '__proto__', 'value'])
            : randomString(random, 12),
          randomValue(random, depth + 1),
        ]),
      );
  }
}

/** A plausible body for the route, then broken in one of many ways. */
function bodyFor(random: Random, kind: Target['body']): { bytes: Buffer; type?: string; oversized: boolean } {
  const plausible = (): unknown => {
    switch (kind) {
      case 'activity':
        return {
          type: random.pick([
            'message',
            'typing',
            'event',
            'invoke',
            'conversationUpdate',
            'x'.repeat(100),
            42,
          ]),
          text: randomString(random, 300),
          from: random.chance(0.5)
            ? { id: randomString(random, 20), name: randomValue(random, 2) }
            : randomValue(random, 2),
          locale: randomValue(random, 3),
          value: randomValue(random, 1),
          attachments: random.chance(0.2) ? [randomValue(random, 2)] : undefined,
        };
      case 'bf':
        return {
          type: random.pick(['message', 'conversationUpdate', 'invoke', '']),
          channelId: random.pick(['msteams', 'slack', randomString(random, 70)]),
          // A local sink or nothing usable: the bot's replies must never leave the machine.
          serviceUrl: random.pick([
            SINK_URL.value,
            'javascript:alert(1)',
            'file:///etc/passwd',
            randomString(random, 30),
          ]),
          conversation: random.chance(0.8) ? { id: randomString(random, 30) } : randomValue(random, 2),
          from: { id: randomString(random, 20) },
          text: randomString(random, 200),
        };
      case 'login':
        return { username: randomValue(random, 3), password: randomValue(random, 3) };
      case 'start':
        return {
          user: { id: randomValue(random, 3), name: randomValue(random, 3) },
          locale: randomValue(random, 3),
        };
      case 'text':
        return { text: randomString(random, 500) };
      default:
        return randomValue(random, 0);
    }
  };
  const roll = random.int(14);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
  switch (roll) {
    case 0:
      return { bytes: Buffer.alloc(0), type: 'application/json', oversized: false };
    case 1: {
      const text = JSON.stringify(plausible()) ?? '{}';
      return {
        bytes: Buffer.from(text.slice(0, random.int(text.length))),
        type: 'application/json',
        oversized: false,
      };
    }
    case 2: {
      // Deep nesting: arrays or objects thousands of levels down, sometimes past the body limit.
      const depth = random.pick([100, 1000, 5000, 20000, 40000]);
      const open = random.chance(0.5) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const text = `{"type":"message","text":"hi","value":${open.repeat(depth)}1${close.repeat(depth)}}`;
      return { bytes: Buffer.from(text), type: 'application/json', oversized: text.length > MAX_BODY_BYTES };
    }
    case 3: {
      // Over the limit: the server must refuse without reading it all into memory.
      const size = random.pick([MAX_BODY_BYTES + 1, 200_000, 1_000_000]);
      return {
        bytes: Buffer.from(JSON.stringify({ type: 'message', text: 'x'.repeat(size) })),
        type: 'application/json',
        oversized: true,
      };
    }
    case 4: {
      // Invalid UTF-8 inside a JSON string.
      const prefix = Buffer.from('{"type":"message","text":"');
      const junk = Buffer.from(Array.from({ length: 1 + random.int(64) }, () => 0x80 + random.int(128)));
      return {
        bytes: Buffer.concat([prefix, junk, Buffer.from('"}')]),
        type: 'application/json',
        oversized: false,
      };
    }
    case 5:
      return {
        bytes: Buffer.from(randomString(random, 200)),
        type: random.pick(['application/json', 'text/plain']),
        oversized: false,
      };
    case 6:
      return {
        bytes: json(plausible()),
        type: random.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'image/png',
          ';;;',
          'application/json; charset=latin1',
        ]),
        oversized: false,
      };
    case 7:
      return {
        bytes: Buffer.from(
          `--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${randomString(random, 100)}\r\n--x--`,
        ),
        type: random.pick([
          'multipart/form-data; boundary=x',
          'multipart/form-data',
          'multipart/form-data; boundary=',
        ]),
        oversized: false,
      };
    case 8:
      return { bytes: json(plausible()), oversized: false };
    case 9:
      return {
        bytes: Buffer.from('\ufeff' + JSON.stringify(plausible())),
        type: 'application/json',
        oversized: false,
      };
    default:
      return { bytes: json(plausible()), type: 'application/json', oversized: false };
  }
}

/** Every byte percent-encoded: encodeURIComponent throws on the lone surrogates the generator makes. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Bigger than MAX_BODY_BYTES: the server may answer 413 and hang up before reading it all. */
  oversized: boolean;
}

interface Fixtures {
  conversations: { conversationId: string; token: string }[];
  agentToken: string;
}

function randomRequest(random: Random, fixtures: Fixtures): FuzzRequest {
  const own = random.pick(fixtures.conversations);
  const target = random.chance(0.05)
    ? { method: random.pick(METHODS), path: `/${randomString(random, 30)}` }
    : random.pick(TARGETS);
  const id = (): string =>
    random.chance(0.5)
      ? random.pick(fixtures.conversations).conversationId
      : percentEncode(randomString(random, random.chance(0.05) ? 3000 : 40)).slice(
          0,
          random.chance(0.1) ? 8000 : 300,
        );
  let path = target.path
    .replace(':conv', () => (random.chance(0.7) ? own.conversationId : id()))
    .replace(/:id/g, id);
  if (random.chance(0.1)) path += random.pick(['%ff%fe', '%', '/..', '//', '/%2e%2e/%2e%2e', '%00']);
  if (random.chance(0.3)) {
    const key = random.pick(['watermark', 't', 'token', 'userId', 'a']);
    path += `?${key}=${percentEncode(randomString(random, 20))}`;
  }
  const headers: Record<string, string> = {};
  const auth = random.int(9);
  if (auth === 1) headers.authorization = `Bearer ${own.token}`;
  if (auth === 2) headers.authorization = `Bearer ${random.pick(fixtures.conversations).token}`;
  if (auth === 3) headers.authorization = `Bearer ${fixtures.agentToken}`;
  if (auth === 4) headers.authorization = `Bearer ${SECRET}`;
  if (auth === 5)
    headers.authorization = `Bearer ${Buffer.from(randomString(random, 80)).toString('base64url')}`;
  if (auth === 6)
    headers.authorization = random.pick([
      'Bearer',
      'Basic YTpi',
      'Bearer a.b.c',
      `Bearer ${own.token}x`,
      'Bearer  ',
    ]);
  if (auth === 7) headers.authorization = `Bearer ${'a.'.repeat(random.pick([10, 3000]))}`;
  if (random.chance(0.1))
    headers.origin = random.pick(['https://evil.example.net', 'null', 'https://shop.example.com']);
  const method = random.chance(0.85) ? target.method : random.pick(METHODS);
  let body: ReturnType<typeof bodyFor> | undefined;
  if (method !== 'GET' && method !== 'HEAD' && (target.method === 'POST' || random.chance(0.3))) {
    body = bodyFor(random, 'body' in target ? target.body : undefined);
  }
  if (body?.type) headers['content-type'] = body.type;
  return { method, path, headers, body: body?.bytes, oversized: body?.oversized ?? false };
}

interface Outcome {
  status: number;
  code?: string;
  error?: string;
}

function send(port: number, agentPool: http.Agent, request: FuzzRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          ...(request.body ? { 'content-length': String(request.body.length) } : {}),
        },
        agent: agentPool,
      });
    } catch (error) {
      // Node's client refuses some paths and headers outright; those never reach the server.
      resolve({ status: -1, error: (error as Error).message });
      return;
    }
    outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('timeout')));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        let code: string | undefined;
        try {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } };
          code = parsed.error?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: response.statusCode ?? 0, code });
      });
      response.on('error', (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
    });
    outgoing.on('error', (error) => resolve({ status: 0, error: error.message }));
    outgoing.end(request.body);
  });
}

function isInvoke(request: FuzzRequest): boolean {
  return (
    request.path.startsWith('/api/messages') && /"type":"invoke"/.test(request.body?.toString('utf8') ?? '')
  );
}

function heapUsed(): number {
  // Exposed when jest runs under `node --expose-gc`; without it the number is noisier but still bounded.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

describe('hostile input', () => {
  let test: TestServer;
  let fixtures: Fixtures;
  const sink = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    SINK_URL.value = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
    test = await startTestServer({
      DIRECTLINE_SECRET: SECRET,
      KEFU_AGENTS: await agentsEnv([agent]),
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      // Every request comes from 127.0.0.1: the per-address limit would turn most of them into 429s.
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      LOG_LEVEL: 'silent',
    });
    const conversations = [];
    for (let i = 0; i < 20; i++) {
      const generated = await postJson(`${test.base}/v3/directline/tokens/generate`, undefined, SECRET);
      const { token, conversationId } = generated.body as { token: string; conversationId: string };
      await postJson(`${test.base}/v3/directline/conversations`, {}, token);
      conversations.push({ conversationId, token });
    }
    fixtures = { conversations, agentToken: await loginAgent(test.base, agent) };
  });
  afterAll(async () => {
    await test?.server.shutdown();
    sink.closeAllConnections();
    await new Promise((resolve) => sink.close(resolve));
  });

  it(`answers ${REQUESTS} malformed requests with 4xx only, keeps serving, and holds no memory for them`, async () => {
    const random = generator(SEED);
    const agentPool = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let hangUps = 0;
    const port = test.server.port;

    const run = async (count: number): Promise<void> => {
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next++;
          const request = randomRequest(random, fixtures);
          const outcome = await send(port, agentPool, request);
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          const described = `${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 200)} body=${request.body?.subarray(0, 120).toString('utf8') ?? ''}`;
          if (outcome.status === 0) {
            // Hanging up on a body over the limit is how a server protects itself; anywhere else it is a crash.
            if (request.oversized) hangUps++;
            else failures.push(`connection error ${outcome.error}: ${described}`);
          } else if (outcome.status === 501 && isInvoke(request)) {
            // Bot Framework's own answer to an invoke the bot does not implement (CloudAdapter); channels
            // expect exactly this, so it is deliberate too.
          } else if (outcome.status >= 500 && outcome.status !== 503) {
            failures.push(`${outcome.status} ${outcome.code ?? ''}: ${described}`);
          } else if (outcome.status === 503 && outcome.code === 'internal_error') {
            failures.push(`503 that is not deliberate: ${described}`);
          } else if (outcome.status >= 400 && request.method !== 'HEAD' && outcome.code === undefined) {
            failures.push(`${outcome.status} without {"error": {"code"}}: ${described}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };

    // A first round warms up lazily built things (routes' caches, the NLU's) so they are not taken for a leak.
    const warmUp = Math.min(1000, Math.floor(REQUESTS / 10));
    await run(warmUp);
    await test.server.channels.directLine.drain();
    const before = heapUsed();
    await run(REQUESTS - warmUp);
    await test.server.channels.directLine.drain();
    const after = heapUsed();
    agentPool.destroy();

    expect({ seed: SEED, failures: failures.slice(0, 20), count: failures.length }).toEqual({
      seed: SEED,
      failures: [],
      count: 0,
    });
    // The generator reached past the front door: many requests were authorised and parsed, not all refused
    // at the same place.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(REQUESTS / 50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(REQUESTS / 20);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(0);
    expect(hangUps).toBeLessThan(REQUESTS / 10);

    const health = await fetch(`${test.base}/healthz`);
    expect(health.status).toBe(200);
    // Generous: conversations accepted along the way are kept (up to the rate limit), refusals must not be.
    expect((after - before) / 1024 / 1024).toBeLessThan(120);
  }, 120_000);
});
