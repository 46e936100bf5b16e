import { detectLanguage } from '../../../src/nlu/language';
import { normalize, toHalfWidth } from '../../../src/nlu/normalize';

describe('normalize', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(toHalfWidth('ＳＦ１２３４５６　订单！？')).toBe('SF123456 订单!?');
    expect(normalize('￥１９９').text).toBe('¥199');
  });

  it('turns Traditional Chinese into Simplified, keeping shop words intact', () => {
    expect(normalize('請問我的訂單什麼時候發貨').text).toBe('请问我的订单什么时候发货');
    expect(normalize('發票抬頭寫錯了 退貨運費險').text).toBe('发票抬头写错了 退货运费险');
    expect(normalize('軟體 網路').text).toBe('软件 网络');
  });

  it('keeps case and punctuation runs in text, folds them for the classifier', () => {
    const result = normalize('WHERE is my order？？？!!  😡');
    expect(result.text).toBe('WHERE is my order???!! 😡');
    expect(result.folded).toBe('where is my order? 😡');
    expect(normalize('搞什么啊。。。').folded).toBe('搞什么啊.');
  });

  it('leaves English text without Chinese untouched by the converter', () => {
    expect(normalize('can I return it').text).toBe('can I return it');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['我的快递到哪了', 'zh'],
    ['請問可以開發票嗎', 'zh'],
    ['能开invoice吗', 'zh'],
    ['我的package到哪了', 'zh'],
    ['where is my order', 'en'],
    ['can i use 花呗', 'en'],
    ['are u guys 正品?', 'en'],
    ['20231102558736', 'en'],
    ['😡😡', 'en'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(normalize(text).text)).toBe(language);
  });
});

describe('normalize keeps the last message', () => {
  it('answers the same message twice from one conversion (classifier, then retriever), and a new one afresh', () => {
    const first = normalize('請問運費多少？');
    expect(normalize('請問運費多少？')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const other = normalize('包邮吗');
    expect(other).not.toBe(first);
    expect(other.text).toBe('包邮吗');
    expect(normalize('請問運費多少？')).toEqual(first);
  });
});
