import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createShopBot, type ShopBotOptions } from '../../src/bot/create-bot';
import type { OrderService } from '../../src/commerce/order-service';
import type { HandoffGateway } from '../../src/handoff/agent-hub';
import { defaultPolicy } from '../../src/commerce/policy';
import type { TicketStore } from '../../src/commerce/ticket-store';
import { Nlu } from '../../src/nlu/nlu';
import { MemoryConversationLog, type ConversationLog } from '../../src/storage/conversation-log';
import { testLogger } from './quiet-logger';

let nlu: Nlu | undefined;

/** One trained NLU per test worker: training takes a second or two. */
export function sharedNlu(): Nlu {
  nlu ??= Nlu.create();
  return nlu;
}

/** A fixed "now", so the demo shop's relative dates and the tracking texts are the same every run. */
export const TEST_NOW = new Date('2026-11-22T06:00:00Z');

/** A ShopBot as tests use it: the demo shop, memory state and transcript, the shared NLU, the fixed clock. */
export function testShopBot(overrides: Partial<ShopBotOptions> = {}): ReturnType<typeof createShopBot> {
  return createShopBot({
    config: { confidenceThreshold: 0.55 },
    logger: testLogger(),
    storage: new MemoryStorage(),
    conversationLog: new MemoryConversationLog(),
    nlu: sharedNlu(),
    policy: defaultPolicy,
    clock: () => new Date(TEST_NOW),
    ...overrides,
  });
}

export interface BotHarness {
  adapter: TestAdapter;
  conversationLog: ConversationLog;
  /** Sends one shopper message and returns the bot's replies to it. */
  send(text: string): Promise<Partial<Activity>[]>;
  /** Texts of the replies to one message, joined. */
  ask(text: string): Promise<string>;
}

export function botHarness(
  options: {
    storage?: Storage;
    conversationLog?: ConversationLog;
    ticketStore?: TicketStore;
    /** An order system other than the demo shop (e.g. one with an order the demo does not have). */
    orders?: OrderService;
    /** The agent hub (gateway) the bot escalates to; none by default. */
    handoff?: HandoffGateway;
    customerId?: string;
    conversationId?: string;
  } = {},
): BotHarness {
  const conversationLog = options.conversationLog ?? new MemoryConversationLog();
  const { bot } = testShopBot({
    storage: options.storage ?? new MemoryStorage(),
    conversationLog,
    ticketStore: options.ticketStore,
    orders: options.orders,
    handoff: options.handoff,
  });
  const reference = TestAdapter.createConversation(
    options.conversationId ?? 'Convo1',
    options.customerId ?? 'shopper-1',
  );
  const adapter = new TestAdapter(reference);
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const harness: BotHarness = {
    adapter,
    conversationLog,
    async send(text) {
      await adapter.processActivity({ type: 'message', text }, (context) => bot.run(context));
      return adapter.activeQueue.splice(0);
    },
    async ask(text) {
      return (await harness.send(text)).map((activity) => activity.text ?? '').join('\n');
    },
  };
  return harness;
}

export function buttonsOf(activities: Partial<Activity>[]): string[] {
  return activities.flatMap((activity) =>
    (activity.suggestedActions?.actions ?? []).map((action) => String(action.title)),
  );
}
