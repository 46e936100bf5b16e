import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { Analysis, Language } from '../nlu/types';
import type { TurnRecord } from '../storage/conversation-log';
import { newConversationData, type ChoiceAction, type ConversationData } from './conversation-state';
import { answerFromKnowledge, sendFaqAnswer, sureFaqEntry } from './handlers/knowledge';
import { clarify } from './handlers/clarify';
import { continueTracking, openClaim, startTracking, trackOrder } from './handlers/tracking';
import { say } from './replies';
import { TurnReply } from './reply';
import { route, type Decision } from './router';
import type { BotServices } from './services';

const HAS_WORDS = /[\p{L}]/u;

/**
 * The shop's bot: each message is analysed by the NLU, routed, and answered in the shopper's language.
 * It runs on any botbuilder adapter (Direct Line, CloudAdapter, TestAdapter) and knows no transport.
 */
export class ShopBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationState,
  ) {
    super();
    this.conversationData = conversationState.createProperty<ConversationData>('kefu');
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { services } = this;
    const text = (context.activity.text ?? '').trim();
    const analysis = services.nlu.analyze(text, services.clock());
    const state = await this.conversationData.get(context, newConversationData(analysis.language));
    // "1234" or "👍" says nothing about language: keep answering in the one the shopper used before.
    const language: Language = HAS_WORDS.test(text) ? analysis.language : state.language;
    state.language = language;
    state.turns += 1;
    const conversationId = context.activity.conversation.id;
    const log = services.logger.child({ conversationId });
    await this.record(conversationId, shopperRecord(analysis, language, services.clock()));

    const decision = route(analysis, state, services.settings);
    state.lowConfidenceStreak = decision.kind === 'clarify' ? state.lowConfidenceStreak + 1 : 0;
    log.debug({ intent: analysis.intent, confidence: analysis.confidence, decision: decision.kind }, 'turn');

    const reply = new TurnReply(context, language, state);
    // Buttons belong to the message that showed them; a new reply shows new ones (or none).
    const previousChoices = state.choices;
    state.choices = undefined;
    try {
      await this.act(decision, analysis, reply, state, context);
    } catch (error) {
      state.choices = previousChoices;
      throw error;
    } finally {
      for (const line of reply.lines) {
        await this.record(conversationId, {
          at: services.clock().toISOString(),
          role: 'bot',
          text: line,
          language,
        });
      }
    }
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
      case 'knowledge':
        await answerFromKnowledge(analysis.text, decision.intent, reply, services);
        return;
      case 'track':
        state.awaiting = undefined;
        return startTracking(analysis, reply, state, customerId, services);
      case 'clarify': {
        // The NLU is unsure what kind of question this is, but retrieval may know exactly which FAQ it is.
        const entry = sureFaqEntry(analysis.text, services);
        if (entry) return sendFaqAnswer(entry, reply, services);
        return clarify(decision.intents, reply);
      }
      case 'escalate':
        return services.escalator.escalate({ context, reply, state, reason: decision.reason, analysis });
    }
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
        return services.escalator.escalate({ context, reply, state, reason: 'explicit_request', analysis });
      case 'dismiss':
        state.awaiting = undefined;
        return reply.text(say('verificationCancelled', reply.language));
      case 'intent': {
        // The shopper told us what they meant: act on it as if the NLU had been sure.
        const chosen: Analysis = { ...analysis, intent: action.intent, confidence: 1 };
        const decision = route(
          chosen,
          { ...state, choices: undefined, awaiting: undefined },
          services.settings,
        );
        return this.act(decision, chosen, reply, state, context);
      }
    }
  }

  private async record(conversationId: string, record: TurnRecord): Promise<void> {
    try {
      await this.services.conversationLog.append(conversationId, record);
    } catch (error) {
      // A transcript that cannot be written must not cost the shopper their answer.
      this.services.logger.warn({ err: error, conversationId }, 'could not write transcript');
    }
  }
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
