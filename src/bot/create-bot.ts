import path from 'node:path';
import { ConversationState, type Storage } from 'botbuilder';
import { DemoOrderService } from '../commerce/demo/demo-order-service';
import type { OrderService } from '../commerce/order-service';
import { defaultPolicy, type ShopPolicy } from '../commerce/policy';
import type { TicketStore } from '../commerce/ticket-store';
import type { KefuConfig } from '../config';
import { loadFaqEntries } from '../knowledge/faq-entry';
import { FaqRetriever } from '../knowledge/faq-retriever';
import { retrievalTokenizer } from '../knowledge/retrieval-tokens';
import type { Logger } from '../log/logger';
import { Nlu } from '../nlu/nlu';
import { intentsDir } from '../paths';
import type { ConversationLog } from '../storage/conversation-log';
import type { Escalator } from './escalator';
import { NoAgentEscalator } from './no-agent-escalator';
import type { BotServices } from './services';
import { ShopBot } from './shop-bot';

export interface ShopBotOptions {
  config: Pick<KefuConfig, 'confidenceThreshold'>;
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
  clock?: () => Date;
  faqFile?: string;
}

/** Wires a ShopBot with the demo shop and the default parts wherever the caller gives none. */
export function createShopBot(options: ShopBotOptions): { bot: ShopBot; services: BotServices } {
  const nlu = options.nlu ?? Nlu.create();
  const policy = options.policy ?? defaultPolicy;
  const clock = options.clock ?? (() => new Date());
  const entries = loadFaqEntries(options.faqFile ?? path.join(intentsDir(), 'faq', 'entries.yaml'));
  const services: BotServices = {
    nlu,
    faq: {
      retriever: new FaqRetriever(entries, { tokenize: retrievalTokenizer(nlu.tokenSource) }),
      entries: new Map(entries.map((entry) => [entry.id, entry])),
    },
    orders:
      options.orders ??
      new DemoOrderService({ now: clock(), clock, policy, ticketStore: options.ticketStore }),
    policy,
    conversationLog: options.conversationLog,
    escalator: options.escalator ?? new NoAgentEscalator(policy),
    settings: { confidenceThreshold: options.config.confidenceThreshold },
    clock,
    logger: options.logger,
  };
  return { bot: new ShopBot(services, new ConversationState(options.storage)), services };
}
