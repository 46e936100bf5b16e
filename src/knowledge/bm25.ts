/**
 * Okapi BM25 over token lists, built once. Scoring walks the postings of the query's terms only, so its cost
 * grows with how common those terms are, not with the number of documents.
 */

export interface Bm25Parameters {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation: 0 ignores document length, 1 normalises fully. */
  b: number;
}

export const DEFAULT_BM25: Bm25Parameters = { k1: 1.2, b: 0.75 };

interface Postings {
  documents: number[];
  frequencies: number[];
  idf: number;
}

function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly selfScores: number[];

  constructor(
    documents: readonly (readonly string[])[],
    private readonly parameters: Bm25Parameters = DEFAULT_BM25,
  ) {
    this.lengths = documents.map((tokens) => tokens.length);
    const total = this.lengths.reduce((sum, length) => sum + length, 0);
    // An index of empty documents still has to answer (with nothing), not divide by zero.
    this.averageLength = total > 0 ? total / documents.length : 1;
    const perDocument = documents.map(termFrequencies);
    perDocument.forEach((counts, document) => {
      for (const [term, frequency] of counts) {
        let postings = this.postings.get(term);
        if (!postings) {
          postings = { documents: [], frequencies: [], idf: 0 };
          this.postings.set(term, postings);
        }
        postings.documents.push(document);
        postings.frequencies.push(frequency);
      }
    });
    for (const postings of this.postings.values()) postings.idf = this.idfFor(postings.documents.length);
    this.selfScores = perDocument.map((counts, document) => this.scoreCounts(counts, this.lengths[document]));
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Lucene's smoothed idf: never negative, so a term in most documents still counts a little. */
  private idfFor(documentFrequency: number): number {
    const n = this.lengths.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** A term no document has gets the idf of the rarest possible term: it is as telling as a word can be. */
  idf(term: string): number {
    return this.postings.get(term)?.idf ?? this.idfFor(0);
  }

  private termWeight(frequency: number, length: number): number {
    const { k1, b } = this.parameters;
    return (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / this.averageLength));
  }

  private scoreCounts(counts: Map<string, number>, length: number): number {
    let score = 0;
    for (const [term, frequency] of counts) score += this.idf(term) * this.termWeight(frequency, length);
    return score;
  }

  /**
   * Scores of the documents sharing at least one term with the query. Each distinct query term counts once:
   * repeating a word ("refund refund refund") should not outweigh the rest of the message.
   */
  score(query: readonly string[]): Map<number, number> {
    const scores = new Map<number, number>();
    for (const term of new Set(query)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      for (let i = 0; i < postings.documents.length; i++) {
        const document = postings.documents[i];
        const weight = postings.idf * this.termWeight(postings.frequencies[i], this.lengths[document]);
        scores.set(document, (scores.get(document) ?? 0) + weight);
      }
    }
    return scores;
  }

  /**
   * Per document sharing a term with the query, the idf summed over the distinct query terms it contains:
   * which of the query's words it has, weighted by how telling they are, whatever their counts.
   */
  matchedIdf(query: readonly string[]): Map<number, number> {
    const matched = new Map<number, number>();
    for (const term of new Set(query)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      for (const document of postings.documents) {
        matched.set(document, (matched.get(document) ?? 0) + postings.idf);
      }
    }
    return matched;
  }

  /** The idf summed over the distinct query terms: what matchedIdf reaches when a document has them all. */
  queryIdf(query: readonly string[]): number {
    let total = 0;
    for (const term of new Set(query)) total += this.idf(term);
    return total;
  }

  /** The score a document gets when it is itself the query: the most any query can reach on it. */
  selfScore(document: number): number {
    return this.selfScores[document];
  }

  /**
   * The score the query would get against this document if the document contained every query term once:
   * the most it can reach on a document of that length.
   */
  bestPossibleScore(query: readonly string[], document: number): number {
    return this.bestPossibleScoreFor(this.queryIdf(query), document);
  }

  /** bestPossibleScore from the query's queryIdf, for a caller that needs it for many documents. */
  bestPossibleScoreFor(queryIdf: number, document: number): number {
    return queryIdf * this.termWeight(1, this.lengths[document]);
  }
}
