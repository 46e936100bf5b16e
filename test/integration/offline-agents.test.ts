import type { Activity, ConversationReference } from 'botbuilder';
import type { AgentAccount } from '../../src/config';
import { AgentHub, type AgentHubOptions, type AgentIdentity } from '../../src/handoff/agent-hub-service';
import type { HandoffStore } from '../../src/handoff/handoff-store';
import type { HubEvent } from '../../src/handoff/hub-events';
import { MemoryHandoffStore } from '../../src/handoff/memory-handoff-store';
import { directLineReference, handoffContext } from '../helpers/handoff';
import { useRedisHandoffStores } from '../helpers/handoff-stores';
import { testLogger } from '../helpers/quiet-logger';
import { describeRedis, useRedis } from '../helpers/redis';
import { waitFor } from '../helpers/server';

/** The hub gives the chats of an agent who went offline (logged out, or presence lapsed) back to the queue. */

const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };
const TTL_SECONDS = 90;
const T0 = Date.parse('2026-11-22T02:00:00Z');

const account = (username: string, displayName: string): AgentAccount => ({
  username,
  displayName,
  // Never checked: these tests set presence with setStatus, not through login.
  passwordHash: 'scrypt$unused$unused',
  maxConcurrentChats: 5,
});
const ACCOUNTS = [account('ann', '李娜 Ann'), account('bob', 'Bob 王'), account('cat', 'Cat')];
const identity = (username: string): AgentIdentity => {
  const found = ACCOUNTS.find((candidate) => candidate.username === username);
  if (!found) throw new Error(username);
  return { username, displayName: found.displayName, maxConcurrentChats: found.maxConcurrentChats };
};

interface Sent {
  conversationId: string;
  activity: Partial<Activity>;
}

/** The "your agent went offline" notices among what was sent (accept's "has joined" is sent too). */
const requeueNotices = (sent: Sent[]) =>
  sent.filter((entry) => /已下线|gone offline/.test(entry.activity.text ?? ''));

/** Stands in for the shopper's channel: records what each shopper was sent. */
function recordingMessenger(sent: Sent[]) {
  return {
    async send(reference: Partial<ConversationReference>, activity: Partial<Activity>) {
      sent.push({ conversationId: reference.conversation?.id ?? '?', activity });
    },
  };
}

const REQUEUED_ZH = '抱歉，刚才为您服务的客服已下线。正在为您转接其他客服，您的排队顺序不变';
const REQUEUED_EN =
  'Sorry, the agent who was helping you has gone offline. We are passing you to another agent';
const NONE_ONLINE_ZH = '目前暂无其他客服在线';

/**
 * A hub on `store` with the test's clock, recording what it sends the shoppers; it sweeps only when the test
 * calls sweepOfflineAgents, unless `extra` sets presenceSweepSeconds.
 */
function hubOn(
  store: HandoffStore,
  sent: Sent[],
  clock: () => Date,
  extra: Partial<AgentHubOptions> = {},
): AgentHub {
  return new AgentHub({
    store,
    accounts: ACCOUNTS,
    messenger: recordingMessenger(sent),
    logger: testLogger(),
    policy: ALWAYS_OPEN,
    clock,
    presenceTtlSeconds: TTL_SECONDS,
    presenceSweepSeconds: 0,
    ...extra,
  });
}

function offlineContract(makeStore: () => Promise<HandoffStore>): void {
  let now: number;
  let store: HandoffStore;
  let hub: AgentHub;
  let sent: Sent[];
  let events: HubEvent[];
  let counter = 0;

  beforeEach(async () => {
    now = T0;
    sent = [];
    events = [];
    store = await makeStore();
    await store.subscribe((event) => events.push(event));
    // The tests sweep themselves, at the moments they choose.
    hub = hubOn(store, sent, () => new Date(now));
  });
  afterEach(async () => {
    await hub.shutdown();
    await store.shutdown();
  });

  const escalate = async (label: string, options: Parameters<typeof handoffContext>[1] = {}) => {
    counter += 1;
    const id = `${label}-${counter}`;
    await hub.enqueue(
      handoffContext(id, { at: new Date(now), ...options }),
      directLineReference(id, `shopper-${id}`),
      new Date(now),
    );
    return id;
  };
  const queueIds = async () => (await hub.queueView(identity('cat'))).queue.map((e) => e.conversationId);
  const noticesTo = (id: string) => requeueNotices(sent).filter((entry) => entry.conversationId === id);

  it('re-queues a logged-out agent’s chats at their old place and tells each shopper in their language', async () => {
    await hub.setStatus(identity('ann'), 'online');
    await hub.setStatus(identity('bob'), 'online');
    const zh = await escalate('zh', { language: 'zh' });
    now += 5000;
    const en = await escalate('en', { language: 'en' });
    await hub.accept(identity('ann'), zh);
    await hub.accept(identity('ann'), en);
    await hub.sendMessage(identity('ann'), zh, '您好，我看一下您的订单。');
    now += 60_000;
    const newer = await escalate('newer');
    sent.length = 0;
    events.length = 0;

    await hub.logout(identity('ann'));

    // Back in the queue ahead of the chat that came in after them, in their old order.
    expect(await queueIds()).toEqual([zh, en, newer]);
    expect((await hub.queueView(identity('ann'))).mine).toEqual([]);
    expect(await store.assignedTo('ann')).toEqual([]);
    // Each shopper told once, in their own language, by the bot (no agent serves them now).
    expect(noticesTo(zh)).toHaveLength(1);
    expect(noticesTo(zh)[0].activity.text).toContain(REQUEUED_ZH);
    expect(noticesTo(zh)[0].activity.from).toBeUndefined();
    expect(noticesTo(en)).toHaveLength(1);
    expect(noticesTo(en)[0].activity).toMatchObject({ locale: 'en-US' });
    expect(noticesTo(en)[0].activity.text).toContain(REQUEUED_EN);
    // The consoles hear of it.
    await waitFor('queue.changed', () => events.find((event) => event.type === 'queue.changed'));
    // The next agent gets the whole context: the bot's transcript, ann's message, what the shopper was told.
    const view = await hub.conversation(identity('bob'), zh);
    expect(view.session).toMatchObject({ state: 'queued', requeuedFrom: 'ann' });
    expect(view.session).not.toHaveProperty('assignedTo');
    expect(view.context.summary).toBe('顾客要求转人工。');
    expect(view.transcript.map((record) => record.text)).toEqual([
      '我要找人工',
      '好的，正在为您转接人工客服。',
      '您好，我看一下您的订单。',
      expect.stringContaining(REQUEUED_ZH),
    ]);
    await hub.accept(identity('bob'), zh);
    expect((await hub.queueView(identity('bob'))).mine.map((entry) => entry.conversationId)).toEqual([zh]);
  });

  it('re-queues the chats of an agent whose console stopped renewing, once the presence lapses', async () => {
    await hub.setStatus(identity('ann'), 'online');
    await hub.setStatus(identity('bob'), 'online');
    const id = await escalate('lapse');
    await hub.accept(identity('ann'), id);
    // bob's console keeps renewing; ann's has crashed.
    now += 60_000;
    await hub.heartbeat(identity('bob'));
    expect(await hub.sweepOfflineAgents()).toEqual([]);
    expect((await store.session(id))?.assignedTo).toBe('ann');
    now += 31_000; // 91 s after ann's last renewal
    events.length = 0;
    expect(await hub.sweepOfflineAgents()).toEqual([id]);
    expect(await queueIds()).toEqual([id]);
    expect(noticesTo(id).map((entry) => entry.activity.text)).toEqual([expect.stringContaining(REQUEUED_ZH)]);
    await waitFor('ann shown offline', () =>
      events.find((event) => event.type === 'presence.changed' && event.agent === 'ann'),
    );
    expect(events).toContainEqual({ type: 'presence.changed', agent: 'ann', status: 'offline' });
    // A second sweep finds nothing more to do: nothing is re-queued or told twice.
    expect(await hub.sweepOfflineAgents()).toEqual([]);
    expect(noticesTo(id)).toHaveLength(1);
  });

  it('keeps the chats of an agent whose heartbeat arrives in time, or who is away', async () => {
    await hub.setStatus(identity('ann'), 'online');
    await hub.setStatus(identity('bob'), 'online');
    const first = await escalate('kept');
    const second = await escalate('kept');
    await hub.accept(identity('ann'), first);
    await hub.accept(identity('bob'), second);
    for (let step = 0; step < 5; step += 1) {
      now += 60_000; // beyond the first expiry, but each within 90 s of the last renewal
      expect(await hub.heartbeat(identity('ann'))).toBe(true);
      expect(await hub.heartbeat(identity('bob'))).toBe(true);
      expect(await hub.sweepOfflineAgents()).toEqual([]);
    }
    // Away is still there: bob keeps answering the chat he has, he just takes no new ones.
    await hub.setStatus(identity('bob'), 'away');
    expect(await hub.sweepOfflineAgents()).toEqual([]);
    expect(await store.assignedTo('ann')).toEqual([first]);
    expect(await store.assignedTo('bob')).toEqual([second]);
    expect(await queueIds()).toEqual([]);
    expect(requeueNotices(sent)).toEqual([]);
  });

  it('tells the shopper honestly when nobody else is online', async () => {
    await hub.setStatus(identity('ann'), 'online');
    const id = await escalate('alone');
    await hub.accept(identity('ann'), id);
    sent.length = 0;
    await hub.setStatus(identity('ann'), 'offline');
    expect(await queueIds()).toEqual([id]);
    expect(noticesTo(id)).toHaveLength(1);
    expect(noticesTo(id)[0].activity.text).toContain(NONE_ONLINE_ZH);
  });

  it('gives a re-queued chat to exactly one of two agents racing for it', async () => {
    for (const name of ['ann', 'bob', 'cat']) await hub.setStatus(identity(name), 'online');
    const id = await escalate('race');
    await hub.accept(identity('ann'), id);
    await hub.logout(identity('ann'));
    const results = await Promise.allSettled([
      hub.accept(identity('bob'), id),
      hub.accept(identity('cat'), id),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const winner = (await store.session(id))?.assignedTo;
    expect(['bob', 'cat']).toContain(winner);
    expect(await store.assignedTo(winner === 'bob' ? 'cat' : 'bob')).toEqual([]);
  });
}

describe('agents going offline (memory)', () => {
  offlineContract(async () => new MemoryHandoffStore());

  it('sweeps by itself on its timer, and stops on shutdown', async () => {
    let now = T0;
    const store = new MemoryHandoffStore();
    const sent: Sent[] = [];
    const hub = hubOn(store, sent, () => new Date(now), { presenceSweepSeconds: 0.05 });
    try {
      await hub.setStatus(identity('ann'), 'online');
      const ref = directLineReference('timer', 'shopper-timer');
      await hub.enqueue(handoffContext('timer', { at: new Date(now) }), ref, new Date(now));
      await hub.accept(identity('ann'), 'timer');
      now += (TTL_SECONDS + 1) * 1000;
      await waitFor('the timer’s sweep', async () =>
        (await store.session('timer'))?.state === 'queued' ? true : undefined,
      );
      expect(requeueNotices(sent)).toHaveLength(1);
    } finally {
      await hub.shutdown();
    }
    // Stopped: a lapse after shutdown is nobody's business here any more.
    await store.enqueue({
      conversationId: 'after',
      state: 'queued',
      context: handoffContext('after'),
      reference: directLineReference('after', 'shopper-after'),
      queuedAt: new Date(now).toISOString(),
    });
    await store.accept('after', { username: 'bob', maxConcurrentChats: 5 }, new Date(now));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await store.session('after'))?.state).toBe('assigned');
  });
});

describeRedis('agents going offline (Redis, several instances)', () => {
  const redis = useRedis('offline-agents');
  const redisStores = useRedisHandoffStores(redis);

  offlineContract(async () => {
    return redisStores.fresh();
  });

  it('re-queues each chat and tells each shopper once when three instances sweep at once', async () => {
    const prefix = `${redis.prefix}sweepers:`;
    let now = T0;
    const sent: Sent[] = [];
    const stores = await Promise.all(Array.from({ length: 3 }, () => redisStores.onPrefix(prefix)));
    // ann's account is known to the first instance only (removed from the others' KEFU_AGENTS): all three
    // still find her chats, through the store.
    const hubs = stores.map((store, index) =>
      hubOn(store, sent, () => new Date(now), {
        accounts: index === 0 ? ACCOUNTS : ACCOUNTS.filter((a) => a.username !== 'ann'),
      }),
    );
    try {
      await hubs[0].setStatus(identity('ann'), 'online');
      const ids = ['s1', 's2', 's3', 's4'];
      for (const id of ids) {
        await hubs[0].enqueue(
          handoffContext(id, { at: new Date(now) }),
          directLineReference(id, `shopper-${id}`),
          new Date(now),
        );
        await hubs[0].accept(identity('ann'), id);
      }
      now += (TTL_SECONDS + 1) * 1000;
      const swept = await Promise.all(hubs.map((hub) => hub.sweepOfflineAgents()));
      expect(swept.flat().sort()).toEqual(ids);
      expect((await Promise.all(hubs.map((hub) => hub.sweepOfflineAgents()))).flat()).toEqual([]);
      expect(
        requeueNotices(sent)
          .map((entry) => entry.conversationId)
          .sort(),
      ).toEqual(ids);
      expect((await stores[2].queue()).map((s) => s.conversationId).sort()).toEqual(ids);
      for (const id of ids) {
        const system = (await stores[1].messages(id)).filter((record) => record.role === 'system');
        expect(system).toHaveLength(1);
      }
      // Nobody is left counted as holding chats.
      expect(await stores[0].seatedAgents()).toEqual([]);
    } finally {
      await Promise.all(hubs.map((hub) => hub.shutdown()));
      await Promise.all(stores.map((store) => store.shutdown()));
    }
  });

  it('finds the chats of an account removed from every instance’s KEFU_AGENTS', async () => {
    const prefix = `${redis.prefix}removed:`;
    let now = T0;
    const sent: Sent[] = [];
    const store = await redisStores.onPrefix(prefix);
    const before = hubOn(store, sent, () => new Date(now));
    await before.setStatus(identity('ann'), 'online');
    await before.enqueue(
      handoffContext('orphan'),
      directLineReference('orphan', 'shopper-orphan'),
      new Date(now),
    );
    await before.accept(identity('ann'), 'orphan');
    await before.shutdown();
    // Restarted without ann's account; her presence lapses as nobody renews it.
    const after = hubOn(store, sent, () => new Date(now), {
      accounts: ACCOUNTS.filter((a) => a.username !== 'ann'),
    });
    try {
      now += (TTL_SECONDS + 1) * 1000;
      expect(await after.sweepOfflineAgents()).toEqual(['orphan']);
      expect(requeueNotices(sent)).toHaveLength(1);
    } finally {
      await after.shutdown();
      await store.shutdown();
    }
  });
});
