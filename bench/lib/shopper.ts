import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DirectLineClient, Outcome } from './directline-client';
import type { PhaseSpec } from './phase';
import { checkTurns, type AcceptedTurn } from './reply-check';
import { scriptFor } from './shopper-scripts';
import type { ErrorTally, LatencyRecorder } from './stats';

/** A conversation as the generator remembers it, for the read-back at the end of the phase. */
export interface ConversationRecord {
  conversationId: string;
  accepted: AcceptedTurn[];
  failedPosts: number;
}

/** What all shoppers of a phase share: the client, the clock window and the tallies. */
export interface PhaseContext {
  spec: PhaseSpec;
  client: DirectLineClient;
  latencies: LatencyRecorder;
  errors: ErrorTally;
  /** performance.now() bounds of the measuring window. */
  windowStart: number;
  windowEnd: number;
  counters: {
    sent: number;
    turnsInWindow: number;
    repliesChecked: number;
    conversationsStarted: number;
    otherRequests: number;
    behind: number;
  };
  records: ConversationRecord[];
}

interface OpenConversation {
  record: ConversationRecord;
  token: string;
  userId: string;
  watermark: string;
  /** Accepted turns whose reply has not been read back yet. */
  unchecked: AcceptedTurn[];
}

/** After a failure, a pause: a server refusing everything would otherwise be hammered in a tight loop. */
const ERROR_PAUSE_MS = 50;

/**
 * One shopper: works through a script in a conversation, reads the conversation back when the script is
 * done (checking every reply), then starts a fresh conversation with the next script.
 */
export class Shopper {
  private round = 0;
  private step = 0;
  private conversation: OpenConversation | undefined;

  constructor(
    private readonly index: number,
    private readonly context: PhaseContext,
  ) {}

  /** Opens the first conversation before the window starts, so set-up is not measured as load. */
  async prepare(): Promise<void> {
    if (this.context.spec.mode === 'kefu') await this.open();
  }

  async runClosed(): Promise<void> {
    const { context } = this;
    while (performance.now() < context.windowEnd && context.counters.sent < context.spec.maxTurns) {
      if (!(await this.ready())) continue;
      await this.turn(performance.now());
    }
  }

  /**
   * Open loop: the turns are due at fixed times whatever the server does. A late answer delays the next
   * send, and that turn's latency counts from when it was due, not from when it could go out — otherwise
   * a slow server would be measured at the pace it imposes (coordinated omission).
   */
  async runPaced(intervalMs: number): Promise<void> {
    const { context } = this;
    const conversations = context.spec.conversations;
    let due = context.windowStart + (this.index / conversations) * intervalMs;
    while (due < context.windowEnd && context.counters.sent < context.spec.maxTurns) {
      // A new conversation is opened in the pause before its first message is due, as a page loads
      // Web Chat before the shopper has typed anything.
      const opened = await this.ready();
      // Behind schedule and out of time: what is still due is counted as left behind, not sent.
      if (performance.now() >= context.windowEnd) break;
      // Timers may fire up to a millisecond early: sleep again until the turn is really due.
      for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
        await sleep(Math.ceil(wait));
      }
      if (opened) await this.turn(due);
      due += intervalMs;
    }
    if (due < context.windowEnd) context.counters.behind += Math.ceil((context.windowEnd - due) / intervalMs);
  }

  /** Reads back the turns of the conversation left open when the window closed. */
  async finish(): Promise<void> {
    await this.checkReplies();
  }

  private async ready(): Promise<boolean> {
    if (this.context.spec.mode === 'bare' || this.conversation) return true;
    if (await this.open()) return true;
    await sleep(ERROR_PAUSE_MS);
    return false;
  }

  private userId(): string {
    return `${this.context.spec.idPrefix}-${this.index}-${this.round}`;
  }

  private async open(): Promise<boolean> {
    const { client, counters } = this.context;
    const userId = this.userId();
    counters.otherRequests += 2;
    const issued = await client.generateToken(userId);
    if (!this.succeeded(issued, 'token')) return false;
    const started = await client.startConversation(issued.value);
    if (!this.succeeded(started, 'start')) return false;
    const record: ConversationRecord = {
      conversationId: started.value.conversationId,
      accepted: [],
      failedPosts: 0,
    };
    if (this.context.spec.verifyLog) this.context.records.push(record);
    counters.conversationsStarted += 1;
    this.conversation = { record, token: started.value.token, userId, watermark: '0', unchecked: [] };
    return true;
  }

  private succeeded<T>(outcome: Outcome<T>, what: string): outcome is { ok: true; value: T } {
    if (!outcome.ok) this.context.errors.add(`${what} ${outcome.kind}`, outcome.detail);
    return outcome.ok;
  }

  /** One message and its turn; `from` is when the latency clock starts (now, or when it was due). */
  private async turn(from: number): Promise<void> {
    const { context } = this;
    const script = scriptFor(this.index, this.round);
    const step = script.steps[this.step];
    context.counters.sent += 1;
    const conversation = this.conversation;
    const userId = conversation?.userId ?? this.userId();
    const message = { userId, text: step.text, clientActivityId: `${userId}.${this.step}` };
    const posted = conversation
      ? await context.client.postMessage(conversation.record.conversationId, conversation.token, message)
      : await context.client.postMessage(`bare-${this.index}`, context.spec.secret, message);
    const answeredAt = performance.now();
    if (!posted.ok) {
      context.errors.add(`turn ${posted.kind}`, `${script.name}: "${step.text}": ${posted.detail}`);
      if (conversation) conversation.record.failedPosts += 1;
      // The script cannot go on from a turn the bot may not have taken: start over in a new conversation.
      await this.closeConversation();
      await sleep(ERROR_PAUSE_MS);
      return;
    }
    context.latencies.add(answeredAt - from);
    if (answeredAt <= context.windowEnd) context.counters.turnsInWindow += 1;
    const accepted: AcceptedTurn = { id: posted.value, text: step.text, expect: step.expect };
    conversation?.record.accepted.push(accepted);
    conversation?.unchecked.push(accepted);
    this.step += 1;
    if (this.step >= script.steps.length) await this.closeConversation();
  }

  private async closeConversation(): Promise<void> {
    await this.checkReplies();
    this.conversation = undefined;
    this.round += 1;
    this.step = 0;
  }

  /** What a Web Chat client polling the conversation would see: every reply must be there already. */
  private async checkReplies(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || conversation.unchecked.length === 0) return;
    const { context } = this;
    const read = await context.client.readActivities(
      conversation.record.conversationId,
      conversation.token,
      conversation.watermark,
    );
    if (!read.ok) {
      context.counters.otherRequests += 1;
      context.errors.add(`read ${read.kind}`, read.detail);
      return;
    }
    context.counters.otherRequests += read.value.requests;
    conversation.watermark = read.value.watermark;
    checkTurns(conversation.unchecked, read.value.activities, (problem, example) =>
      context.errors.add(problem, example),
    );
    context.counters.repliesChecked += conversation.unchecked.length;
    conversation.unchecked = [];
  }
}
