import { createShopBot } from '../bot/create-bot';
import type { ShopBot } from '../bot/shop-bot';
import { createBotFrameworkAdapter, type BotFrameworkAdapter } from '../channels/bot-framework-adapter';
import { DirectLineService } from '../channels/directline/conversation-service';
import { createChannelStores, type ChannelStores } from '../channels/directline/stores';
import { DirectLineTokens } from '../channels/directline/tokens';
import type { KefuConfig } from '../config';
import type { Logger } from '../log/logger';
import type { Nlu } from '../nlu/nlu';
import type { RedisClient } from '../storage/redis-client';
import { createStores } from '../storage/stores';

/** The one ShopBot and every channel that reaches it, built once per server. */
export interface Channels {
  bot: ShopBot;
  directLine: DirectLineService;
  tokens: DirectLineTokens;
  stores: ChannelStores;
  botFramework: BotFrameworkAdapter;
  close(): Promise<void>;
}

export function createChannels(options: {
  config: KefuConfig;
  logger: Logger;
  redis?: RedisClient;
  nlu?: Nlu;
}): Channels {
  const { config, logger, redis } = options;
  const { storage, conversationLog } = createStores(redis, config.keyPrefix);
  const { bot } = createShopBot({ config, logger, storage, conversationLog, nlu: options.nlu });
  const stores = createChannelStores({
    redis,
    prefix: config.keyPrefix,
    rateLimitPerMinute: config.rateLimitPerMinute,
    logger,
  });
  const tokens = new DirectLineTokens({
    secret: config.directLineSecret,
    ttlSeconds: config.directLineTokenTtlSeconds,
  });
  if (!config.directLineSecret) {
    // Tokens signed with a per-process secret die with the process and are refused by other instances.
    (redis ? logger.warn : logger.info).call(
      logger,
      'DIRECTLINE_SECRET is not set: Direct Line tokens are signed with a random secret of this process, anyone may generate one, and other instances will refuse them; set DIRECTLINE_SECRET when running several instances',
    );
  }
  const directLine = new DirectLineService({
    bot,
    activityLog: stores.activityLog,
    attachments: stores.attachments,
    rateLimiter: stores.rateLimiter,
    maxMessageLength: config.maxMessageLength,
    logger: logger.child({ channel: 'directline' }),
  });
  const botFramework = createBotFrameworkAdapter(config, logger.child({ channel: 'botframework' }));
  return {
    bot,
    directLine,
    tokens,
    stores,
    botFramework,
    async close() {
      await directLine.drain();
      await stores.activityLog.close();
    },
  };
}
