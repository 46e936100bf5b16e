import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOOSTERS, DUAL_SCORES, NEGATORS, SHOP_WORDS } from './sentiment-lexicon';
import {
  BOUNDARY,
  EMOJI,
  FULL_NEGATION,
  emphasis,
  scoreHits,
  squash,
  type Hit,
  type Term,
} from '../sentiment-scoring';

/*
 * Lexicon sentiment for English shopper messages (AFINN-165 plus a shop lexicon). The Chinese analyser
 * also reads the English words shoppers mix into Chinese through `englishTerm`.
 */

const CONTRASTS = ['but', 'however'];

function loadAfinn(): Map<string, number> {
  // afinn-165 is ESM-only: require() of it works on recent Node but not under Jest's module loader, and
  // natural's SentimentAnalyzer requires it the same way, so read the data file (a flat `key: value,` list).
  let file: string;
  try {
    file = require.resolve('afinn-165');
  } catch {
    file = require.resolve('afinn-165', { paths: [path.dirname(require.resolve('natural/package.json'))] });
  }
  const entries = new Map<string, number>();
  const line = /^\s*(?:'([^']+)'|"([^"]+)"|([^\s:'"]+)):\s*(-?\d+),?\s*$/gm;
  for (const match of readFileSync(file, 'utf8').matchAll(line)) {
    entries.set(match[1] ?? match[2] ?? match[3], Number(match[4]));
  }
  if (entries.size < 3000) throw new Error(`afinn-165 at ${file} has an unexpected format`);
  return entries;
}

function buildTerms(): Map<string, Term> {
  const terms = new Map<string, Term>();
  for (const [word, score] of loadAfinn()) terms.set(word, { score });
  for (const [word, score] of Object.entries(SHOP_WORDS)) terms.set(word, { score });
  for (const [word, negation] of Object.entries(NEGATORS)) terms.set(word, { score: 0, negation });
  for (const [word, boost] of Object.entries(BOOSTERS)) {
    terms.set(word, { score: DUAL_SCORES[word] ?? terms.get(word)?.score ?? 0, boost });
  }
  for (const word of CONTRASTS) terms.set(word, { score: 0, contrast: true });
  return terms;
}

const TERMS = buildTerms();
const NEGATOR_TERM: Term = { score: 0, negation: FULL_NEGATION };

/** Longest phrase, in words, starting with a given word. */
const PHRASE_LENGTH = new Map<string, number>();
for (const key of TERMS.keys()) {
  const words = key.split(' ');
  if (words.length > 1) PHRASE_LENGTH.set(words[0], Math.max(PHRASE_LENGTH.get(words[0]) ?? 0, words.length));
}

const ELONGATED = /(.)\1{2,}/;

/** The term for one lower-case English word, trying "goooood" → "good" and a plural's singular. */
export function englishTerm(word: string): Term | undefined {
  const term = TERMS.get(word);
  if (term !== undefined) return term;
  if (word.endsWith("n't")) return NEGATOR_TERM;
  if (ELONGATED.test(word)) {
    return TERMS.get(word.replace(/(.)\1{2,}/g, '$1$1')) ?? TERMS.get(word.replace(/(.)\1{2,}/g, '$1'));
  }
  if (word.length > 3 && word.endsWith('s')) return TERMS.get(word.slice(0, -1));
  return undefined;
}

/** Whether an English word is written in capitals (two letters or more). */
export function isShouting(word: string): boolean {
  return word.length >= 2 && word !== word.toLowerCase() && word === word.toUpperCase();
}

// Words (with inner apostrophes and hyphens), emoticons, ! and ?, clause punctuation, pictographs.
const TOKEN =
  /([a-z0-9]+(?:['’-][a-z0-9]+)*)|([:;]-?[()dp](?![a-z0-9]))|(!)|(\?)|([,.;:()…]|\s-\s)|(\p{Extended_Pictographic})/giu;
const EMOTICONS: Readonly<Record<string, number>> = {
  ':)': 1.5,
  ':-)': 1.5,
  ':d': 2,
  ':(': -2,
  ':-(': -2,
  ';)': 1,
};
const BREAK = '\n';
const SCALE = 5;
const REACH = 3;

/** Sentiment of an English message in [−1, 1]. */
export function englishSentiment(text: string): number {
  const words: string[] = [];
  const shouted: boolean[] = [];
  const emoji: number[] = [];
  let exclamations = 0;
  let questionMarks = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match[1] !== undefined) {
      words.push(match[1].toLowerCase().replace(/’/g, "'"));
      shouted.push(isShouting(match[1]));
    } else if (match[2] !== undefined) {
      words.push(BREAK);
      emoji[words.length - 1] = EMOTICONS[match[2].toLowerCase()] ?? 0;
      shouted.push(false);
    } else if (match[6] !== undefined) {
      words.push(BREAK);
      emoji[words.length - 1] = EMOJI.get(match[6].codePointAt(0) ?? 0) ?? 0;
      shouted.push(false);
    } else {
      if (match[3] !== undefined) exclamations++;
      else if (match[4] !== undefined) questionMarks++;
      words.push(BREAK);
      shouted.push(false);
    }
  }
  const hits: Hit[] = [];
  let gap = 0;
  for (let i = 0; i < words.length;) {
    const word = words[i];
    if (word === BREAK) {
      hits.push({ term: BOUNDARY, gap: 0, caps: false });
      const score = emoji[i];
      if (score) hits.push({ term: { score }, gap: 0, caps: false });
      gap = 0;
      i++;
      continue;
    }
    let length = 1;
    let term: Term | undefined;
    for (let n = Math.min(PHRASE_LENGTH.get(word) ?? 0, words.length - i); n > 1 && !term; n--) {
      term = TERMS.get(words.slice(i, i + n).join(' '));
      if (term) length = n;
    }
    term ??= englishTerm(word);
    if (term === undefined) {
      gap++;
    } else {
      hits.push({ term, gap, caps: shouted.slice(i, i + length).some(Boolean) });
      gap = 0;
    }
    i += length;
  }
  return squash(scoreHits(hits, REACH) * emphasis(exclamations, questionMarks), SCALE);
}
