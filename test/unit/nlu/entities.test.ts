import { extractEntities, isValidTaxId } from '../../../src/nlu/entities';
import type { Entity, EntityType } from '../../../src/nlu/types';

// Wednesday 22 November 2023, noon local time: every relative date below is computed from it.
const NOW = new Date(2023, 10, 22, 12, 0);

type Found = [type: EntityType, value: string, text: string];

function found(text: string, now: Date = NOW): Found[] {
  return extractEntities(text, now).map((entity) => [entity.type, entity.value, entity.text]);
}

function ofType(text: string, type: EntityType): string[] {
  return extractEntities(text, NOW)
    .filter((entity) => entity.type === type)
    .map((entity) => entity.value);
}

function localIso(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

describe('isValidTaxId (GB 32100-2015 checksum)', () => {
  it.each([
    '91350100M000100Y43',
    '91110000600037341L',
    '91440300708461136T',
    '9144030071526726XG',
    '91110108551385082Q',
  ])('accepts the published code %s', (code) => {
    expect(isValidTaxId(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['two swapped characters', '91350100M000010Y43'],
    ['a letter outside the alphabet (I)', '91350100M000I00Y43'],
    ['a letter outside the alphabet (O)', '91110000600O37341L'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['lower case (callers upper-case first)', '91110000600037341l'],
  ])('rejects %s', (_label, code) => {
    expect(isValidTaxId(code)).toBe(false);
  });
});

describe('taxId', () => {
  it('reports a valid code after 税号', () => {
    expect(extractEntities('税号：91350100M000100Y43', NOW)).toEqual([
      {
        type: 'taxId',
        value: '91350100M000100Y43',
        text: '91350100M000100Y43',
        start: 3,
        end: 21,
        valid: true,
      },
    ]);
  });

  it('reports an invalid code instead of dropping it', () => {
    expect(extractEntities('我们的税号是91350100M000100Y44', NOW)).toEqual([
      {
        type: 'taxId',
        value: '91350100M000100Y44',
        text: '91350100M000100Y44',
        start: 6,
        end: 24,
        valid: false,
      },
    ]);
  });

  it('upper-cases the value and keeps the typed text', () => {
    const [entity] = extractEntities('tax id: 91110000600037341l', NOW);
    expect(entity).toMatchObject({
      type: 'taxId',
      value: '91110000600037341L',
      text: '91110000600037341l',
      valid: true,
    });
  });

  it('recognises a code shaped like one without a keyword, valid or not', () => {
    expect(extractEntities('9144030071526726XG', NOW)).toEqual([
      {
        type: 'taxId',
        value: '9144030071526726XG',
        text: '9144030071526726XG',
        start: 0,
        end: 18,
        valid: true,
      },
    ]);
    expect(extractEntities('抬头某某公司 91110000600037341A', NOW)).toEqual([
      {
        type: 'taxId',
        value: '91110000600037341A',
        text: '91110000600037341A',
        start: 7,
        end: 25,
        valid: false,
      },
    ]);
  });

  it('treats a wrong-length code after a keyword as an invalid tax id', () => {
    expect(extractEntities('统一社会信用代码 91350100M000100Y4', NOW)).toEqual([
      {
        type: 'taxId',
        value: '91350100M000100Y4',
        text: '91350100M000100Y4',
        start: 9,
        end: 26,
        valid: false,
      },
    ]);
  });

  it('leaves a random 18-digit number without a tax keyword as an order id', () => {
    expect(found('202311150001123456')).toEqual([['orderId', '202311150001123456', '202311150001123456']]);
    expect(found('订单号 913501001234567890')).toEqual([
      ['orderId', '913501001234567890', '913501001234567890'],
    ]);
  });

  it('reads an all-digit 18-character run after a tax keyword as a tax id', () => {
    const [entity] = extractEntities('税号 202311150001123456', NOW);
    expect(entity).toMatchObject({ type: 'taxId', value: '202311150001123456', valid: false });
  });
});

describe('orderId', () => {
  it.each([
    ['订单号20231102558736什么时候发货', '20231102558736', 3],
    ['订单：202311150001', '202311150001', 3],
    ['我的订单 202311150001 还没到', '202311150001', 5],
    ['#202311200042 没付款', '202311200042', 1],
    ['order 202311210099', '202311210099', 6],
    ['Order No. 202311210099 please', '202311210099', 10],
    ['my order number is 202310010007', '202310010007', 19],
    ['单号是202311150001', '202311150001', 3],
    ['我的 20231102558736 到哪了', '20231102558736', 3],
  ])('%s', (text, digits, start) => {
    expect(extractEntities(text, NOW)).toEqual([
      { type: 'orderId', value: digits, text: digits, start, end: start + digits.length },
    ]);
  });

  it('ignores runs shorter than 10 or longer than 20 digits', () => {
    expect(found('编号123456789')).toEqual([]);
    expect(found('123456789012345678901')).toEqual([]);
  });

  it('does not take the digits of a letter-prefixed code', () => {
    expect(ofType('code AB1234567890', 'orderId')).toEqual([]);
  });
});

describe('phone', () => {
  it.each([
    ['手机13812345678', '13812345678', '13812345678'],
    ['call +86 138-1234-5678', '13812345678', '+86 138-1234-5678'],
    ['电话 138 1234 5678', '13812345678', '138 1234 5678'],
    ['8615912345678', '15912345678', '8615912345678'],
  ])('%s', (text, digits, matched) => {
    expect(found(text)).toEqual([['phone', digits, matched]]);
  });

  it('is not a phone when the digits run on', () => {
    expect(ofType('13812345678901', 'phone')).toEqual([]);
    expect(found('13812345678901')).toEqual([['orderId', '13812345678901', '13812345678901']]);
  });

  it('tells a phone next to an order number apart', () => {
    expect(extractEntities('订单20231102558736，手机13812345678', NOW)).toEqual([
      { type: 'orderId', value: '20231102558736', text: '20231102558736', start: 2, end: 16 },
      { type: 'phone', value: '13812345678', text: '13812345678', start: 19, end: 30 },
    ]);
  });

  it('is an order id when it directly follows an order keyword', () => {
    expect(found('订单号13812345678')).toEqual([['orderId', '13812345678', '13812345678']]);
  });

  it('rejects a number that is not a mainland mobile', () => {
    expect(ofType('12812345678', 'phone')).toEqual([]);
  });
});

describe('trackingNumber', () => {
  it.each([
    ['顺丰SF1234567890123到哪了', 'SF1234567890123', 'SF1234567890123'],
    ['sf1234567890123', 'SF1234567890123', 'sf1234567890123'],
    ['圆通 YT1234567890123', 'YT1234567890123', 'YT1234567890123'],
    ['jt1234567890123 is stuck', 'JT1234567890123', 'jt1234567890123'],
    ['京东 JDVA12345678901', 'JDVA12345678901', 'JDVA12345678901'],
    ['EMS EA123456789CN', 'EA123456789CN', 'EA123456789CN'],
    ['运单号：773012345678901', '773012345678901', '773012345678901'],
    ['快递单号 432109876543 一直没动', '432109876543', '432109876543'],
    ['tracking number 4321098765432', '4321098765432', '4321098765432'],
    ['waybill: 78912345678901', '78912345678901', '78912345678901'],
  ])('%s', (text, value, matched) => {
    expect(found(text)).toEqual([['trackingNumber', value, matched]]);
  });

  it('wins over an order id for the same digits, and the span is exact', () => {
    expect(extractEntities('物流单号 13812345678901', NOW)).toEqual([
      { type: 'trackingNumber', value: '13812345678901', text: '13812345678901', start: 5, end: 19 },
    ]);
  });

  it('leaves bare digits without a tracking keyword to order ids', () => {
    expect(found('773012345678901')).toEqual([['orderId', '773012345678901', '773012345678901']]);
  });

  it('needs digits in a JD number', () => {
    expect(ofType('JDABCDEFGHIJKL', 'trackingNumber')).toEqual([]);
  });
});

describe('email', () => {
  it('finds an address inside Chinese text and lower-cases it', () => {
    expect(extractEntities('邮箱Zhang.San@Example.com谢谢', NOW)).toEqual([
      { type: 'email', value: 'zhang.san@example.com', text: 'Zhang.San@Example.com', start: 2, end: 23 },
    ]);
  });

  it('keeps the whole address over the phone number in it', () => {
    expect(found('send it to 13812345678@qq.com.')).toEqual([
      ['email', '13812345678@qq.com', '13812345678@qq.com'],
    ]);
  });

  it('ignores a lone @', () => {
    expect(found('@客服 在吗')).toEqual([]);
  });
});

describe('amount', () => {
  it.each([
    ['¥199', 'CNY 199', '¥199'],
    ['\uffe5199', 'CNY 199', '\uffe5199'],
    ['退我199元', 'CNY 199', '199元'],
    ['才199块', 'CNY 199', '199块'],
    ['199块钱的东西', 'CNY 199', '199块钱'],
    ['1.5万元', 'CNY 15000', '1.5万元'],
    ['1.1万块', 'CNY 11000', '1.1万块'],
    ['RMB 199', 'CNY 199', 'RMB 199'],
    ['CNY199', 'CNY 199', 'CNY199'],
    ['¥1,299.50', 'CNY 1299.5', '¥1,299.50'],
    ['只退了 49.90 元', 'CNY 49.9', '49.90 元'],
    ['$30', 'USD 30', '$30'],
    ['US$30', 'USD 30', 'US$30'],
    ['30 dollars', 'USD 30', '30 dollars'],
    ['it was 30 bucks', 'USD 30', '30 bucks'],
    ['$1.5k', 'USD 1500', '$1.5k'],
    ['30美元', 'USD 30', '30美元'],
  ])('%s', (text, value, matched) => {
    expect(found(text)).toEqual([['amount', value, matched]]);
  });

  it('needs a currency mark', () => {
    expect(found('买了2件，1.5万人在看')).toEqual([]);
  });
});

describe('date', () => {
  it.each([
    ['今天能发货吗', '2023-11-22', '今天'],
    ['昨天到的', '2023-11-21', '昨天'],
    ['前天下的单', '2023-11-20', '前天'],
    ['大前天', '2023-11-19', '大前天'],
    ['明天能到吗', '2023-11-23', '明天'],
    ['后天', '2023-11-24', '后天'],
    ['3天前买的', '2023-11-19', '3天前'],
    ['三天前', '2023-11-19', '三天前'],
    ['十天前', '2023-11-12', '十天前'],
    ['上周一下的单', '2023-11-13', '上周一'],
    ['上星期一', '2023-11-13', '上星期一'],
    ['上周日', '2023-11-19', '上周日'],
    ['这周五能到吗', '2023-11-24', '这周五'],
    ['下周一', '2023-11-27', '下周一'],
    ['11月15日', '2023-11-15', '11月15日'],
    ['11月15号发的货', '2023-11-15', '11月15号'],
    ['11/15', '2023-11-15', '11/15'],
    ['2023-11-15', '2023-11-15', '2023-11-15'],
    ['2023年11月15日', '2023-11-15', '2023年11月15日'],
    ['2024年2月29日', '2024-02-29', '2024年2月29日'],
    ['today', '2023-11-22', 'today'],
    ['It arrived yesterday', '2023-11-21', 'yesterday'],
    ['tomorrow?', '2023-11-23', 'tomorrow'],
    ['3 days ago', '2023-11-19', '3 days ago'],
    ['two days ago', '2023-11-20', 'two days ago'],
    ['last Monday', '2023-11-20', 'last Monday'],
    ['last Wednesday', '2023-11-15', 'last Wednesday'],
    ['this Friday', '2023-11-24', 'this Friday'],
    ['next Tuesday', '2023-11-28', 'next Tuesday'],
    ['Nov 15', '2023-11-15', 'Nov 15'],
    ['15 Nov', '2023-11-15', '15 Nov'],
    ['November 15th', '2023-11-15', 'November 15th'],
    ['Nov. 15, 2022', '2022-11-15', 'Nov. 15, 2022'],
  ])('%s', (text, iso, matched) => {
    expect(found(text)).toEqual([['date', iso, matched]]);
  });

  it('puts a past month and day in the most recent year, a future one in this year', () => {
    expect(ofType('12月20日买的', 'date')).toEqual(['2022-12-20']);
    expect(ofType('I ordered it on Dec 20', 'date')).toEqual(['2022-12-20']);
    expect(ofType('12月20日能到吗', 'date')).toEqual(['2023-12-20']);
    expect(ofType('Nov 15 was the day', 'date')).toEqual(['2023-11-15']);
  });

  it('crosses month and year boundaries', () => {
    const newYear = new Date(2024, 0, 1, 9, 0);
    expect(found('昨天', newYear)).toEqual([['date', '2023-12-31', '昨天']]);
    expect(found('上周五', newYear)).toEqual([['date', '2023-12-29', '上周五']]);
    expect(found('3 days ago', newYear)).toEqual([['date', '2023-12-29', '3 days ago']]);
  });

  it('skips days that do not exist and words that only contain 前天/后天', () => {
    expect(found('2月30日')).toEqual([]);
    expect(found('2023-13-01')).toEqual([]);
    expect(found('之后天气好')).toEqual([]);
    expect(found('提前天数')).toEqual([]);
    expect(found('这周天气不错')).toEqual([]);
  });

  it('uses the clock when no `now` is given', () => {
    expect(extractEntities('今天').map((entity) => entity.value)).toEqual([localIso(new Date())]);
  });
});

describe('size', () => {
  it.each([
    ['换L码', 'L', 'L码'],
    ['M码还有吗', 'M', 'M码'],
    ['我要S', 'S', 'S'],
    ['要XL的', 'XL', 'XL'],
    ['2XL有货吗', 'XXL', '2XL'],
    ['3xl码', 'XXXL', '3xl码'],
    ['尺码：xl', 'XL', 'xl'],
    ['38码', '38', '38码'],
    ['42码的', '42', '42码'],
    ['39号鞋', '39', '39号'],
    ['尺码38', '38', '38'],
    ['均码', 'ONE SIZE', '均码'],
    ['size M', 'M', 'M'],
    ['size m', 'M', 'm'],
    ['Size: L', 'L', 'L'],
    ['M size', 'M', 'M'],
    ['size 9.5', '9.5', '9.5'],
    ['size large please', 'L', 'large'],
    ['I want a medium', 'M', 'medium'],
    ['do you have it in extra large?', 'XL', 'extra large'],
    ['one size fits all', 'ONE SIZE', 'one size'],
  ])('%s', (text, value, matched) => {
    expect(found(text)).toEqual([['size', value, matched]]);
  });

  it.each([
    ["I'm sure", []],
    ['a lot of questions', []],
    ['a l', []],
    ['a large order', []],
    ['a small problem', []],
    ['L型沙发', []],
    ['15号发货', []],
    ['M&S', []],
  ])('finds no size in %s', (text, expected) => {
    expect(ofType(text, 'size')).toEqual(expected);
  });

  it('does not read the S of a tracking number as a size', () => {
    expect(found('SF1234567890123')).toEqual([['trackingNumber', 'SF1234567890123', 'SF1234567890123']]);
  });

  it('lets a date keep 号 when it has a month', () => {
    expect(found('11月15号')).toEqual([['date', '2023-11-15', '11月15号']]);
  });
});

describe('color', () => {
  it.each([
    ['黑色', 'black', '黑色'],
    ['要白的', 'white', '白'],
    ['有黑的吗', 'black', '黑'],
    ['酒红色', 'burgundy', '酒红色'],
    ['藏青色的外套', 'navy', '藏青色'],
    ['咖啡色', 'brown', '咖啡色'],
    ['米色', 'beige', '米色'],
    ['卡其色', 'khaki', '卡其色'],
    ['粉红色', 'pink', '粉红色'],
    ['navy blue', 'navy', 'navy blue'],
    ['Gray hoodie', 'grey', 'Gray'],
    ['in BLACK please', 'black', 'BLACK'],
  ])('%s', (text, value, matched) => {
    expect(found(text)).toEqual([['color', value, matched]]);
  });

  it('does not read colour characters inside other words', () => {
    expect(found('我明白的')).toEqual([]);
    expect(found('网红的款')).toEqual([]);
    expect(found('reduce the bored feeling')).toEqual([]);
  });
});

describe('extractEntities', () => {
  const messages = [
    '我想把订单202311210099的地址改一下，电话138 1234 5678',
    '换成42码的黑色，订单号20231102558736，上周一买的',
    'I ordered a medium in navy blue last Monday for $30, order #202311150001, email me at a.b@shop.cn',
    '开发票，税号91350100M000100Y43，金额1.5万元，邮箱fin@corp.com',
    '顺丰单号SF1234567890123三天前就没更新了，我的手机+86 13912345678',
  ];

  it('returns a full Chinese exchange request in order', () => {
    expect(found(messages[1])).toEqual([
      ['size', '42', '42码'],
      ['color', 'black', '黑色'],
      ['orderId', '20231102558736', '20231102558736'],
      ['date', '2023-11-13', '上周一'],
    ]);
  });

  it('returns a full English message in order', () => {
    expect(found(messages[2])).toEqual([
      ['size', 'M', 'medium'],
      ['color', 'navy', 'navy blue'],
      ['date', '2023-11-20', 'last Monday'],
      ['amount', 'USD 30', '$30'],
      ['orderId', '202311150001', '202311150001'],
      ['email', 'a.b@shop.cn', 'a.b@shop.cn'],
    ]);
  });

  it.each(messages)('keeps offsets exact, sorted and non-overlapping: %s', (text) => {
    const entities: Entity[] = extractEntities(text, NOW);
    expect(entities.length).toBeGreaterThan(1);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
    for (let i = 1; i < entities.length; i++)
      expect(entities[i].start).toBeGreaterThanOrEqual(entities[i - 1].end);
  });

  it('finds nothing in plain chat', () => {
    expect(extractEntities('', NOW)).toEqual([]);
    expect(extractEntities('你好，请问在吗', NOW)).toEqual([]);
    expect(extractEntities('hello, can you help me?', NOW)).toEqual([]);
  });

  it('gives the same answer when called again (no state leaks between calls)', () => {
    const first = extractEntities(messages[3], NOW);
    extractEntities(messages[4], NOW);
    expect(extractEntities(messages[3], NOW)).toEqual(first);
    expect(first.map((entity) => entity.type)).toEqual(['taxId', 'amount', 'email']);
  });
});
