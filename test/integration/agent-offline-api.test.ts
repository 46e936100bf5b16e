import type { AgentHub } from '../../src/handoff/agent-hub-service';
import type { HandoffStore } from '../../src/handoff/handoff-store';
import {
  agentsEnv,
  directLineReference,
  handoffContext,
  loginAgent,
  openAgentStream,
  shopperActivities,
  startShopperConversation,
  type AgentSocket,
  type TestAgent,
} from '../helpers/handoff';
import { describeRedis, useRedis } from '../helpers/redis';
import { getJson, postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';
import { useTwoInstances } from '../helpers/two-instances';

/** Over real HTTP and WebSockets: an agent who goes offline hands their chats back to the queue. */

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };
const bob: TestAgent = { username: 'bob', displayName: 'Bob 王', password: 'bob-password-1' };
const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };
/** Short, so the consoles renew every second and the servers sweep every second. */
const TTL_SECONDS = 3;

const REQUEUED_ZH = '刚才为您服务的客服已下线';
const REQUEUED_EN = 'the agent who was helping you has gone offline';

const inQueue = (frame: Record<string, unknown>, conversationId: string) =>
  frame.type === 'queue' &&
  (frame.queue as { conversationId: string }[]).some((entry) => entry.conversationId === conversationId);

async function escalate(test: TestServer, language: 'zh' | 'en', at = new Date()) {
  const shopper = await startShopperConversation(test.base);
  await test.server.channels.handoff.enqueue(
    handoffContext(shopper.conversationId, { language, at }),
    directLineReference(shopper.conversationId, shopper.userId),
    at,
  );
  return shopper;
}

async function accept(base: string, conversationId: string, token: string): Promise<number> {
  return (await postJson(`${base}/api/agent/conversations/${conversationId}/accept`, {}, token)).status;
}

async function noticesAt(base: string, shopper: { conversationId: string; token: string }, text: string) {
  const activities = await shopperActivities(base, shopper.conversationId, shopper.token);
  return activities.filter((activity) => activity.text?.includes(text));
}

describe('an agent logging out (one instance, memory)', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann, bob]) }, undefined, {
      handoff: { policy: ALWAYS_OPEN, loginsPerAddressPerMinute: 1000 },
    });
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  it('puts their chats back in the queue, ahead of newer ones; the shopper hears it, the others see it', async () => {
    const annToken = await loginAgent(test.base, ann);
    const bobToken = await loginAgent(test.base, bob);
    const shopper = await escalate(test, 'en', new Date(Date.now() - 60_000));
    expect(await accept(test.base, shopper.conversationId, annToken)).toBe(200);
    const newer = await escalate(test, 'zh');
    const bobStream = await openAgentStream(test.base, bobToken);
    try {
      await waitFor('bob’s first queue', () => bobStream.frames.find((frame) => frame.type === 'queue'));
      const logout = await fetch(`${test.base}/api/agent/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${annToken}` },
      });
      expect(logout.status).toBe(204);

      const frame = await waitFor('the chat back in bob’s queue', () =>
        bobStream.frames.find((candidate) => inQueue(candidate, shopper.conversationId)),
      );
      expect((frame.queue as { conversationId: string }[]).map((entry) => entry.conversationId)).toEqual([
        shopper.conversationId,
        newer.conversationId,
      ]);
      const told = await noticesAt(test.base, shopper, REQUEUED_EN);
      expect(told).toHaveLength(1);
      expect(told[0].from?.name).not.toBe(ann.displayName);

      const context = await getJson(
        `${test.base}/api/agent/conversations/${shopper.conversationId}`,
        bobToken,
      );
      expect(context.body).toMatchObject({
        session: { state: 'queued', requeuedFrom: 'ann', language: 'en' },
        position: 1,
      });
      const transcript = context.body.transcript as { role: string; text: string }[];
      expect(transcript[0]).toMatchObject({ role: 'shopper', text: '我要找人工' });
      expect(transcript[transcript.length - 1]).toMatchObject({ role: 'system' });
      expect(transcript[transcript.length - 1].text).toContain(REQUEUED_EN);

      expect(await accept(test.base, shopper.conversationId, bobToken)).toBe(200);
    } finally {
      bobStream.close();
    }
  });

  it('refuses a chat to an agent who is offline (logged out in another tab) until they are online again', async () => {
    const firstTab = await loginAgent(test.base, ann);
    const secondTab = await loginAgent(test.base, ann);
    const shopper = await escalate(test, 'zh');
    const logout = await fetch(`${test.base}/api/agent/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secondTab}` },
    });
    expect(logout.status).toBe(204);

    const refused = await postJson(
      `${test.base}/api/agent/conversations/${shopper.conversationId}/accept`,
      {},
      firstTab,
    );
    expect(refused.status).toBe(409);
    const { error } = refused.body as { error: { code: string; message: string } };
    expect(error.code).toBe('not_online');
    expect(error.message).toContain('set yourself online');
    expect(error.message).toContain('切换为在线');
    // Still in the queue for whoever is there.
    expect(
      (await getJson(`${test.base}/api/agent/conversations/${shopper.conversationId}`, firstTab)).body,
    ).toMatchObject({
      session: { state: 'queued' },
    });

    const online = await postJson(`${test.base}/api/agent/status`, { status: 'online' }, firstTab);
    expect(online.status).toBe(200);
    expect(await accept(test.base, shopper.conversationId, firstTab)).toBe(200);
  });
});

describe('an agent whose console stops renewing (one instance, memory, a clock the test moves)', () => {
  let test: TestServer;
  let hub: AgentHub;
  let store: HandoffStore;
  let now = Date.now();
  beforeAll(async () => {
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann, bob]) }, undefined, {
      handoff: {
        policy: ALWAYS_OPEN,
        loginsPerAddressPerMinute: 1000,
        clock: () => new Date(now),
        presenceTtlSeconds: TTL_SECONDS,
      },
    });
    hub = test.server.channels.handoff;
    store = test.server.channels.handoffStore;
  });
  afterAll(async () => {
    await test?.server.shutdown();
  });

  const expiryOf = async (username: string) => {
    const presence = (await store.presence(new Date(now))).find((entry) => entry.username === username);
    return presence === undefined ? undefined : Date.parse(presence.expiresAt);
  };
  /** Waits for the console's socket to renew the presence at the clock's present time. */
  const renewed = (username: string) =>
    waitFor(`a heartbeat of ${username}`, async () => {
      const expiry = await expiryOf(username);
      return expiry !== undefined && expiry >= now + TTL_SECONDS * 1000 ? true : undefined;
    });

  it('keeps the chats while heartbeats arrive in time and across a page reload, then gives them back', async () => {
    const annToken = await loginAgent(test.base, ann);
    const bobToken = await loginAgent(test.base, bob);
    const shopper = await escalate(test, 'zh', new Date(now));
    expect(await accept(test.base, shopper.conversationId, annToken)).toBe(200);
    const assignedToAnn = async () => (await store.session(shopper.conversationId))?.assignedTo === 'ann';
    let annStream: AgentSocket | undefined = await openAgentStream(test.base, annToken);
    const bobStream = await openAgentStream(test.base, bobToken);
    try {
      // Twice past the first expiry, each time renewed by ann's console in time.
      for (let step = 0; step < 2; step += 1) {
        now += 2000;
        await renewed('ann');
        await renewed('bob');
      }
      now += 2000;
      expect(await hub.sweepOfflineAgents()).toEqual([]);
      expect(await assignedToAnn()).toBe(true);
      await renewed('ann');
      // bob too, or the 2.5 s the clock moves below would take his last renewal past the TTL.
      await renewed('bob');

      // A page reload: the socket goes, a new one comes within the TTL; the console finds ann still online.
      annStream.close();
      now += 1000;
      annStream = await openAgentStream(test.base, annToken);
      const hello = await waitFor('the hello', () =>
        annStream?.frames.find((frame) => frame.type === 'hello'),
      );
      expect(hello).toMatchObject({ status: 'online' });
      const queue = await waitFor('the queue', () =>
        annStream?.frames.find((frame) => frame.type === 'queue'),
      );
      expect((queue.mine as { conversationId: string }[]).map((entry) => entry.conversationId)).toEqual([
        shopper.conversationId,
      ]);
      now += 1500;
      await renewed('ann');
      await renewed('bob');
      expect(await hub.sweepOfflineAgents()).toEqual([]);
      expect(await assignedToAnn()).toBe(true);
      expect(await noticesAt(test.base, shopper, REQUEUED_ZH)).toEqual([]);

      // The laptop closes: no more heartbeats. bob's console goes on. The server's own sweep notices.
      annStream.close();
      annStream = undefined;
      now += 2000;
      await renewed('bob');
      now += 2000;
      await waitFor('the server’s sweep', async () =>
        (await store.session(shopper.conversationId))?.state === 'queued' ? true : undefined,
      );
      await waitFor('the chat in bob’s queue', () =>
        bobStream.frames.find((frame) => inQueue(frame, shopper.conversationId)),
      );
      await waitFor('ann shown offline to bob', () =>
        bobStream.frames.find(
          (frame) =>
            frame.type === 'queue' &&
            (frame.agents as { username: string; status: string }[]).some(
              (agent) => agent.username === 'ann' && agent.status === 'offline',
            ),
        ),
      );
      expect(await noticesAt(test.base, shopper, REQUEUED_ZH)).toHaveLength(1);
      expect(await accept(test.base, shopper.conversationId, bobToken)).toBe(200);
    } finally {
      annStream?.close();
      bobStream.close();
    }
  });
});

describeRedis('an agent going offline on one of two instances sharing one Redis', () => {
  const redis = useRedis('agent-offline');
  let now = Date.now();
  const servers = useTwoInstances(
    redis,
    async () => ({
      DIRECTLINE_SECRET: 'shared-secret-of-two-instances',
      KEFU_AGENTS: await agentsEnv([ann, bob]),
    }),
    {
      handoff: {
        policy: ALWAYS_OPEN,
        loginsPerAddressPerMinute: 1000,
        clock: () => new Date(now),
        presenceTtlSeconds: TTL_SECONDS,
      },
    },
  );

  it('re-queues once and tells the shopper once, though both instances sweep', async () => {
    const { first: shopperSide, second: agentSide } = servers;
    const annToken = await loginAgent(agentSide.base, ann);
    const shopper = await escalate(shopperSide, 'zh', new Date(now));
    expect(await accept(agentSide.base, shopper.conversationId, annToken)).toBe(200);

    now += (TTL_SECONDS + 1) * 1000;
    // Both servers' timers are sweeping too; these two calls race them and each other.
    const swept = await Promise.all([
      shopperSide.server.channels.handoff.sweepOfflineAgents(),
      agentSide.server.channels.handoff.sweepOfflineAgents(),
    ]);
    await waitFor('the chat back in the queue', async () =>
      (await shopperSide.server.channels.handoffStore.session(shopper.conversationId))?.state === 'queued'
        ? true
        : undefined,
    );
    expect(swept.flat().filter((id) => id === shopper.conversationId).length).toBeLessThanOrEqual(1);
    // Let every timer have its go.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await noticesAt(shopperSide.base, shopper, REQUEUED_ZH)).toHaveLength(1);

    // Back with the bot's queue handling: the shopper can stop waiting, through the other instance.
    const posted = await postJson(
      `${shopperSide.base}/v3/directline/conversations/${shopper.conversationId}/activities`,
      { type: 'message', text: '取消', from: { id: shopper.userId } },
      shopper.token,
    );
    expect(posted.status).toBe(200);
    await waitFor('the wait cancelled', async () =>
      (await agentSide.server.channels.handoffStore.session(shopper.conversationId)) === undefined
        ? true
        : undefined,
    );
  });
});
