import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * jieba with the shop's own vocabulary (intents/userdict.txt: `word frequency tag` per line), so that
 * 七天无理由, 运费险 or 三通一达 stay one token instead of being cut into everyday words.
 */
export class ChineseTokenizer {
  private readonly jieba: Jieba;

  constructor(userDictionary?: string) {
    this.jieba = Jieba.withDict(dict);
    if (userDictionary) this.jieba.loadDict(Buffer.from(userDictionary, 'utf8'));
  }

  static fromFile(userDictionaryPath: string): ChineseTokenizer {
    return new ChineseTokenizer(readFileSync(userDictionaryPath, 'utf8'));
  }

  /** Words in order; spaces dropped, punctuation and emoji kept as tokens of their own. */
  tokenize(text: string): string[] {
    // HMM off: it invents words from unseen character pairs, which hurts more than helps on short chat text.
    return this.jieba.cut(text, false).filter((token) => token.trim() !== '');
  }
}
