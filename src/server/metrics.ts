import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The server's Prometheus metrics (`GET /metrics`). One registry per app, not prom-client's global one, so
 * that several servers in one process (tests, an embedding shop) keep their own counts and never clash on a
 * metric name.
 *
 * Every label value is checked against a short set or pattern: shoppers and unauthenticated callers choose
 * channel ids and texts, and an unbounded label would let them grow the registry without limit.
 */

/** Bot Framework channel ids kefu may hear from; anything else is counted as `other`. */
const KNOWN_CHANNELS = new Set([
  'directline',
  'webchat',
  'msteams',
  'slack',
  'telegram',
  'line',
  'facebook',
  'email',
  'sms',
  'emulator',
  'test',
  'omnichannel',
]);

const LABEL_WORD = /^[a-z][a-z0-9_.-]{0,63}$/;

export function channelLabel(channelId: string | undefined): string {
  return channelId !== undefined && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

export function languageLabel(language: string | undefined): string {
  return language === 'zh' || language === 'en' ? language : 'unknown';
}

/** Intents and reason codes come from kefu itself (the NLU, the policy), but a shop may add its own. */
export function wordLabel(value: string | undefined): string {
  return value !== undefined && LABEL_WORD.test(value) ? value : 'other';
}

/** What the conversation log tells the turn being timed: the language the NLU found in the shopper's text. */
interface TurnScope {
  language?: string;
  /** Turns of this conversation being timed at once (a shopper who sends two messages quickly). */
  running: number;
}

export class KefuMetrics {
  readonly registry = new Registry();
  /**
   * The turns being timed, by conversation, so the conversation log's decorator can tell a turn the language
   * it saw. Keyed by conversation rather than carried in an AsyncLocalStorage: on Node 20 one
   * AsyncLocalStorage in use puts a hook on every promise the process makes, which cost about a sixth of
   * the server's CPU under load.
   */
  private readonly turnScopes = new Map<string, TurnScope>();

  readonly turns = new Counter({
    name: 'kefu_turns_total',
    help: 'Shopper messages the bot handled, by channel and by the language the NLU detected.',
    labelNames: ['channel', 'language'] as const,
    registers: [this.registry],
  });
  readonly turnDuration = new Histogram({
    name: 'kefu_turn_duration_seconds',
    help: 'Time from a shopper message reaching the adapter to the bot finishing its turn.',
    labelNames: ['channel'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  readonly intents = new Counter({
    name: 'kefu_intents_total',
    help: 'Shopper messages by the intent the NLU chose.',
    labelNames: ['intent'] as const,
    registers: [this.registry],
  });
  readonly conversations = new Counter({
    name: 'kefu_conversations_total',
    help: 'Conversations with at least one shopper message (the denominator of the automation rate).',
    registers: [this.registry],
  });
  readonly escalations = new Counter({
    name: 'kefu_escalations_total',
    help: 'Conversations put in the agent queue, by escalation reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly handedToAgents = new Counter({
    name: 'kefu_conversations_handed_to_agent_total',
    help: 'Handoffs an agent accepted (transfers, and chats re-queued when their agent went offline, are not counted again).',
    registers: [this.registry],
  });
  readonly queueWait = new Histogram({
    name: 'kefu_handoff_queue_wait_seconds',
    help: 'Time a conversation waited in the queue until an agent accepted it.',
    buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 3600],
    registers: [this.registry],
  });
  readonly firstResponse = new Histogram({
    name: 'kefu_agent_first_response_seconds',
    help: "Time from an agent accepting a conversation to the agent's first message.",
    buckets: [5, 15, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly ratings = new Counter({
    name: 'kefu_csat_ratings_total',
    help: 'Satisfaction ratings shoppers gave after a handoff (1–5), and questions left unanswered (skipped).',
    labelNames: ['rating'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    // Process metrics (CPU, heap, event-loop lag) help read a load test; prefixed so they sit with ours.
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'kefu_' });
  }

  /** Times one shopper turn and counts it under the language the NLU found while it ran. */
  async measureTurn<T>(
    channelId: string | undefined,
    conversationId: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const scope = this.turnScopes.get(conversationId) ?? { running: 0 };
    scope.running += 1;
    this.turnScopes.set(conversationId, scope);
    const channel = channelLabel(channelId);
    const stop = this.turnDuration.startTimer({ channel });
    try {
      return await work();
    } finally {
      stop();
      this.turns.inc({ channel, language: languageLabel(scope.language) });
      scope.running -= 1;
      if (scope.running === 0) this.turnScopes.delete(conversationId);
    }
  }

  /** A shopper line reached the conversation log: the NLU's verdict on it. */
  shopperRecord(
    conversationId: string,
    record: { intent?: string; language?: string },
    firstOfConversation: boolean,
  ): void {
    if (record.intent !== undefined) this.intents.inc({ intent: wordLabel(record.intent) });
    if (firstOfConversation) this.conversations.inc();
    const scope = this.turnScopes.get(conversationId);
    if (scope && record.language !== undefined) scope.language = record.language;
  }

  escalated(reason: string): void {
    this.escalations.inc({ reason: wordLabel(reason) });
  }

  accepted(
    waitedSeconds: number | undefined,
    options: { firstHandoff: boolean } = { firstHandoff: true },
  ): void {
    if (options.firstHandoff) this.handedToAgents.inc();
    if (waitedSeconds !== undefined && waitedSeconds >= 0) this.queueWait.observe(waitedSeconds);
  }

  firstAgentReply(seconds: number): void {
    if (seconds >= 0) this.firstResponse.observe(seconds);
  }

  rated(rating: number | undefined): void {
    const valid = rating !== undefined && Number.isInteger(rating) && rating >= 1 && rating <= 5;
    this.ratings.inc({ rating: valid ? String(rating) : 'skipped' });
  }
}
