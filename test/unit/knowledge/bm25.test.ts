import { Bm25Index } from '../../../src/knowledge/bm25';

// Hand-checkable corpus: average length (2 + 3 + 4 + 1) / 4 = 2.5.
const DOCUMENTS = [
  ['ship', 'free'],
  ['ship', 'fee', 'fee'],
  ['refund', 'time', 'ship', 'money'],
  ['invoice'],
];

describe('Bm25Index', () => {
  const index = new Bm25Index(DOCUMENTS);

  it('computes Okapi BM25 with k1 1.2 and b 0.75', () => {
    const idf = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5)); // "free": in 1 of 4 documents
    const weight = (1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 2) / 2.5));
    expect(index.idf('free')).toBeCloseTo(idf, 10);
    expect(index.score(['free']).get(0)).toBeCloseTo(idf * weight, 10);
  });

  it('scores only documents sharing a term, via the postings', () => {
    const scores = index.score(['fee', 'unknown']);
    expect([...scores.keys()]).toEqual([1]);
    expect(index.score(['nothing', 'here']).size).toBe(0);
    expect(index.score([]).size).toBe(0);
  });

  it('weighs rare terms above common ones, and never below zero', () => {
    expect(index.idf('invoice')).toBeGreaterThan(index.idf('ship'));
    expect(index.idf('ship')).toBeGreaterThan(0); // in 3 of 4 documents: still counts a little
    expect(index.idf('never-seen')).toBeGreaterThan(index.idf('invoice'));
  });

  it('prefers the shorter document for the same term frequency', () => {
    const scores = index.score(['ship']);
    expect(scores.get(0)).toBeGreaterThan(scores.get(2) ?? Infinity);
  });

  it('saturates term frequency: twice the term is worth more, but less than twice as much', () => {
    const single = new Bm25Index([
      ['fee', 'x'],
      ['fee', 'fee'],
    ]).score(['fee']);
    const once = single.get(0) ?? 0;
    const twice = single.get(1) ?? 0;
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(2 * once);
  });

  it('counts a repeated query term once', () => {
    expect(index.score(['fee', 'fee', 'fee']).get(1)).toBeCloseTo(index.score(['fee']).get(1) ?? NaN, 10);
  });

  it('gives self-scores and the best score a query could reach on a document', () => {
    expect(index.selfScore(0)).toBeCloseTo(index.score(DOCUMENTS[0]).get(0) ?? NaN, 10);
    const best = index.bestPossibleScore(['ship', 'free'], 0);
    expect(index.score(['ship', 'free']).get(0)).toBeCloseTo(best, 10);
    expect(index.score(['ship', 'invoice']).get(0)).toBeLessThan(
      index.bestPossibleScore(['ship', 'invoice'], 0),
    );
    // The form for many documents, from the query's idf worked out once, gives the same figure.
    const queryIdf = index.queryIdf(['ship', 'free']);
    for (const document of [0, 1, 2]) {
      expect(index.bestPossibleScoreFor(queryIdf, document)).toBe(
        index.bestPossibleScore(['ship', 'free'], document),
      );
    }
  });

  it('sums the idf of the query terms a document contains', () => {
    expect(index.queryIdf(['ship', 'free', 'ship'])).toBeCloseTo(index.idf('ship') + index.idf('free'), 10);
    expect(index.matchedIdf(['ship', 'free', 'zzz']).get(0)).toBeCloseTo(
      index.idf('ship') + index.idf('free'),
      10,
    );
    expect(index.matchedIdf(['ship', 'free', 'zzz']).get(1)).toBeCloseTo(index.idf('ship'), 10);
  });

  it('answers on an index of empty documents instead of dividing by zero', () => {
    const empty = new Bm25Index([[], []]);
    expect(empty.documentCount).toBe(2);
    expect(empty.score(['ship']).size).toBe(0);
    expect(empty.selfScore(0)).toBe(0);
  });

  it('scores a query against 50,000 documents through the postings of its terms only', () => {
    const documents = Array.from({ length: 50_000 }, (_, i) => [
      `word${i % 5000}`,
      `other${i % 7}`,
      'common',
    ]);
    documents[123] = ['needle', 'common'];
    const large = new Bm25Index(documents);
    const scores = large.score(['needle', 'word42']);
    expect([...scores.keys()].sort((a, b) => a - b)).toEqual([
      42,
      123,
      ...Array.from({ length: 9 }, (_, k) => 42 + 5000 * (k + 1)),
    ]);
    // Only documents holding a query term are scored (the inverted index), not all 50,000.
  });
});
