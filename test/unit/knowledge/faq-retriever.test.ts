import { DEFAULT_RETRIEVER_SETTINGS, FaqRetriever } from '../../../src/knowledge/faq-retriever';
import { normalize } from '../../../src/nlu/normalize';
import { AMBIGUOUS_QUERIES, FAQ_PHRASINGS, UNRELATED_QUERIES } from './faq-phrasings';
import { shopEntries, shopTokenize } from './shop-faq';

const retriever = new FaqRetriever(shopEntries, { tokenize: shopTokenize });
const entryById = new Map(shopEntries.map((entry) => [entry.id, entry]));

// What a phrasing means to the retriever, minus trivia: Traditional folded, case, punctuation and spaces.
function comparable(text: string): string {
  return normalize(text).folded.replace(/[\p{P}\p{S}\s]/gu, '');
}

const phrasingCases = Object.entries(FAQ_PHRASINGS).flatMap(([id, byLanguage]) =>
  (['zh', 'en'] as const).flatMap((language) => byLanguage[language].map((text) => ({ id, language, text }))),
);

describe('the test phrasings', () => {
  it('cover every entry with at least two phrasings per language', () => {
    expect(Object.keys(FAQ_PHRASINGS).sort()).toEqual(shopEntries.map((entry) => entry.id).sort());
    for (const [id, byLanguage] of Object.entries(FAQ_PHRASINGS)) {
      expect([id, byLanguage.zh.length >= 2, byLanguage.en.length >= 2]).toEqual([id, true, true]);
    }
  });

  it('are none of their entry’s own questions, even after folding Traditional and punctuation', () => {
    const copies = phrasingCases.filter(({ id, text }) => {
      const entry = entryById.get(id);
      const questions = entry
        ? [...entry.questions.zh, ...entry.questions.en, entry.title.zh, entry.title.en]
        : [];
      return questions.some((question) => comparable(question) === comparable(text));
    });
    expect(copies).toEqual([]);
  });

  it('include Traditional characters', () => {
    const traditional = phrasingCases.filter(
      ({ language, text }) => language === 'zh' && normalize(text).text !== text,
    );
    expect(traditional.length).toBeGreaterThanOrEqual(40);
  });
});

describe('FaqRetriever.match', () => {
  it.each(phrasingCases)('answers "$text" with $id ($language)', ({ id, text }) => {
    const result = retriever.match(text);
    expect(result.kind === 'answer' ? result.entry.id : result).toBe(id);
    if (result.kind === 'answer') {
      expect(result.confidence).toBeGreaterThanOrEqual(DEFAULT_RETRIEVER_SETTINGS.answerThreshold);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it.each(AMBIGUOUS_QUERIES)('offers a choice for "$text"', ({ text, options }) => {
    const result = retriever.match(text);
    expect(result.kind).toBe('choose');
    if (result.kind === 'choose')
      expect(result.options.map((entry) => entry.id).sort()).toEqual([...options].sort());
  });

  it.each(UNRELATED_QUERIES)('finds nothing for "%s"', (text) => {
    expect(retriever.match(text)).toEqual({ kind: 'none' });
  });

  it('finds nothing for an empty message or one made only of filler', () => {
    expect(retriever.match('')).toEqual({ kind: 'none' });
    expect(retriever.match('亲 请问一下 你们 ??')).toEqual({ kind: 'none' });
    expect(retriever.search('the a an')).toEqual([]);
  });

  it('answers an entry’s own question with high confidence', () => {
    const result = retriever.match('运费险怎么用');
    expect(result).toEqual({
      kind: 'answer',
      entry: entryById.get('return-shipping-cost'),
      confidence: expect.any(Number),
    });
    if (result.kind === 'answer') expect(result.confidence).toBeGreaterThan(0.6);
  });

  it('narrows to one intent when asked: a bare 运费 becomes unambiguous', () => {
    expect(retriever.match('运费').kind).toBe('choose');
    const returns = retriever.match('运费', { intent: 'return.request' });
    expect(returns.kind === 'answer' ? returns.entry.id : returns).toBe('return-shipping-cost');
    const shipping = retriever.match('运费多少', { intent: 'shipping.info' });
    expect(shipping.kind === 'answer' ? shipping.entry.id : shipping).toBe('shipping-fee');
  });

  it('finds nothing within an intent that has no matching entry', () => {
    expect(retriever.match('发票抬头写错了', { intent: 'payment.inquiry' })).toEqual({ kind: 'none' });
  });

  it('follows its thresholds', () => {
    const neverSure = new FaqRetriever(shopEntries, { tokenize: shopTokenize, answerThreshold: 1.01 });
    const unsure = neverSure.match('有运费险吗');
    expect(unsure.kind).toBe('choose');
    if (unsure.kind === 'choose') expect(unsure.options[0].id).toBe('return-shipping-cost');
    const neverPlausible = new FaqRetriever(shopEntries, { tokenize: shopTokenize, chooseThreshold: 1.01 });
    expect(neverPlausible.match('有运费险吗')).toEqual({ kind: 'none' });
    const noMargin = new FaqRetriever(shopEntries, { tokenize: shopTokenize, minMargin: 0 });
    expect(noMargin.match('refund').kind).toBe('answer');
  });
});

describe('FaqRetriever.search', () => {
  it('ranks best first with scores and confidences in [0, 1]', () => {
    const hits = retriever.search('退款多久到账', { limit: 4 });
    expect(hits).toHaveLength(4);
    expect(hits[0].entry.id).toBe('refund-timing');
    for (let i = 0; i < hits.length; i++) {
      expect(hits[i].score).toBeGreaterThan(0);
      expect(hits[i].score).toBeLessThanOrEqual(1);
      expect(hits[i].confidence).toBeGreaterThanOrEqual(0);
      expect(hits[i].confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
    }
    // Confidence is the score less half the strongest rival's: the runner-up's is far below the winner's.
    expect(hits[0].confidence).toBeCloseTo(hits[0].score - hits[1].score / 2, 10);
    expect(hits[1].confidence).toBeCloseTo(Math.max(0, hits[1].score - hits[0].score / 2), 10);
  });

  it('defaults to five hits and filters by intent', () => {
    expect(retriever.search('退款多久')).toHaveLength(5);
    const invoices = retriever.search('发票', { intent: 'invoice', limit: 10 });
    expect(invoices.map((hit) => hit.entry.intent)).toEqual(invoices.map(() => 'invoice'));
    expect(invoices.map((hit) => hit.entry.id).sort()).toEqual(
      ['company-invoice', 'invoice-available', 'invoice-reissue', 'invoice-timing'].sort(),
    );
  });

  it('matches across languages and code-mixing through the shared index', () => {
    expect(retriever.search('能开invoice吗')[0].entry.id).toBe('invoice-available');
    expect(retriever.search('可以用 alipay 吗')[0].entry.id).toBe('payment-methods');
    expect(retriever.search('能寄 hong kong 吗')[0].entry.id).toBe('hk-macau-taiwan');
  });
});

describe('asking about the same message twice', () => {
  it('tokenises it once, and answers exactly as a retriever asked only once', () => {
    const tokenized: string[] = [];
    const counting = new FaqRetriever(shopEntries, {
      tokenize: (text) => {
        tokenized.push(text);
        return shopTokenize(text);
      },
    });
    tokenized.length = 0; // the entries' own texts, tokenised when it was built
    const text = '包邮吗';
    const scoped = counting.match(text, { intent: 'faq.shipping' });
    const all = counting.match(text);
    expect(tokenized).toEqual([text]);
    expect(scoped).toEqual(
      new FaqRetriever(shopEntries, { tokenize: shopTokenize }).match(text, { intent: 'faq.shipping' }),
    );
    expect(all).toEqual(retriever.match(text));
    expect(all.kind).toBe('answer');
  });

  it('ranks a different message afresh, and the first one right again after it', () => {
    const fresh = new FaqRetriever(shopEntries, { tokenize: shopTokenize });
    const texts = ['能开发票吗', 'how much is shipping', '能开发票吗'];
    for (const text of texts) expect(fresh.search(text)).toEqual(retriever.search(text));
    expect(fresh.search('能开发票吗')[0]?.entry.id).not.toBe(
      fresh.search('how much is shipping')[0]?.entry.id,
    );
  });
});
