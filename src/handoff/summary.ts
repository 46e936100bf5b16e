import type { Language } from '../nlu/types';
import type { TurnRecord } from '../storage/conversation-log';
import type { EscalationReasonCode } from './escalation-policy';

export const reasonLabels: Record<EscalationReasonCode, Record<Language, string>> = {
  explicit_request: { zh: '顾客要求转人工', en: 'Shopper asked for a person' },
  strong_negative: { zh: '顾客情绪激动', en: 'Shopper is very upset' },
  negative_trend: { zh: '顾客情绪持续变差', en: "Shopper's mood keeps getting worse" },
  low_confidence: { zh: '机器人多次没听懂', en: 'The bot did not understand, twice' },
  complaint: { zh: '顾客投诉', en: 'Complaint' },
  repeated_intent: { zh: '同一问题反复询问未解决', en: 'Same question asked again and again' },
  validation_failed: { zh: '办理过程中多次输入无效', en: 'Repeated invalid answers in a request' },
  verification_failed: { zh: '订单身份验证失败', en: 'Order ownership check failed' },
  policy_refusal: { zh: '超出政策范围，需人工判断', en: 'Outside the policy; needs a person to decide' },
};

const SMALL_TALK = new Set(['greeting', 'goodbye']);

/**
 * An extractive summary for the agent: the reason, then the shopper's few most telling messages in the
 * order they were said — those that name an order or amount, carry strong feeling, or state a need.
 * (With a language model configured, the LLM part of kefu can replace it.)
 */
export function extractiveSummary(
  transcript: readonly TurnRecord[],
  reason: EscalationReasonCode,
  language: Language,
  maxMessages = 3,
): string {
  const shopper = transcript
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => record.role === 'shopper' && record.text.trim() !== '');
  const scored = shopper.map(({ record, index }) => ({
    index,
    text: record.text.length > 120 ? `${record.text.slice(0, 117)}...` : record.text,
    score:
      2 * (record.entities?.length ?? 0) +
      Math.abs(record.sentiment ?? 0) * 2 +
      (record.intent && !SMALL_TALK.has(record.intent) ? 1 : 0) +
      Math.min(record.text.length, 60) / 60,
  }));
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score)
    .slice(0, maxMessages)
    .sort((a, b) => a.index - b.index);
  const head = `${reasonLabels[reason][language]}${language === 'zh' ? '。' : '.'}`;
  if (chosen.length === 0) return head;
  const said = language === 'zh' ? '顾客说：' : 'The shopper said: ';
  return `${head} ${said}${chosen.map((item) => `“${item.text}”`).join(language === 'zh' ? '；' : '; ')}`;
}
