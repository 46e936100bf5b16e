import net from 'node:net';
import { openActivityStream } from '../helpers/directline';
import { postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

const SECRET = 'slow-clients-test-direct-line-secret';
const REQUEST_TIMEOUT_MS = 1500;

/** What a raw connection heard, and how long after it was opened the server closed it (undefined: still open). */
function rawConnection(
  port: number,
  send: string,
): Promise<{ heard: () => string; closedAfterMs: () => number | undefined }> {
  return new Promise((resolve, reject) => {
    let heard = '';
    let closedAfterMs: number | undefined;
    const openedAt = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(send);
      resolve({ heard: () => heard, closedAfterMs: () => closedAfterMs });
    });
    socket.on('data', (chunk: Buffer) => (heard += chunk.toString('utf8')));
    socket.on('close', () => (closedAfterMs = Date.now() - openedAt));
    socket.on('error', reject);
  });
}

describe('clients that send slowly (REQUEST_TIMEOUT_MS)', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({
      DIRECTLINE_SECRET: SECRET,
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
  });
  afterAll(() => test.server.shutdown());

  it('cuts off a request whose body never finishes arriving with 408, instead of holding the connection for ever', async () => {
    const connection = await rawConnection(
      test.server.port,
      'POST /v3/directline/tokens/generate HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${SECRET}\r\nContent-Length: 100\r\n\r\n{`,
    );
    const closedAfter = await waitFor('the server to close the connection', connection.closedAfterMs, 10_000);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(connection.heard()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const connection = await rawConnection(
      test.server.port,
      'GET /healthz HTTP/1.1\r\nHost: shop\r\nX-Slow: 1',
    );
    const closedAfter = await waitFor('the server to close the connection', connection.closedAfterMs, 10_000);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(connection.heard()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('leaves an open WebSocket stream alone long past the timeout, and it still hears the bot', async () => {
    const generated = await postJson(`${test.base}/v3/directline/tokens/generate`, undefined, SECRET);
    const { token, conversationId } = generated.body as { token: string; conversationId: string };
    const started = await postJson(`${test.base}/v3/directline/conversations`, {}, token);
    expect(started.status).toBe(201);
    const { socket: stream, activities } = await openActivityStream<{
      type: string;
      text?: string;
      from: { role?: string };
    }>(started.body.streamUrl as string);
    const heard = () =>
      activities
        .filter((activity) => activity.type === 'message' && activity.from.role !== 'user')
        .map((activity) => activity.text ?? '');
    let closed = false;
    stream.on('close', () => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS * 2 + 1000));
    expect(closed).toBe(false);
    const before = heard().length;
    const posted = await postJson(
      `${test.base}/v3/directline/conversations/${conversationId}/activities`,
      { type: 'message', text: 'how do I get an invoice', from: { id: 'me' } },
      token,
    );
    expect(posted.status).toBe(200);
    await waitFor('the answer on the stream', () => (heard().length > before ? true : undefined), 5_000);
    expect(heard().slice(before).join('\n')).toMatch(/invoice/i);
    stream.close();
  }, 20_000);

  it('still serves ordinary requests on a kept-alive connection', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${test.base}/healthz`);
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS / 2));
    }
  });
});
