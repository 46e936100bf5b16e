import type { FaqEntry } from './faq-entry';
import { analyze, type AnalyzedText, RetrievalField } from './retrieval-text';
import { withoutPlaceholders } from './templates';

/**
 * Finds the FAQ entry a shopper's message asks about.
 *
 * Every question of an entry (both languages) and its titles are indexed as separate short documents. An
 * entry's score, in [0, 1], is a weighted sum of
 * - the similarity of its best-matching question (see RetrievalField): the main signal;
 * - how much of the message all its questions together contain ("寄新疆运费多少": 新疆 is in one question,
 *   运费多少 in another; no single question has both, but only this entry has all three);
 * - how much of the message its answer contains: a small share that breaks ties and rescues a message
 *   using the answer's words.
 *
 * confidence = the entry's score − half the score of the best other entry, clamped to [0, 1]. A near-exact
 * match with no rival is ~1; two entries matching equally well both end up near half their score, which is
 * what "the bot is unsure which one you mean" should look like to the caller. match() also requires a margin
 * between the two scores, since a confidence alone cannot tell 0.9 vs 0.3 apart from 0.6 vs 0.
 */

export type Tokenize = (text: string) => string[];

export interface FaqRetrieverOptions {
  /** Text → tokens (in kefu: NLU tokens of the normalized text without stopwords). */
  tokenize: Tokenize;
  /** Minimum confidence for a direct answer. */
  answerThreshold?: number;
  /** Minimum lead of the best entry's score over the runner-up's for a direct answer. */
  minMargin?: number;
  /** Minimum score of the best entry for offering a choice; below it nothing matches. */
  chooseThreshold?: number;
  /** Weight of all the entry's questions' coverage of the message; the best question gets the rest. */
  poolShare?: number;
  /** Weight of the answer's coverage of the message; the best question gets the rest. */
  answerShare?: number;
}

export interface FaqHit {
  entry: FaqEntry;
  /** Weighted best-question similarity, pooled-questions coverage and answer coverage, in [0, 1]. */
  score: number;
  confidence: number;
}

export type FaqMatch =
  | { kind: 'answer'; entry: FaqEntry; confidence: number }
  | { kind: 'choose'; options: [FaqEntry, FaqEntry] }
  | { kind: 'none' };

export interface SearchOptions {
  /** Only entries of this intent (the NLU's verdict), so that a confident intent narrows the search. */
  intent?: string;
  limit?: number;
}

/**
 * Defaults measured on test/unit/knowledge/faq-phrasings.ts (220 phrasings written apart from the entries'
 * questions, and unrelated messages):
 * - answerThreshold 0.25: the least confident correct answer there is 0.28; unrelated messages stay ≤ 0.16.
 * - minMargin 0.05: correct answers lead the runner-up by ≥ 0.06, while a bare topic word that several
 *   entries share (运费, refund, 多久) leads by less, and a choice is the honest reply to it.
 * - chooseThreshold 0.25: unrelated messages that share an everyday word with a question score ≤ 0.18.
 * - poolShare 0.3, answerShare 0.1: without the pooled questions 4 of the 220 phrasings rank the wrong entry
 *   first and 12 fewer get an answer; the answer's share adds one (219 → 220), more of it (0.2) lets long
 *   answers win and loses two.
 * Lexical matching cannot tell an off-topic message that shares a shop word ("今天几号" and 今天下单) from a
 * terse real question: the NLU's out_of_scope intent has to keep those away from the FAQ.
 */
export const DEFAULT_RETRIEVER_SETTINGS = {
  answerThreshold: 0.25,
  minMargin: 0.05,
  chooseThreshold: 0.25,
  poolShare: 0.3,
  answerShare: 0.1,
} as const;

export class FaqRetriever {
  private readonly tokenize: Tokenize;
  private readonly settings: Settings;
  private readonly questions: RetrievalField;
  private readonly pooled: RetrievalField;
  private readonly answers: RetrievalField;
  /** Question document → index of its entry. */
  private readonly questionEntry: number[] = [];
  /**
   * The scores of the last text ranked. A turn asks about the same message more than once (scoped to the
   * NLU's intent, then over all entries; the router's sure-answer check), and the scores do not depend on the
   * scope, so the tokenising and the similarity sums are done once. The entries never change, so a text's
   * scores never go stale.
   */
  private lastScored: { text: string; scores: Map<number, number> } | undefined;

  constructor(
    private readonly entries: readonly FaqEntry[],
    options: FaqRetrieverOptions,
  ) {
    this.tokenize = options.tokenize;
    this.settings = settingsFrom(options);
    const questionTexts: AnalyzedText[] = [];
    const pooledTexts: AnalyzedText[] = [];
    entries.forEach((entry, index) => {
      const texts = [entry.title.zh, entry.title.en, ...entry.questions.zh, ...entry.questions.en];
      const analyzed = texts.map((text) => analyze(this.tokenize(text)));
      for (const text of analyzed) {
        questionTexts.push(text);
        this.questionEntry.push(index);
      }
      pooledTexts.push({
        words: analyzed.flatMap((text) => text.words),
        bigrams: analyzed.flatMap((text) => text.bigrams),
      });
    });
    this.questions = new RetrievalField(questionTexts);
    this.pooled = new RetrievalField(pooledTexts);
    this.answers = new RetrievalField(
      entries.map((entry) =>
        analyze(this.tokenize(withoutPlaceholders(`${entry.answer.zh}\n${entry.answer.en}`))),
      ),
    );
  }

  /** Entries ranked by score, best first; only entries sharing something with the text. */
  search(text: string, options: SearchOptions = {}): FaqHit[] {
    const ranked = this.rank(text, options.intent);
    return ranked.slice(0, options.limit ?? 5);
  }

  match(text: string, options: { intent?: string } = {}): FaqMatch {
    const [best, second] = this.rank(text, options.intent);
    if (!best || best.score < this.settings.chooseThreshold) return { kind: 'none' };
    const margin = best.score - (second?.score ?? 0);
    if (best.confidence >= this.settings.answerThreshold && margin >= this.settings.minMargin) {
      return { kind: 'answer', entry: best.entry, confidence: best.confidence };
    }
    // With a single candidate (an intent with one entry) there is nothing to choose between.
    if (!second) return { kind: 'none' };
    return { kind: 'choose', options: [best.entry, second.entry] };
  }

  private rank(text: string, intent: string | undefined): FaqHit[] {
    const ranked = [...this.scoresOf(text)]
      .filter(([entry]) => intent === undefined || this.entries[entry].intent === intent)
      .map(([entry, score]) => ({ entry: this.entries[entry], score, confidence: 0 }))
      .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
    ranked.forEach((hit, index) => {
      const rival = index === 0 ? (ranked[1]?.score ?? 0) : ranked[0].score;
      hit.confidence = clamp01(hit.score - rival / 2);
    });
    return ranked;
  }

  /** Entry index → score, for every entry sharing something with the text. */
  private scoresOf(text: string): Map<number, number> {
    if (this.lastScored?.text === text) return this.lastScored.scores;
    const query = analyze(this.tokenize(text));
    const { poolShare, answerShare } = this.settings;
    const best = new Map<number, number>();
    for (const [document, similarity] of this.questions.similarities(query)) {
      const entry = this.questionEntry[document];
      best.set(entry, Math.max(best.get(entry) ?? 0, similarity));
    }
    const scores = new Map<number, number>();
    const add = (entry: number, value: number): void =>
      void scores.set(entry, (scores.get(entry) ?? 0) + value);
    for (const [entry, similarity] of best) add(entry, (1 - poolShare - answerShare) * similarity);
    for (const [entry, coverage] of this.pooled.coverage(query)) add(entry, poolShare * coverage);
    for (const [entry, coverage] of this.answers.coverage(query)) add(entry, answerShare * coverage);
    this.lastScored = { text, scores };
    return scores;
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

type Settings = Required<Omit<FaqRetrieverOptions, 'tokenize'>>;

/** Defaults, overridden by whichever settings the caller gave (an explicit undefined keeps the default). */
function settingsFrom(options: FaqRetrieverOptions): Settings {
  const settings: Settings = { ...DEFAULT_RETRIEVER_SETTINGS };
  for (const key of Object.keys(settings) as (keyof Settings)[]) {
    const value = options[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}
