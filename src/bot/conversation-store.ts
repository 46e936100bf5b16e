import type { StatePropertyAccessor, Storage, StoreItems, TurnContext } from 'botbuilder';

/** Where a turn keeps the state it read, so that every accessor of the turn shares one read. */
const TURN_STATE = Symbol('kefu.conversationState');

interface LoadedState {
  key: string;
  items: Record<string, unknown>;
  /** The state as it was read, for turns that save only what changed; unset when the turn always saves. */
  snapshot?: string;
}

/**
 * The bot's per-conversation state, read once per turn from a botbuilder Storage and written once at its
 * end — what botbuilder's ConversationState does, under the same storage key (so state written by either
 * reads back with the other), without its change hash: ConversationState stringifies and SHA-256-hashes the
 * whole state when it reads it and again after writing it, which under load was a visible share of a turn.
 * Message turns always change the state (their turn count at least) and are written unconditionally; other
 * turns compare the state's JSON with what was read.
 */
export class ConversationStore {
  constructor(private readonly storage: Storage) {}

  property<T>(name: string): StatePropertyAccessor<T> {
    return new ConversationProperty<T>(this, name);
  }

  async load(context: TurnContext): Promise<Record<string, unknown>> {
    const loaded = context.turnState.get(TURN_STATE) as LoadedState | undefined;
    if (loaded) return loaded.items;
    const key = storageKey(context);
    const read = await this.storage.read([key]);
    const items = (read[key] as Record<string, unknown> | undefined) ?? {};
    const state: LoadedState = { key, items };
    if (context.activity.type !== 'message') state.snapshot = JSON.stringify(items);
    context.turnState.set(TURN_STATE, state);
    return items;
  }

  /** Writes the turn's state, if the turn read it and (for turns other than messages) changed it; once, at its end. */
  async saveChanges(context: TurnContext): Promise<void> {
    const loaded = context.turnState.get(TURN_STATE) as LoadedState | undefined;
    if (!loaded) return;
    if (loaded.snapshot !== undefined && loaded.snapshot === JSON.stringify(loaded.items)) return;
    // '*' as ConversationState writes it: the last writer wins; a turn is serialised per conversation anyway.
    const changes: StoreItems = { [loaded.key]: { ...loaded.items, eTag: '*' } };
    await this.storage.write(changes);
  }
}

class ConversationProperty<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly store: ConversationStore,
    readonly name: string,
  ) {}

  async get(context: TurnContext): Promise<T | undefined>;
  async get(context: TurnContext, defaultValue: T): Promise<T>;
  async get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    const items = await this.store.load(context);
    if (!Object.prototype.hasOwnProperty.call(items, this.name) && defaultValue !== undefined) {
      // A copy, as botbuilder's accessor makes: the caller's default object is not adopted by the state.
      items[this.name] = structuredClone(defaultValue);
    }
    return items[this.name] as T | undefined;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    const items = await this.store.load(context);
    items[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const items = await this.store.load(context);
    delete items[this.name];
  }
}

/** ConversationState's key: `<channelId>/conversations/<conversationId>/<namespace>`, its namespace empty. */
function storageKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId) throw new Error('Conversation state: the activity has no channelId.');
  if (!conversation?.id) throw new Error('Conversation state: the activity has no conversation id.');
  return `${channelId}/conversations/${conversation.id}/`;
}
