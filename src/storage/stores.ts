import { MemoryStorage, type Storage } from 'botbuilder';
import { MemoryConversationLog, type ConversationLog } from './conversation-log';
import type { RedisClient } from './redis-client';
import { RedisConversationLog } from './redis-conversation-log';
import { RedisStorage } from './redis-storage';

export interface Stores {
  /** botbuilder state (conversation and user state). */
  storage: Storage;
  conversationLog: ConversationLog;
}

/** Memory when there is no Redis (the default: nothing to set up), Redis when REDIS_URL is set. */
export function createStores(redis: RedisClient | undefined, prefix: string): Stores {
  if (!redis) return { storage: new MemoryStorage(), conversationLog: new MemoryConversationLog() };
  return {
    storage: new RedisStorage(redis, { prefix, ttlSeconds: 30 * 24 * 3600 }),
    conversationLog: new RedisConversationLog(redis, prefix),
  };
}
