import type { HandoffStore } from '../../src/handoff/handoff-store';
import { MemoryHandoffStore } from '../../src/handoff/memory-handoff-store';
import { at, queuedSession, seat, useRedisHandoffStores } from '../helpers/handoff-stores';
import { describeRedis, useRedis } from '../helpers/redis';

/** HandoffStore.requeue and seatedAgents: what gives a gone agent's chats back to the queue. */

const session = queuedSession;

function requeueContract(make: () => Promise<HandoffStore>): void {
  let store: HandoffStore;
  beforeEach(async () => {
    store = await make();
  });
  afterEach(async () => {
    await store.shutdown();
  });

  it('puts a gone agent’s chat back at its old place, with its context and messages, and frees the seat', async () => {
    const original = session('early', 2, at(0));
    await store.enqueue(original);
    await store.accept('early', seat('ann'), at(10));
    await store.appendMessage('early', {
      at: at(11).toISOString(),
      role: 'agent',
      text: '您好',
      name: 'Ann',
    });
    await store.markFirstReply('early', at(11));
    // Queued while ann had "early": same priority, later; and an urgent one.
    await store.enqueue(session('later', 2, at(20)));
    await store.enqueue(session('urgent', 1, at(30)));

    const outcome = await store.requeue('early', 'ann', at(100));
    expect(outcome).toMatchObject({
      ok: true,
      session: { state: 'queued', requeuedFrom: 'ann', requeuedAt: at(100).toISOString() },
    });
    const back = await store.session('early');
    expect(back).toMatchObject({
      state: 'queued',
      queuedAt: at(0).toISOString(),
      context: original.context,
      reference: original.reference,
    });
    // The next agent starts afresh.
    expect(back).not.toHaveProperty('assignedTo');
    expect(back).not.toHaveProperty('assignedAt');
    expect(back).not.toHaveProperty('firstAgentReplyAt');
    // Not behind the newer chat of its priority; still behind a more urgent one.
    expect((await store.queue()).map((s) => s.conversationId)).toEqual(['urgent', 'early', 'later']);
    expect(await store.position('early')).toBe(2);
    expect(await store.messages('early')).toEqual([
      { at: at(11).toISOString(), role: 'agent', text: '您好', name: 'Ann' },
    ]);
    expect(await store.assignedTo('ann')).toEqual([]);
    expect(await store.seatedAgents()).toEqual([]);
  });

  it('measures the next wait from the re-queue, not from the first escalation', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.accept('c1', seat('ann'), at(30));
    await store.requeue('c1', 'ann', at(600));
    const taken = await store.accept('c1', seat('bob'), at(645));
    expect(taken).toMatchObject({ ok: true, session: { assignedTo: 'bob', requeuedFrom: 'ann' } });
    expect(await store.recentWaits()).toEqual([45, 30]);
  });

  it('refuses while the agent’s presence lives (online or away), and not once it has lapsed', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.accept('c1', seat('ann'), at(1));
    await store.setPresence('ann', 'online', at(90));
    expect(await store.requeue('c1', 'ann', at(60))).toMatchObject({ ok: false, reason: 'agent_present' });
    // A heartbeat in time: still theirs after the first expiry.
    expect(await store.refreshPresence('ann', at(80), at(170))).toBe(true);
    expect(await store.requeue('c1', 'ann', at(120))).toMatchObject({ ok: false, reason: 'agent_present' });
    await store.setPresence('ann', 'away', at(300));
    expect(await store.requeue('c1', 'ann', at(200))).toMatchObject({ ok: false, reason: 'agent_present' });
    expect((await store.session('c1'))?.state).toBe('assigned');
    expect(await store.assignedTo('ann')).toEqual(['c1']);
    // No heartbeat after that: at 300 s the presence has lapsed.
    expect((await store.requeue('c1', 'ann', at(300))).ok).toBe(true);
  });

  it('refuses what is not the agent’s assigned chat', async () => {
    await store.enqueue(session('queued', 2, at(0)));
    await store.enqueue(session('bobs', 2, at(0)));
    await store.accept('bobs', seat('bob'), at(1));
    expect(await store.requeue('nope', 'ann', at(9))).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await store.requeue('queued', 'ann', at(9))).toMatchObject({ ok: false, reason: 'not_assigned' });
    expect(await store.requeue('bobs', 'ann', at(9))).toMatchObject({ ok: false, reason: 'not_yours' });
    expect((await store.requeue('bobs', 'bob', at(9))).ok).toBe(true);
    expect(await store.requeue('bobs', 'bob', at(9))).toMatchObject({ ok: false, reason: 'not_assigned' });
    await store.accept('bobs', seat('ann'), at(10));
    await store.close('bobs', 'ann', 'done', at(11));
    expect(await store.requeue('bobs', 'ann', at(12))).toMatchObject({ ok: false, reason: 'not_assigned' });
  });

  it('knows who holds chats through accept, transfer, close and re-queue', async () => {
    for (const id of ['a', 'b', 'c']) await store.enqueue(session(id, 2, at(0)));
    await store.accept('a', seat('ann'), at(1));
    await store.accept('b', seat('ann'), at(1));
    await store.accept('c', seat('bob'), at(1));
    expect((await store.seatedAgents()).sort()).toEqual(['ann', 'bob']);
    await store.transfer('c', 'bob', seat('cat'), at(2));
    expect((await store.seatedAgents()).sort()).toEqual(['ann', 'cat']);
    await store.close('a', 'ann', 'done', at(3));
    expect((await store.seatedAgents()).sort()).toEqual(['ann', 'cat']);
    await store.requeue('b', 'ann', at(4));
    expect(await store.seatedAgents()).toEqual(['cat']);
    await store.close('c', 'cat', 'done', at(5));
    expect(await store.seatedAgents()).toEqual([]);
  });
}

describe('MemoryHandoffStore re-queue', () => {
  requeueContract(async () => new MemoryHandoffStore());
});

describeRedis('RedisHandoffStore re-queue', () => {
  const redis = useRedis('handoff-requeue');
  const redisStores = useRedisHandoffStores(redis);

  requeueContract(async () => {
    return redisStores.fresh();
  });

  it('re-queues each chat once when five instances sweep the same agent at once', async () => {
    const prefix = `${redis.prefix}race:`;
    const stores = await Promise.all(Array.from({ length: 5 }, () => redisStores.onPrefix(prefix)));
    const ids = ['r1', 'r2', 'r3'];
    for (const id of ids) {
      await stores[0].enqueue(session(id, 2, at(0)));
      await stores[0].accept(id, seat('ann'), at(1));
    }
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        stores[index % stores.length].requeue(ids[index % ids.length], 'ann', at(200)),
      ),
    );
    const won = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.session.conversationId] : []));
    expect(won.sort()).toEqual(ids);
    expect(outcomes.filter((outcome) => !outcome.ok).every((o) => !o.ok && o.reason === 'not_assigned')).toBe(
      true,
    );
    expect((await stores[1].queue()).map((s) => s.conversationId).sort()).toEqual(ids);
    expect(await stores[2].assignedTo('ann')).toEqual([]);
    await Promise.all(stores.map((store) => store.shutdown()));
  });
});
