import {
  ActivityTypes,
  type Activity,
  type ChannelAccount,
  type ConversationAccount,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../log/logger';
import { channelErrors } from '../channel-errors';
import { InProcessAdapter } from '../in-process-adapter';
import { turnFailedReply } from '../turn-failed-reply';
import { setReplyFlush } from '../reply-flush';
import { TurnBatch } from '../turn-batch';
import { randomId } from '../../random-id';
import { sequenceOf, type ActivityLog, type ActivityPage, type LoggedActivity } from './activity-log';
import type { AttachmentStore, StoredAttachment } from './attachment-store';
import type { RateLimiter } from './rate-limiter';
import type { IncomingActivity } from './schemas';

export interface ShopperAccount {
  id: string;
  name?: string;
}

export interface DirectLineServiceOptions {
  bot: { run(context: TurnContext): Promise<void> };
  activityLog: ActivityLog;
  attachments: AttachmentStore;
  rateLimiter: RateLimiter;
  maxMessageLength: number;
  logger: Logger;
  botAccount?: ChannelAccount;
  now?: () => Date;
  /** How long a turn may take before the shopper sees "typing" (most answer well within it). */
  typingDelayMs?: number;
  /** How often "typing" repeats while a slow turn has not answered yet. */
  typingRepeatMs?: number;
  /** Wraps each shopper message's turn (the server times and counts them with it). */
  measureTurn?: <T>(conversationId: string, work: () => Promise<T>) => Promise<T>;
}

export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** Web Chat numbers each activity it sends in `channelData.clientActivityID`; it is the same on a retry. */
function clientActivityIdOf(input: IncomingActivity): string | undefined {
  const id = input.channelData?.clientActivityID;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

/** A shopper's account on the activity; no name is left out rather than sent empty. */
function shopperAccount(shopper: ShopperAccount): ChannelAccount {
  return { id: shopper.id, role: 'user', ...(shopper.name ? { name: shopper.name } : {}) } as ChannelAccount;
}

/**
 * The Direct Line conversations: a posted activity is echoed into the conversation's log, then handed
 * through an in-process adapter to the bot, whose replies are appended to the same log in the order it
 * sent them. Turns of one conversation run one at a time, so the log reads like the conversation went.
 */
export class DirectLineService {
  private readonly adapter = new InProcessAdapter();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly batch = new TurnBatch();
  private readonly botAccount: ChannelAccount;
  private readonly now: () => Date;

  constructor(private readonly options: DirectLineServiceOptions) {
    this.botAccount = options.botAccount ?? { id: 'kefu', name: 'kefu 客服', role: 'bot' };
    this.now = options.now ?? (() => new Date());
    this.adapter.onTurnError = async (context, error) => {
      options.logger.error(
        { err: error, conversationId: context.activity.conversation?.id },
        'direct line turn failed',
      );
      await context.sendActivity(turnFailedReply(context.activity));
    };
  }

  newConversationId(): string {
    return randomId(15, 'base64url');
  }

  /**
   * Tells the bot a conversation began (conversationUpdate), once: a conversation whose log already has
   * activities was started before. Returns whether it is new.
   */
  async start(conversationId: string, shopper: ShopperAccount, locale?: string): Promise<boolean> {
    await this.batch.next();
    return this.serialize(conversationId, async () => {
      const existing = await this.options.activityLog.read(conversationId, 0, 1);
      if (existing.activities.length > 0) return false;
      const activity: Partial<Activity> = {
        ...this.envelope(conversationId, shopper),
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [shopperAccount(shopper), this.botAccount],
        locale,
      };
      await this.runTurn(conversationId, activity, false);
      return true;
    });
  }

  /** Accepts a shopper's activity: checks the limits, logs it, runs the bot's turn on it. */
  async post(
    conversationId: string,
    shopper: ShopperAccount,
    input: IncomingActivity,
  ): Promise<LoggedActivity> {
    this.checkLength(input.text);
    await this.batch.next();
    await this.checkRate(conversationId, clientActivityIdOf(input));
    return this.serialize(conversationId, async () => {
      const activity: Partial<Activity> = {
        ...input,
        ...this.envelope(conversationId, shopper),
        from: shopperAccount({ id: shopper.id, name: input.from?.name ?? shopper.name }),
      };
      // A shopper's "typing" only tells other viewers; the bot has nothing to answer.
      if (input.type === 'typing') return this.options.activityLog.append(conversationId, activity);
      const clientActivityId = clientActivityIdOf(input);
      const { logged, repeated } =
        clientActivityId === undefined
          ? { logged: await this.options.activityLog.append(conversationId, activity), repeated: false }
          : await this.options.activityLog.appendOnce(conversationId, clientActivityId, activity);
      // A retry of a message whose turn broke off (Redis went away mid-turn) is answered now; one whose
      // turn finished only lost its HTTP answer, and gets the same id back without a second answer.
      if (!repeated || !(await this.answered(conversationId, logged.id))) {
        await this.runTurn(conversationId, logged, input.type === 'message');
      }
      return logged;
    });
  }

  /** Whether the bot already replied to this activity (anything but "typing" that answers it). */
  private async answered(conversationId: string, activityId: string): Promise<boolean> {
    let watermark = sequenceOf(activityId);
    for (;;) {
      const page = await this.options.activityLog.read(conversationId, watermark);
      if (page.activities.some((a) => a.replyToId === activityId && a.type !== ActivityTypes.Typing)) {
        return true;
      }
      if (page.activities.length === 0) return false;
      watermark = page.watermark;
    }
  }

  /** Stores uploaded files with the conversation and posts the message that carries them. */
  async upload(
    conversationId: string,
    shopper: ShopperAccount,
    input: IncomingActivity,
    files: StoredAttachment[],
    attachmentUrl: (attachmentId: string) => string,
  ): Promise<LoggedActivity> {
    this.checkLength(input.text);
    const attachments = [];
    for (const file of files) {
      const attachmentId = await this.options.attachments.put(conversationId, file);
      attachments.push({
        contentType: file.contentType,
        contentUrl: attachmentUrl(attachmentId),
        name: file.name,
      });
    }
    return this.post(conversationId, shopper, { ...input, type: 'message', attachments });
  }

  /**
   * Sends an activity to the shopper outside any turn (an agent's message, the rating question). It goes
   * into the conversation's log like a bot reply, so the shopper's client receives it through its stream or
   * its next poll — on whichever instance it is connected to, since with Redis the log is shared.
   * Not serialized behind the conversation's turns: the bot stays silent during a handoff, and an agent's
   * message should not wait for a slow turn.
   */
  async sendProactive(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<LoggedActivity> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('sendProactive: the reference names no conversation');
    const base = this.envelope(conversationId, { id: reference.user?.id ?? '' });
    const { id: _ignoredId, ...content } = activity;
    return this.options.activityLog.append(conversationId, {
      ...content,
      type: activity.type ?? ActivityTypes.Message,
      channelId: base.channelId,
      serviceUrl: base.serviceUrl,
      conversation: base.conversation,
      from: activity.from ?? this.botAccount,
      recipient: reference.user ?? base.from,
      timestamp: this.now(),
    });
  }

  read(conversationId: string, watermark: number): Promise<ActivityPage> {
    return this.options.activityLog.read(conversationId, watermark);
  }

  attachment(conversationId: string, attachmentId: string): Promise<StoredAttachment | undefined> {
    return this.options.attachments.get(conversationId, attachmentId);
  }

  /** Waits for the turns under way, so a shutdown does not cut a reply in half. */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  private checkLength(text: string | undefined): void {
    // Code points, not UTF-16 units: an emoji is one character to the shopper.
    if (text !== undefined && [...text].length > this.options.maxMessageLength) {
      throw channelErrors.messageTooLong(this.options.maxMessageLength);
    }
  }

  /**
   * The per-conversation limit. A retry of a message already accepted is let through over it: its first
   * POST went through and only the answer was lost, and a 429 now would tell the shopper's client the
   * message failed although the bot has it (the retry is answered with the same id, no second turn). The
   * log is asked only when the limit is reached, so a turn within it costs no extra lookup; the retry
   * still counts toward the minute.
   */
  private async checkRate(conversationId: string, clientActivityId: string | undefined): Promise<void> {
    const decision = await this.options.rateLimiter.hit(`${DIRECT_LINE_CHANNEL_ID}:${conversationId}`);
    if (decision.allowed) return;
    if (
      clientActivityId !== undefined &&
      (await this.options.activityLog.knows(conversationId, clientActivityId))
    ) {
      return;
    }
    throw channelErrors.tooManyActivities(decision.retryAfterSeconds);
  }

  private envelope(conversationId: string, shopper: ShopperAccount): Partial<Activity> {
    const conversation: ConversationAccount = {
      id: conversationId,
      isGroup: false,
      conversationType: 'personal',
      name: DIRECT_LINE_CHANNEL_ID,
    };
    return {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: `urn:kefu:${DIRECT_LINE_CHANNEL_ID}`,
      conversation,
      from: shopperAccount(shopper),
      recipient: this.botAccount,
      timestamp: this.now(),
    };
  }

  /**
   * Runs the bot on one activity. A shopper kept waiting sees "typing" and again every few seconds until
   * the first answer; every reply goes into the log through one queue, so none overtakes another and no
   * "typing" comes after an answer.
   */
  private async runTurn(
    conversationId: string,
    activity: Partial<Activity>,
    showTyping: boolean,
  ): Promise<void> {
    const { activityLog, logger } = this.options;
    let answered = false;
    let finished = false;
    let queue: Promise<void> = Promise.resolve();
    /** The first reply that could not be written: the turn fails with it once its writes are done. */
    let failure: { error: unknown } | undefined;
    /**
     * Starts a write at once, without waiting for the one before: both logs apply appends in the order
     * they are made (in memory synchronously, on Redis in the order commands go down the one connection),
     * so a turn's replies keep their order while sharing a round trip. A reply that fails fails the turn,
     * a "typing" that fails is only logged.
     */
    const enqueue = (work: () => Promise<void>, kind: 'reply' | 'typing'): Promise<void> => {
      const written = work().catch((error: unknown) => {
        if (kind === 'reply') failure ??= { error };
        else logger.warn({ err: error, conversationId }, 'typing not sent');
      });
      queue = Promise.all([queue, written]).then(() => undefined);
      return written;
    };
    /** Throws a write failure once: to the bot when it waits, or else to the caller at the turn's end. */
    const flush = async (): Promise<void> => {
      await queue;
      const failed = failure;
      failure = undefined;
      if (failed) throw failed.error;
    };
    const typing = () =>
      enqueue(async () => {
        if (answered || finished) return;
        await activityLog.append(conversationId, {
          ...this.envelope(conversationId, { id: activity.from?.id ?? '' }),
          type: ActivityTypes.Typing,
          from: this.botAccount,
          recipient: activity.from,
          replyToId: activity.id,
        });
      }, 'typing');

    let timer: NodeJS.Timeout | undefined;
    const typingLater = (delayMs: number) => {
      timer = setTimeout(() => {
        // typing() does not reject: a "typing" that could not be written is logged by the queue.
        void typing().then(() => {
          if (!answered && !finished) typingLater(this.options.typingRepeatMs ?? 3000);
        });
      }, delayMs);
    };
    // Only a turn that keeps the shopper waiting shows "typing": an instant answer needs none, and skipping
    // it saves a log append (with Redis, a script and a publish) on most turns.
    if (showTyping) typingLater(this.options.typingDelayMs ?? 300);
    // Replies are written in order, in the background: the bot goes on (and its next reply, its transcript
    // line go out in the same write to Redis) while one is on its way. It waits for them before saving its
    // state (repliesWritten), and the turn fails if one could not be written.
    const turn = async () => {
      await this.adapter.processActivity(
        activity,
        (context) => {
          setReplyFlush(context, flush);
          return this.options.bot.run(context);
        },
        async (reply) => {
          void enqueue(async () => {
            if (reply.type === ActivityTypes.Message) answered = true;
            const { id: _adapterId, ...rest } = reply;
            await activityLog.append(conversationId, { ...rest, timestamp: this.now() });
          }, 'reply');
        },
      );
      await flush();
    };
    const { measureTurn } = this.options;
    try {
      // Only shopper messages are turns worth timing; a conversationUpdate or an event is bookkeeping.
      await (measureTurn && activity.type === ActivityTypes.Message
        ? measureTurn(conversationId, turn)
        : turn());
    } finally {
      finished = true;
      if (timer) clearTimeout(timer);
      await queue;
    }
  }

  private serialize<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(conversationId, tail);
    void tail.then(() => {
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    });
    return result;
  }
}
