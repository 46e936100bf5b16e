import type { Analysis } from '../nlu/types';

/** Why a conversation goes to a person; each trigger of DESIGN.md §6 has its own code. */
export type EscalationReasonCode =
  | 'explicit_request'
  | 'strong_negative'
  | 'negative_trend'
  | 'low_confidence'
  | 'complaint'
  | 'repeated_intent'
  | 'validation_failed'
  | 'verification_failed'
  | 'policy_refusal';

/** 1 is served first. */
export type EscalationPriority = 1 | 2 | 3;

export interface Escalation {
  reason: EscalationReasonCode;
  priority: EscalationPriority;
}

/** What the policy remembers of an earlier shopper turn. */
export interface TurnSignal {
  intent: string;
  confidence: number;
  sentiment: number;
}

export interface EscalationSettings {
  /** A message at or below this sentiment escalates (ESCALATE_SENTIMENT). */
  sentimentThreshold: number;
  /** The mean of the last three messages at or below this escalates (ESCALATE_SENTIMENT_TREND). */
  trendThreshold: number;
  /** Consecutive turns below the confidence threshold that escalate (ESCALATE_LOW_CONFIDENCE_TURNS). */
  lowConfidenceTurns: number;
  /** The same intent this many turns in a row escalates (ESCALATE_REPEATED_INTENT). */
  repeatedIntent: number;
  confidenceThreshold: number;
}

export const PRIORITY: Record<EscalationReasonCode, EscalationPriority> = {
  strong_negative: 1,
  complaint: 1,
  explicit_request: 2,
  negative_trend: 2,
  verification_failed: 2,
  policy_refusal: 3,
  low_confidence: 3,
  repeated_intent: 3,
  validation_failed: 3,
};

/** Intents that repeat harmlessly ("hi", "thanks") and say nothing about an unmet need. */
const NOT_A_NEED = new Set(['greeting', 'goodbye', 'out_of_scope']);

/**
 * Decides, per shopper message, whether a person should take over — the triggers of DESIGN.md §6 with
 * configurable thresholds. Pure: the bot keeps the history and acts on the answer.
 * Order matters: an explicit request is honoured at once; anger outranks confusion.
 */
export class EscalationPolicy {
  constructor(private readonly settings: EscalationSettings) {}

  get sentimentThreshold(): number {
    return this.settings.sentimentThreshold;
  }

  /**
   * `feelingsOnly` judges just the shopper's mood: for answers to the bot's own questions ("5678", a
   * button), which are short and say nothing about intent or understanding.
   */
  evaluate(analysis: Analysis, history: readonly TurnSignal[], feelingsOnly = false): Escalation | undefined {
    const { settings } = this;
    const escalate = (reason: EscalationReasonCode): Escalation => ({ reason, priority: PRIORITY[reason] });
    const confident = analysis.confidence >= settings.confidenceThreshold;

    if (
      !feelingsOnly &&
      analysis.intent === 'human.request' &&
      analysis.confidence >= settings.confidenceThreshold / 2
    ) {
      return escalate('explicit_request');
    }
    if (analysis.sentiment <= settings.sentimentThreshold) return escalate('strong_negative');
    if (!feelingsOnly && analysis.intent === 'complaint' && confident) return escalate('complaint');

    const recent = [...history.slice(-2).map((turn) => turn.sentiment), analysis.sentiment];
    if (recent.length === 3 && mean(recent) <= settings.trendThreshold) return escalate('negative_trend');
    if (feelingsOnly) return undefined;

    // The bot asks one clarifying question first: only the n-th unsure turn in a row escalates.
    const needed = settings.lowConfidenceTurns - 1;
    if (!confident && needed > 0) {
      const previous = history.slice(-needed);
      if (
        previous.length === needed &&
        previous.every((turn) => turn.confidence < settings.confidenceThreshold)
      ) {
        return escalate('low_confidence');
      }
    }

    // The same need again and again: the answers are not helping.
    const sameBefore = settings.repeatedIntent - 1;
    if (confident && !NOT_A_NEED.has(analysis.intent)) {
      const previous = history.slice(-sameBefore);
      if (
        previous.length === sameBefore &&
        previous.every(
          (turn) => turn.intent === analysis.intent && turn.confidence >= settings.confidenceThreshold,
        )
      ) {
        return escalate('repeated_intent');
      }
    }
    return undefined;
  }
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
