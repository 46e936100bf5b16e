import { retrievalTokenizer } from '../../../src/knowledge/retrieval-tokens';
import { EN_STOPWORDS } from '../../../src/nlu/en/stopwords';
import { ZH_STOPWORDS } from '../../../src/nlu/zh/stopwords';
import { shopTokenize } from './shop-faq';

describe('stopwords', () => {
  it('hold the filler of both languages', () => {
    for (const word of ['的', '了', '吗', '呢', '啊', '吧', '亲', '请问', '一下', '我', '你', '你们']) {
      expect([word, ZH_STOPWORDS.has(word)]).toEqual([word, true]);
    }
    for (const word of [
      'the',
      'a',
      'an',
      'is',
      'are',
      'do',
      'does',
      'i',
      'you',
      'your',
      'my',
      'me',
      'please',
      'can',
      'could',
    ]) {
      expect([word, EN_STOPWORDS.has(word)]).toEqual([word, true]);
    }
  });

  it('also hold the stems the NLU turns English stopwords into', () => {
    for (const stem of ['doe', 'ar', 'thi', 'wa', 'ha', 'pleas'])
      expect([stem, EN_STOPWORDS.has(stem)]).toEqual([stem, true]);
  });

  it('keep the question words that carry the need', () => {
    for (const word of ['多久', '几天', '怎么', '哪里', '多少', '什么时候', '不', '没']) {
      expect([word, ZH_STOPWORDS.has(word)]).toEqual([word, false]);
    }
    for (const word of ['how', 'long', 'when', 'where', 'which', 'much', 'not']) {
      expect([word, EN_STOPWORDS.has(word)]).toEqual([word, false]);
    }
  });
});

describe('retrievalTokenizer', () => {
  it('folds Traditional, keeps shop words whole and drops filler and punctuation', () => {
    expect(shopTokenize('請問你們有運費險嗎？？')).toEqual(['运费险']);
    expect(shopTokenize('亲 七天无理由退货吗')).toEqual(['七天无理由', '退货']);
  });

  it('stems English and drops its stopwords', () => {
    expect(shopTokenize('Can you please tell me how long the delivery takes?')).toEqual([
      'how',
      'long',
      'deliveri',
      'take',
    ]);
    expect(shopTokenize('I cannot log in')).toEqual(shopTokenize("I can't log in"));
  });

  it('works with any token source', () => {
    const tokenize = retrievalTokenizer({ tokens: (folded) => folded.split(' ') });
    expect(tokenize('The Parcel , please')).toEqual(['parcel']);
  });
});
