import path from 'node:path';
import { stem, tokenizeEnglish } from '../../../src/nlu/en/tokenizer';
import { FeatureExtractor } from '../../../src/nlu/features';
import { normalize } from '../../../src/nlu/normalize';
import { ChineseTokenizer } from '../../../src/nlu/zh/tokenizer';
import { intentsDir } from '../../../src/paths';

const withDictionary = ChineseTokenizer.fromFile(path.join(intentsDir(), 'userdict.txt'));
const withoutDictionary = new ChineseTokenizer();

describe('Chinese tokenizer', () => {
  it.each(['七天无理由', '运费险', '三通一达', '发票抬头', '花呗', '包邮'])(
    'keeps the shop word %s whole thanks to the user dictionary',
    (word) => {
      const tokens = withDictionary.tokenize(`请问${word}怎么弄`);
      expect(tokens).toContain(word);
    },
  );

  it('would split 七天无理由 and 运费险 without the dictionary (so the dictionary matters)', () => {
    expect(withoutDictionary.tokenize('七天无理由退货')).not.toContain('七天无理由');
    expect(withoutDictionary.tokenize('有运费险吗')).not.toContain('运费险');
  });

  it('drops spaces and keeps Latin words and emoji', () => {
    expect(withDictionary.tokenize('能开 invoice 吗😡')).toEqual(['能', '开', 'invoice', '吗', '😡']);
  });
});

describe('English tokenizer', () => {
  it('splits words, expands negations and stems', () => {
    expect(tokenizeEnglish("i don't want it, refunds please")).toEqual([
      'i',
      'do',
      'not',
      'want',
      'it',
      ',',
      'refunds',
      'please',
    ]);
    expect(stem('refunds')).toBe('refund');
    expect(stem('shipping')).toBe('ship');
    expect(stem('cancelled')).toBe('cancel');
  });
});

describe('features', () => {
  const extractor = new FeatureExtractor(withDictionary);

  it('replaces numbers by their shape, so any order number looks alike', () => {
    const a = extractor.features(normalize('订单号20231102558736到哪了').folded);
    const b = extractor.features(normalize('订单号202311150001到哪了').folded);
    expect(a).toEqual(b);
    expect(a.some((feature) => /\d/.test(feature.slice(feature.indexOf(':') + 1)))).toBe(false);
  });

  it('gives Chinese character n-grams and English in-word n-grams for typos', () => {
    const zh = extractor.features(normalize('运费险').folded);
    expect(zh).toEqual(expect.arrayContaining(['w:运费险', 'c2:运费', 'c2:费险', 'c3:运费险']));
    const typo = new Set(extractor.features(normalize('chnage my adress').folded));
    const right = extractor.features(normalize('change my address').folded);
    expect(right.filter((feature) => typo.has(feature) && feature.startsWith('g:')).length).toBeGreaterThan(
      2,
    );
  });

  it('treats Traditional and Simplified input the same', () => {
    expect(extractor.features(normalize('我要退貨').folded)).toEqual(
      extractor.features(normalize('我要退货').folded),
    );
  });
});

describe('tokens of the same message asked for twice (classifier, then FAQ retrieval)', () => {
  it('runs jieba once, and hands each caller its own copy', () => {
    const chinese = ChineseTokenizer.fromFile(path.join(intentsDir(), 'userdict.txt'));
    const cut = jest.spyOn(chinese, 'tokenize');
    const extractor = new FeatureExtractor(chinese);
    const folded = normalize('支持七天无理由退货吗').folded;
    const first = extractor.tokens(folded);
    const second = extractor.tokens(folded);
    expect(cut).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(first).toContain('七天无理由');
    second.push('changed');
    expect(extractor.tokens(folded)).toEqual(first);
    expect(extractor.tokens(normalize('包邮吗').folded)).toContain('包邮');
    expect(cut).toHaveBeenCalledTimes(2);
    expect(extractor.tokens(folded)).toEqual(first);
    expect(cut).toHaveBeenCalledTimes(3);
  });
});
