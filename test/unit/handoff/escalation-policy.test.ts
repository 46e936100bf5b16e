import { EscalationPolicy, type TurnSignal } from '../../../src/handoff/escalation-policy';
import type { Analysis } from '../../../src/nlu/types';

const policy = new EscalationPolicy({
  sentimentThreshold: -0.6,
  trendThreshold: -0.3,
  lowConfidenceTurns: 2,
  repeatedIntent: 3,
  confidenceThreshold: 0.55,
});

function turn(intent: string, confidence = 0.9, sentiment = 0): Analysis {
  return { text: '', language: 'zh', intent, confidence, sentiment, ranking: [], entities: [] };
}
const signal = (intent: string, confidence = 0.9, sentiment = 0): TurnSignal => ({
  intent,
  confidence,
  sentiment,
});

describe('EscalationPolicy', () => {
  it('honours an explicit request at once, even when worded unusually', () => {
    expect(policy.evaluate(turn('human.request', 0.4), [])).toEqual({
      reason: 'explicit_request',
      priority: 2,
    });
  });

  it('escalates a strongly negative message first, as urgent', () => {
    expect(policy.evaluate(turn('shipping.track', 0.9, -0.7), [])).toEqual({
      reason: 'strong_negative',
      priority: 1,
    });
    expect(policy.evaluate(turn('shipping.track', 0.9, -0.59), [])).toBeUndefined();
  });

  it('escalates a complaint', () => {
    expect(policy.evaluate(turn('complaint', 0.8, -0.2), [])).toEqual({ reason: 'complaint', priority: 1 });
  });

  it('escalates a falling sentiment trend over the last three messages', () => {
    const history = [signal('shipping.track', 0.9, -0.2), signal('shipping.track', 0.9, -0.35)];
    expect(policy.evaluate(turn('faq', 0.9, -0.4), history)).toEqual({
      reason: 'negative_trend',
      priority: 2,
    });
    expect(policy.evaluate(turn('faq', 0.9, 0.3), history)).toBeUndefined();
  });

  it('tries one clarifying question before escalating on low confidence', () => {
    expect(policy.evaluate(turn('faq', 0.3), [])).toBeUndefined();
    expect(policy.evaluate(turn('faq', 0.3), [signal('invoice', 0.4)])).toEqual({
      reason: 'low_confidence',
      priority: 3,
    });
    expect(
      policy.evaluate(turn('faq', 0.3), [signal('invoice', 0.4), signal('invoice', 0.9)]),
    ).toBeUndefined();
  });

  it('escalates the same need asked a third time, but not repeated small talk', () => {
    const history = [signal('shipping.track'), signal('shipping.track')];
    expect(policy.evaluate(turn('shipping.track'), history)).toEqual({
      reason: 'repeated_intent',
      priority: 3,
    });
    expect(policy.evaluate(turn('shipping.track'), history.slice(1))).toBeUndefined();
    expect(policy.evaluate(turn('greeting'), [signal('greeting'), signal('greeting')])).toBeUndefined();
  });

  it('leaves a calm, understood conversation alone', () => {
    const history = [signal('greeting', 0.99, 0.3), signal('shipping.info', 0.9, 0)];
    expect(policy.evaluate(turn('invoice', 0.95, 0.1), history)).toBeUndefined();
  });

  it('follows configured thresholds', () => {
    const strict = new EscalationPolicy({
      sentimentThreshold: -0.3,
      trendThreshold: -0.1,
      lowConfidenceTurns: 1,
      repeatedIntent: 2,
      confidenceThreshold: 0.55,
    });
    expect(strict.evaluate(turn('faq', 0.9, -0.35), [])?.reason).toBe('strong_negative');
    expect(strict.evaluate(turn('faq', 0.9), [signal('faq')])?.reason).toBe('repeated_intent');
  });
});
