import type { OrderService } from '../commerce/order-service';
import type { ShopPolicy } from '../commerce/policy';
import type { FaqRetriever } from '../knowledge/faq-retriever';
import type { FaqEntry } from '../knowledge/faq-entry';
import type { Logger } from '../log/logger';
import type { Nlu } from '../nlu/nlu';
import type { ConversationLog } from '../storage/conversation-log';
import type { HandoffGateway } from '../handoff/agent-hub';
import type { EscalationPolicy } from '../handoff/escalation-policy';
import type { Escalator } from './escalator';
import type { GroundedResult } from '../llm/grounded-answer';
import type { Language } from '../nlu/types';
import type { RouterSettings } from './router';

/** Everything the bot uses, passed in so that a shop (or a test) can swap any part. */
export interface BotServices {
  nlu: Nlu;
  faq: { retriever: FaqRetriever; entries: ReadonlyMap<string, FaqEntry> };
  orders: OrderService;
  policy: ShopPolicy;
  conversationLog: ConversationLog;
  escalator: Escalator;
  /** Decides per turn whether a person should take over (DESIGN.md §6 triggers). */
  escalationPolicy: EscalationPolicy;
  /** Present when agents are connected: the bot stays silent while a conversation is with them. */
  handoff?: HandoffGateway;
  /**
   * Present when a language model is configured (LLM_PROVIDER): answers, from the FAQ only, what the
   * matcher could not. Absent, the bot asks a clarifying question or admits a miss, as it always did.
   */
  grounded?: { answer(question: string, language: Language): Promise<GroundedResult> };
  settings: RouterSettings;
  clock: () => Date;
  logger: Logger;
}
