import path from 'node:path';
import { predict, readLabelledFile } from '../../src/cli/eval';
import { scorePredictions } from '../../src/nlu/evaluation';
import { Nlu } from '../../src/nlu/nlu';
import { packageRoot } from '../../src/paths';

const INTENTS = [
  'greeting',
  'goodbye',
  'human.request',
  'complaint',
  'out_of_scope',
  'product.inquiry',
  'promotion.inquiry',
  'payment.inquiry',
  'shipping.track',
  'shipping.info',
  'order.cancel',
  'order.modify',
  'return.request',
  'exchange.request',
  'refund.status',
  'invoice',
  'faq',
];

let nlu: Nlu;
beforeAll(() => {
  nlu = Nlu.create();
});

describe('Nlu', () => {
  it('knows exactly the intents of DESIGN.md §3', () => {
    expect([...nlu.intents].sort()).toEqual([...INTENTS].sort());
  });

  it('has at least 60 examples per intent per language', () => {
    for (const intent of INTENTS) {
      for (const language of ['zh', 'en'] as const) {
        const count = nlu.trainingExamples.filter(
          (e) => e.intent === intent && e.language === language,
        ).length;
        expect({ intent, language, enough: count >= 60 }).toEqual({ intent, language, enough: true });
      }
    }
  });

  it('analyses a Traditional Chinese tracking question with its order number', () => {
    const analysis = nlu.analyze('請問我的訂單20231102558736到哪了？');
    expect(analysis.language).toBe('zh');
    expect(analysis.intent).toBe('shipping.track');
    expect(analysis.confidence).toBeGreaterThan(0.5);
    expect(analysis.entities).toEqual([
      expect.objectContaining({ type: 'orderId', value: '20231102558736' }),
    ]);
    expect(Math.abs(analysis.sentiment)).toBeLessThan(0.2);
  });

  it('understands code-mixed and English messages', () => {
    expect(nlu.analyze('能开invoice吗').intent).toBe('invoice');
    expect(nlu.analyze('能开invoice吗').language).toBe('zh');
    const english = nlu.analyze('I want to cancel my order 202311210099, ordered by mistake');
    expect(english.language).toBe('en');
    expect(english.intent).toBe('order.cancel');
    expect(english.entities.map((e) => e.type)).toEqual(['orderId']);
  });

  it('feels anger and asks for a human', () => {
    const angry = nlu.analyze('气死我了！！你们这什么破服务 😡');
    expect(angry.sentiment).toBeLessThanOrEqual(-0.6);
    expect(nlu.analyze('转人工').intent).toBe('human.request');
    expect(nlu.analyze('let me talk to a real person').intent).toBe('human.request');
  });

  it('ranks every intent with confidences that sum to 1', () => {
    const { ranking } = nlu.analyze('包邮吗');
    expect(ranking[0].intent).toBe('shipping.info');
    expect(ranking).toHaveLength(INTENTS.length);
    expect(ranking.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 6);
  });

  it('marks an invalid tax id as invalid instead of dropping it', () => {
    const entities = nlu.analyze('开专票 税号91350100M000100Y44').entities;
    expect(entities).toEqual([expect.objectContaining({ type: 'taxId', valid: false })]);
  });

  it('handles empty and huge input without trouble', () => {
    expect(nlu.analyze('').intent).toEqual(expect.any(String));
    const huge = '我要退货'.repeat(500_000);
    expect(nlu.analyze(huge).intent).toBe('return.request');
  });
});

describe('held-out accuracy', () => {
  it('stays at or above 90% in each language on test/data/holdout.jsonl', async () => {
    const items = await readLabelledFile(path.join(packageRoot(), 'test', 'data', 'holdout.jsonl'));
    expect(items.length).toBeGreaterThanOrEqual(300);
    const report = scorePredictions(predict(nlu, items));
    expect(report.accuracyByLanguage.zh?.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.accuracyByLanguage.en?.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.9);
  });
});
