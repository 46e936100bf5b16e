import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
  type Activity,
  type StoreItems,
} from 'botbuilder';
import { ConversationStore } from '../../../src/bot/conversation-store';

/** A MemoryStorage that counts what the store asks of it. */
class CountingStorage extends MemoryStorage {
  reads = 0;
  writes: StoreItems[] = [];
  override read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return super.read(keys);
  }
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

function turn(type: string, conversationId = 'c-1'): TurnContext {
  const activity: Partial<Activity> = {
    type,
    text: type === ActivityTypes.Message ? 'hi' : undefined,
    channelId: 'directline',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'shopper-1', name: '' },
    recipient: { id: 'bot', name: '' },
  };
  return new TurnContext(new TestAdapter(), activity);
}

interface Counter {
  count: number;
}

describe('ConversationStore', () => {
  it('reads once per turn, however many properties the turn uses, and writes the message turn', async () => {
    const storage = new CountingStorage();
    const store = new ConversationStore(storage);
    const counter = store.property<Counter>('counter');
    const other = store.property<string[]>('other');

    const context = turn(ActivityTypes.Message);
    (await counter.get(context, { count: 0 })).count += 1;
    await other.set(context, ['a']);
    expect(await counter.get(context)).toEqual({ count: 1 });
    await store.saveChanges(context);

    expect(storage.reads).toBe(1);
    expect(storage.writes).toHaveLength(1);
    expect(storage.writes[0]['directline/conversations/c-1/']).toMatchObject({
      counter: { count: 1 },
      other: ['a'],
    });

    const next = turn(ActivityTypes.Message);
    expect(await counter.get(next)).toEqual({ count: 1 });
    expect(await other.get(next)).toEqual(['a']);
  });

  it('does not adopt the default object: a later turn does not see the caller mutate it', async () => {
    const store = new ConversationStore(new MemoryStorage());
    const counter = store.property<Counter>('counter');
    const fallback = { count: 5 };
    const context = turn(ActivityTypes.Message);
    await counter.get(context, fallback);
    await store.saveChanges(context);
    fallback.count = 99;
    expect(await counter.get(turn(ActivityTypes.Message))).toEqual({ count: 5 });
  });

  it('writes a turn other than a message only when it changed the state', async () => {
    const storage = new CountingStorage();
    const store = new ConversationStore(storage);
    const counter = store.property<Counter>('counter');
    const seed = turn(ActivityTypes.Message);
    await counter.set(seed, { count: 1 });
    await store.saveChanges(seed);
    expect(storage.writes).toHaveLength(1);

    const unchanged = turn(ActivityTypes.ConversationUpdate);
    expect(await counter.get(unchanged)).toEqual({ count: 1 });
    await store.saveChanges(unchanged);
    expect(storage.writes).toHaveLength(1);

    const changed = turn(ActivityTypes.Event);
    (await counter.get(changed, { count: 0 })).count = 2;
    await store.saveChanges(changed);
    expect(storage.writes).toHaveLength(2);

    // A turn that never touched the state writes nothing, not even an empty record.
    const untouched = turn(ActivityTypes.Message, 'c-2');
    await store.saveChanges(untouched);
    expect(storage.writes).toHaveLength(2);
  });

  it('deletes a property', async () => {
    const store = new ConversationStore(new MemoryStorage());
    const counter = store.property<Counter>('counter');
    const first = turn(ActivityTypes.Message);
    await counter.set(first, { count: 1 });
    await store.saveChanges(first);
    const second = turn(ActivityTypes.Message);
    await counter.delete(second);
    await store.saveChanges(second);
    expect(await counter.get(turn(ActivityTypes.Message))).toBeUndefined();
  });

  it("shares botbuilder ConversationState's storage key: state kept by either reads back with the other", async () => {
    const storage = new MemoryStorage();
    const botbuilderState = new ConversationState(storage);
    const before = turn(ActivityTypes.Message);
    await botbuilderState.createProperty<Counter>('counter').set(before, { count: 7 });
    await botbuilderState.saveChanges(before);

    const store = new ConversationStore(storage);
    const during = turn(ActivityTypes.Message);
    const counter = await store.property<Counter>('counter').get(during);
    expect(counter).toEqual({ count: 7 });
    counter!.count = 8;
    await store.saveChanges(during);

    const after = turn(ActivityTypes.Message);
    expect(await botbuilderState.createProperty<Counter>('counter').get(after)).toEqual({ count: 8 });
  });

  it('refuses an activity with no conversation to key the state by', async () => {
    const store = new ConversationStore(new MemoryStorage());
    const context = new TurnContext(new TestAdapter(), { type: 'message', channelId: 'directline' });
    await expect(store.property<Counter>('counter').get(context)).rejects.toThrow(/no conversation id/);
  });
});
