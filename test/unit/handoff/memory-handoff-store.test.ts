import type { HandoffSession } from '../../../src/handoff/agent-hub';
import { CLOSED_SESSION_TTL_SECONDS } from '../../../src/handoff/handoff-store';
import { MemoryHandoffStore } from '../../../src/handoff/memory-handoff-store';
import { directLineReference, handoffContext } from '../../helpers/handoff';

const T0 = new Date('2026-11-22T02:00:00Z');
const seat = { username: 'ann', maxConcurrentChats: 1000 };

function session(conversationId: string): HandoffSession {
  return {
    conversationId,
    state: 'queued',
    context: handoffContext(conversationId, { at: T0 }),
    reference: directLineReference(conversationId, `user-${conversationId}`),
    queuedAt: T0.toISOString(),
  };
}

async function closeOne(store: MemoryHandoffStore, id: string): Promise<void> {
  await store.enqueue(session(id));
  await store.accept(id, seat, T0);
  await store.appendMessage(id, { at: T0.toISOString(), role: 'agent', text: `about ${id}` });
  const closed = await store.close(id, 'ann', 'done', T0);
  if (!closed.ok) throw new Error(`could not close ${id}`);
}

describe('MemoryHandoffStore bounds', () => {
  it('keeps at most maxClosedSessions closed sessions, forgetting the least recently used first', async () => {
    const store = new MemoryHandoffStore(Date.now, { maxClosedSessions: 3 });
    for (const id of ['c1', 'c2', 'c3']) await closeOne(store, id);
    // The bot reads c1 (its rating is pending): it is used, so c2 is now the oldest.
    expect(await store.session('c1')).toMatchObject({ state: 'closed' });
    await closeOne(store, 'c4');
    expect(await store.session('c2')).toBeUndefined();
    expect(await store.messages('c2')).toEqual([]);
    for (const id of ['c1', 'c3', 'c4']) {
      expect(await store.session(id)).toMatchObject({ state: 'closed' });
      expect(await store.messages(id)).toEqual([expect.objectContaining({ text: `about ${id}` })]);
    }
    // A message for a forgotten conversation is not kept anywhere (it would never be forgotten).
    await store.appendMessage('c2', { at: T0.toISOString(), role: 'shopper', text: 'late' });
    expect(await store.messages('c2')).toEqual([]);
  });

  it('never forgets a queued or assigned session, however many', async () => {
    const store = new MemoryHandoffStore(Date.now, { maxClosedSessions: 2 });
    for (let index = 0; index < 10; index += 1) await store.enqueue(session(`q${index}`));
    for (let index = 0; index < 5; index += 1) await store.accept(`q${index}`, seat, T0);
    for (const id of ['x1', 'x2', 'x3']) await closeOne(store, id);
    expect(await store.queue()).toHaveLength(5);
    expect(await store.assignedTo('ann')).toHaveLength(5);
    expect(await store.session('x1')).toBeUndefined();
  });

  it('still lets a closed session go after its week', async () => {
    let now = T0.getTime();
    const store = new MemoryHandoffStore(() => now);
    await closeOne(store, 'c1');
    now += CLOSED_SESSION_TTL_SECONDS * 1000 - 1;
    expect(await store.session('c1')).toBeDefined();
    now += 1;
    expect(await store.session('c1')).toBeUndefined();
    expect(await store.messages('c1')).toEqual([]);
  });

  it('keeps a closed conversation’s messages with it and replaces both on a new escalation', async () => {
    const store = new MemoryHandoffStore();
    await closeOne(store, 'c1');
    await store.appendMessage('c1', { at: T0.toISOString(), role: 'system', text: 'rating?' });
    expect((await store.messages('c1')).map((record) => record.text)).toEqual(['about c1', 'rating?']);
    expect((await store.enqueue(session('c1'))).created).toBe(true);
    expect(await store.messages('c1')).toEqual([]);
  });
});
