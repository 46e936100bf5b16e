import { WebSocket } from 'ws';
import { MAX_WEBSOCKET_MESSAGE_BYTES } from '../../src/server/app';
import { agentsEnv, loginAgent, type TestAgent } from '../helpers/handoff';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

const SECRET = 'websocket-limit-test-secret';
const ann: TestAgent = { username: 'ann', displayName: 'Ann', password: 'ann-password-1' };

interface OpenSocket {
  socket: WebSocket;
  /** The close code, once closed. */
  closed: () => number | undefined;
}

async function open(url: string): Promise<OpenSocket> {
  const socket = new WebSocket(url);
  let code: number | undefined;
  socket.on('close', (closeCode) => (code = closeCode));
  socket.on('error', () => undefined); // the close code says what happened
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, closed: () => code };
}

describe('messages clients send on a WebSocket', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ DIRECTLINE_SECRET: SECRET, KEFU_AGENTS: await agentsEnv([ann]) });
  });
  afterAll(() => test.server.shutdown());

  async function shopperStream(): Promise<{ url: string; conversationId: string; token: string }> {
    const generated = await postJson(`${test.base}/v3/directline/tokens/generate`, undefined, SECRET);
    const token = generated.body.token as string;
    const started = await postJson(`${test.base}/v3/directline/conversations`, {}, token);
    return {
      url: started.body.streamUrl as string,
      conversationId: started.body.conversationId as string,
      token,
    };
  }

  /** Keep-alives pass; one message over the limit closes that socket with 1009 and nothing else. */
  async function expectLimited(url: string): Promise<void> {
    const client = await open(url);
    client.socket.send('');
    client.socket.send('x'.repeat(MAX_WEBSOCKET_MESSAGE_BYTES));
    const bystander = await open(url);
    client.socket.send('x'.repeat(MAX_WEBSOCKET_MESSAGE_BYTES + 1));
    expect(await waitFor('the oversized message to close the socket', client.closed, 5_000)).toBe(1009);
    // The other socket of the same stream is untouched, and the server serves on.
    expect(bystander.closed()).toBeUndefined();
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
    bystander.socket.close();
    expect((await getJson(`${test.base}/healthz`)).status).toBe(200);
  }

  it('closes a Direct Line stream with 1009 on a message over MAX_WEBSOCKET_MESSAGE_BYTES; the conversation goes on', async () => {
    const shopper = await shopperStream();
    await expectLimited(shopper.url);
    const posted = await postJson(
      `${test.base}/v3/directline/conversations/${shopper.conversationId}/activities`,
      { type: 'message', from: { id: 'me' }, text: '包邮吗' },
      shopper.token,
    );
    expect(posted.status).toBe(200);
  });

  it('closes an agent console stream with 1009 on a message over the limit', async () => {
    const token = await loginAgent(test.base, ann);
    await expectLimited(
      `${test.base.replace(/^http/, 'ws')}/api/agent/stream?token=${encodeURIComponent(token)}`,
    );
  });

  it('closes the socket the same way on a 10 MB message', async () => {
    const shopper = await shopperStream();
    const client = await open(shopper.url);
    client.socket.send(Buffer.alloc(10 * 1024 * 1024, 0x61));
    expect(await waitFor('the socket to close', client.closed, 5_000)).toBe(1009);
  });
});
