import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentsEnv, loginAgent, startShopperConversation, type TestAgent } from '../helpers/handoff';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };
const ann: TestAgent = { username: 'ann', displayName: 'Ann', password: 'ann-password-123' };
const bob: TestAgent = { username: 'bob', displayName: 'Bob', password: 'bob-password-123' };

/** One sample's value from Prometheus text, 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function scrape(base: string): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('GET /metrics', () => {
  let test: TestServer;
  let other: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann, bob]) }, undefined, {
      handoff: { policy: ALWAYS_OPEN },
    });
    // A second server in the same process keeps its own registry.
    other = await startTestServer();
  });
  afterAll(async () => {
    await test?.server.shutdown();
    await other?.server.shutdown();
  });

  it('counts turns, intents, escalations, queue waits, first responses and ratings of a real handoff', async () => {
    const token = await loginAgent(test.base, ann);
    const shopper = await startShopperConversation(test.base);
    const { conversationId } = shopper;
    const say = async (text: string) => {
      const posted = await postJson(
        `${test.base}/v3/directline/conversations/${conversationId}/activities`,
        { type: 'message', text, from: { id: shopper.userId } },
        shopper.token,
      );
      expect(posted.status).toBe(200);
    };
    const agentPost = async (path: string, body: unknown = {}) => {
      const response = await postJson(
        `${test.base}/api/agent/conversations/${conversationId}/${path}`,
        body,
        token,
      );
      expect(response.status).toBe(200);
    };

    await say('where is my order 20231102558736');
    await say('我要找人工客服');
    await agentPost('accept');
    await agentPost('messages', { text: 'Hello, Ann here.' });
    await agentPost('messages', { text: 'Let me check.' });
    await agentPost('close', { resolution: 'done' });
    await say('5');

    const text = await scrape(test.base);
    expect(sample(text, 'kefu_turns_total{channel="directline",language="en"}')).toBe(1);
    expect(sample(text, 'kefu_turns_total{channel="directline",language="zh"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kefu_turn_duration_seconds_count{channel="directline"}')).toBe(3);
    expect(sample(text, 'kefu_intents_total{intent="shipping.track"}')).toBe(1);
    expect(sample(text, 'kefu_intents_total{intent="human.request"}')).toBe(1);
    expect(sample(text, 'kefu_conversations_total')).toBe(1);
    expect(sample(text, 'kefu_escalations_total{reason="explicit_request"}')).toBe(1);
    expect(sample(text, 'kefu_conversations_handed_to_agent_total')).toBe(1);
    expect(sample(text, 'kefu_handoff_queue_wait_seconds_count')).toBe(1);
    // Two agent messages, one first response.
    expect(sample(text, 'kefu_agent_first_response_seconds_count')).toBe(1);
    expect(sample(text, 'kefu_csat_ratings_total{rating="5"}')).toBe(1);
    expect(text).toContain('kefu_process_cpu_user_seconds_total');

    // Nothing of it leaked into the other server's registry.
    const quiet = await scrape(other.base);
    expect(sample(quiet, 'kefu_conversations_total')).toBe(0);
    expect(sample(quiet, 'kefu_turn_duration_seconds_count{channel="directline"}')).toBe(0);
  });

  it('counts a chat re-queued when its agent logged out as one handoff, with a second queue wait', async () => {
    const before = await scrape(test.base);
    const annToken = await loginAgent(test.base, ann);
    const bobToken = await loginAgent(test.base, bob);
    const shopper = await startShopperConversation(test.base);
    const posted = await postJson(
      `${test.base}/v3/directline/conversations/${shopper.conversationId}/activities`,
      { type: 'message', text: '我要找人工客服', from: { id: shopper.userId } },
      shopper.token,
    );
    expect(posted.status).toBe(200);
    const accept = (token: string) =>
      postJson(`${test.base}/api/agent/conversations/${shopper.conversationId}/accept`, {}, token);
    expect((await accept(annToken)).status).toBe(200);
    const logout = await fetch(`${test.base}/api/agent/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${annToken}` },
    });
    expect(logout.status).toBe(204);
    expect((await accept(bobToken)).status).toBe(200);

    const after = await scrape(test.base);
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('kefu_escalations_total{reason="explicit_request"}')).toBe(1);
    expect(delta('kefu_conversations_handed_to_agent_total')).toBe(1);
    expect(delta('kefu_handoff_queue_wait_seconds_count')).toBe(2);
  });

  it('keeps hostile label values out of the registry', async () => {
    // A connector that takes every reply, so the turn ends as it would on a real channel.
    const connector = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    try {
      // An unauthenticated Bot Framework activity with a made-up channel id is counted as "other".
      const response = await postJson(`${test.base}/api/messages`, {
        type: 'message',
        channelId: 'evil-channel-<script>',
        serviceUrl: `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`,
        conversation: { id: 'c1' },
        from: { id: 'u1' },
        text: 'hello',
      });
      expect(response.status).toBe(200);
    } finally {
      connector.closeAllConnections();
      await new Promise((resolve) => connector.close(resolve));
    }
    const text = await scrape(test.base);
    expect(text).not.toContain('evil-channel');
    expect(sample(text, 'kefu_turn_duration_seconds_count{channel="other"}')).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'prometheus-scrape-token-1234';
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ METRICS_TOKEN: token });
  });
  afterAll(() => test.server.shutdown());

  it('answers only the scraper holding the token', async () => {
    const anonymous = await fetch(`${test.base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await fetch(`${test.base}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    const scraper = await fetch(`${test.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain('kefu_turns_total');
  });
});
