import {
  ConnectionStatus,
  DirectLine,
  type Activity as ClientActivity,
  type DirectLine as DirectLineClient,
} from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';
import XMLHttpRequestPolyfill from 'xhr2';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

// The official client is written for browsers: give it the browser's XMLHttpRequest and WebSocket (it looks
// for both when it is constructed and when it sends), then use it unmodified, as Web Chat does.
globalThis.XMLHttpRequest = XMLHttpRequestPolyfill;
globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket;

/** The client's union type, read as the plain JSON it is. */
type DirectLineActivity = ClientActivity & { text?: string; replyToId?: string };

interface Session {
  client: DirectLineClient;
  received: DirectLineActivity[];
  /** What the client's activity stream failed with, if it did (a refused connection ends it). */
  errors: unknown[];
  stop(): void;
}

function connect(options: ConstructorParameters<typeof DirectLine>[0]): Session {
  // random: 0 picks the shortest reconnect delay the client knows (3 s) instead of up to 15 s.
  const client = new DirectLine({ random: () => 0, ...options });
  const received: DirectLineActivity[] = [];
  const errors: unknown[] = [];
  const subscription = client.activity$.subscribe(
    (activity) => received.push(activity as DirectLineActivity),
    (error: unknown) => errors.push(error),
  );
  return {
    client,
    received,
    errors,
    stop() {
      subscription.unsubscribe();
      client.end();
    },
  };
}

function post(client: DirectLineClient, text: string): Promise<string> {
  return client.postActivity({ type: 'message', from: { id: 'shopper', name: '顾客' }, text }).toPromise();
}

const messages = (activities: DirectLineActivity[]) =>
  activities.filter((activity) => activity.type === 'message');

async function replyTo(session: Session, id: string): Promise<DirectLineActivity> {
  return waitFor(`the bot's reply to ${id}`, () =>
    session.received.find((activity) => activity.type === 'message' && activity.replyToId === id),
  );
}

describe('Direct Line with the official botframework-directlinejs client', () => {
  let test: TestServer;
  let directLine: string;
  beforeAll(async () => {
    test = await startTestServer();
    directLine = `${test.base}/v3/directline`;
  });
  afterAll(() => test.server.shutdown());

  async function generateToken(): Promise<{ token: string; conversationId: string }> {
    const { status, body } = await postJson(`${directLine}/tokens/generate`);
    expect(status).toBe(200);
    return body as { token: string; conversationId: string };
  }

  it('chats in Chinese and English, survives a dropped WebSocket without missing or repeating anything, and refreshes its token', async () => {
    const { token, conversationId } = await generateToken();
    const session = connect({ token, domain: directLine, webSocket: true });
    try {
      await waitFor('online', () =>
        session.client.connectionStatus$.getValue() === ConnectionStatus.Online ? true : undefined,
      );

      const zhId = await post(session.client, '你们发什么快递？');
      const zhReply = await replyTo(session, zhId);
      expect(zhReply.from.id).toBe('kefu');
      expect(zhReply.text).toMatch(/[\u4e00-\u9fff]/);
      expect(zhReply.text).toMatch(/顺丰|快递|物流|配送/);

      const enId = await post(session.client, 'How long does delivery take?');
      const enReply = await replyTo(session, enId);
      expect(enReply.text).toMatch(/[A-Za-z]{3,}/);
      expect(enReply.text).not.toMatch(/[\u4e00-\u9fff]{3,}/);

      // The shopper's own messages come back with the ids the posts returned, as Direct Line echoes them.
      expect(session.received.find((activity) => activity.id === zhId)?.text).toBe('你们发什么快递？');

      // The network drops: the server's end of the socket dies. While the client is away, the shopper
      // keeps writing (posts go over HTTP) and the bot keeps answering.
      const sockets = test.server.app.websocketServer.clients;
      expect(sockets.size).toBe(1);
      for (const socket of sockets) socket.terminate();
      const whileAwayId = await post(session.client, '我想开发票');
      // The reconnected stream resumes from the client's watermark.
      await replyTo(session, whileAwayId);
      await waitFor('a new socket', () => (sockets.size === 1 ? true : undefined));

      const afterId = await post(session.client, 'thanks, bye');
      await replyTo(session, afterId);

      const { body: log } = await getJson(`${directLine}/conversations/${conversationId}/activities`, token);
      const loggedIds = (log.activities as DirectLineActivity[]).map((activity) => activity.id);
      const receivedIds = session.received.map((activity) => activity.id);
      expect(new Set(receivedIds).size).toBe(receivedIds.length); // nothing twice
      expect(receivedIds).toEqual(loggedIds); // nothing missing, in order
      expect(messages(session.received).map((activity) => activity.text)).toEqual(
        expect.arrayContaining([
          '你们发什么快递？',
          'How long does delivery take?',
          '我想开发票',
          'thanks, bye',
        ]),
      );

      // Refresh: the new token works for the same conversation; the client takes it via reconnect().
      const refreshed = await postJson(`${directLine}/tokens/refresh`, undefined, token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ conversationId, expires_in: 3600 });
      const newToken = refreshed.body.token as string;
      expect(newToken).not.toBe(token);
      const info = await getJson(
        `${directLine}/conversations/${conversationId}?watermark=${log.watermark as string}`,
        newToken,
      );
      expect(info.status).toBe(200);
      session.client.reconnect({
        conversationId,
        token: newToken,
        streamUrl: info.body.streamUrl as string,
      });
      const lastId = await post(session.client, '还有别的问题');
      await replyTo(session, lastId);
    } finally {
      session.stop();
    }
  });

  it('resumes a conversation by polling from its watermark with a refreshed token', async () => {
    const { token, conversationId } = await generateToken();
    const first = connect({ token, domain: directLine, webSocket: false, pollingInterval: 200 });
    let watermark: string;
    try {
      const id = await post(first.client, 'hello');
      await replyTo(first, id);
      watermark = String(first.received.length);
    } finally {
      first.stop();
    }
    // Something happens while nobody is connected.
    const missed = await postJson(
      `${directLine}/conversations/${conversationId}/activities`,
      { type: 'message', text: '订单什么时候发货？', from: { id: 'shopper' } },
      token,
    );
    expect(missed.status).toBe(200);

    const refreshed = await postJson(`${directLine}/tokens/refresh`, undefined, token);
    const again = connect({
      token: refreshed.body.token as string,
      conversationId,
      watermark,
      domain: directLine,
      webSocket: false,
      pollingInterval: 200,
    });
    try {
      const reply = await replyTo(again, missed.body.id as string);
      expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
      // Only what came after the watermark: the earlier "hello" is not delivered again.
      expect(again.received.map((activity) => activity.text)).not.toContain('hello');
      expect(again.received[0].id).toBe(missed.body.id);
    } finally {
      again.stop();
    }
  });

  it("refuses one conversation's token on another conversation", async () => {
    const a = await generateToken();
    const b = await generateToken();
    const refused = await postJson(
      `${directLine}/conversations/${b.conversationId}/activities`,
      { type: 'message', text: 'hi', from: { id: 'x' } },
      a.token,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: 'wrong_conversation', message: expect.any(String) } });

    // The official client, pointed at conversation B with A's token, cannot get in.
    const intruder = connect({
      token: a.token,
      conversationId: b.conversationId,
      domain: directLine,
      webSocket: false,
    });
    try {
      await waitFor('refusal', () =>
        intruder.client.connectionStatus$.getValue() === ConnectionStatus.FailedToConnect ? true : undefined,
      );
      expect(intruder.received).toEqual([]);
      expect(intruder.errors).not.toEqual([]);
    } finally {
      intruder.stop();
    }
  });
});
