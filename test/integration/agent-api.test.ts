import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentHub } from '../../src/handoff/agent-hub-service';
import {
  agentsEnv,
  directLineReference,
  handoffContext,
  loginAgent,
  openAgentStream,
  shopperActivities,
  startShopperConversation,
  type TestAgent,
} from '../helpers/handoff';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };
const bob: TestAgent = {
  username: 'bob',
  displayName: 'Bob 王',
  password: 'bob-password-1',
  maxConcurrentChats: 2,
};
const cat: TestAgent = { username: 'cat', displayName: 'Cat', password: 'cat-password-1' };
const dan: TestAgent = { username: 'dan', displayName: 'Dan', password: 'dan-password-1' };
const raceAgents: TestAgent[] = Array.from({ length: 5 }, (_, index) => ({
  username: `racer${index}`,
  displayName: `Racer ${index}`,
  password: `racer-password-${index}`,
}));

/** Every day, all day: these tests must not depend on when they run. */
const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };

async function post(base: string, path: string, token: string, body?: unknown) {
  return postJson(`${base}${path}`, body ?? {}, token);
}

let counter = 0;
function newConversationId(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}`;
}

describe('agent HTTP API (one instance, memory)', () => {
  let test: TestServer;
  let hub: AgentHub;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const KEFU_AGENTS = await agentsEnv([ann, bob, cat, dan, ...raceAgents]);
    test = await startTestServer({ KEFU_AGENTS }, undefined, {
      handoff: { policy: ALWAYS_OPEN, loginsPerAddressPerMinute: 1000 },
    });
    hub = test.server.channels.handoff;
    for (const agent of [ann, bob]) tokens[agent.username] = await loginAgent(test.base, agent);
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  const enqueue = (conversationId: string, options: Parameters<typeof handoffContext>[1] = {}) =>
    hub.enqueue(
      handoffContext(conversationId, options),
      directLineReference(conversationId, `shopper-${conversationId}`),
      options.at ?? new Date(),
    );

  it('logs in with the right password only, and says who the agent is', async () => {
    const wrong = await postJson(`${test.base}/api/agent/login`, { username: 'cat', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    const unknown = await postJson(`${test.base}/api/agent/login`, {
      username: 'zed',
      password: 'whatever1',
    });
    expect(unknown.status).toBe(401);
    const bad = await postJson(`${test.base}/api/agent/login`, { username: 'cat' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_login' } });

    const good = await postJson(`${test.base}/api/agent/login`, { username: 'cat', password: cat.password });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      agent: { username: 'cat', displayName: 'Cat', maxConcurrentChats: 5 },
      expiresIn: 8 * 3600,
    });
    expect(typeof good.body.token).toBe('string');
    const me = await getJson(`${test.base}/api/agent/me`, good.body.token as string);
    expect(me.body).toMatchObject({ agent: { username: 'cat' }, status: 'online' });
  });

  it('refuses missing, forged and shopper (Direct Line) tokens on every agent endpoint', async () => {
    const shopper = await startShopperConversation(test.base);
    const endpoints: [string, string][] = [
      ['GET', '/api/agent/queue'],
      ['GET', '/api/agent/quick-replies'],
      ['GET', `/api/agent/conversations/${shopper.conversationId}`],
      ['POST', `/api/agent/conversations/${shopper.conversationId}/accept`],
      ['POST', `/api/agent/conversations/${shopper.conversationId}/messages`],
      ['POST', '/api/agent/status'],
    ];
    for (const [method, path] of endpoints) {
      for (const token of [undefined, shopper.token, `${tokens.ann}x`]) {
        const response = await fetch(`${test.base}${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          },
          body: method === 'POST' ? JSON.stringify({ text: 'hi', status: 'online' }) : undefined,
        });
        expect([401, 403]).toContain(response.status);
        const body = (await response.json()) as { error: { code: string } };
        expect(body.error.code).toMatch(/unauthorized|token_invalid/);
      }
    }
    // The stream refuses a shopper's token before upgrading.
    const stream = await fetch(`${test.base}/api/agent/stream?token=${encodeURIComponent(shopper.token)}`);
    expect(stream.status).toBe(401);
  });

  it('lists the queue by priority, then waiting time, with how long each has waited', async () => {
    const now = Date.now();
    const ids = {
      low: newConversationId('low'),
      high: newConversationId('high'),
      mid: newConversationId('mid'),
      high2: newConversationId('high2'),
    };
    await enqueue(ids.low, { priority: 3, at: new Date(now - 60_000) });
    await enqueue(ids.high, { priority: 1, at: new Date(now - 20_000) });
    await enqueue(ids.mid, { priority: 2, at: new Date(now - 40_000) });
    await enqueue(ids.high2, { priority: 1, at: new Date(now - 10_000) });
    const view = await getJson(`${test.base}/api/agent/queue`, tokens.ann);
    expect(view.status).toBe(200);
    const queue = view.body.queue as { conversationId: string; position: number; waitingSeconds: number }[];
    const ours = queue.filter((entry) => Object.values(ids).includes(entry.conversationId));
    expect(ours.map((entry) => entry.conversationId)).toEqual([ids.high, ids.high2, ids.mid, ids.low]);
    expect(ours[3].waitingSeconds).toBeGreaterThanOrEqual(59);
    expect(queue.map((entry) => entry.position)).toEqual(queue.map((_, index) => index + 1));
    expect(await hub.place(ids.low)).toMatchObject({ position: queue.length });
    // Clean up so later tests find a short queue.
    for (const id of Object.values(ids)) await hub.cancelWait(id);
  });

  it('gives a conversation to exactly one of 50 concurrent accepts; the rest get 409', async () => {
    const conversationId = newConversationId('race');
    await enqueue(conversationId, { priority: 1 });
    const racers = await Promise.all(raceAgents.map((agent) => loginAgent(test.base, agent)));
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(test.base, `/api/agent/conversations/${conversationId}/accept`, racers[index % racers.length]),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(responses.find((response) => response.status === 409)?.body).toMatchObject({
      error: { code: 'already_assigned' },
    });
    const winner = responses.find((response) => response.status === 200)?.body.session as {
      assignedTo: string;
    };
    const winnerToken = racers[raceAgents.findIndex((agent) => agent.username === winner.assignedTo)];
    await post(test.base, `/api/agent/conversations/${conversationId}/close`, winnerToken, {
      resolution: 'race',
    });
  });

  it('holds an agent to their maximum of concurrent chats', async () => {
    const ids = [newConversationId('cap'), newConversationId('cap'), newConversationId('cap')];
    for (const id of ids) await enqueue(id);
    expect((await post(test.base, `/api/agent/conversations/${ids[0]}/accept`, tokens.bob)).status).toBe(200);
    expect((await post(test.base, `/api/agent/conversations/${ids[1]}/accept`, tokens.bob)).status).toBe(200);
    const third = await post(test.base, `/api/agent/conversations/${ids[2]}/accept`, tokens.bob);
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ error: { code: 'at_capacity' } });
    const view = await getJson(`${test.base}/api/agent/queue`, tokens.bob);
    expect(
      (view.body.mine as { conversationId: string }[]).map((entry) => entry.conversationId).sort(),
    ).toEqual([ids[0], ids[1]].sort());
    await post(test.base, `/api/agent/conversations/${ids[0]}/close`, tokens.bob, { resolution: 'done' });
    expect((await post(test.base, `/api/agent/conversations/${ids[2]}/accept`, tokens.bob)).status).toBe(200);
    for (const id of [ids[1], ids[2]]) {
      await post(test.base, `/api/agent/conversations/${id}/close`, tokens.bob, { resolution: 'done' });
    }
  });

  it('delivers an agent’s message to the shopper’s Direct Line conversation as from.name = display name', async () => {
    const shopper = await startShopperConversation(test.base);
    const { conversationId } = shopper;
    await hub.enqueue(
      handoffContext(conversationId),
      directLineReference(conversationId, shopper.userId),
      new Date(),
    );
    expect(
      (await post(test.base, `/api/agent/conversations/${conversationId}/accept`, tokens.ann)).status,
    ).toBe(200);
    const sent = await post(test.base, `/api/agent/conversations/${conversationId}/messages`, tokens.ann, {
      text: '您好，我来帮您查一下订单。',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.record).toMatchObject({
      role: 'agent',
      name: '李娜 Ann',
      text: '您好，我来帮您查一下订单。',
    });

    const activities = await shopperActivities(test.base, conversationId, shopper.token);
    const joined = activities.find((activity) => activity.text?.includes('已接入'));
    expect(joined?.from?.name).toBe('李娜 Ann');
    const message = activities.find((activity) => activity.text === '您好，我来帮您查一下订单。');
    expect(message).toMatchObject({ type: 'message', from: { name: '李娜 Ann', role: 'bot' } });

    // Another agent may look, but not act.
    const context = await getJson(`${test.base}/api/agent/conversations/${conversationId}`, tokens.bob);
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({ yours: false, session: { state: 'assigned', assignedTo: 'ann' } });
    const meddling = await post(
      test.base,
      `/api/agent/conversations/${conversationId}/messages`,
      tokens.bob,
      {
        text: 'hi',
      },
    );
    expect(meddling.status).toBe(403);
    expect(meddling.body).toMatchObject({ error: { code: 'not_your_conversation' } });
    expect(
      (
        await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.bob, {
          resolution: 'x',
        })
      ).status,
    ).toBe(403);

    // The context view: context and the live transcript, the agent's line at the end.
    const mine = await getJson(`${test.base}/api/agent/conversations/${conversationId}`, tokens.ann);
    const transcript = mine.body.transcript as { role: string; text: string }[];
    expect(transcript[0]).toMatchObject({ role: 'shopper', text: '我要找人工' });
    expect(transcript[transcript.length - 1]).toMatchObject({
      role: 'agent',
      text: '您好，我来帮您查一下订单。',
    });
    await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.ann, {
      resolution: 'x',
    });
  });

  it('closes with a resolution: the shopper gets the rating question with 1–5 buttons in their language', async () => {
    const shopper = await startShopperConversation(test.base);
    const { conversationId } = shopper;
    await hub.enqueue(
      handoffContext(conversationId, { language: 'en' }),
      directLineReference(conversationId, shopper.userId),
      new Date(),
    );
    await post(test.base, `/api/agent/conversations/${conversationId}/accept`, tokens.ann);
    const missing = await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.ann, {});
    expect(missing.status).toBe(400);
    const closed = await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.ann, {
      resolution: 'Refund issued for the damaged mug',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      ratingRequested: true,
      session: {
        state: 'closed',
        ratingPending: true,
        resolution: 'Refund issued for the damaged mug',
        closedBy: 'ann',
      },
    });

    const activities = await shopperActivities(test.base, conversationId, shopper.token);
    const rating = activities[activities.length - 1];
    expect(rating.from?.name).toBe('李娜 Ann');
    expect(rating.text).toMatch(/agent has left.*rate this chat.*1 to 5/i);
    expect(rating.suggestedActions?.actions.map((action) => action.value)).toEqual(['1', '2', '3', '4', '5']);

    // The bot's view: closed with a rating pending until the shopper answers.
    expect(await hub.sessionOf(conversationId)).toMatchObject({ state: 'closed', ratingPending: true });
    await hub.recordRating(conversationId, 4);
    expect(await hub.sessionOf(conversationId)).toBeUndefined();
    const again = await post(test.base, `/api/agent/conversations/${conversationId}/messages`, tokens.ann, {
      text: 'still there?',
    });
    expect(again.status).toBe(409);
  });

  it('transfers to an agent who is online, who then serves the shopper', async () => {
    const shopper = await startShopperConversation(test.base);
    const { conversationId } = shopper;
    await hub.enqueue(
      handoffContext(conversationId),
      directLineReference(conversationId, shopper.userId),
      new Date(),
    );
    await post(test.base, `/api/agent/conversations/${conversationId}/accept`, tokens.ann);

    const catToken = await loginAgent(test.base, cat);
    await post(test.base, '/api/agent/status', catToken, { status: 'away' });
    const toAway = await post(test.base, `/api/agent/conversations/${conversationId}/transfer`, tokens.ann, {
      to: 'cat',
    });
    expect(toAway.status).toBe(409);
    expect(toAway.body).toMatchObject({ error: { code: 'agent_unavailable' } });
    const toNobody = await post(
      test.base,
      `/api/agent/conversations/${conversationId}/transfer`,
      tokens.ann,
      { to: 'zed' },
    );
    expect(toNobody.status).toBe(404);
    const notMine = await post(test.base, `/api/agent/conversations/${conversationId}/transfer`, tokens.bob, {
      to: 'ann',
    });
    expect(notMine.status).toBe(403);

    await post(test.base, '/api/agent/status', catToken, { status: 'online' });
    const moved = await post(test.base, `/api/agent/conversations/${conversationId}/transfer`, tokens.ann, {
      to: 'cat',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ session: { assignedTo: 'cat', transferredFrom: 'ann' } });
    expect(
      (
        await post(test.base, `/api/agent/conversations/${conversationId}/messages`, tokens.ann, {
          text: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(test.base, `/api/agent/conversations/${conversationId}/messages`, catToken, {
          text: '我是 Cat',
        })
      ).status,
    ).toBe(200);

    const activities = await shopperActivities(test.base, conversationId, shopper.token);
    expect(activities.some((activity) => activity.text?.includes('转接给客服 Cat'))).toBe(true);
    expect(activities.find((activity) => activity.text === '我是 Cat')?.from?.name).toBe('Cat');
    await post(test.base, `/api/agent/conversations/${conversationId}/close`, catToken, { resolution: 'ok' });
  });

  it('pushes the queue, shopper messages and session changes over the WebSocket', async () => {
    const stream = await openAgentStream(test.base, tokens.ann);
    try {
      await waitFor('hello and the first queue', () =>
        stream.frames.some((frame) => frame.type === 'queue') ? true : undefined,
      );
      expect(stream.frames[0]).toMatchObject({ type: 'hello', agent: { username: 'ann' }, status: 'online' });
      const conversationId = newConversationId('live');
      await enqueue(conversationId);
      await waitFor('the queue with the new conversation', () =>
        stream.frames.some(
          (frame) =>
            frame.type === 'queue' &&
            (frame.queue as { conversationId: string }[]).some(
              (entry) => entry.conversationId === conversationId,
            ),
        )
          ? true
          : undefined,
      );
      await hub.shopperMessage(conversationId, {
        at: new Date().toISOString(),
        role: 'shopper',
        text: '还要等多久？',
      });
      const message = await waitFor('the shopper message', () =>
        stream.frames.find((frame) => frame.type === 'message' && frame.conversationId === conversationId),
      );
      expect(message).toMatchObject({ record: { role: 'shopper', text: '还要等多久？' } });
      await post(test.base, `/api/agent/conversations/${conversationId}/accept`, tokens.bob);
      await waitFor('the assignment', () =>
        stream.frames.find(
          (frame) =>
            frame.type === 'session' &&
            (frame.event as { type: string; conversationId: string }).conversationId === conversationId,
        ),
      );
      // Now bob's: ann no longer hears its messages.
      const before = stream.frames.length;
      await hub.shopperMessage(conversationId, {
        at: new Date().toISOString(),
        role: 'shopper',
        text: 'secret',
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stream.frames.slice(before).some((frame) => frame.type === 'message')).toBe(false);
      await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.bob, {
        resolution: 'ok',
      });
    } finally {
      stream.close();
    }
  });

  it('runs a whole handoff through the real bot: escalate, chat both ways, close, rate', async () => {
    const shopper = await startShopperConversation(test.base);
    const { conversationId } = shopper;
    const say = (text: string) =>
      postJson(
        `${test.base}/v3/directline/conversations/${conversationId}/activities`,
        { type: 'message', text, from: { id: shopper.userId } },
        shopper.token,
      );
    const stream = await openAgentStream(test.base, tokens.ann);
    try {
      expect((await say('我要转人工')).status).toBe(200);
      expect(await hub.sessionOf(conversationId)).toMatchObject({ state: 'queued' });
      await waitFor('the escalated shopper in the console', () =>
        stream.frames.find(
          (frame) =>
            frame.type === 'queue' &&
            (frame.queue as { conversationId: string }[]).some(
              (entry) => entry.conversationId === conversationId,
            ),
        ),
      );
      expect(
        (await post(test.base, `/api/agent/conversations/${conversationId}/accept`, tokens.ann)).status,
      ).toBe(200);

      // The shopper writes: the bot stays silent and forwards it to the agent.
      const posted = await say('我的快递四天没动了');
      const forwarded = await waitFor('the shopper’s words in the console', () =>
        stream.frames.find(
          (frame) =>
            frame.type === 'message' &&
            frame.conversationId === conversationId &&
            (frame.record as { text: string }).text === '我的快递四天没动了',
        ),
      );
      expect(forwarded).toMatchObject({ record: { role: 'shopper' } });
      const afterMessage = await shopperActivities(test.base, conversationId, shopper.token);
      const answered = afterMessage.filter(
        (activity) =>
          activity.type === 'message' && (activity as { replyToId?: string }).replyToId === posted.body.id,
      );
      expect(answered).toEqual([]);

      await post(test.base, `/api/agent/conversations/${conversationId}/messages`, tokens.ann, {
        text: '我马上帮您催一下快递。',
      });
      await post(test.base, `/api/agent/conversations/${conversationId}/close`, tokens.ann, {
        resolution: '已催件',
      });
      const closing = await shopperActivities(test.base, conversationId, shopper.token);
      expect(closing.find((activity) => activity.text === '我马上帮您催一下快递。')?.from?.name).toBe(
        '李娜 Ann',
      );
      expect(closing[closing.length - 1].suggestedActions?.actions).toHaveLength(5);

      // The shopper taps "5": the rating is recorded and the bot is back.
      await say('5');
      expect(await hub.sessionOf(conversationId)).toBeUndefined();
      expect(await test.server.channels.handoffStore.session(conversationId)).toMatchObject({
        state: 'closed',
        rating: 5,
        ratingPending: false,
      });
    } finally {
      stream.close();
    }
  });

  it('keeps customer tags and notes, and offers the shop’s quick replies', async () => {
    const tagged = await post(test.base, '/api/agent/customers/demo-alice/tags', tokens.ann, { tag: 'VIP' });
    expect(tagged.status).toBe(200);
    const noted = await post(test.base, '/api/agent/customers/demo-alice/notes', tokens.ann, {
      text: '只收顺丰',
    });
    expect(noted.body).toMatchObject({
      id: 'demo-alice',
      tags: ['VIP'],
      notes: [{ text: '只收顺丰', author: 'ann' }],
    });
    expect(await hub.customerProfile('demo-alice')).toMatchObject({
      tags: ['VIP'],
      notes: [expect.stringContaining('只收顺丰')],
    });
    const removed = await fetch(`${test.base}/api/agent/customers/demo-alice/tags/VIP`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.ann}` },
    });
    expect(((await removed.json()) as { tags: string[] }).tags).toEqual([]);
    const empty = await post(test.base, '/api/agent/customers/demo-alice/tags', tokens.ann, { tag: '   ' });
    expect(empty.status).toBe(400);

    const replies = await getJson(`${test.base}/api/agent/quick-replies`, tokens.ann);
    const list = replies.body.quickReplies as {
      label: { zh: string; en: string };
      text: { zh: string; en: string };
    }[];
    expect(list.length).toBeGreaterThan(3);
    for (const reply of list) {
      expect(reply.text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(reply.text.en).toMatch(/[a-z]/i);
    }
  });

  it('says agents are available only with someone online within service hours', async () => {
    expect(await hub.agentsAvailable(new Date())).toBe(true);
    await post(test.base, '/api/agent/status', tokens.ann, { status: 'away' });
    // bob, cat and the racers are still online.
    expect(await hub.agentsAvailable(new Date())).toBe(true);
    await post(test.base, '/api/agent/status', tokens.ann, { status: 'online' });
  });

  it('limits login attempts per username', async () => {
    const attempts = [];
    for (let index = 0; index < 6; index += 1) {
      attempts.push(
        await postJson(`${test.base}/api/agent/login`, { username: 'dan', password: `guess-${index}` }),
      );
    }
    expect(attempts.slice(0, 5).map((attempt) => attempt.status)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts[5].status).toBe(429);
    expect(attempts[5].body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(attempts[5].headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits now.
    const right = await postJson(`${test.base}/api/agent/login`, {
      username: 'dan',
      password: dan.password,
    });
    expect(right.status).toBe(429);
  });

  it('serves the agent console page with a strict content security policy', async () => {
    const page = await fetch(`${test.base}/agent`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/agent/agent.js');
    expect((await fetch(`${test.base}/agent/agent.js`)).status).toBe(200);
    expect((await fetch(`${test.base}/agent/agent.css`)).status).toBe(200);
    expect((await fetch(`${test.base}/agent/nothing.js`)).status).toBe(404);
  });
});

describe('agent tokens and login limits over time', () => {
  let test: TestServer;
  let now = Date.now();
  beforeAll(async () => {
    const KEFU_AGENTS = await agentsEnv([ann]);
    test = await startTestServer({ KEFU_AGENTS }, undefined, {
      handoff: { clock: () => new Date(now), loginsPerAddressPerMinute: 3 },
    });
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  it('refuses an agent token once it has expired (8 h)', async () => {
    const token = await loginAgent(test.base, ann);
    expect((await getJson(`${test.base}/api/agent/queue`, token)).status).toBe(200);
    now += 8 * 3600 * 1000 - 5000;
    expect((await getJson(`${test.base}/api/agent/queue`, token)).status).toBe(200);
    now += 10_000;
    const expired = await getJson(`${test.base}/api/agent/queue`, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'token_expired' } });
    const stream = await fetch(`${test.base}/api/agent/stream?token=${encodeURIComponent(token)}`);
    expect(stream.status).toBe(401);
  });

  it('limits login attempts per client address across usernames', async () => {
    const statuses = [];
    for (const username of ['u1', 'u2', 'u3', 'u4']) {
      statuses.push(
        (await postJson(`${test.base}/api/agent/login`, { username, password: 'whatever1' })).status,
      );
    }
    // The first login in the test above counted too.
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});

describe('an open agent console whose token expires', () => {
  let test: TestServer;
  let now = Date.now();
  beforeAll(async () => {
    // A presence of 0.6 s renews (and re-checks the token) every 200 ms instead of every 30 s.
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann]) }, undefined, {
      handoff: { clock: () => new Date(now), presenceTtlSeconds: 0.6 },
    });
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  it('is told with close code 4001, which the console takes as "log in again"', async () => {
    const token = await loginAgent(test.base, ann);
    const stream = await openAgentStream(test.base, token);
    await waitFor('the hello frame', () => stream.frames.find((frame) => frame.type === 'hello'));
    // Heartbeats while the token is good leave the socket open.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const early = await Promise.race([stream.closed, Promise.resolve('open')]);
    expect(early).toBe('open');
    now += 8 * 3600 * 1000 + 1000;
    await expect(stream.closed).resolves.toEqual({ code: 4001, reason: 'token expired' });
  });
});

describe('agent login on a slow server', () => {
  let test: TestServer;
  const start = Date.parse('2026-12-07T09:00:00.400Z');
  let reads = 0;
  beforeAll(async () => {
    // Every read of the hub's clock is a second later: a login whose steps (scrypt, presence) cross seconds.
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann]) }, undefined, {
      handoff: { clock: () => new Date(start + reads++ * 1000) },
    });
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  it('says the token lives its whole 8 h, however long the login took', async () => {
    const login = await postJson(`${test.base}/api/agent/login`, { username: 'ann', password: ann.password });
    expect(login.status).toBe(200);
    const body = login.body as { expiresIn: number; expiresAt: string };
    expect(body.expiresIn).toBe(8 * 3600);
    // expiresAt counts from the moment the token was signed, which is no later than the answer.
    const issuedAt = Date.parse(body.expiresAt) - 8 * 3600 * 1000;
    expect(issuedAt).toBeGreaterThanOrEqual(start - 400);
    expect(issuedAt).toBeLessThan(start + reads * 1000);
    expect(reads).toBeGreaterThan(1);
  });
});

describe('agent messages on a Bot Framework channel', () => {
  let test: TestServer;
  let connector: http.Server;
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    connector = http.createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        calls.push({ url: request.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `sent-${calls.length}` }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann]) });
  });
  afterAll(async () => {
    await test?.server.shutdown();
    await new Promise((resolve) => connector.close(resolve));
  });

  it('reaches the shopper through the connector at the reference’s serviceUrl', async () => {
    const { port } = connector.address() as AddressInfo;
    const hub = test.server.channels.handoff;
    await hub.enqueue(
      handoffContext('teams-conv-1'),
      {
        channelId: 'msteams',
        serviceUrl: `http://127.0.0.1:${port}/`,
        conversation: { id: 'teams-conv-1', isGroup: false, conversationType: 'personal', name: '' },
        user: { id: 'teams-user', name: 'Shopper' },
        bot: { id: 'kefu-bot', name: 'kefu' },
      },
      new Date(),
    );
    const token = await loginAgent(test.base, ann);
    await post(test.base, '/api/agent/conversations/teams-conv-1/accept', token);
    const sent = await post(test.base, '/api/agent/conversations/teams-conv-1/messages', token, {
      text: 'Hello from Ann',
    });
    expect(sent.status).toBe(200);
    const call = await waitFor('the message at the connector', () =>
      calls.find((entry) => entry.body.text === 'Hello from Ann'),
    );
    // Sent within a continued conversation, as botbuilder's proactive messages are.
    expect(call.url).toMatch(/^\/v3\/conversations\/teams-conv-1\/activities/);
    expect(call.body).toMatchObject({
      type: 'message',
      from: { name: '李娜 Ann' },
      conversation: { id: 'teams-conv-1' },
    });
  });
});
