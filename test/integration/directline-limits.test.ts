import { WebSocket } from 'ws';
import { MAX_STREAMS_PER_CONVERSATION } from '../../src/channels/directline/stream-counter';
import { openWithSecret, upgradeStatus } from '../helpers/directline';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

const SECRET = 'limits-test-direct-line-secret';

describe('Direct Line endpoint: tokens, limits and refusals', () => {
  let test: TestServer;
  let directLine: string;
  beforeAll(async () => {
    test = await startTestServer({
      DIRECTLINE_SECRET: SECRET,
      MAX_MESSAGE_LENGTH: '20',
      MAX_BODY_BYTES: '4096',
      MAX_ATTACHMENT_BYTES: '2048',
      RATE_LIMIT_PER_MINUTE: '4',
    });
    directLine = `${test.base}/v3/directline`;
  });
  afterAll(() => test.server.shutdown());

  const conversation = (user?: string) => openWithSecret(directLine, SECRET, user);

  const say = (conversationId: string, token: string, body: unknown) =>
    postJson(`${directLine}/conversations/${conversationId}/activities`, body, token);

  it('needs the secret to generate a token when DIRECTLINE_SECRET is set', async () => {
    const anonymous = await postJson(`${directLine}/tokens/generate`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await postJson(`${directLine}/tokens/generate`, undefined, 'not-the-secret-at-all');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'secret_required' } });
  });

  it('binds the user the shop backend names into the token, and ignores the id a client claims', async () => {
    const { token, conversationId } = await conversation('demo-alice');
    const posted = await say(conversationId, token, {
      type: 'message',
      text: 'hi',
      from: { id: 'demo-bob' },
    });
    expect(posted.status).toBe(200);
    const { body } = await getJson(`${directLine}/conversations/${conversationId}/activities`, token);
    const echo = (body.activities as { id: string; from: { id: string } }[]).find(
      (activity) => activity.id === posted.body.id,
    );
    expect(echo?.from.id).toBe('demo-alice');
  });

  it('refuses a message longer than MAX_MESSAGE_LENGTH with 413 message_too_long', async () => {
    const { token, conversationId } = await conversation();
    const response = await say(conversationId, token, { type: 'message', text: '太'.repeat(21) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      error: { code: 'message_too_long', message: expect.stringContaining('20') },
    });
    expect((await say(conversationId, token, { type: 'message', text: '好'.repeat(20) })).status).toBe(200);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413 body_too_large', async () => {
    const { token, conversationId } = await conversation();
    const response = await say(conversationId, token, {
      type: 'message',
      text: 'hi',
      value: 'x'.repeat(5000),
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('refuses malformed activities with 400 naming the problem', async () => {
    const { token, conversationId } = await conversation();
    const wrongType = await say(conversationId, token, { type: 'explode', text: 'hi' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual({
      error: { code: 'invalid_activity', message: expect.stringContaining('type') },
    });
    const empty = await say(conversationId, token, { type: 'message', text: '   ' });
    expect(empty.status).toBe(400);
    const notJson = await say(conversationId, token, '{"type": "message", ');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('allows RATE_LIMIT_PER_MINUTE activities a minute per conversation, then 429 with Retry-After', async () => {
    const { token, conversationId } = await conversation();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof say>> | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await say(conversationId, token, { type: 'message', text: `hello ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last?.body).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another conversation is not held back by this one.
    const other = await conversation();
    expect((await say(other.conversationId, other.token, { type: 'message', text: 'hi' })).status).toBe(200);
  });

  it('does not refuse a retry of a message it accepted once the limit is reached, but refuses a new one', async () => {
    const { token, conversationId } = await conversation();
    const message = (text: string, clientActivityID: string) => ({
      type: 'message',
      text,
      channelData: { clientActivityID },
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const accepted = await say(conversationId, token, message(`hello ${i}`, `retry-${i}`));
      expect(accepted.status).toBe(200);
      ids.push((accepted.body as { id: string }).id);
    }
    // The client never got the answer to its last message and sends it again, now over the limit.
    const retried = await say(conversationId, token, message('hello 3', 'retry-3'));
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ id: ids[3] });
    const fresh = await say(conversationId, token, message('something new', 'retry-4'));
    expect(fresh.status).toBe(429);
    // Said once, answered once.
    const read = await getJson(`${directLine}/conversations/${conversationId}/activities`, token);
    const activities = (read.body as { activities: Array<{ id: string; text?: string; replyToId?: string }> })
      .activities;
    expect(activities.filter((activity) => activity.text === 'hello 3')).toHaveLength(1);
    expect(activities.filter((activity) => activity.replyToId === ids[3]).length).toBeGreaterThan(0);
    const replies = activities.filter((activity) => activity.replyToId === ids[3]);
    expect(new Set(replies.map((activity) => activity.id)).size).toBe(replies.length);
    expect(activities.some((activity) => activity.text === 'something new')).toBe(false);
  });

  it('answers 401 without a token, 403 for a bad one, and never a stack trace', async () => {
    const { conversationId } = await conversation();
    const none = await getJson(`${directLine}/conversations/${conversationId}/activities`);
    expect(none.status).toBe(401);
    const bad = await getJson(
      `${directLine}/conversations/${conversationId}/activities`,
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.abc',
    );
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ error: { code: 'token_invalid', message: expect.any(String) } });
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a bad watermark with 400', async () => {
    const { token, conversationId } = await conversation();
    const response = await getJson(
      `${directLine}/conversations/${conversationId}/activities?watermark=abc`,
      token,
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_watermark' } });
  });

  it('opens the stream only with a stream token of the same conversation', async () => {
    const a = await conversation();
    const b = await conversation();
    const info = await getJson(`${directLine}/conversations/${a.conversationId}`, a.token);
    const streamUrl = new URL(info.body.streamUrl as string);
    const otherConversation = new URL(streamUrl);
    otherConversation.pathname = otherConversation.pathname.replace(a.conversationId, b.conversationId);
    expect(await upgradeStatus(otherConversation.toString())).toBe(403);
    const withConversationToken = new URL(streamUrl);
    withConversationToken.searchParams.set('t', a.token);
    expect(await upgradeStatus(withConversationToken.toString())).toBe(403);
  });

  it('opens at most MAX_STREAMS_PER_CONVERSATION streams of one conversation at a time, and another once one closes', async () => {
    const { token, conversationId } = await conversation();
    const info = await getJson(`${directLine}/conversations/${conversationId}`, token);
    const streamUrl = info.body.streamUrl as string;
    const open = (url: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
    const sockets = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_CONVERSATION }, () => open(streamUrl)),
    );
    const refusal = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = new WebSocket(streamUrl);
      socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      socket.on('open', () => reject(new Error('the socket opened')));
      socket.on('error', () => undefined);
    });
    expect(refusal.status).toBe(429);
    expect(JSON.parse(refusal.body)).toMatchObject({ error: { code: 'too_many_streams' } });
    // Another conversation is not affected.
    const other = await conversation();
    const otherInfo = await getJson(`${directLine}/conversations/${other.conversationId}`, other.token);
    const otherSocket = await open(otherInfo.body.streamUrl as string);
    otherSocket.close();

    const closing = sockets.pop()!;
    await new Promise((resolve) => {
      closing.once('close', resolve);
      closing.close();
    });
    const again = await waitFor('a stream to open again once one closed', () =>
      open(streamUrl).catch(() => undefined),
    );
    for (const socket of [...sockets, again]) socket.close();
  });

  describe('attachments', () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );

    function upload(conversationId: string, token: string, file: Blob, name: string) {
      const form = new FormData();
      form.append(
        'activity',
        new Blob([JSON.stringify({ type: 'message', text: '东西坏了', from: { id: 'x' } })], {
          type: 'application/vnd.microsoft.activity',
        }),
      );
      form.append('file', file, name);
      return fetch(`${directLine}/conversations/${conversationId}/upload?userId=x`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    }

    it('keeps an uploaded photo with the conversation and serves it back', async () => {
      const { token, conversationId } = await conversation();
      const response = await upload(
        conversationId,
        token,
        new Blob([png], { type: 'image/png' }),
        'broken.png',
      );
      expect(response.status).toBe(200);
      const { id } = (await response.json()) as { id: string };
      const { body } = await getJson(`${directLine}/conversations/${conversationId}/activities`, token);
      const message = (
        body.activities as {
          id: string;
          text: string;
          attachments: { contentUrl: string; contentType: string; name: string }[];
        }[]
      ).find((activity) => activity.id === id);
      expect(message?.text).toBe('东西坏了');
      expect(message?.attachments).toEqual([
        {
          contentType: 'image/png',
          name: 'broken.png',
          contentUrl: expect.stringContaining(`/conversations/${conversationId}/attachments/`),
        },
      ]);
      const served = await fetch(message!.attachments[0].contentUrl);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    });

    it('refuses a file over MAX_ATTACHMENT_BYTES with 413 and a type it does not take with 415', async () => {
      const { token, conversationId } = await conversation();
      const big = await upload(
        conversationId,
        token,
        new Blob([Buffer.alloc(3000, 1)], { type: 'image/jpeg' }),
        'big.jpg',
      );
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: { code: 'attachment_too_large' } });
      const script = await upload(
        conversationId,
        token,
        new Blob(['<svg onload="alert(1)"/>'], { type: 'image/svg+xml' }),
        'x.svg',
      );
      expect(script.status).toBe(415);
      expect(await script.json()).toMatchObject({ error: { code: 'attachment_type_refused' } });
    });
  });
});
