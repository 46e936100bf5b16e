import { Bm25Index, type Bm25Parameters, DEFAULT_BM25 } from './bm25';

/**
 * A field of short texts searched two ways at once: by the tokenizer's words and by character bigrams of
 * the Chinese. Words are precise; bigrams still match when jieba cuts a variant differently (运费险 / 运费
 * 险, 专票 / 增值税专用发票 / 专用发票) or a shopper words the same thing another way.
 */

const HAN_ONLY = /^[\u3400-\u9fff\uf900-\ufaff]+$/;

export interface AnalyzedText {
  words: string[];
  bigrams: string[];
}

/**
 * Bigrams of each Chinese word (专用发票 → 专用 用发 发票, so it meets 专票's neighbour 增值税专用发票), and of
 * runs of single characters, which is where jieba found no word (a typo, a rare compound). Not across two
 * words: with stopwords removed, "订单可以取消" would make 单取, a bigram no shopper wrote.
 */
export function analyze(tokens: readonly string[]): AnalyzedText {
  const bigrams: string[] = [];
  let singles = '';
  const addBigrams = (text: string): void => {
    for (let i = 0; i + 1 < text.length; i++) bigrams.push(text.slice(i, i + 2));
  };
  for (const token of tokens) {
    const han = HAN_ONLY.test(token);
    if (han && token.length === 1) {
      singles += token;
      continue;
    }
    addBigrams(singles);
    singles = '';
    if (han) addBigrams(token);
  }
  addBigrams(singles);
  return { words: [...tokens], bigrams };
}

/**
 * How much bigram overlap counts next to word overlap, for queries that have bigrams at all. Half: bigrams
 * overlap even between unrelated texts sharing a common compound, so they should rescue a match, not make one.
 */
const BIGRAM_WEIGHT = 0.5;

export class RetrievalField {
  private readonly words: Bm25Index;
  private readonly bigrams: Bm25Index;

  constructor(documents: readonly AnalyzedText[], parameters: Bm25Parameters = DEFAULT_BM25) {
    this.words = new Bm25Index(
      documents.map((document) => document.words),
      parameters,
    );
    this.bigrams = new Bm25Index(
      documents.map((document) => document.bigrams),
      parameters,
    );
  }

  /**
   * Similarity in [0, 1] of the query to every document sharing a term with it: the geometric mean of how
   * much of the query the document matches and how much of the document the query matches, both as BM25
   * scores divided by the most that side could reach. 1 means the same words; a short query inside a long
   * document, or a long query around a short document, is penalised.
   */
  similarities(query: AnalyzedText): Map<number, number> {
    const byWords = cosineLike(this.words, query.words);
    if (query.bigrams.length === 0) return byWords;
    return blend(byWords, cosineLike(this.bigrams, query.bigrams));
  }

  /**
   * How much of the query a document contains, in [0, 1]: the idf-weighted share of the query's distinct
   * terms found in it. For long documents (all questions of an entry, an answer), where BM25's length
   * normalisation would only say that they are long.
   */
  coverage(query: AnalyzedText): Map<number, number> {
    const byWords = covered(this.words, query.words);
    if (query.bigrams.length === 0) return byWords;
    return blend(byWords, covered(this.bigrams, query.bigrams));
  }
}

function cosineLike(index: Bm25Index, query: string[]): Map<number, number> {
  const result = new Map<number, number>();
  if (query.length === 0) return result;
  // Once, not per document: a common word matches hundreds of questions.
  const queryIdf = index.queryIdf(query);
  for (const [document, score] of index.score(query)) {
    // Both sides measured on the same document, so BM25's length normalisation cancels out of the ratio.
    const ofQuery = Math.min(1, score / index.bestPossibleScoreFor(queryIdf, document));
    const ofDocument = Math.min(1, score / index.selfScore(document));
    result.set(document, Math.sqrt(ofQuery * ofDocument));
  }
  return result;
}

function covered(index: Bm25Index, query: string[]): Map<number, number> {
  const result = new Map<number, number>();
  const total = index.queryIdf(query);
  if (total <= 0) return result;
  for (const [document, matched] of index.matchedIdf(query)) result.set(document, matched / total);
  return result;
}

function blend(words: Map<number, number>, bigrams: Map<number, number>): Map<number, number> {
  const result = new Map<number, number>();
  for (const document of new Set([...words.keys(), ...bigrams.keys()])) {
    const value =
      (1 - BIGRAM_WEIGHT) * (words.get(document) ?? 0) + BIGRAM_WEIGHT * (bigrams.get(document) ?? 0);
    result.set(document, value);
  }
  return result;
}
