import { matchChoice, type DialogProgress } from '../../dialogs';
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
  | { kind: 'tickets' }
  | { kind: 'dialog'; intent: string }
  | { kind: 'clarify'; intents: string[] }
  | { kind: 'escalate'; reason: 'explicit_request' | 'complaint' };

export interface RouterSettings {
  /** Below this confidence the bot asks instead of answering (CONFIDENCE_THRESHOLD). */
  confidenceThreshold: number;
  /** Intents that have an after-sales dialog to start. */
  dialogIntents?: ReadonlySet<string>;
}

/**
 * Words of someone who wants something done ("我要退货", "帮我取消", "I want to return it") rather than asking
 * about the rules ("可以退货吗", "what is your return policy"): the first starts a dialog, the second gets the
 * policy from the knowledge base (with a button to start).
 */
const WANTS_ACTION =
  /我要|我想|想要|帮我|麻烦|申请|办理|要退|想退|要换|想换|换成|换个|换一|退了|取消掉|给我开|开一?张|改成|改一下|改地址|重开|重新开|补开|i want|i'd like|i would like|i need|please|pls|help me|can you (?:cancel|return|refund|exchange|change|issue|reissue)|reissue|let me/i;

const OWN_CASE =
  /还没|没收到|没到账|到账了吗|退了吗|到哪了|进度|处理到|处理得|审核|怎么还|几天了|多久了|\bstill\b|haven'?t|hasn'?t|not (?:yet|received)|didn'?t get|status|where(?:'s| is) (?:my|the) (?:refund|money|return|exchange|replacement)/i;

/** About the shopper's own refund or return ("还没到账", "where is my refund"), not about refunds in general. */
export function asksAboutOwnCase(analysis: Analysis): boolean {
  return OWN_CASE.test(analysis.text) || analysis.entities.some((entity) => entity.type === 'orderId');
}

export function wantsAction(analysis: Analysis): boolean {
  return WANTS_ACTION.test(analysis.text) || analysis.entities.some((entity) => entity.type === 'orderId');
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
  'order.cancel',
  'order.modify',
]);

const DISMISS =
  /^(算了|不用了|不办了|取消|不查了|不等了|返回机器人|cancel|never ?mind|forget it|stop|back to (?:the )?bot)[\s!.。！]*$/i;

/** "算了" / "cancel": the shopper wants out of whatever the bot is asking. */
export function isDismissal(text: string): boolean {
  return DISMISS.test(text.trim());
}

/** Intents answered from the FAQ in the middle of a dialog, with the dialog resuming afterwards. */
const SIDE_QUESTION_INTENTS = new Set([
  'faq',
  'shipping.info',
  'payment.inquiry',
  'promotion.inquiry',
  'product.inquiry',
  'invoice',
]);
const DIALOG_INTENT: Record<string, string> = { InvoiceDialog: 'invoice' };
const ANSWER_ENTITIES = new Set(['orderId', 'taxId', 'email', 'phone', 'size', 'color']);

/**
 * A confident question about something else while a dialog waits ("包邮吗?" in the middle of a return):
 * not an answer to the dialog's question, which would carry an order number, a size, digits, …
 */
export function isFaqInterruption(analysis: Analysis, progress: DialogProgress | undefined): boolean {
  if (analysis.confidence < 0.8 || !SIDE_QUESTION_INTENTS.has(analysis.intent)) return false;
  if (progress && DIALOG_INTENT[progress.dialog] === analysis.intent) return false;
  if (progress?.expecting && matchChoice(analysis.text, progress.expecting) !== undefined) return false;
  if (/\d{4}/.test(analysis.text)) return false;
  return !analysis.entities.some((entity) => ANSWER_ENTITIES.has(entity.type));
}
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
    if (isDismissal(text)) return { kind: 'choice', action: { kind: 'dismiss' } };
    const answersIt =
      state.awaiting.kind === 'phoneLast4'
        ? FOUR_DIGITS.test(text)
        : analysis.entities.some((entity) => entity.type === 'orderId');
    // A shopper who answers the question, or who says nothing else the bot understands, is still in it.
    const sameTopic =
      analysis.intent === (state.awaiting.purpose === 'tickets' ? 'refund.status' : 'shipping.track');
    if (answersIt || !confident || sameTopic) return { kind: 'answer-awaiting' };
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
    case 'refund.status':
      // "我的退款到哪了" is about this shopper's tickets; "退款一般多久到账" is a policy question.
      return asksAboutOwnCase(analysis)
        ? { kind: 'tickets' }
        : { kind: 'knowledge', intent: 'refund.status' };
    default:
      if (settings.dialogIntents?.has(analysis.intent) && wantsAction(analysis)) {
        return { kind: 'dialog', intent: analysis.intent };
      }
      return KNOWLEDGE_INTENTS.has(analysis.intent)
        ? { kind: 'knowledge', intent: analysis.intent }
        : { kind: 'clarify', intents: [analysis.intent] };
  }
}
