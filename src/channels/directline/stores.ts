import type { Logger } from '../../log/logger';
import type { RedisClient } from '../../storage/redis-client';
import { MemoryActivityLog, type ActivityLog } from './activity-log';
import { MemoryAttachmentStore, type AttachmentStore } from './attachment-store';
import { MemoryRateLimiter, type RateLimiter } from './rate-limiter';
import { RedisActivityLog } from './redis-activity-log';
import { RedisAttachmentStore } from './redis-attachment-store';
import { RedisRateLimiter } from './redis-rate-limiter';

export interface ChannelStores {
  activityLog: ActivityLog;
  attachments: AttachmentStore;
  rateLimiter: RateLimiter;
  /** Shopper requests per client address, whatever conversation they are for. */
  addressRateLimiter: RateLimiter;
}

/** Memory without Redis; with Redis, shared by every instance so a client may land on any of them. */
export function createChannelStores(options: {
  redis?: RedisClient;
  prefix: string;
  rateLimitPerMinute: number;
  rateLimitPerIpPerMinute: number;
  /** Without Redis: conversations whose activities are kept (the most recently active). */
  memoryConversations?: number;
  logger: Logger;
}): ChannelStores {
  const { redis, prefix, rateLimitPerMinute, rateLimitPerIpPerMinute, logger } = options;
  if (!redis) {
    return {
      activityLog: new MemoryActivityLog(options.memoryConversations),
      attachments: new MemoryAttachmentStore(),
      rateLimiter: new MemoryRateLimiter(rateLimitPerMinute),
      addressRateLimiter: new MemoryRateLimiter(rateLimitPerIpPerMinute),
    };
  }
  return {
    activityLog: new RedisActivityLog(redis, { prefix, logger }),
    attachments: new RedisAttachmentStore(redis, prefix),
    rateLimiter: new RedisRateLimiter(redis, prefix, rateLimitPerMinute),
    addressRateLimiter: new RedisRateLimiter(redis, prefix, rateLimitPerIpPerMinute),
  };
}
