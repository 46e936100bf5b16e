import type { HandoffSession } from '../../src/handoff/agent-hub';
import type { EscalationPriority } from '../../src/handoff/escalation-policy';
import { RedisHandoffStore } from '../../src/handoff/redis-handoff-store';
import type { Logger } from '../../src/log/logger';
import { closeRedis, connectRedis, type RedisClient } from '../../src/storage/redis-client';
import { directLineReference, handoffContext } from './handoff';
import { testLogger } from './quiet-logger';

/** The store tests' clock: a fixed start, and seconds after it. */
export const T0 = new Date('2026-11-22T02:00:00Z');
export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
export const seat = (username: string, maxConcurrentChats = 5) => ({ username, maxConcurrentChats });

/** A session as the escalator queues it. */
export function queuedSession(
  conversationId: string,
  priority: EscalationPriority,
  queuedAt: Date,
): HandoffSession {
  return {
    conversationId,
    state: 'queued',
    context: handoffContext(conversationId, { priority, at: queuedAt }),
    reference: directLineReference(conversationId, `user-${conversationId}`),
    queuedAt: queuedAt.toISOString(),
  };
}

/**
 * Inside a describeRedis block: Redis handoff stores, each on a connection of its own as each kefu instance
 * has. `fresh()` gives a store under a prefix no other test uses; `onPrefix(prefix)` one that shares a prefix
 * with others (several instances on one Redis). Every connection is closed after the block.
 */
export function useRedisHandoffStores(redis: { readonly url: string; readonly prefix: string }): {
  logger: Logger;
  client(): Promise<RedisClient>;
  fresh(): Promise<RedisHandoffStore>;
  onPrefix(prefix: string): Promise<RedisHandoffStore>;
} {
  const logger = testLogger();
  const clients: RedisClient[] = [];
  let counter = 0;
  afterAll(async () => {
    await Promise.all(clients.map((connected) => closeRedis(connected)));
  });
  const client = async () => {
    const connected = await connectRedis(redis.url, logger);
    clients.push(connected);
    return connected;
  };
  const onPrefix = async (prefix: string) => new RedisHandoffStore(await client(), { prefix, logger });
  return {
    logger,
    client,
    onPrefix,
    fresh: () => {
      counter += 1;
      return onPrefix(`${redis.prefix}${counter}:`);
    },
  };
}
