import { englishSentiment } from '../../../src/nlu/en/sentiment';
import { sentiment } from '../../../src/nlu/sentiment';
import { ZH_WORDS } from '../../../src/nlu/zh/sentiment-lexicon';
import { chineseSentiment } from '../../../src/nlu/zh/sentiment';

const zh = (text: string): number => sentiment(text, 'zh');
const en = (text: string): number => sentiment(text, 'en');

describe('sentiment anchors', () => {
  it.each([
    ['请问什么时候发货', zh],
    ['when will my order ship', en],
  ])('keeps the neutral question %s within ±0.1', (text, score) => {
    expect(Math.abs(score(text))).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['不错', zh],
    ['great, thanks', en],
  ])('reads %s as clearly positive', (text, score) => {
    expect(score(text)).toBeGreaterThan(0.3);
  });

  it.each([
    ['不太好', zh],
    ['not very good', en],
  ])('reads %s as negative', (text, score) => {
    expect(score(text)).toBeLessThan(-0.2);
  });

  it.each([
    ['气死我了', zh],
    ['this is a fucking scam, I am furious', en],
  ])('reads %s as angry', (text, score) => {
    expect(score(text)).toBeLessThanOrEqual(-0.6);
  });

  it.each([
    ['太垃圾了 骗子!!! 😡', zh],
    ['WORST SHOP EVER!!! 😡', en],
  ])('reads %s as furious', (text, score) => {
    expect(score(text)).toBeLessThanOrEqual(-0.8);
  });

  it.each([
    ['有点慢', zh],
    ['a bit slow', en],
  ])('reads %s as mildly dissatisfied', (text, score) => {
    expect(score(text)).toBeGreaterThanOrEqual(-0.5);
    expect(score(text)).toBeLessThanOrEqual(-0.1);
  });
});

describe('negation', () => {
  it('keeps 不错 positive but makes 不太好 and 不满意 negative', () => {
    expect(zh('不错')).toBeGreaterThan(0.3);
    expect(zh('不太好')).toBeLessThan(-0.2);
    expect(zh('不满意')).toBeLessThan(-0.4);
    expect(zh('不满意')).toBeLessThan(zh('满意'));
  });

  it('reads 没问题 as not negative and 不差 as mildly positive', () => {
    expect(zh('没问题')).toBeGreaterThanOrEqual(0);
    expect(zh('不差')).toBeGreaterThan(0);
    expect(zh('不差')).toBeLessThan(zh('不错'));
  });

  it('softens 不是很 and 不太 compared with a plain 不', () => {
    expect(zh('不是很满意')).toBeLessThan(-0.2);
    expect(zh('不是很满意')).toBeGreaterThan(zh('不满意'));
    expect(zh('并不满意')).toBeLessThan(-0.3);
    expect(zh('一点都不好')).toBeLessThan(zh('不太好'));
  });

  it('flips a word that follows a negator a few characters later, but not across a clause', () => {
    expect(zh('还没好')).toBeLessThan(-0.2);
    expect(zh('不是特别满意')).toBeLessThan(0);
    expect(zh('不，很满意')).toBeGreaterThan(0.3);
  });

  it('keeps a reproach negative: 别敷衍我, 不要骗人', () => {
    expect(zh('别敷衍我')).toBeLessThan(-0.4);
    expect(zh('不要骗人')).toBeLessThan(-0.4);
  });

  it('reads "not bad" as not negative and "not good" as negative', () => {
    expect(en('not bad')).toBeGreaterThanOrEqual(0);
    expect(en('not good')).toBeLessThan(-0.2);
    expect(en('it is not good at all')).toBeLessThan(-0.2);
  });

  it('lowers "I don\'t love it" below "I love it"', () => {
    expect(en("I don't love it")).toBeLessThan(en('I love it'));
    expect(en("I don't love it")).toBeLessThan(0);
    expect(en('I dont love it')).toBeLessThan(0);
  });

  it("handles n't contractions, never and no", () => {
    expect(en("it isn't great")).toBeLessThan(-0.2);
    expect(en("wasn't happy with it")).toBeLessThan(-0.2);
    expect(en("the seller wasn't rude")).toBeGreaterThanOrEqual(0);
    expect(en('never happy with this shop')).toBeLessThan(0);
    expect(en('no problem, thanks')).toBeGreaterThan(0.3);
  });

  it('stops negation at punctuation', () => {
    expect(en('no, it is great')).toBeGreaterThan(0.3);
  });
});

describe('intensifiers and softeners', () => {
  it('makes 非常满意 stronger than 满意 and 太差了 weaker than 差', () => {
    expect(zh('非常满意')).toBeGreaterThan(zh('满意'));
    expect(zh('太差了')).toBeLessThan(zh('差'));
    expect(zh('很失望')).toBeLessThan(zh('失望'));
    expect(zh('超级喜欢')).toBeGreaterThan(zh('喜欢'));
  });

  it('reads 好 before a scored word as "so": 好慢 is negative, 好失望 worse than 失望', () => {
    expect(zh('好慢')).toBeLessThan(zh('慢'));
    expect(zh('好慢')).toBeLessThan(-0.3);
    expect(zh('好失望')).toBeLessThan(zh('失望'));
    expect(zh('很好')).toBeGreaterThan(0.3);
  });

  it('applies trailing intensifiers: 慢死了, 好极了', () => {
    expect(zh('慢死了')).toBeLessThan(zh('慢'));
    expect(zh('好极了')).toBeGreaterThan(zh('好'));
  });

  it('softens with 有点 and 比较', () => {
    expect(zh('有点贵')).toBeGreaterThan(zh('贵'));
    expect(zh('有点贵')).toBeLessThan(0);
    expect(zh('比较慢')).toBeGreaterThan(zh('慢'));
  });

  it('makes "really bad" worse than "bad"', () => {
    expect(en('really bad')).toBeLessThan(en('bad'));
    expect(en('extremely slow')).toBeLessThan(en('so slow'));
    expect(en('so slow')).toBeLessThan(en('slow'));
    expect(en('super fast delivery')).toBeGreaterThan(en('fast delivery'));
  });

  it('softens with "a bit" and "slightly"', () => {
    expect(en('a bit slow')).toBeGreaterThan(en('slow'));
    expect(en('slightly disappointed')).toBeGreaterThan(en('disappointed'));
    expect(en('slightly disappointed')).toBeLessThan(0);
  });
});

describe('emphasis', () => {
  it('amplifies with exclamation marks, in both directions', () => {
    expect(zh('太差了!!!')).toBeLessThan(zh('太差了'));
    expect(zh('谢谢!!')).toBeGreaterThan(zh('谢谢'));
    expect(en('terrible service!!!')).toBeLessThan(en('terrible service'));
    expect(en('thanks!!')).toBeGreaterThan(en('thanks'));
  });

  it('amplifies an angry question with ???/?! but leaves a plain question neutral', () => {
    expect(zh('怎么还没发货???')).toBeLessThan(zh('怎么还没发货'));
    expect(zh('怎么还没发货?!')).toBeLessThan(zh('怎么还没发货'));
    expect(Math.abs(zh('请问发什么快递???'))).toBeLessThanOrEqual(0.1);
  });

  it('amplifies words written in capitals', () => {
    expect(en('TERRIBLE')).toBeLessThan(en('terrible'));
    expect(en('THANK YOU')).toBeGreaterThan(en('thank you'));
  });

  it.each(['😡', '🤬', '😠', '😤', '😭', '😢', '👎', '💢'])('reads %s as negative', (emoji) => {
    expect(zh(emoji)).toBeLessThan(-0.2);
    expect(en(emoji)).toBeLessThan(-0.2);
    expect(en(`bad ${emoji}`)).toBeLessThan(en('bad'));
    expect(zh(`差${emoji}`)).toBeLessThan(zh('差'));
  });

  it.each(['👍', '😊', '😀', '❤️', '😍', '🥰'])('reads %s as positive', (emoji) => {
    expect(zh(emoji)).toBeGreaterThan(0.2);
    expect(en(emoji)).toBeGreaterThan(0.2);
    expect(en(`thanks ${emoji}`)).toBeGreaterThan(en('thanks'));
  });

  it('reads 🙏 as mildly positive', () => {
    expect(zh('🙏')).toBeGreaterThan(0);
    expect(zh('🙏')).toBeLessThan(zh('👍'));
    expect(en('please hurry 🙏🏻')).toBeGreaterThan(0);
  });
});

describe('graded series', () => {
  it('orders 还行 > 有点失望 > 很失望 > 气死我了', () => {
    const scores = ['还行', '有点失望', '很失望', '气死我了'].map(zh);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(scores[2]).toBeGreaterThan(scores[3]);
  });

  it('orders 非常满意 > 满意 > 一般 > 不太满意 > 差评', () => {
    const scores = ['非常满意', '满意', '一般', '不太满意', '差评'].map(zh);
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i]);
  });

  it('orders "it\'s okay" > "a bit disappointed" > "very disappointed" > furious', () => {
    const scores = [
      "it's okay",
      'a bit disappointed',
      'very disappointed',
      'this is a fucking scam, I am furious',
    ].map(en);
    expect(scores[0]).toBeGreaterThanOrEqual(0);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(scores[2]).toBeGreaterThan(scores[3]);
  });
});

describe('range', () => {
  const rantZh = '垃圾店!!! 骗子!!! 东西破损了，客服没人理，敷衍，忽悠，气死我了，投诉，差评!!! 😡🤬'.repeat(
    20,
  );
  const rantEn =
    'WORST SHOP EVER!!! You are scammers, liars and thieves, the item is broken, garbage, useless! 🤬'.repeat(
      20,
    );

  it('stays within [-1, 1] for a long rant and a long compliment', () => {
    for (const score of [
      zh(rantZh),
      en(rantEn),
      zh('非常满意，太棒了!!! 😍'.repeat(30)),
      en('PERFECT!!! 😍 '.repeat(30)),
    ]) {
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.abs(score)).toBeGreaterThan(0.9);
    }
    expect(zh(rantZh)).toBeLessThan(0);
    expect(en(rantEn)).toBeLessThan(0);
  });

  it('is 0 for empty text and text without words', () => {
    expect(zh('')).toBe(0);
    expect(en('')).toBe(0);
    expect(zh('202311150001')).toBe(0);
    expect(en('?!')).toBe(0);
  });
});

describe('neutral shop messages', () => {
  it.each([
    '你好，请问订单202311150001什么时候发货？',
    '我想退货，订单号202311150001',
    '怎么申请退款',
    '可以开发票吗，抬头写公司名',
    '不好意思，能便宜点吗',
    '这件衣服有别的颜色吗？XL有货吗',
    '发什么快递，顺丰能到贵州吗',
    '七天无理由退货运费谁出',
    '垃圾袋还有货吗',
    '最快什么时候能到',
    '在吗？我要换货',
    '支持花呗吗',
    '衣服收到了',
  ])('keeps 「%s」 near 0', (text) => {
    expect(Math.abs(zh(text))).toBeLessThanOrEqual(0.1);
  });

  it.each([
    'Hi, when will order 20231102558736 ship?',
    'I want to return this item, order 202311150001',
    'What is your return policy?',
    'How do I get a refund for order 202311210099?',
    "I'd like to change my delivery address",
    'Please help me track my package SF1234567890123',
    'Do you accept PayPal?',
    'Is this available in size XL?',
    'Can I get an invoice for my order please',
    'Do you offer free shipping to remote regions?',
    'Quick question: is gift wrap available?',
  ])('keeps "%s" near 0', (text) => {
    expect(Math.abs(en(text))).toBeLessThanOrEqual(0.1);
  });
});

describe('shop vocabulary', () => {
  it.each([
    '坏了',
    '破损',
    '不能用',
    '退钱',
    '忽悠',
    '没人理',
    '敷衍',
    '什么玩意',
    '坑爹',
    '呵呵',
    '醉了',
    '服了',
    '假货',
  ])('reads %s as negative', (text) => {
    expect(zh(text)).toBeLessThan(-0.2);
  });

  it.each(['给力', '好评', '谢谢', '辛苦了', '发货很快', '划算', '赞', '喜欢'])(
    'reads %s as positive',
    (text) => {
      expect(zh(text)).toBeGreaterThan(0.2);
    },
  );

  it.each([
    'scam',
    'rip-off',
    'broken',
    'damaged',
    'defective',
    'useless',
    'trash',
    'garbage',
    'fake',
    'rude',
    'wtf',
  ])('reads "%s" as negative', (text) => {
    expect(en(text)).toBeLessThan(-0.3);
  });

  it.each(['thx', 'thanks', 'love it', 'perfect', 'fast delivery'])('reads "%s" as positive', (text) => {
    expect(en(text)).toBeGreaterThan(0.3);
  });

  it('reads a refund that never came and a late parcel as negative', () => {
    expect(en("I still haven't received my refund")).toBeLessThan(-0.3);
    expect(en('my parcel is late')).toBeLessThan(-0.1);
    expect(en('the package never arrived')).toBeLessThan(-0.4);
    expect(zh('还没收到退款')).toBeLessThan(-0.3);
  });

  it('uses the AFINN-165 lexicon for words the shop lexicon does not list', () => {
    expect(en('abhorrent')).toBeLessThan(-0.4);
    expect(en('superb')).toBeGreaterThan(0.6);
  });

  it('weights what follows "but" / 但是 more', () => {
    expect(zh('质量不错，但是发货太慢了')).toBeLessThan(0);
    expect(zh('发货太慢了，但是质量不错')).toBeGreaterThan(zh('质量不错，但是发货太慢了'));
    expect(en('the quality is good but shipping was terribly slow')).toBeLessThan(0);
  });

  it('reads English words mixed into Chinese', () => {
    expect(zh('太slow了')).toBeLessThan(-0.3);
    expect(zh('太slow了')).toBeLessThan(zh('slow'));
    expect(zh('质量not good')).toBeLessThan(-0.2);
    expect(zh('客服very nice')).toBeGreaterThan(0.3);
    expect(zh('tmd 又坏了')).toBeLessThan(-0.6);
  });

  it('has a Chinese lexicon of at least 250 weighted entries within −5..5', () => {
    const weights = Object.values(ZH_WORDS).filter((weight) => weight !== 0);
    expect(weights.length).toBeGreaterThanOrEqual(250);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(-5);
    expect(Math.max(...weights)).toBeLessThanOrEqual(5);
  });
});

describe('sentiment()', () => {
  it('dispatches by language', () => {
    expect(sentiment('太差了', 'zh')).toBe(chineseSentiment('太差了'));
    expect(sentiment('really bad', 'en')).toBe(englishSentiment('really bad'));
    expect(sentiment('really bad', 'en')).toBeLessThan(-0.5);
  });
});
