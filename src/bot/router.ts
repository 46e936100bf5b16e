import type { Analysis } from '../nlu/types';
import type { ChoiceAction, ConversationData } from './conversation-state';

/** What the bot does with one shopper message. Pure: decided from the analysis and the conversation's memory. */
export type Decision =
  | { kind: 'choice'; action: ChoiceAction }
  | { kind: 'answer-awaiting' }
  | { kind: 'greet' }
  | { kind: 'goodbye' }
  | { kind: 'out-of-scope' }
  | { kind: 'knowledge'; intent: string }
  | { kind: 'track' }
  | { kind: 'clarify'; intents: string[] }
  | { kind: 'escalate'; reason: 'explicit_request' | 'complaint' };

export interface RouterSettings {
  /** Below this confidence the bot asks instead of answering (CONFIDENCE_THRESHOLD). */
  confidenceThreshold: number;
}

/** Intents answered from the knowledge base (FAQ entries filtered by intent). */
const KNOWLEDGE_INTENTS = new Set([
  'faq',
  'shipping.info',
  'promotion.inquiry',
  'payment.inquiry',
  'product.inquiry',
  'invoice',
  'return.request',
  'exchange.request',
  'refund.status',
  'order.cancel',
  'order.modify',
]);

const DISMISS = /^(算了|不用了|取消|不查了|cancel|never ?mind|forget it|stop)[\s!.。！]*$/i;
const FOUR_DIGITS = /(?<!\d)\d{4}(?!\d)/;

function normalizedLabel(text: string): string {
  return text.trim().toLowerCase();
}

export function route(analysis: Analysis, state: ConversationData, settings: RouterSettings): Decision {
  const text = analysis.text.trim();
  const clicked = state.choices?.find((choice) => normalizedLabel(choice.label) === normalizedLabel(text));
  if (clicked) return { kind: 'choice', action: clicked.action };

  const confident = analysis.confidence >= settings.confidenceThreshold;
  if (state.awaiting) {
    if (DISMISS.test(text)) return { kind: 'choice', action: { kind: 'dismiss' } };
    const answersIt =
      state.awaiting.kind === 'phoneLast4'
        ? FOUR_DIGITS.test(text)
        : analysis.entities.some((entity) => entity.type === 'orderId');
    // A shopper who answers the question, or who says nothing else the bot understands, is still in it.
    if (answersIt || !confident || analysis.intent === 'shipping.track') return { kind: 'answer-awaiting' };
  }

  // An explicit request for a human is honoured even when the wording is unusual.
  if (analysis.intent === 'human.request' && analysis.confidence >= settings.confidenceThreshold / 2) {
    return { kind: 'escalate', reason: 'explicit_request' };
  }
  if (!confident) {
    const intents = analysis.ranking
      .filter((score) => score.intent !== 'out_of_scope')
      .slice(0, 3)
      .map((score) => score.intent);
    return { kind: 'clarify', intents };
  }
  switch (analysis.intent) {
    case 'greeting':
      return { kind: 'greet' };
    case 'goodbye':
      return { kind: 'goodbye' };
    case 'out_of_scope':
      return { kind: 'out-of-scope' };
    case 'human.request':
      return { kind: 'escalate', reason: 'explicit_request' };
    case 'complaint':
      return { kind: 'escalate', reason: 'complaint' };
    case 'shipping.track':
      return { kind: 'track' };
    default:
      return KNOWLEDGE_INTENTS.has(analysis.intent)
        ? { kind: 'knowledge', intent: analysis.intent }
        : { kind: 'clarify', intents: [analysis.intent] };
  }
}
