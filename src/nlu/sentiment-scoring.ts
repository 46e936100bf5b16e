/*
 * The scoring pass both languages share: weighted lexicon hits with negation, boosters, contrast ("but"),
 * emphasis and emoji, squashed into [-1, 1].
 */

/** Factors a negator applies to the next scored term, by the sign of that term. */
export interface Negation {
  readonly positive: number;
  readonly negative: number;
}

/** What a matched word or phrase does. A term may both carry a score and modify (e.g. "super", 好). */
export interface Term {
  /** Valence −5 … 5; 0 for pure modifiers and for blockers that only stop a shorter word matching. */
  readonly score: number;
  /** Multiplies the next scored term: > 1 intensifies, < 1 softens. */
  readonly boost?: number;
  /** Multiplies the scored term right before it (慢死了, 好极了). */
  readonly postBoost?: number;
  readonly negation?: Negation;
  /** "but": what came before counts less than what follows. */
  readonly contrast?: boolean;
}

export interface Hit {
  readonly term: Term;
  /** Unmatched tokens (English words, Chinese characters) between the previous hit and this one. */
  readonly gap: number;
  /** Written in capitals: shouting. */
  readonly caps: boolean;
}

/** Punctuation or an emoji: modifiers do not reach across it. */
export const BOUNDARY: Term = Object.freeze({ score: 0 });

// Negating a positive word reads as clearly negative; negating a negative one only mildly positive ("not bad").
export const FULL_NEGATION: Negation = Object.freeze({ positive: -0.8, negative: -0.4 });
// "not very good", 不太好: a softened negation.
export const MILD_NEGATION: Negation = Object.freeze({ positive: -0.5, negative: -0.3 });
// 别/不要 + a negative verb is a reproach ("别敷衍我"), not a compliment, so only positives flip.
export const IMPERATIVE_NEGATION: Negation = Object.freeze({ positive: -0.8, negative: 1 });

const MAX_BOOST = 3;
const CAPS_FACTOR = 1.5;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;

/** Sums the scores of `hits`, applying modifiers that lie within `reach` unmatched tokens of their word. */
export function scoreHits(hits: readonly Hit[], reach: number): number {
  let sum = 0;
  let weight = 1;
  let boost = 1;
  let negation: Negation | undefined;
  let distance = 0;
  let last = 0;
  for (let i = 0; i < hits.length; i++) {
    const { term, gap, caps } = hits[i];
    if (term === BOUNDARY) {
      boost = 1;
      negation = undefined;
      last = 0;
      continue;
    }
    distance += gap;
    if (distance > reach) {
      boost = 1;
      negation = undefined;
    }
    if (term.contrast) {
      sum *= CONTRAST_BEFORE;
      weight = CONTRAST_AFTER;
      boost = 1;
      negation = undefined;
      last = 0;
      continue;
    }
    if (term.postBoost !== undefined) {
      if (gap === 0) sum += last * (term.postBoost - 1);
      last = 0;
      continue;
    }
    if (term.boost !== undefined || term.negation !== undefined) {
      const next = hits[i + 1];
      // A dual term ("super", 好) modifies only when a scored word follows it directly.
      const modifies =
        term.score === 0 ||
        (next !== undefined && next.gap === 0 && next.term !== BOUNDARY && next.term.score !== 0);
      if (modifies) {
        if (term.negation !== undefined) {
          // Two negators cancel each other (不是不好: "it is not that it is bad").
          negation = negation === undefined ? term.negation : undefined;
        }
        if (term.boost !== undefined) {
          // "not very good": an intensifier after a negator softens the negation instead.
          if (negation === FULL_NEGATION && term.boost > 1) negation = MILD_NEGATION;
          else boost = Math.min(boost * term.boost, MAX_BOOST);
        }
        distance = 0;
        last = 0;
        continue;
      }
    }
    if (term.score === 0) {
      distance += 1;
      last = 0;
      continue;
    }
    let value = term.score * boost;
    if (negation !== undefined) value *= value > 0 ? negation.positive : negation.negative;
    if (caps) value *= CAPS_FACTOR;
    value *= weight;
    sum += value;
    last = value;
    boost = 1;
    negation = undefined;
    distance = 0;
  }
  return sum;
}

/** Exclamation marks and repeated question marks ("???", "?!") make whatever was said stronger. */
export function emphasis(exclamations: number, questionMarks: number): number {
  return 1 + 0.15 * Math.min(exclamations, 4) + 0.1 * Math.min(Math.max(questionMarks - 1, 0), 3);
}

/** Maps an unbounded raw score smoothly into (−1, 1); `scale` is the raw score that reads as ≈ 0.76. */
export function squash(raw: number, scale: number): number {
  return Math.tanh(raw / scale);
}

/** Emoji valence by code point (variation selectors and skin tones are separate code points and ignored). */
export const EMOJI: ReadonlyMap<number, number> = new Map(
  (
    [
      ['😡', -3],
      ['🤬', -4],
      ['😠', -3],
      ['😤', -2.5],
      ['😭', -2.5],
      ['😢', -2],
      ['👎', -2.5],
      ['💢', -2.5],
      ['😞', -2],
      ['😔', -1.5],
      ['😒', -1.5],
      ['🙄', -1.5],
      ['😩', -2],
      ['😫', -2],
      ['😣', -1.5],
      ['😖', -2],
      ['🙁', -1.5],
      ['☹', -2],
      ['😟', -1.5],
      ['😕', -1],
      ['😑', -1],
      ['💔', -2.5],
      ['🖕', -4],
      ['💩', -3],
      ['🤮', -3],
      ['🤢', -2.5],
      ['👍', 2],
      ['😊', 2],
      ['😀', 2],
      ['😁', 2],
      ['😃', 2],
      ['😄', 2],
      ['😆', 1.5],
      ['🙂', 1],
      ['☺', 2],
      ['😉', 1],
      ['❤', 2.5],
      ['💕', 2.5],
      ['💖', 2.5],
      ['💗', 2.5],
      ['🙏', 1],
      ['😍', 3],
      ['🥰', 3],
      ['😘', 2.5],
      ['🤗', 2],
      ['👌', 1.5],
      ['👏', 2],
      ['💯', 2],
      ['🎉', 2],
      ['🥳', 2.5],
      ['😋', 2],
      ['🌹', 1.5],
    ] as const
  ).map(([emoji, score]) => [emoji.codePointAt(0) ?? 0, score]),
);
