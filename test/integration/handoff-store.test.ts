import type { HandoffStore } from '../../src/handoff/handoff-store';
import type { HubEvent } from '../../src/handoff/hub-events';
import { MemoryHandoffStore } from '../../src/handoff/memory-handoff-store';
import { defaultQuickReplies } from '../../src/handoff/quick-replies';
import { at, queuedSession, seat, useRedisHandoffStores } from '../helpers/handoff-stores';
import { describeRedis, useRedis } from '../helpers/redis';
import { waitFor } from '../helpers/server';

const session = queuedSession;

/** The one contract both stores keep; run against each. */
function handoffStoreContract(make: () => Promise<HandoffStore>): void {
  let store: HandoffStore;
  beforeEach(async () => {
    store = await make();
  });
  afterEach(async () => {
    await store.shutdown();
  });

  it('keeps a session by conversation, with its context and reference intact', async () => {
    const queued = session('c1', 2, at(0));
    const { created, session: stored } = await store.enqueue(queued);
    expect(created).toBe(true);
    expect(stored).toEqual(queued);
    expect(await store.session('c1')).toEqual(queued);
    expect(await store.session('nope')).toBeUndefined();
  });

  it('enqueues idempotently: a queued or assigned conversation keeps its session and place', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    const again = await store.enqueue(session('c1', 1, at(30)));
    expect(again.created).toBe(false);
    expect(again.session.queuedAt).toBe(at(0).toISOString());
    expect((await store.queue()).map((s) => s.conversationId)).toEqual(['c1']);
    await store.accept('c1', seat('ann'), at(40));
    expect((await store.enqueue(session('c1', 1, at(50)))).created).toBe(false);
  });

  it('orders the queue by priority, then by time queued', async () => {
    await store.enqueue(session('low-early', 3, at(0)));
    await store.enqueue(session('mid', 2, at(10)));
    await store.enqueue(session('high-late', 1, at(30)));
    await store.enqueue(session('high-early', 1, at(20)));
    await store.enqueue(session('low-late', 3, at(40)));
    expect((await store.queue()).map((s) => s.conversationId)).toEqual([
      'high-early',
      'high-late',
      'mid',
      'low-early',
      'low-late',
    ]);
    expect(await store.position('high-early')).toBe(1);
    expect(await store.position('mid')).toBe(3);
    expect(await store.position('low-late')).toBe(5);
    expect(await store.position('missing')).toBeUndefined();
  });

  it('accepts a queued session once, counts the agent’s chats and records the wait', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    const accepted = await store.accept('c1', seat('ann'), at(90));
    expect(accepted).toMatchObject({
      ok: true,
      session: { state: 'assigned', assignedTo: 'ann', assignedAt: at(90).toISOString() },
    });
    expect(await store.accept('c1', seat('bob'), at(91))).toMatchObject({ ok: false, reason: 'not_queued' });
    expect(await store.accept('nope', seat('bob'), at(91))).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await store.queue()).toEqual([]);
    expect(await store.position('c1')).toBeUndefined();
    expect(await store.assignedTo('ann')).toEqual(['c1']);
    expect(await store.recentWaits()).toEqual([90]);
  });

  it('refuses an accept beyond the agent’s maximum of concurrent chats', async () => {
    for (const id of ['a', 'b', 'c']) await store.enqueue(session(id, 2, at(0)));
    expect((await store.accept('a', seat('ann', 2), at(1))).ok).toBe(true);
    expect((await store.accept('b', seat('ann', 2), at(2))).ok).toBe(true);
    expect(await store.accept('c', seat('ann', 2), at(3))).toMatchObject({
      ok: false,
      reason: 'at_capacity',
    });
    expect(await store.position('c')).toBe(1);
    await store.close('a', 'ann', 'done', at(4));
    expect((await store.accept('c', seat('ann', 2), at(5))).ok).toBe(true);
    expect((await store.assignedTo('ann')).sort()).toEqual(['b', 'c']);
  });

  it('transfers only the giver’s own session, to someone with a free seat', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.enqueue(session('c2', 2, at(0)));
    await store.accept('c1', seat('ann'), at(1));
    await store.accept('c2', seat('bob', 1), at(1));
    expect(await store.transfer('c1', 'bob', seat('cat'), at(2))).toMatchObject({
      ok: false,
      reason: 'not_yours',
    });
    expect(await store.transfer('c1', 'ann', seat('ann'), at(2))).toMatchObject({
      ok: false,
      reason: 'same_agent',
    });
    expect(await store.transfer('c1', 'ann', seat('bob', 1), at(2))).toMatchObject({
      ok: false,
      reason: 'at_capacity',
    });
    const moved = await store.transfer('c1', 'ann', seat('cat'), at(3));
    expect(moved).toMatchObject({
      ok: true,
      session: { assignedTo: 'cat', transferredFrom: 'ann', assignedAt: at(3).toISOString() },
    });
    expect(await store.assignedTo('ann')).toEqual([]);
    expect(await store.assignedTo('cat')).toEqual(['c1']);
  });

  it('closes with a resolution, frees the seat, waits for a rating, then records it', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.accept('c1', seat('ann'), at(1));
    expect(await store.close('c1', 'bob', 'x', at(2))).toMatchObject({ ok: false, reason: 'not_yours' });
    const closed = await store.close('c1', 'ann', '已补发 resent', at(3));
    expect(closed).toMatchObject({
      ok: true,
      session: {
        state: 'closed',
        closedBy: 'ann',
        resolution: '已补发 resent',
        ratingPending: true,
        closedAt: at(3).toISOString(),
      },
    });
    expect(await store.close('c1', 'ann', 'again', at(4))).toMatchObject({
      ok: false,
      reason: 'not_assigned',
    });
    expect(await store.assignedTo('ann')).toEqual([]);
    expect(await store.recordRating('c1', 5)).toMatchObject({
      state: 'closed',
      ratingPending: false,
      rating: 5,
    });
    expect(await store.recordRating('never', 5)).toBeUndefined();
    // A new escalation of the same conversation starts a fresh session.
    const again = await store.enqueue(session('c1', 1, at(100)));
    expect(again.created).toBe(true);
    expect(again.session).not.toHaveProperty('resolution');
  });

  it('lets a waiting shopper cancel, but not once an agent has the conversation', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.enqueue(session('c2', 2, at(0)));
    await store.appendMessage('c1', { at: at(1).toISOString(), role: 'shopper', text: 'hello?' });
    expect(await store.cancel('c1')).toBe('cancelled');
    expect(await store.session('c1')).toBeUndefined();
    expect(await store.messages('c1')).toEqual([]);
    expect(await store.cancel('c1')).toBe('none');
    await store.accept('c2', seat('ann'), at(2));
    expect(await store.cancel('c2')).toBe('assigned');
  });

  it('keeps the handoff’s messages in order and marks the first agent reply once', async () => {
    await store.enqueue(session('c1', 2, at(0)));
    await store.appendMessage('c1', { at: at(1).toISOString(), role: 'shopper', text: '<b>还在吗</b>' });
    await store.appendMessage('c1', { at: at(2).toISOString(), role: 'agent', text: '在的', name: '李娜' });
    expect((await store.messages('c1')).map((record) => record.text)).toEqual(['<b>还在吗</b>', '在的']);
    await store.markFirstReply('c1', at(2));
    await store.markFirstReply('c1', at(9));
    expect((await store.session('c1'))?.firstAgentReplyAt).toBe(at(2).toISOString());
    await store.markFirstReply('gone', at(2));
    expect(await store.session('gone')).toBeUndefined();
  });

  it('knows who is present, and forgets a presence whose heartbeat stopped', async () => {
    await store.setPresence('ann', 'online', at(90));
    await store.setPresence('bob', 'away', at(90));
    expect((await store.presence(at(0))).sort((a, b) => a.username.localeCompare(b.username))).toEqual([
      { username: 'ann', status: 'online', expiresAt: at(90).toISOString() },
      { username: 'bob', status: 'away', expiresAt: at(90).toISOString() },
    ]);
    expect(await store.refreshPresence('ann', at(60), at(150))).toBe(true);
    // bob's console crashed: no heartbeat, and at 100 s he is gone.
    expect((await store.presence(at(100))).map((p) => p.username)).toEqual(['ann']);
    expect(await store.refreshPresence('bob', at(100), at(190))).toBe(false);
    await store.setPresence('ann', 'offline', at(0));
    expect(await store.presence(at(101))).toEqual([]);
  });

  it('keeps the last 20 waits, newest first', async () => {
    for (let index = 1; index <= 25; index += 1) await store.recordWait(index);
    const waits = await store.recentWaits();
    expect(waits).toHaveLength(20);
    expect(waits[0]).toBe(25);
    expect(waits[19]).toBe(6);
  });

  it('keeps customer tags and notes for the next agent', async () => {
    expect(await store.customer('alice')).toEqual({ tags: [], notes: [] });
    await store.addTag('alice', 'VIP');
    await store.addTag('alice', '爱退货');
    await store.addTag('alice', 'VIP');
    await store.addNote('alice', { text: '只收顺丰', author: 'ann', at: at(0).toISOString() });
    const record = await store.addNote('alice', {
      text: 'prefers calls',
      author: 'bob',
      at: at(5).toISOString(),
    });
    expect(record.tags.sort()).toEqual(['VIP', '爱退货'].sort());
    expect(record.notes.map((note) => note.text)).toEqual(['prefers calls', '只收顺丰']);
    expect((await store.removeTag('alice', 'VIP')).tags).toEqual(['爱退货']);
  });

  it('stores the shop’s quick replies, none until set', async () => {
    expect(await store.quickReplies()).toBeUndefined();
    await store.setQuickReplies(defaultQuickReplies.slice(0, 2));
    expect(await store.quickReplies()).toEqual(defaultQuickReplies.slice(0, 2));
  });

  it('gives the same signing key every time', async () => {
    const key = await store.signingKey();
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect((await store.signingKey()).equals(key)).toBe(true);
  });

  it('delivers published events to subscribers, and stops when they leave', async () => {
    const seen: HubEvent[] = [];
    const leave = await store.subscribe((event) => seen.push(event));
    await store.publish({ type: 'queue.changed' });
    await store.publish({
      type: 'shopper.message',
      conversationId: 'c1',
      record: { at: at(0).toISOString(), role: 'shopper', text: 'hi' },
    });
    await waitFor('both events', () => (seen.length === 2 ? true : undefined));
    expect(seen[1]).toMatchObject({ type: 'shopper.message', record: { text: 'hi' } });
    await leave();
    await store.publish({ type: 'queue.changed' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(2);
  });
}

describe('MemoryHandoffStore', () => {
  handoffStoreContract(async () => new MemoryHandoffStore());

  it('gives exactly one of 50 concurrent accepts the conversation', async () => {
    const store = new MemoryHandoffStore();
    await store.enqueue(session('race', 1, at(0)));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) => store.accept('race', seat(`agent${index % 7}`), at(1))),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });
});

describeRedis('RedisHandoffStore', () => {
  const redis = useRedis('handoff-store');
  const redisStores = useRedisHandoffStores(redis);

  handoffStoreContract(async () => {
    return redisStores.fresh();
  });

  it('gives exactly one of 50 concurrent accepts, from five instances, the conversation', async () => {
    const prefix = `${redis.prefix}race:`;
    const stores = await Promise.all(Array.from({ length: 5 }, () => redisStores.onPrefix(prefix)));
    await stores[0].enqueue(session('race', 1, at(0)));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        stores[index % stores.length].accept('race', seat(`agent${index % 7}`), at(1)),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0].ok ? winners[0].session.assignedTo : undefined;
    expect(outcomes.filter((outcome) => !outcome.ok).every((o) => !o.ok && o.reason === 'not_queued')).toBe(
      true,
    );
    // Only the winner holds a seat for it.
    for (let index = 0; index < 7; index += 1) {
      const held = await stores[0].assignedTo(`agent${index}`);
      expect(held).toEqual(`agent${index}` === winner ? ['race'] : []);
    }
    await Promise.all(stores.map((store) => store.shutdown()));
  });

  it('carries events between instances and ignores malformed ones', async () => {
    const prefix = `${redis.prefix}events:`;
    const [publisher, subscriber] = [await redisStores.onPrefix(prefix), await redisStores.onPrefix(prefix)];
    const seen: HubEvent[] = [];
    await subscriber.subscribe((event) => seen.push(event));
    await redis.client.publish(`${prefix}handoff:events`, '{"type":"nonsense"}');
    await publisher.publish({ type: 'session.assigned', conversationId: 'c9', agent: 'ann' });
    await waitFor('the event on the other instance', () => (seen.length > 0 ? true : undefined));
    expect(seen).toEqual([{ type: 'session.assigned', conversationId: 'c9', agent: 'ann' }]);
    await publisher.shutdown();
    await subscriber.shutdown();
  });
});
