import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import { flatJson } from '../../storage/flat-json';
import { LruMap } from '../../storage/lru-map';

/**
 * Every activity of a Direct Line conversation — the shopper's (echoed back with an id, as Direct Line
 * does) and the bot's — in order. A watermark is the sequence number of the last activity a client has
 * seen, so a client that reconnects with it gets exactly what it missed.
 */

export type LoggedActivity = Partial<Activity> & { id: string };

export interface ActivityPage {
  activities: LoggedActivity[];
  /** The watermark to ask with next time: the last returned activity's sequence number. */
  watermark: number;
}

export interface ActivityLog {
  /** Stores an activity and returns it with its id (`<conversation>|<sequence>`). */
  append(conversationId: string, activity: Partial<Activity>): Promise<LoggedActivity>;
  /**
   * Appends unless an activity with this client id (Web Chat's `channelData.clientActivityID`) is in the
   * conversation already, in which case that one is returned with `repeated`: a client retrying a post
   * whose answer it never got (a 503 during a Redis outage, a dropped connection) does not say it twice.
   */
  appendOnce(
    conversationId: string,
    clientActivityId: string,
    activity: Partial<Activity>,
  ): Promise<{ logged: LoggedActivity; repeated: boolean }>;
  /** Whether an activity with this client id was appended to the conversation (as appendOnce remembers them). */
  knows(conversationId: string, clientActivityId: string): Promise<boolean>;
  /** Activities after `watermark`, oldest first, at most `limit`. */
  read(conversationId: string, watermark: number, limit?: number): Promise<ActivityPage>;
  /** Calls `onAppend` whenever an activity is appended to the conversation (here or on another instance). */
  watch(conversationId: string, onAppend: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Activities kept per conversation; older ones fall off, as on the real Direct Line service. */
export const MAX_LOGGED_ACTIVITIES = 1000;
/** Largest page a single read returns; clients ask again with the new watermark. */
export const ACTIVITY_PAGE_SIZE = 100;

export function activityId(conversationId: string, sequence: number): string {
  return `${conversationId}|${String(sequence).padStart(7, '0')}`;
}

/** The sequence number an activity id ends with (its watermark). */
export function sequenceOf(id: string): number {
  return Number(id.slice(id.lastIndexOf('|') + 1));
}

/** The sequence of the conversation's first kept activity. */
function firstSequence(conversation: MemoryConversation): number {
  return conversation.sequence - conversation.entries.length + 1;
}

/** Where the activity numbered `sequence` is (or would be) in the conversation's entries. */
function indexOf(conversation: MemoryConversation, sequence: number): number {
  return sequence - firstSequence(conversation);
}

function sequenceAt(conversation: MemoryConversation, index: number): number {
  return firstSequence(conversation) + index;
}

function parseLogged(json: string): LoggedActivity {
  return JSON.parse(json) as LoggedActivity;
}

interface MemoryConversation {
  /** The last sequence handed out. The log holds the activities numbered `sequence - entries.length + 1` on. */
  sequence: number;
  /**
   * Each activity as JSON text, not as the object: a held activity is a dozen small objects (accounts,
   * conversation, channel data, actions) that every major garbage collection has to mark, and with
   * thousands of conversations held that marking stalled the event loop for ~100 ms every few seconds
   * under load (see README, Benchmarks). As flat text (flatJson) it is one object the collector does not
   * look into; and a reader never shares an object with the log. Sequences are consecutive, so the array
   * index gives them.
   */
  entries: string[];
  /** Client activity id → sequence, for as many activities as the log keeps. */
  clientIds: LruMap<string, number>;
}

/** The in-memory log: one process, no set-up. Keeps the most recently used conversations only. */
export class MemoryActivityLog implements ActivityLog {
  private readonly conversations: LruMap<string, MemoryConversation>;
  private readonly events = new EventEmitter();

  constructor(maxConversations = 10_000) {
    this.conversations = new LruMap(maxConversations);
    // One listener per open WebSocket of a conversation; many sockets are normal, not a leak.
    this.events.setMaxListeners(0);
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<LoggedActivity> {
    const conversation = this.touch(conversationId);
    conversation.sequence += 1;
    const logged: LoggedActivity = { ...activity, id: activityId(conversationId, conversation.sequence) };
    conversation.entries.push(flatJson(logged));
    if (conversation.entries.length > MAX_LOGGED_ACTIVITIES) {
      conversation.entries.splice(0, conversation.entries.length - MAX_LOGGED_ACTIVITIES);
    }
    this.events.emit(conversationId);
    return logged;
  }

  async appendOnce(
    conversationId: string,
    clientActivityId: string,
    activity: Partial<Activity>,
  ): Promise<{ logged: LoggedActivity; repeated: boolean }> {
    const known = this.conversations.peek(conversationId);
    const sequence = known?.clientIds.get(clientActivityId);
    const earlier = known && sequence !== undefined ? known.entries[indexOf(known, sequence)] : undefined;
    if (earlier !== undefined) return { logged: parseLogged(earlier), repeated: true };
    const logged = await this.append(conversationId, activity);
    this.conversations.peek(conversationId)?.clientIds.set(clientActivityId, sequenceOf(logged.id));
    return { logged, repeated: false };
  }

  async knows(conversationId: string, clientActivityId: string): Promise<boolean> {
    return this.conversations.peek(conversationId)?.clientIds.peek(clientActivityId) !== undefined;
  }

  async read(conversationId: string, watermark: number, limit = ACTIVITY_PAGE_SIZE): Promise<ActivityPage> {
    const conversation = this.conversations.peek(conversationId);
    if (!conversation) return { activities: [], watermark };
    const from = Math.max(0, indexOf(conversation, watermark + 1));
    const page = conversation.entries.slice(from, from + limit);
    return {
      activities: page.map(parseLogged),
      watermark: page.length > 0 ? sequenceAt(conversation, from + page.length - 1) : watermark,
    };
  }

  async watch(conversationId: string, onAppend: () => void): Promise<() => Promise<void>> {
    this.events.on(conversationId, onAppend);
    return async () => {
      this.events.off(conversationId, onAppend);
    };
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }

  private touch(conversationId: string): MemoryConversation {
    const conversation = this.conversations.get(conversationId) ?? {
      sequence: 0,
      entries: [],
      clientIds: new LruMap<string, number>(MAX_LOGGED_ACTIVITIES),
    };
    this.conversations.set(conversationId, conversation);
    return conversation;
  }
}
