import { DirectLineTokens } from '../../src/channels/directline/tokens';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log/logger';
import { startServer, type RunningServer } from '../../src/server/start';
import { sharedNlu } from '../helpers/bot';
import { openWithSecret, upgradeStatus, type SecretConversation } from '../helpers/directline';
import { agentsEnv, loginAgent, shopperActivities, type TestAgent } from '../helpers/handoff';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

/*
 * Guarantees that cut across the endpoints. Already covered elsewhere and not repeated here: one
 * conversation's token refused on another for posting (directline-client), agent endpoints refusing shopper
 * and forged tokens, expired agent tokens and login limits (agent-api), the masking itself (unit/logger).
 */

const SECRET = 'security-test-direct-line-secret';
const SHOP_ORIGIN = 'https://shop.example.com';
const agent: TestAgent = { username: 'ann', displayName: 'Ann', password: 'ann-secret-password-9' };

type Conversation = SecretConversation;

const openConversation = (directLine: string, user?: string) => openWithSecret(directLine, SECRET, user);

async function say(directLine: string, conversation: Conversation, text: string): Promise<number> {
  const response = await postJson(
    `${directLine}/conversations/${conversation.conversationId}/activities`,
    { type: 'message', text, from: { id: 'ignored' } },
    conversation.token,
  );
  return response.status;
}

describe('Direct Line tokens open their own conversation only, and only while valid', () => {
  let test: TestServer;
  let directLine: string;
  beforeAll(async () => {
    test = await startTestServer({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_TOKEN_TTL_SECONDS: '60' });
    directLine = `${test.base}/v3/directline`;
  });
  afterAll(() => test.server.shutdown());

  it('cannot read, inspect, refresh into or stream another conversation, and never sees its text', async () => {
    const alice = await openConversation(directLine);
    const mallory = await openConversation(directLine);
    expect(await say(directLine, alice, 'my private question about order 202311150001')).toBe(200);

    for (const path of ['', '/activities', '/activities?watermark=0']) {
      const response = await getJson(
        `${directLine}/conversations/${alice.conversationId}${path}`,
        mallory.token,
      );
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: 'wrong_conversation' } });
      expect(JSON.stringify(response.body)).not.toContain('private question');
    }
    // Her stream URL's token, pointed at Alice's conversation.
    const malloryStream = new URL(mallory.streamUrl);
    malloryStream.pathname = malloryStream.pathname.replace(mallory.conversationId, alice.conversationId);
    expect(await upgradeStatus(malloryStream.toString())).toBe(403);
    // Refresh keeps the token's own conversation whatever the caller names.
    const refreshed = await postJson(
      `${directLine}/tokens/refresh`,
      { conversationId: alice.conversationId },
      mallory.token,
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(mallory.conversationId);
    // A conversation token is not a stream token and the other way round.
    const streamToken = new URL(alice.streamUrl).searchParams.get('t') ?? '';
    expect(
      (await getJson(`${directLine}/conversations/${alice.conversationId}/activities`, streamToken)).status,
    ).toBe(403);
    // Control: Alice herself reads her conversation.
    expect(
      (await getJson(`${directLine}/conversations/${alice.conversationId}/activities`, alice.token)).status,
    ).toBe(200);
  });

  it('refuses an expired token everywhere, with the real secret and the right conversation', async () => {
    const live = await openConversation(directLine);
    // Minted with the server's own secret two minutes ago, so only its age is wrong.
    const twoMinutesAgo = () => Math.floor(Date.now() / 1000) - 120;
    const old = new DirectLineTokens({ secret: SECRET, ttlSeconds: 60, now: twoMinutesAgo });
    const expired = old.issue(live.conversationId, 'dl_someone').token;
    const expiredStream = old.issue(live.conversationId, 'dl_someone', 'stream').token;
    const conversation = `${directLine}/conversations/${live.conversationId}`;

    const attempts = [
      await getJson(conversation, expired),
      await getJson(`${conversation}/activities`, expired),
      await postJson(`${conversation}/activities`, { type: 'message', text: 'hi' }, expired),
      await postJson(`${directLine}/tokens/refresh`, undefined, expired),
      await postJson(`${directLine}/conversations`, {}, expired),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.body).toMatchObject({ error: { code: 'token_expired' } });
    }
    const stream = new URL(live.streamUrl);
    stream.searchParams.set('t', expiredStream);
    expect(await upgradeStatus(stream.toString())).toBe(403);
    // Control: the same conversation with a fresh token works, so the refusals above were about age.
    expect((await getJson(`${conversation}/activities`, live.token)).status).toBe(200);
    expect(await upgradeStatus(live.streamUrl)).toBe(101);
  });
});

describe('order details reach the owner only', () => {
  let test: TestServer;
  let directLine: string;
  beforeAll(async () => {
    test = await startTestServer({ DIRECTLINE_SECRET: SECRET });
    directLine = `${test.base}/v3/directline`;
  });
  afterAll(() => test.server.shutdown());

  const TRACKING = 'SF1234567890123';

  async function everythingSeen(conversation: Conversation): Promise<string> {
    const activities = await shopperActivities(test.base, conversation.conversationId, conversation.token);
    return JSON.stringify(activities);
  }

  async function ask(conversation: Conversation, text: string): Promise<void> {
    const before = (await shopperActivities(test.base, conversation.conversationId, conversation.token))
      .length;
    expect(await say(directLine, conversation, text)).toBe(200);
    // The turn has ended once the bot said something after our message.
    await waitFor('the bot to answer', async () => {
      const activities = await shopperActivities(test.base, conversation.conversationId, conversation.token);
      return activities.slice(before + 1).some((activity) => activity.type === 'message') ? true : undefined;
    });
  }

  it('never shows an anonymous shopper the tracking number, with wrong digits or a claimed identity', async () => {
    const stranger = await openConversation(directLine);
    await ask(stranger, 'where is my order 20231102558736');
    for (const digits of ['0000', '1234', '9999']) await ask(stranger, digits);
    await ask(stranger, 'where is my order 20231102558736');
    expect(await everythingSeen(stranger)).not.toContain(TRACKING);

    // Claiming to be the owner in the activity changes nothing: the token names the user.
    const impostor = await openConversation(directLine);
    const claimed = await postJson(
      `${directLine}/conversations/${impostor.conversationId}/activities`,
      { type: 'message', text: '我的快递到哪了', from: { id: 'demo-alice' } },
      impostor.token,
    );
    expect(claimed.status).toBe(200);
    await ask(impostor, '订单20231102558736到哪了');
    expect(await everythingSeen(impostor)).not.toContain(TRACKING);
  });

  it('shows it to a shopper who proves ownership (so the test above can fail)', async () => {
    const owner = await openConversation(directLine);
    await ask(owner, 'where is my order 20231102558736');
    await ask(owner, '5678');
    expect(await everythingSeen(owner)).toContain(TRACKING);
  });
});

describe('the log never holds secrets or personal data', () => {
  const LLM_KEY = 'sk-security-test-llm-key-0123456789';
  const PHONE = '13812345678';
  const EMAIL = 'amy.secret@shop.cn';
  let running: RunningServer;
  let base: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DIRECTLINE_SECRET: SECRET,
      KEFU_AGENTS: await agentsEnv([agent]),
      LLM_API_KEY: LLM_KEY,
      LOG_LEVEL: 'trace',
    });
    // Everything the server writes, at the most talkative level, goes here.
    const logger = createLogger({
      level: 'trace',
      pretty: false,
      destination: { write: (line) => lines.push(line) },
    });
    running = await startServer(config, logger, undefined, { nlu: sharedNlu() });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(() => running.shutdown());

  it('keeps DIRECTLINE_SECRET, agent passwords, LLM_API_KEY, phones and e-mails out of every line', async () => {
    const directLine = `${base}/v3/directline`;
    const shopper = await openConversation(directLine);
    for (const text of [
      `my phone is ${PHONE} and my email is ${EMAIL}`,
      `我的手机号${PHONE}，订单20231102558736到哪了`,
      '5678',
      `please contact ${EMAIL} or call +86 ${PHONE}`,
      '我要找人工',
    ]) {
      expect(await say(directLine, shopper, text)).toBe(200);
    }
    // Refusals log too: a wrong secret, a wrong password, a password in a malformed body.
    await postJson(`${directLine}/tokens/generate`, undefined, `${SECRET}-wrong`);
    await postJson(`${base}/api/agent/login`, { username: agent.username, password: `${agent.password}x` });
    await postJson(`${base}/api/agent/login`, { username: 42, password: agent.password });
    // A path carrying them is written to the request log line, so they do reach the logger.
    await getJson(`${directLine}/conversations/${PHONE}/by/${encodeURIComponent(EMAIL)}`, shopper.token);
    const token = await loginAgent(base, agent);
    await getJson(`${base}/api/agent/queue`, token);
    await waitFor('the turns to be logged', () => (lines.length > 20 ? true : undefined));
    await running.channels.directLine.drain();

    const output = lines.join('');
    // The capture works: the conversation was logged at all.
    expect(output).toContain(shopper.conversationId);
    for (const secret of [SECRET, agent.password, LLM_KEY, PHONE, EMAIL, encodeURIComponent(EMAIL), token]) {
      expect(output).not.toContain(secret);
    }
    // ...and they were there to leak, masked.
    expect(output).toMatch(/\*{4,}5678/);
    expect(output).toContain('a***@shop.cn');
  });
});

describe('security headers and CORS', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({
      DIRECTLINE_SECRET: SECRET,
      CORS_ORIGINS: `${SHOP_ORIGIN}, https://m.shop.example.com`,
    });
  });
  afterAll(() => test.server.shutdown());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${test.base}${path}`, { headers });

  it('sends nosniff, a referrer policy, a CSP and a framing rule on pages, APIs and errors', async () => {
    const conversation = await openConversation(`${test.base}/v3/directline`);
    const responses = {
      demo: await get('/'),
      console: await get('/agent'),
      directLine: await get(`/v3/directline/conversations/${conversation.conversationId}/activities`, {
        authorization: `Bearer ${conversation.token}`,
      }),
      refusedDirectLine: await get('/v3/directline/conversations/x/activities'),
      agentApi: await get('/api/agent/queue'),
      health: await get('/healthz'),
      notFound: await get('/no/such/page'),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect([name, response.headers.get('x-content-type-options')]).toEqual([name, 'nosniff']);
      expect([name, response.headers.get('referrer-policy')]).toEqual([name, 'no-referrer']);
      expect([name, response.headers.get('content-security-policy')]).toEqual([name, expect.any(String)]);
      // Plain HTTP here: HSTS would lock browsers out of a site without TLS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    // Nothing but the demo page may be framed, and that only by the shop's own sites.
    for (const name of [
      'console',
      'directLine',
      'refusedDirectLine',
      'agentApi',
      'health',
      'notFound',
    ] as const) {
      expect([name, responses[name].headers.get('x-frame-options')]).toEqual([name, 'DENY']);
      expect(responses[name].headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const demoPolicy = responses.demo.headers.get('content-security-policy') ?? '';
    expect(demoPolicy).toContain(`frame-ancestors 'self' ${SHOP_ORIGIN} https://m.shop.example.com`);
    expect(demoPolicy).toContain("script-src 'self'");
    expect(demoPolicy).not.toMatch(/script-src[^;]*unsafe/);
    expect(responses.console.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lets an allowed origin call Direct Line, preflight included, and no other', async () => {
    const preflight = await fetch(`${test.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: SHOP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const generated = await fetch(`${test.base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${SECRET}` },
    });
    expect(generated.status).toBe(200);
    expect(generated.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(generated.headers.get('vary')).toContain('Origin');

    const evil = 'https://evil.example.net';
    const refusedPreflight = await fetch(`${test.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST' },
    });
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await get('/v3/directline/conversations/x/activities', { origin: evil });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    // The agent API and the pages are same-origin only, whoever asks.
    for (const path of ['/api/agent/queue', '/agent', '/']) {
      const response = await get(path, { origin: SHOP_ORIGIN });
      expect([path, response.headers.get('access-control-allow-origin')]).toEqual([path, null]);
    }
  });

  it('allows no other origin by default and sends HSTS only behind HTTPS', async () => {
    const strict = await startTestServer({ BEHIND_HTTPS: 'true' });
    try {
      const preflight = await fetch(`${strict.base}/v3/directline/conversations`, {
        method: 'OPTIONS',
        headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const health = await fetch(`${strict.base}/healthz`);
      expect(health.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      const demo = await fetch(`${strict.base}/`);
      expect(demo.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
    } finally {
      await strict.server.shutdown();
    }
  });
});
