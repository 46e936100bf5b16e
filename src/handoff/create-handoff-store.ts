import type { Logger } from '../log/logger';
import type { RedisClient } from '../storage/redis-client';
import type { HandoffStore } from './handoff-store';
import { MemoryHandoffStore } from './memory-handoff-store';
import { RedisHandoffStore } from './redis-handoff-store';

/** Memory without Redis (one instance); with Redis, one queue shared by every instance. */
export function createHandoffStore(options: {
  redis?: RedisClient;
  prefix: string;
  logger: Logger;
  /** Memory only: closed sessions kept at most (MEMORY_CONVERSATIONS is the natural value). */
  memoryClosedSessions?: number;
}): HandoffStore {
  if (!options.redis)
    return new MemoryHandoffStore(Date.now, { maxClosedSessions: options.memoryClosedSessions });
  return new RedisHandoffStore(options.redis, { prefix: options.prefix, logger: options.logger });
}
