import type { Storage } from 'botbuilder';
import { BoundedMemoryStorage } from './bounded-memory-storage';
import { MemoryTicketStore, type TicketStore } from '../commerce/ticket-store';
import { MemoryConversationLog, type ConversationLog } from './conversation-log';
import type { RedisClient } from './redis-client';
import { RedisConversationLog } from './redis-conversation-log';
import { RedisStorage } from './redis-storage';
import { RedisTicketStore } from './redis-ticket-store';

export interface Stores {
  /** botbuilder state (conversation and user state). */
  storage: Storage;
  conversationLog: ConversationLog;
  /** After-sales tickets; with Redis, ids stay unique across instances. */
  ticketStore: TicketStore;
}

export interface StoresOptions {
  /** Time source for ticket ids and timestamps; the real clock by default. */
  clock?: () => Date;
  /** The shop's time zone (policy.utcOffsetMinutes), whose date goes into ticket ids; China by default. */
  utcOffsetMinutes?: number;
  /** Without Redis: how many conversations' state and transcripts are kept (the most recently active). */
  memoryConversations?: number;
}

/** Memory when there is no Redis (the default: nothing to set up), Redis when REDIS_URL is set. */
export function createStores(
  redis: RedisClient | undefined,
  prefix: string,
  options: StoresOptions = {},
): Stores {
  if (!redis) {
    return {
      storage: new BoundedMemoryStorage(options.memoryConversations ?? 20_000),
      conversationLog: new MemoryConversationLog(options.memoryConversations),
      ticketStore: new MemoryTicketStore({ ...options, maxTickets: options.memoryConversations }),
    };
  }
  return {
    storage: new RedisStorage(redis, { prefix, ttlSeconds: 30 * 24 * 3600 }),
    conversationLog: new RedisConversationLog(redis, prefix),
    ticketStore: new RedisTicketStore(redis, { prefix, ...options }),
  };
}
