import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

interface ConnectorCall {
  method: string;
  url: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A stand-in for the Bot Connector service: records what the bot sends to serviceUrl and answers as the connector does. */
async function startConnector(): Promise<{ url: string; calls: ConnectorCall[]; close(): Promise<void> }> {
  const calls: ConnectorCall[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      calls.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function incoming(serviceUrl: string, text: string, id = 'activity-1') {
  return {
    type: 'message',
    id,
    channelId: 'emulator',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: 'user-1', name: 'Shopper', role: 'user' },
    recipient: { id: 'kefu-bot', name: 'kefu' },
    conversation: { id: 'conv-bf-1' },
    text,
    locale: 'zh-CN',
  };
}

describe('POST /api/messages through CloudAdapter', () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let test: TestServer;
  beforeAll(async () => {
    connector = await startConnector();
    test = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await test.server.shutdown();
    await connector.close();
  });

  it('answers at serviceUrl as the Bot Connector protocol says (replyToActivity)', async () => {
    const response = await postJson(`${test.base}/api/messages`, incoming(connector.url, '你们发什么快递？'));
    expect(response.status).toBe(200);
    const reply = await waitFor('the reply at the connector', () =>
      connector.calls.find((call) => call.body.type === 'message'),
    );
    expect(reply.method).toBe('POST');
    expect(reply.url).toBe('/v3/conversations/conv-bf-1/activities/activity-1');
    expect(reply.body).toMatchObject({
      type: 'message',
      replyToId: 'activity-1',
      conversation: { id: 'conv-bf-1' },
      from: { id: 'kefu-bot' },
      recipient: { id: 'user-1' },
      channelId: 'emulator',
    });
    expect(reply.body.text).toMatch(/顺丰|快递/);
    // No MICROSOFT_APP_ID: the bot does not send a token to the connector either.
    expect(reply.authorization).toBeUndefined();
  });

  it('refuses a malformed activity with a JSON 400', async () => {
    const response = await postJson(`${test.base}/api/messages`, { type: 'message', text: 'hi' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'invalid_activity', message: expect.stringContaining('serviceUrl') },
    });
  });

  it('limits activities per conversation per minute', async () => {
    const activity = { ...incoming(connector.url, 'hello'), conversation: { id: 'conv-bf-busy' } };
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await postJson(`${test.base}/api/messages`, { ...activity, id: `busy-${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /api/messages with MICROSOFT_APP_ID set', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-used-here',
    });
  });
  afterAll(() => test.server.shutdown());

  it('refuses an activity without a channel JWT, as JSON', async () => {
    const response = await postJson(`${test.base}/api/messages`, incoming('http://127.0.0.1:9/', 'hi'));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});
