import { DirectLine, type Activity as ClientActivity } from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';
import XMLHttpRequestPolyfill from 'xhr2';
import { agentsEnv, loginAgent, type TestAgent } from '../helpers/handoff';
import { describeRedis, useRedis } from '../helpers/redis';
import { useTwoInstances } from '../helpers/two-instances';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

// The official client is written for browsers: give it XMLHttpRequest and WebSocket, then use it unmodified.
globalThis.XMLHttpRequest = XMLHttpRequestPolyfill;
globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket;

type Received = ClientActivity & {
  text?: string;
  name?: string;
  replyToId?: string;
  suggestedActions?: { actions: { title: string; value: string }[] };
};

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };
const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };

/**
 * DESIGN.md §6 end to end: an angry shopper on the official Direct Line client is queued with their place,
 * an agent logs in, sees the context, accepts; they write to each other while the bot stays silent; the
 * agent closes and the bot asks for a rating.
 */
async function fullLoop(shopperSide: TestServer, agentSide: TestServer): Promise<void> {
  const generated = await postJson(`${shopperSide.base}/demo/token`);
  const { token } = generated.body as { token: string };
  const client = new DirectLine({
    token,
    domain: `${shopperSide.base}/v3/directline`,
    webSocket: true,
    random: () => 0,
  });
  const received: Received[] = [];
  const subscription = client.activity$.subscribe((activity) => received.push(activity as Received));
  const send = (text: string): Promise<string> =>
    client.postActivity({ type: 'message', from: { id: 'shopper', name: '顾客' }, text }).toPromise();
  const messageWith = (what: string, test: (activity: Received) => boolean) =>
    waitFor(what, () => received.find((activity) => activity.type === 'message' && test(activity)));

  const agentToken = await loginAgent(agentSide.base, ann);
  try {
    // 1. The shopper is angry: queued, told their place and the wait; a handoff.initiate event carries the context.
    const angryId = await send('我的快递到底到哪了 等了一个星期 气死我了!!!');
    const queued = await messageWith('the queue message', (a) => a.replyToId === angryId);
    expect(queued.text).toMatch(/正在为您转接人工客服.*(您是下一位|前面还有 \d+ 位)/);
    expect(queued.text).toMatch(/预计等待约 \d+ 分钟/);
    await waitFor('the handoff.initiate event', () =>
      received.find((a) => a.type === 'event' && a.name === 'handoff.initiate'),
    );
    const conversationId = queued.conversation?.id;
    expect(conversationId).toBeDefined();
    const conversationUrl = `${agentSide.base}/api/agent/conversations/${conversationId}`;

    // 2. The agent sees it in the queue, with the context.
    const queue = await waitFor('the shopper in the agent’s queue', async () => {
      const view = await getJson(`${agentSide.base}/api/agent/queue`, agentToken);
      const entries = (view.body.queue ?? []) as { conversationId: string }[];
      return entries.some((entry) => entry.conversationId === conversationId) ? entries : undefined;
    });
    expect(queue.length).toBeGreaterThanOrEqual(1);
    const view = await getJson(conversationUrl, agentToken);
    const context = view.body.context as {
      reason: string;
      priority: number;
      summary: string;
      language: string;
    };
    expect(context).toMatchObject({ reason: 'strong_negative', priority: 1, language: 'zh' });
    expect(context.summary).toContain('顾客情绪激动');
    expect(context.summary).toContain('气死我了');

    // 3. Accept; the shopper writes and the bot stays silent; the agent reads it and answers.
    expect((await postJson(`${conversationUrl}/accept`, {}, agentToken)).status).toBe(200);
    const waitingId = await send('人呢？');
    await waitFor('the shopper’s message at the agent', async () => {
      const transcript = (await getJson(conversationUrl, agentToken)).body.transcript as { text: string }[];
      return transcript.some((record) => record.text === '人呢？') ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((a) => a.type === 'message' && a.replyToId === waitingId)).toEqual([]);
    expect(
      (await postJson(`${conversationUrl}/messages`, { text: '您好，我是李娜，马上帮您催件。' }, agentToken))
        .status,
    ).toBe(200);
    const fromAgent = await messageWith(
      'the agent’s message',
      (a) => a.text === '您好，我是李娜，马上帮您催件。',
    );
    expect(fromAgent.from.name).toBe('李娜 Ann');

    // 4. The agent closes: the bot is back and asks for a rating; the shopper gives one.
    expect((await postJson(`${conversationUrl}/close`, { resolution: '已催件' }, agentToken)).status).toBe(
      200,
    );
    const rating = await messageWith(
      'the rating question',
      (a) => (a.suggestedActions?.actions.length ?? 0) === 5,
    );
    expect(rating.suggestedActions?.actions.map((action) => action.value)).toEqual(['1', '2', '3', '4', '5']);
    const rated = await send('5');
    const thanks = await messageWith('the thanks', (a) => a.replyToId === rated);
    expect(thanks.text).toContain('感谢您的评价');
    // And the bot answers questions again.
    const askedId = await send('包邮吗');
    expect((await messageWith('a bot answer', (a) => a.replyToId === askedId)).text).toContain('包邮');
  } finally {
    subscription.unsubscribe();
    client.end();
  }
}

describe('handoff, one instance (memory)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann]) }, undefined, {
      handoff: { policy: ALWAYS_OPEN },
    });
  });
  afterAll(() => server.server.shutdown());

  it('runs the whole loop with the official Direct Line client', () => fullLoop(server, server));
});

describeRedis('handoff, two instances on one Redis', () => {
  const redis = useRedis('handoff-loop');
  const servers = useTwoInstances(
    redis,
    async () => ({
      DIRECTLINE_SECRET: 'a-secret-both-instances-share',
      KEFU_AGENTS: await agentsEnv([ann]),
    }),
    { handoff: { policy: ALWAYS_OPEN } },
  );

  it('runs the whole loop with the shopper on one instance and the agent on the other', () =>
    fullLoop(servers.first, servers.second));
});
