import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createShopBot } from '../bot/create-bot';
import type { ShopBot } from '../bot/shop-bot';
import { createBotFrameworkAdapter, type BotFrameworkAdapter } from '../channels/bot-framework-adapter';
import { DirectLineService } from '../channels/directline/conversation-service';
import { MemoryRateLimiter } from '../channels/directline/rate-limiter';
import { RedisRateLimiter } from '../channels/directline/redis-rate-limiter';
import { createChannelStores, type ChannelStores } from '../channels/directline/stores';
import { DirectLineTokens } from '../channels/directline/tokens';
import { ChannelMessenger } from '../channels/shopper-messenger';
import { defaultPolicy, type ShopPolicy } from '../commerce/policy';
import type { KefuConfig } from '../config';
import { AgentHub, type AgentHubOptions } from '../handoff/agent-hub-service';
import { createHandoffStore } from '../handoff/create-handoff-store';
import type { HandoffStore } from '../handoff/handoff-store';
import type { Logger } from '../log/logger';
import type { Nlu } from '../nlu/nlu';
import type { RedisClient } from '../storage/redis-client';
import { createStores } from '../storage/stores';
import { MeteredConversationLog } from './metered-conversation-log';
import { meteredHandoffStore } from './metered-handoff-store';
import { KefuMetrics } from './metrics';

/** What tests and embedding code may change in the agent hub (a clock to expire tokens, tighter limits). */
export interface HandoffOverrides extends Pick<
  AgentHubOptions,
  'clock' | 'tokenTtlSeconds' | 'presenceTtlSeconds' | 'policy' | 'quickReplies'
> {
  /** Login attempts per username per minute; 5 by default. */
  loginsPerUsernamePerMinute?: number;
  /** Login attempts per client address per minute; 20 by default (an office shares one address). */
  loginsPerAddressPerMinute?: number;
}

/** The one ShopBot and every channel that reaches it, built once per server. */
export interface Channels {
  bot: ShopBot;
  directLine: DirectLineService;
  tokens: DirectLineTokens;
  stores: ChannelStores;
  botFramework: BotFrameworkAdapter;
  /**
   * The human handoff: the bot's HandoffGateway and everything the agent console does. With Redis the
   * queue, presence and messages are shared by every instance.
   */
  handoff: AgentHub;
  handoffStore: HandoffStore;
  /** The server's Prometheus registry and instruments, fed by the decorators below. */
  metrics: KefuMetrics;
  close(): Promise<void>;
}

export function createChannels(options: {
  config: KefuConfig;
  logger: Logger;
  redis?: RedisClient;
  nlu?: Nlu;
  chatModel?: BaseChatModel;
  handoff?: HandoffOverrides;
  metrics?: KefuMetrics;
}): Channels {
  const { config, logger, redis } = options;
  const metrics = options.metrics ?? new KefuMetrics();
  // The demo shop's policy with the shop's own service hours: the bot quotes them, the hub queues within them.
  const policy: ShopPolicy = { ...defaultPolicy, serviceHours: config.serviceHours };
  const stores = createStores(redis, config.keyPrefix, { memoryConversations: config.memoryConversations });
  const { storage, ticketStore } = stores;
  // The bot and the hub write through the metered log, so intents, languages and conversations are counted
  // without the bot knowing about metrics.
  const conversationLog = new MeteredConversationLog(stores.conversationLog, metrics);
  const botFramework = createBotFrameworkAdapter(config, logger.child({ channel: 'botframework' }));
  // The hub is built before the bot (the bot escalates through it) and the Direct Line service after it
  // (it runs the bot), so the messenger reaches Direct Line through a getter.
  const built: { directLine?: DirectLineService } = {};
  const messenger = new ChannelMessenger({
    directLine: () => {
      if (!built.directLine) throw new Error('Direct Line is not ready yet');
      return built.directLine;
    },
    botFramework,
    appId: config.microsoftAppId,
  });
  const handoffStore = createHandoffStore({
    redis,
    prefix: config.keyPrefix,
    logger,
    memoryClosedSessions: config.memoryConversations,
  });
  const handoff = createAgentHub({
    config,
    logger,
    redis,
    conversationLog,
    messenger,
    handoffStore: meteredHandoffStore(handoffStore, metrics, logger.child({ part: 'metrics' })),
    policy,
    ...options.handoff,
  });
  const { bot } = createShopBot({
    config,
    logger,
    policy,
    storage,
    conversationLog,
    ticketStore,
    nlu: options.nlu,
    chatModel: options.chatModel,
    handoff,
    profile: (customerId) => handoff.customerProfile(customerId),
  });
  const channelStores = createChannelStores({
    redis,
    prefix: config.keyPrefix,
    rateLimitPerMinute: config.rateLimitPerMinute,
    rateLimitPerIpPerMinute: config.rateLimitPerIpPerMinute,
    memoryConversations: config.memoryConversations,
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
    activityLog: channelStores.activityLog,
    attachments: channelStores.attachments,
    rateLimiter: channelStores.rateLimiter,
    maxMessageLength: config.maxMessageLength,
    logger: logger.child({ channel: 'directline' }),
    measureTurn: (conversationId, work) => metrics.measureTurn('directline', conversationId, work),
  });
  built.directLine = directLine;
  return {
    bot,
    directLine,
    tokens,
    stores: channelStores,
    botFramework,
    handoff,
    handoffStore,
    metrics,
    async close() {
      await handoff.shutdown();
      await directLine.drain();
      await handoffStore.shutdown();
      await channelStores.activityLog.close();
    },
  };
}

function createAgentHub(
  options: Pick<AgentHubOptions, 'logger' | 'conversationLog' | 'messenger'> &
    HandoffOverrides & { config: KefuConfig; redis?: RedisClient; handoffStore: HandoffStore },
): AgentHub {
  const { config, redis, logger } = options;
  const limiter = (perMinute: number) =>
    redis ? new RedisRateLimiter(redis, config.keyPrefix, perMinute) : new MemoryRateLimiter(perMinute);
  if (config.agents.length === 0) {
    logger.info(
      'no agent accounts (KEFU_AGENTS is empty): the agent console at /agent has nobody to log in; see "Agents" in the README to add one',
    );
  }
  return new AgentHub({
    store: options.handoffStore,
    accounts: config.agents,
    messenger: options.messenger,
    logger: logger.child({ part: 'handoff' }),
    conversationLog: options.conversationLog,
    maxMessageLength: config.maxMessageLength,
    loginLimits: {
      perUsername: limiter(options.loginsPerUsernamePerMinute ?? 5),
      perAddress: limiter(options.loginsPerAddressPerMinute ?? 20),
    },
    clock: options.clock,
    tokenTtlSeconds: options.tokenTtlSeconds,
    presenceTtlSeconds: options.presenceTtlSeconds,
    policy: options.policy,
    quickReplies: options.quickReplies,
  });
}
