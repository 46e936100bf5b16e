import {
  BOUNDARY,
  EMOJI,
  FULL_NEGATION,
  IMPERATIVE_NEGATION,
  MILD_NEGATION,
  emphasis,
  scoreHits,
  squash,
  type Hit,
  type Negation,
  type Term,
} from '../sentiment-scoring';
import { englishTerm, isShouting } from '../en/sentiment';
import {
  ZH_BOOSTERS,
  ZH_CONTRASTS,
  ZH_LATIN_WORDS,
  ZH_NEGATORS,
  ZH_NEUTRAL,
  ZH_POST_BOOSTERS,
  ZH_WORDS,
  type ZhNegationKind,
} from './sentiment-lexicon';

// 一点都不好 is flatly negative, and 一点都不差 barely a compliment.
const STRONG_NEGATION: Negation = Object.freeze({ positive: -1, negative: -0.5 });
const NEGATIONS: Readonly<Record<ZhNegationKind, Negation>> = {
  full: FULL_NEGATION,
  mild: MILD_NEGATION,
  strong: STRONG_NEGATION,
  imperative: IMPERATIVE_NEGATION,
};

interface Candidate {
  readonly key: string;
  readonly term: Term;
}

function buildTerms(): Map<string, Term> {
  const terms = new Map<string, Term>();
  const merge = (key: string, patch: Partial<Term>): void => {
    terms.set(key, { score: 0, ...terms.get(key), ...patch });
  };
  for (const [word, score] of Object.entries(ZH_WORDS)) merge(word, { score });
  for (const word of ZH_NEUTRAL) merge(word, { score: 0 });
  for (const [word, kind] of Object.entries(ZH_NEGATORS)) merge(word, { negation: NEGATIONS[kind] });
  for (const [word, boost] of Object.entries(ZH_BOOSTERS)) merge(word, { boost });
  for (const [word, postBoost] of Object.entries(ZH_POST_BOOSTERS)) merge(word, { postBoost });
  for (const word of ZH_CONTRASTS) merge(word, { contrast: true });
  return terms;
}

/** Candidates by the code of their first character, longest first, so the first that fits is the match. */
function buildIndex(terms: Map<string, Term>): Map<number, Candidate[]> {
  const index = new Map<number, Candidate[]>();
  for (const [key, term] of terms) {
    const first = key.charCodeAt(0);
    const candidates = index.get(first) ?? [];
    candidates.push({ key, term });
    index.set(first, candidates);
  }
  for (const candidates of index.values()) candidates.sort((a, b) => b.key.length - a.key.length);
  return index;
}

const INDEX = buildIndex(buildTerms());
const LATIN = new Map<string, Term>(Object.entries(ZH_LATIN_WORDS).map(([word, score]) => [word, { score }]));

const SCALE = 4.5;
// In characters: 不是我想要的好 is too far for 不 to reach 好, 特别的慢 is not.
const REACH = 3;

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

function isPunctuation(code: number): boolean {
  return (
    code < 128 ||
    (code >= 0x2010 && code <= 0x206f) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xff65)
  );
}

// Joiners and modifiers that belong to the emoji before them.
function isEmojiPart(code: number): boolean {
  return code === 0xfe0f || code === 0xfe0e || code === 0x200d || (code >= 0x1f3fb && code <= 0x1f3ff);
}

/** Sentiment of a normalised Simplified Chinese message (English words and emoji allowed) in [−1, 1]. */
export function chineseSentiment(text: string): number {
  const hits: Hit[] = [];
  let gap = 0;
  let exclamations = 0;
  let questionMarks = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isAsciiAlphanumeric(code)) {
      let end = i + 1;
      while (end < length) {
        const next = text.charCodeAt(end);
        if (!isAsciiAlphanumeric(next) && next !== 39 && next !== 0x2019) break;
        end++;
      }
      const written = text.slice(i, end);
      const word = written.toLowerCase().replace(/’/g, "'");
      const term = LATIN.get(word) ?? englishTerm(word);
      if (term === undefined) gap++;
      else {
        hits.push({ term, gap, caps: isShouting(written) });
        gap = 0;
      }
      i = end;
      continue;
    }
    const candidates = INDEX.get(code);
    if (candidates !== undefined) {
      const found = candidates.find((candidate) => text.startsWith(candidate.key, i));
      if (found !== undefined) {
        hits.push({ term: found.term, gap, caps: false });
        gap = 0;
        i += found.key.length;
        continue;
      }
    }
    if (isSpace(code)) {
      let end = i + 1;
      while (end < length && isSpace(text.charCodeAt(end))) end++;
      // Spaces inside an English phrase ("not good") join words; between Chinese clauses they separate.
      const insideLatin =
        i > 0 &&
        end < length &&
        isAsciiAlphanumeric(text.charCodeAt(i - 1)) &&
        isAsciiAlphanumeric(text.charCodeAt(end));
      if (!insideLatin) {
        hits.push({ term: BOUNDARY, gap: 0, caps: false });
        gap = 0;
      }
      i = end;
      continue;
    }
    const point = text.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    const emoji = EMOJI.get(point);
    if (emoji !== undefined) {
      hits.push({ term: BOUNDARY, gap: 0, caps: false }, { term: { score: emoji }, gap: 0, caps: false });
      gap = 0;
    } else if (code === 33 || code === 0xff01) {
      exclamations++;
      hits.push({ term: BOUNDARY, gap: 0, caps: false });
      gap = 0;
    } else if (code === 63 || code === 0xff1f) {
      questionMarks++;
      hits.push({ term: BOUNDARY, gap: 0, caps: false });
      gap = 0;
    } else if (isPunctuation(code)) {
      hits.push({ term: BOUNDARY, gap: 0, caps: false });
      gap = 0;
    } else if (!isEmojiPart(point)) {
      gap++;
    }
    i += width;
  }
  return squash(scoreHits(hits, REACH) * emphasis(exclamations, questionMarks), SCALE);
}
