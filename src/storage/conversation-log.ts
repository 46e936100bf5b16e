import type { Entity, Language } from '../nlu/types';
import { flatJson } from './flat-json';
import { LruMap } from './lru-map';

/** One line of a conversation's transcript, as agents and analytics see it. */
export interface TurnRecord {
  at: string;
  role: 'shopper' | 'bot' | 'agent' | 'system';
  text: string;
  language?: Language;
  intent?: string;
  confidence?: number;
  sentiment?: number;
  entities?: Pick<Entity, 'type' | 'value' | 'text' | 'valid'>[];
  /** Agent display name for agent lines. */
  name?: string;
}

/** Every turn of every conversation, in order. Memory by default, Redis with REDIS_URL. */
export interface ConversationLog {
  /** Appends the records in order; several at once in one write (a turn's replies). */
  append(conversationId: string, ...records: TurnRecord[]): Promise<void>;
  /** The last `limit` records (all when omitted), oldest first. */
  read(conversationId: string, limit?: number): Promise<TurnRecord[]>;
}

/** Longest transcript kept per conversation: enough for any agent, bounded against a flood. */
export const MAX_TRANSCRIPT_RECORDS = 500;

/**
 * The transcripts of the most recently active `maxConversations` conversations. Lines are kept as JSON
 * text: one object each for the garbage collector to mark instead of a record and its entities (see
 * MemoryActivityLog), and what a reader gets is its own copy.
 */
export class MemoryConversationLog implements ConversationLog {
  private readonly logs: LruMap<string, string[]>;

  constructor(maxConversations = 20_000) {
    this.logs = new LruMap(maxConversations);
  }

  async append(conversationId: string, ...records: TurnRecord[]): Promise<void> {
    if (records.length === 0) return;
    const log = this.logs.get(conversationId) ?? [];
    for (const record of records) log.push(flatJson(record));
    if (log.length > MAX_TRANSCRIPT_RECORDS) log.splice(0, log.length - MAX_TRANSCRIPT_RECORDS);
    this.logs.set(conversationId, log);
  }

  async read(conversationId: string, limit?: number): Promise<TurnRecord[]> {
    const log = this.logs.peek(conversationId) ?? [];
    return (limit === undefined ? log : log.slice(-limit)).map((line) => JSON.parse(line) as TurnRecord);
  }
}
