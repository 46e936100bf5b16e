import { stem, tokenizeEnglish } from './en/tokenizer';
import { hasHan } from './normalize';
import type { ChineseTokenizer } from './zh/tokenizer';

/**
 * Turns a folded message into feature strings for the classifier: words and word pairs (jieba / stemmed
 * English), character n-grams of the Chinese (unseen compounds, typos, missing segmentation), character
 * n-grams inside English words (typos: "adress", "refnd"), and shape tokens for numbers (an order number
 * matters, which one does not).
 */

const LONG_NUMBER = '\ue000';
const SHORT_NUMBER = '\ue001';
const DIGITS = /\d+/g;
const HAN_CHAR = /[\u3400-\u9fff\uf900-\ufaff\ue000\ue001]/;
const LATIN_WORD = /^[a-z]+$/;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

function numberShapes(text: string): string {
  return text.replace(DIGITS, (digits) => ` ${digits.length >= 6 ? LONG_NUMBER : SHORT_NUMBER} `);
}

function addCharacterNgrams(compact: string, features: string[]): void {
  for (let i = 0; i < compact.length; i++) {
    features.push(`c1:${compact[i]}`);
    if (i + 1 < compact.length) features.push(`c2:${compact.slice(i, i + 2)}`);
    if (i + 2 < compact.length) features.push(`c3:${compact.slice(i, i + 3)}`);
  }
}

function addWordCharacterNgrams(word: string, features: string[]): void {
  if (word.length < 4) return; // short words are covered by the word feature itself
  const marked = `<${word}>`;
  for (let i = 0; i + 3 <= marked.length; i++) features.push(`g:${marked.slice(i, i + 3)}`);
}

export interface FeatureOptions {
  /** Character n-grams (Chinese runs, inside English words). Off only to measure what they add. */
  characterNgrams: boolean;
}

export class FeatureExtractor {
  /**
   * The last message's tokens: a turn tokenises its message for the classifier and again for FAQ retrieval,
   * and jieba is the dearest step of either. Handed out as copies, so no caller changes another's.
   */
  private last: { folded: string; tokens: string[] } | undefined;

  constructor(
    private readonly chinese: ChineseTokenizer,
    private readonly options: FeatureOptions = { characterNgrams: true },
  ) {}

  /** Tokens as the classifier sees them (also used by retrieval). */
  tokens(folded: string): string[] {
    return [...this.sharedTokens(folded)];
  }

  /** The kept tokens themselves: for reading only, as features() does. */
  private sharedTokens(folded: string): readonly string[] {
    if (this.last?.folded !== folded) this.last = { folded, tokens: this.tokenize(folded) };
    return this.last.tokens;
  }

  private tokenize(folded: string): string[] {
    const shaped = numberShapes(folded);
    const raw = hasHan(shaped) ? this.chinese.tokenize(shaped) : tokenizeEnglish(shaped);
    const tokens: string[] = [];
    for (const token of raw) {
      if (LATIN_WORD.test(token)) tokens.push(stem(token));
      else if (token === '?' || EMOJI.test(token) || !PUNCTUATION.test(token)) tokens.push(token);
    }
    return tokens;
  }

  /** Unique feature strings of one message. */
  features(folded: string): string[] {
    const tokens = this.sharedTokens(folded);
    const features: string[] = [];
    let chineseRun = '';
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      features.push(`w:${token}`);
      if (i + 1 < tokens.length) features.push(`b:${token} ${tokens[i + 1]}`);
      if (!this.options.characterNgrams) continue;
      if (LATIN_WORD.test(token)) addWordCharacterNgrams(token, features);
      if (HAN_CHAR.test(token)) chineseRun += token;
    }
    if (chineseRun) addCharacterNgrams(chineseRun, features);
    if (tokens.length <= 2) features.push('len:short');
    return [...new Set(features)];
  }
}
