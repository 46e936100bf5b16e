import { analyze, RetrievalField } from '../../../src/knowledge/retrieval-text';

describe('analyze', () => {
  it('adds bigrams inside Chinese words and runs of single characters, never across words', () => {
    expect(analyze(['增值税专用发票', '订单', '取消'])).toEqual({
      words: ['增值税专用发票', '订单', '取消'],
      bigrams: ['增值', '值税', '税专', '专用', '用发', '发票', '订单', '取消'],
    });
    expect(analyze(['登', '不', '上', 'sf', '快', '递']).bigrams).toEqual(['登不', '不上', '快递']);
    expect(analyze(['how', 'long']).bigrams).toEqual([]);
  });
});

describe('RetrievalField', () => {
  const field = new RetrievalField([
    analyze(['运费', '多少']),
    analyze(['退货', '运费', '谁', '出']),
    analyze(['invoic', 'compani']),
  ]);

  it('gives similarity 1 to the same words and less to a partial match', () => {
    const similarities = field.similarities(analyze(['运费', '多少']));
    expect(similarities.get(0)).toBeCloseTo(1, 10);
    expect(similarities.get(1)).toBeGreaterThan(0);
    expect(similarities.get(1)).toBeLessThan(0.6);
    expect(similarities.has(2)).toBe(false);
  });

  it('matches a wording variant through bigrams', () => {
    // jieba keeps 运费险 whole; its bigram 运费 still meets the documents about 运费.
    const similarities = field.similarities(analyze(['运费险']));
    expect(similarities.get(0)).toBeGreaterThan(0);
    expect(similarities.get(1)).toBeGreaterThan(0);
  });

  it('measures coverage of the query as the idf share found in a document', () => {
    const coverage = field.coverage(analyze(['invoic', 'compani']));
    expect(coverage.get(2)).toBeCloseTo(1, 10);
    const half = field.coverage(analyze(['invoic', 'refund']));
    expect(half.get(2)).toBeGreaterThan(0.3);
    expect(half.get(2)).toBeLessThan(0.7);
  });
});
