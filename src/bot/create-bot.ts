import path from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Storage } from 'botbuilder';
import { DemoOrderService } from '../commerce/demo/demo-order-service';
import type { OrderService } from '../commerce/order-service';
import { defaultPolicy, type ShopPolicy } from '../commerce/policy';
import type { TicketStore } from '../commerce/ticket-store';
import type { KefuConfig } from '../config';
import { loadFaqEntries } from '../knowledge/faq-entry';
import { FaqRetriever } from '../knowledge/faq-retriever';
import { retrievalTokenizer } from '../knowledge/retrieval-tokens';
import { AgentAssist } from '../llm/agent-assist';
import { llmConfigFrom, loadChatModel, type LlmSettings } from '../llm/config';
import { FaqKnowledgeRetriever } from '../llm/faq-retriever-adapter';
import { GroundedAnswerer } from '../llm/grounded-answer';
import type { ModelSource } from '../llm/invoke';
import type { Logger } from '../log/logger';
import { Nlu } from '../nlu/nlu';
import type { Language } from '../nlu/types';
import { intentsDir } from '../paths';
import type { ConversationLog } from '../storage/conversation-log';
import type { HandoffGateway } from '../handoff/agent-hub';
import { EscalationPolicy } from '../handoff/escalation-policy';
import type { CustomerProfile } from '../handoff/handoff-context';
import type { Escalator } from './escalator';
import { HandoffEscalator } from './handoff-escalator';
import { NoAgentEscalator } from './no-agent-escalator';
import { ConversationStore } from './conversation-store';
import type { BotServices } from './services';
import { ShopBot } from './shop-bot';

type EscalationConfig = Pick<
  KefuConfig,
  'escalateSentiment' | 'escalateSentimentTrend' | 'escalateLowConfidenceTurns' | 'escalateRepeatedIntent'
>;

/** The escalation thresholds' defaults, as in the config schema, for callers that give only some. */
const ESCALATION_DEFAULTS: EscalationConfig = {
  escalateSentiment: -0.6,
  escalateSentimentTrend: -0.3,
  escalateLowConfidenceTurns: 2,
  escalateRepeatedIntent: 3,
};

export interface ShopBotOptions {
  config: Pick<KefuConfig, 'confidenceThreshold'> & Partial<EscalationConfig> & Partial<LlmSettings>;
  logger: Logger;
  storage: Storage;
  conversationLog: ConversationLog;
  /** Trained once and shared: training takes a second or two. */
  nlu?: Nlu;
  orders?: OrderService;
  /**
   * Where the demo shop keeps its tickets (`createStores(...).ticketStore`, so that with Redis every instance
   * sees the same tickets and draws ids from one counter). Only used when `orders` is not given: a shop's own
   * order system keeps its own tickets.
   */
  ticketStore?: TicketStore;
  policy?: ShopPolicy;
  escalator?: Escalator;
  /** The agent hub: with it, escalations queue for agents and the bot steps back while they chat. */
  handoff?: HandoffGateway;
  /** Customer tags and notes for the handoff context. */
  profile?: (customerId: string) => Promise<CustomerProfile>;
  clock?: () => Date;
  faqFile?: string;
  /**
   * A chat model for grounded answers and agent assist (a test's fake model). Without it, the model named
   * by config.llmProvider is loaded on first use; with neither, the bot works without a model.
   */
  chatModel?: BaseChatModel;
}

/**
 * The model to use, if any. A missing setting throws ConfigError here, at startup; the provider package is
 * imported in the background, and if that fails the error is logged once and every turn falls back.
 */
function modelSource(options: ShopBotOptions): { model: ModelSource; timeoutMs: number } | undefined {
  const config = llmConfigFrom(options.config);
  const timeoutMs = options.config.llmTimeoutMs ?? config?.timeoutMs ?? 8000;
  if (options.chatModel) return { model: options.chatModel, timeoutMs };
  if (!config) return undefined;
  const loading = loadChatModel(options.config).then((model) => {
    if (!model) throw new Error('no language model configured');
    return model;
  });
  loading.then(
    () =>
      options.logger.info({ provider: config.provider, model: config.model }, 'language model configured'),
    (error: unknown) =>
      options.logger.error({ err: error }, 'language model unavailable; answering without it'),
  );
  return { model: () => loading, timeoutMs };
}

/** Wires a ShopBot with the demo shop and the default parts wherever the caller gives none. */
export function createShopBot(options: ShopBotOptions): { bot: ShopBot; services: BotServices } {
  const nlu = options.nlu ?? Nlu.create();
  const policy = options.policy ?? defaultPolicy;
  const clock = options.clock ?? (() => new Date());
  const orders =
    options.orders ?? new DemoOrderService({ now: clock(), clock, policy, ticketStore: options.ticketStore });
  const thresholds = { ...ESCALATION_DEFAULTS, ...options.config };
  const entries = loadFaqEntries(options.faqFile ?? path.join(intentsDir(), 'faq', 'entries.yaml'));
  const faqRetriever = new FaqRetriever(entries, { tokenize: retrievalTokenizer(nlu.tokenSource) });
  const llm = modelSource(options);
  const knowledge = (language: Language) =>
    new FaqKnowledgeRetriever({ retriever: faqRetriever, policy, language });
  const assist = llm
    ? new AgentAssist({
        ...llm,
        retriever: knowledge,
        onError: (error, task) => options.logger.warn({ err: error, task }, 'agent assist fell back'),
      })
    : undefined;
  const services: BotServices = {
    nlu,
    faq: {
      retriever: faqRetriever,
      entries: new Map(entries.map((entry) => [entry.id, entry])),
    },
    orders,
    policy,
    conversationLog: options.conversationLog,
    escalator:
      options.escalator ??
      (options.handoff
        ? new HandoffEscalator({
            gateway: options.handoff,
            orders,
            policy,
            conversationLog: options.conversationLog,
            clock,
            profile: options.profile,
            assist,
          })
        : new NoAgentEscalator(policy)),
    handoff: options.handoff,
    escalationPolicy: new EscalationPolicy({
      sentimentThreshold: thresholds.escalateSentiment,
      trendThreshold: thresholds.escalateSentimentTrend,
      lowConfidenceTurns: thresholds.escalateLowConfidenceTurns,
      repeatedIntent: thresholds.escalateRepeatedIntent,
      confidenceThreshold: thresholds.confidenceThreshold,
    }),
    grounded: llm ? new GroundedAnswerer({ ...llm, retriever: knowledge }) : undefined,
    settings: { confidenceThreshold: options.config.confidenceThreshold },
    clock,
    logger: options.logger,
  };
  return { bot: new ShopBot(services, new ConversationStore(options.storage)), services };
}
