import { newConversationData } from '../../../src/bot/conversation-state';
import { route } from '../../../src/bot/router';
import type { Analysis } from '../../../src/nlu/types';

const settings = { confidenceThreshold: 0.55 };

function analysis(intent: string, confidence: number, extra: Partial<Analysis> = {}): Analysis {
  return {
    text: 'x',
    language: 'zh',
    intent,
    confidence,
    ranking: [
      { intent, confidence },
      { intent: 'out_of_scope', confidence: (1 - confidence) / 2 },
      { intent: intent === 'faq' ? 'invoice' : 'faq', confidence: (1 - confidence) / 2 },
    ],
    sentiment: 0,
    entities: [],
    ...extra,
  };
}

describe('route', () => {
  it('answers confident knowledge intents from the knowledge base', () => {
    for (const intent of [
      'faq',
      'shipping.info',
      'invoice',
      'payment.inquiry',
      'promotion.inquiry',
      'product.inquiry',
    ]) {
      expect(route(analysis(intent, 0.9), newConversationData(), settings)).toEqual({
        kind: 'knowledge',
        intent,
      });
    }
  });

  it('asks instead of guessing below the threshold, offering the likeliest intents but not out_of_scope', () => {
    expect(route(analysis('invoice', 0.4), newConversationData(), settings)).toEqual({
      kind: 'clarify',
      intents: ['invoice', 'faq'],
    });
  });

  it('honours a request for a human even when the wording is unusual', () => {
    expect(route(analysis('human.request', 0.3), newConversationData(), settings)).toEqual({
      kind: 'escalate',
      reason: 'explicit_request',
    });
  });

  it('routes tracking, greetings, goodbyes, complaints and out-of-scope', () => {
    const state = newConversationData();
    expect(route(analysis('shipping.track', 0.9), state, settings).kind).toBe('track');
    expect(route(analysis('greeting', 0.9), state, settings).kind).toBe('greet');
    expect(route(analysis('goodbye', 0.9), state, settings).kind).toBe('goodbye');
    expect(route(analysis('complaint', 0.9), state, settings)).toEqual({
      kind: 'escalate',
      reason: 'complaint',
    });
    expect(route(analysis('out_of_scope', 0.9), state, settings).kind).toBe('out-of-scope');
  });

  it('recognises a clicked button by its label', () => {
    const state = {
      ...newConversationData(),
      choices: [{ label: '申请物流理赔', action: { kind: 'claim' as const, orderId: '1' } }],
    };
    expect(route({ ...analysis('complaint', 0.9), text: ' 申请物流理赔 ' }, state, settings)).toEqual({
      kind: 'choice',
      action: { kind: 'claim', orderId: '1' },
    });
  });

  it('keeps waiting for phone digits unless the shopper clearly moves on', () => {
    const state = {
      ...newConversationData(),
      awaiting: { kind: 'phoneLast4' as const, orderId: '1', attempts: 0, purpose: 'track' as const },
    };
    expect(route({ ...analysis('greeting', 0.9), text: '5678' }, state, settings).kind).toBe(
      'answer-awaiting',
    );
    expect(route({ ...analysis('invoice', 0.3), text: '嗯' }, state, settings).kind).toBe('answer-awaiting');
    expect(route({ ...analysis('invoice', 0.95), text: '能开发票吗' }, state, settings)).toEqual({
      kind: 'knowledge',
      intent: 'invoice',
    });
    expect(route({ ...analysis('goodbye', 0.9), text: '算了' }, state, settings)).toEqual({
      kind: 'choice',
      action: { kind: 'dismiss' },
    });
  });
});
