import {
  ActivityHandler,
  ActivityTypes,
  type Activity,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { matchChoice } from '../../dialogs';
import { groundedReplyText } from '../llm/grounded-answer';
import type { Analysis, Language } from '../nlu/types';
import type { TurnRecord } from '../storage/conversation-log';
import { repliesWritten } from '../channels/reply-flush';
import { newConversationData, type ChoiceAction, type ConversationData } from './conversation-state';
import type { ConversationStore } from './conversation-store';
import { DialogRunner, type DialogTurn } from './dialog-runner';
import type { EscalationReason } from './escalator';
import { clarify } from './handlers/clarify';
import { answerFromKnowledge, sendFaqAnswer, sureFaqEntry } from './handlers/knowledge';
import { showTickets } from './handlers/ticket-status';
import { continueTracking, openClaim, startTracking, trackOrder } from './handlers/tracking';
import { handoffSay } from './handoff-replies';
import { buttons, say, startDialogButtons } from './replies';
import { TurnReply } from './reply';
import { isDismissal, isFaqInterruption, route, type Decision, type RouterSettings } from './router';
import type { BotServices } from './services';

const HAS_WORDS = /[\p{L}]/u;
/** Entities that are codes, not words: "91350100M000100Y44" or "SF1234567890123" says nothing about language. */
const CODE_ENTITIES = new Set(['orderId', 'trackingNumber', 'taxId', 'email', 'phone', 'amount', 'size']);

function carriesLanguage(analysis: Analysis): boolean {
  let text = analysis.text;
  for (const entity of analysis.entities)
    if (CODE_ENTITIES.has(entity.type)) text = text.split(entity.text).join(' ');
  return HAS_WORDS.test(text);
}

/**
 * The shop's bot: each message is analysed by the NLU, routed, and answered in the shopper's language —
 * from the knowledge base, by looking the order up, by an after-sales dialog, or by a person.
 * It runs on any botbuilder adapter (Direct Line, CloudAdapter, TestAdapter) and knows no transport.
 */
export class ShopBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly dialogs: DialogRunner;
  private readonly settings: RouterSettings;

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationStore,
  ) {
    super();
    this.conversationData = conversationState.property<ConversationData>('kefu');
    this.dialogs = new DialogRunner(conversationState.property<DialogState>('dialogState'), {
      orders: services.orders,
      policy: services.policy,
      clock: services.clock,
      recordProgress: async (context, progress) => {
        const data = await this.conversationData.get(context, newConversationData());
        data.dialogProgress = progress;
      },
    });
    this.settings = { ...services.settings, dialogIntents: this.dialogs.intents };
  }

  override async run(context: TurnContext): Promise<void> {
    // A shopper's message — nearly every turn — goes straight to its handler: ActivityHandler's chain of
    // onTurn/onMessage emitters adds nothing for a bot with one handler per type, and cost a share of a
    // turn under load. Everything else (conversationUpdate, events) takes ActivityHandler's way.
    if (context.activity.type === ActivityTypes.Message) {
      await this.handleMessage(context);
    } else {
      await super.run(context);
    }
    // Not remembered as answered before the answer is written (see reply-flush).
    await repliesWritten(context);
    await this.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { services } = this;
    const text = (context.activity.text ?? '').trim();
    const analysis = services.nlu.analyze(text, services.clock());
    const state = await this.conversationData.get(context, newConversationData(analysis.language));
    // "1234" or "👍" says nothing about language: keep answering in the one the shopper used before.
    const language: Language = carriesLanguage(analysis) ? analysis.language : state.language;
    state.language = language;
    state.turns += 1;
    const conversationId = context.activity.conversation.id;
    // Not awaited here: with Redis it goes out in one write with the handoff lookup below (one round trip
    // instead of two), and commands on one connection run in order, so every later read sees the line.
    const shopperRecorded = this.record(conversationId, shopperRecord(analysis, language, services.clock()));

    // Everything the bot sends this turn — its own replies and the dialogs' prompts — goes to the transcript.
    const sent: string[] = [];
    context.onSendActivities(async (_context, activities: Partial<Activity>[], next) => {
      for (const activity of activities)
        if (activity.type === 'message' && activity.text) sent.push(activity.text);
      return next();
    });

    const reply = new TurnReply(context, language, state);
    if (await this.handledByHandoff(analysis, reply, state, context)) {
      await shopperRecorded;
      return;
    }
    const inDialog = await this.dialogs.isActive(context);
    // Routed before the buttons are cleared: a click on one of them is recognised by its label.
    const decision = inDialog ? undefined : route(analysis, state, this.settings);
    const previousChoices = state.choices;
    state.choices = undefined; // buttons belong to the message that showed them
    try {
      if (!decision) {
        await this.inDialog(analysis, reply, state, context);
      } else if (await this.escalatedByPolicy(decision, analysis, reply, state, context)) {
        return;
      } else {
        state.lowConfidenceStreak = decision.kind === 'clarify' ? state.lowConfidenceStreak + 1 : 0;
        services.logger.debug(
          {
            conversationId,
            intent: analysis.intent,
            confidence: analysis.confidence,
            decision: decision.kind,
          },
          'turn',
        );
        await this.act(decision, analysis, reply, state, context);
      }
    } catch (error) {
      state.choices = previousChoices;
      throw error;
    } finally {
      await shopperRecorded;
      // All of the turn's lines in one write.
      const at = services.clock().toISOString();
      await this.record(
        conversationId,
        ...sent.map((text): TurnRecord => ({ at, role: 'bot', text, language })),
      );
    }
  }

  /**
   * While agents have the conversation the bot stays silent and passes the shopper's words on; a queued
   * shopper may leave the queue; after an agent closed, a 1–5 rating is taken; a message left for the next
   * shift becomes a ticket. True when the turn is dealt with.
   */
  private async handledByHandoff(
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<boolean> {
    const { services } = this;
    const conversationId = context.activity.conversation.id;
    if (state.leavingMessage) {
      state.leavingMessage = false;
      // "取消" here takes back the offer to leave a message; routed on, it would read as "cancel my order".
      if (isDismissal(analysis.text)) {
        await reply.text(handoffSay('messageDropped', reply.language));
        return true;
      }
      const ticket = await services.orders.createTicket({
        kind: 'message',
        customerId: context.activity.from?.id ?? 'anonymous',
        orderId: state.lastOrderId,
        details: { message: analysis.text, conversationId, language: reply.language },
        summary: {
          zh: `顾客留言：${analysis.text.slice(0, 40)}`,
          en: `Message: ${analysis.text.slice(0, 40)}`,
        },
      });
      await reply.text(handoffSay('messageTaken', reply.language, { ticketId: ticket.id }));
      return true;
    }
    const gateway = services.handoff;
    if (!gateway) return false;
    const session = await gateway.sessionOf(conversationId);
    if (!session) return false;
    if (session.state === 'queued' || session.state === 'assigned') {
      if (
        session.state === 'queued' &&
        isDismissal(analysis.text) &&
        (await gateway.cancelWait(conversationId))
      ) {
        await reply.text(handoffSay('waitCancelled', reply.language));
        return true;
      }
      await gateway.shopperMessage(conversationId, shopperRecord(analysis, reply.language, services.clock()));
      return true;
    }
    if (session.ratingPending) {
      const rating = parseRating(analysis.text);
      await gateway.recordRating(conversationId, rating);
      if (rating !== undefined) {
        await reply.text(handoffSay('ratingThanks', reply.language));
        return true;
      }
    }
    return false;
  }

  /**
   * The escalation policy's triggers (anger, a falling mood, repeated confusion, the same need again and
   * again, a complaint) on a turn the bot would otherwise answer itself. Answers to the bot's own questions
   * (buttons, phone digits) are judged by mood only: they are short and say little else.
   */
  private async escalatedByPolicy(
    decision: Decision,
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<boolean> {
    const answer = decision.kind === 'choice' || decision.kind === 'answer-awaiting';
    const escalation = this.services.escalationPolicy.evaluate(analysis, state.signals, answer);
    // An answer to the bot's question was understood by definition, and is no new need.
    const signal = answer
      ? { intent: 'answer', confidence: 1, sentiment: analysis.sentiment }
      : { intent: analysis.intent, confidence: analysis.confidence, sentiment: analysis.sentiment };
    state.signals = [...state.signals, signal].slice(-5);
    if (!escalation) return false;
    this.services.logger.info(
      { conversationId: context.activity.conversation.id, reason: escalation.reason },
      'escalating to an agent',
    );
    state.signals = [];
    await this.escalate(context, reply, state, escalation.reason, analysis);
    return true;
  }

  /** A dialog is waiting for an answer: cancel it, hand over, answer a side question, or carry on. */
  private async inDialog(
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ) {
    if (isDismissal(analysis.text)) {
      await this.dialogs.cancel(context);
      state.dialogProgress = undefined;
      return reply.text(say('dialogCancelled', reply.language));
    }
    // "个人" answers "personal or company?"; it is not a request for a person, whatever the NLU thinks.
    const answersQuestion =
      state.dialogProgress?.expecting !== undefined &&
      matchChoice(analysis.text, state.dialogProgress.expecting) !== undefined;
    if (
      !answersQuestion &&
      analysis.intent === 'human.request' &&
      analysis.confidence >= this.settings.confidenceThreshold / 2
    ) {
      await this.dialogs.cancel(context);
      await this.escalate(context, reply, state, 'explicit_request', analysis);
      return;
    }
    if (analysis.sentiment <= this.services.escalationPolicy.sentimentThreshold) {
      // An upset shopper is not kept answering a form.
      await this.escalate(context, reply, state, 'strong_negative', analysis);
      await this.dialogs.cancel(context);
      return;
    }
    if (isFaqInterruption(analysis, state.dialogProgress)) {
      const entry = this.services.faq.retriever.match(analysis.text);
      if (entry.kind === 'answer') {
        await sendFaqAnswer(entry.entry, reply, this.services);
        await reply.text(say('resumeDialog', reply.language));
        await this.dialogs.reprompt(context);
        return;
      }
    }
    await this.afterDialog(await this.dialogs.continue(context), analysis, reply, state, context);
  }

  private async afterDialog(
    turn: DialogTurn,
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<void> {
    if (turn.status !== 'ended') return;
    const { outcome } = turn;
    state.dialogProgress = undefined;
    // A request carried through to a ticket resolves the need: asking again later is not "again and again".
    if (outcome.status === 'done') state.signals = [];
    if (outcome.verifiedOrderId && !state.verifiedOrders.includes(outcome.verifiedOrderId)) {
      state.verifiedOrders.push(outcome.verifiedOrderId);
    }
    if (outcome.status === 'escalate') {
      const reason: EscalationReason =
        outcome.reason === 'shopper_request' ? 'explicit_request' : outcome.reason;
      await this.escalate(context, reply, state, reason, analysis);
    }
  }

  private async escalate(
    context: TurnContext,
    reply: TurnReply,
    state: ConversationData,
    reason: EscalationReason,
    analysis: Analysis,
  ): Promise<void> {
    await this.services.escalator.escalate({ context, reply, state, reason, analysis });
    state.dialogProgress = undefined;
  }

  private async startDialog(
    intent: string,
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<void> {
    state.awaiting = undefined;
    const customerId = context.activity.from?.id;
    const turn = await this.dialogs.start(context, intent, analysis, reply.language, state, customerId);
    await this.afterDialog(turn, analysis, reply, state, context);
  }

  private async act(
    decision: Decision,
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<void> {
    const { services } = this;
    const customerId = context.activity.from?.id;
    switch (decision.kind) {
      case 'choice':
        return this.choose(decision.action, analysis, reply, state, context);
      case 'answer-awaiting':
        return continueTracking(analysis, reply, state, customerId, services);
      case 'greet':
        return reply.text(say('greeting', reply.language));
      case 'goodbye':
        return reply.text(say('goodbye', reply.language));
      case 'out-of-scope':
        return reply.text(say('outOfScope', reply.language));
      case 'knowledge': {
        const outcome = await answerFromKnowledge(analysis.text, decision.intent, reply, services, () =>
          this.groundedAnswer(analysis, reply, context),
        );
        const start = startDialogButtons[decision.intent];
        if (outcome === 'answered' && start && this.settings.dialogIntents?.has(decision.intent)) {
          await reply.choices(say('offerDialog', reply.language), [
            { label: start[reply.language], action: { kind: 'dialog', intent: decision.intent } },
          ]);
        }
        return;
      }
      case 'dialog':
        return this.startDialog(decision.intent, analysis, reply, state, context);
      case 'track':
        state.awaiting = undefined;
        return startTracking(analysis, reply, state, customerId, services);
      case 'tickets':
        return showTickets(analysis, reply, state, customerId, services);
      case 'clarify': {
        // The NLU is unsure what kind of question this is, but retrieval may know exactly which FAQ it is.
        const entry = sureFaqEntry(analysis.text, services);
        if (entry) return sendFaqAnswer(entry, reply, services);
        if (await this.groundedAnswer(analysis, reply, context)) return;
        return clarify(decision.intents, reply);
      }
      case 'escalate':
        return this.escalate(context, reply, state, decision.reason, analysis);
    }
  }

  /**
   * With a language model configured: an answer written from the FAQ entries retrieval finds, shown only
   * when it cites them and promises nothing they do not. False (nothing sent) otherwise, so the caller
   * carries on as without a model.
   */
  private async groundedAnswer(analysis: Analysis, reply: TurnReply, context: TurnContext): Promise<boolean> {
    const grounded = this.services.grounded;
    if (!grounded) return false;
    const result = await grounded.answer(analysis.text, reply.language);
    this.services.logger.info(
      {
        conversationId: context.activity.conversation.id,
        outcome: result.kind,
        ...(result.kind === 'rejected' ? { reason: result.reason, detail: result.detail } : {}),
        ...(result.kind === 'error' ? { error: result.message } : {}),
        ...(result.kind === 'answer' ? { citations: result.citations.map((citation) => citation.id) } : {}),
      },
      'grounded answer',
    );
    if (result.kind !== 'answer') return false;
    await reply.choices(groundedReplyText(result, reply.language), [
      { label: buttons.talkToAgent[reply.language], action: { kind: 'agent' } },
    ]);
    return true;
  }

  private async choose(
    action: ChoiceAction,
    analysis: Analysis,
    reply: TurnReply,
    state: ConversationData,
    context: TurnContext,
  ): Promise<void> {
    const { services } = this;
    const customerId = context.activity.from?.id;
    switch (action.kind) {
      case 'faq': {
        const entry = services.faq.entries.get(action.entryId);
        if (entry) await sendFaqAnswer(entry, reply, services);
        return;
      }
      case 'track':
        return trackOrder(action.orderId, reply, state, customerId, services);
      case 'claim':
        return openClaim(action.orderId, reply, state, customerId, services);
      case 'agent':
        return this.escalate(context, reply, state, 'explicit_request', analysis);
      case 'dialog':
        return this.startDialog(action.intent, { ...analysis, entities: [] }, reply, state, context);
      case 'dismiss':
        state.awaiting = undefined;
        return reply.text(say('verificationCancelled', reply.language));
      case 'intent': {
        // The shopper told us what they meant: act on it as if the NLU had been sure.
        const chosen: Analysis = { ...analysis, intent: action.intent, confidence: 1 };
        const decision = route(chosen, { ...state, choices: undefined, awaiting: undefined }, this.settings);
        return this.act(decision, chosen, reply, state, context);
      }
    }
  }

  private async record(conversationId: string, ...records: TurnRecord[]): Promise<void> {
    try {
      await this.services.conversationLog.append(conversationId, ...records);
    } catch (error) {
      // A transcript that cannot be written must not cost the shopper their answer.
      this.services.logger.warn({ err: error, conversationId }, 'could not write transcript');
    }
  }
}

/** "5", "5分", "★★★★", "4 stars" → 1–5; anything else is not a rating. */
export function parseRating(text: string): number | undefined {
  const stars = (text.match(/[★⭐]/gu) ?? []).length;
  if (stars >= 1 && stars <= 5) return stars;
  const match = /^\s*([1-5])\s*(?:分|星|颗星|stars?|\/\s*5)?[\s!.。！]*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

function shopperRecord(analysis: Analysis, language: Language, at: Date): TurnRecord {
  return {
    at: at.toISOString(),
    role: 'shopper',
    text: analysis.text,
    language,
    intent: analysis.intent,
    confidence: analysis.confidence,
    sentiment: analysis.sentiment,
    entities: analysis.entities.map(({ type, value, text, valid }) => ({ type, value, text, valid })),
  };
}
