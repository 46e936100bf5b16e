import { formatAddress, parseAddress, parseMainlandMobile } from '../../dialogs/shared/address-parser';
import { addressSchema } from '../../src/commerce/types';

function parsed(text: string) {
  const result = parseAddress(text);
  if (!result.ok) throw new Error(`not parsed (${result.problem}): ${text}`);
  return result.address;
}

describe('parseAddress (Chinese)', () => {
  it('reads name, province, city, district and street', () => {
    expect(parsed('张三 浙江省杭州市西湖区文三路100号')).toEqual({
      name: '张三',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      street: '文三路100号',
    });
  });

  it('takes the name after the address, a phone, a postal code and labels', () => {
    expect(
      parsed(
        '收货地址：浙江省 杭州市 西湖区 文三路100号 3单元501，收件人：李四，手机：139-0000-1111，邮编310012',
      ),
    ).toEqual({
      name: '李四',
      phone: '13900001111',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      street: '文三路100号 3单元501',
      postalCode: '310012',
    });
    expect(parsed('浙江省杭州市西湖区文三路100号张三').name).toBe('张三');
    expect(parsed('张三浙江省杭州市西湖区文三路100号').province).toBe('浙江省');
  });

  it('knows municipalities, autonomous regions, towns and county-level cities', () => {
    expect(parsed('王五 上海市上海市浦东新区世纪大道100号 8楼')).toMatchObject({
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      street: '世纪大道100号 8楼',
    });
    expect(parsed('李四 北京朝阳区建国路88号')).toMatchObject({
      province: '北京',
      city: '北京市',
      district: '朝阳区',
    });
    expect(parsed('陈伟 新疆维吾尔自治区乌鲁木齐市天山区解放北路88号')).toMatchObject({
      province: '新疆维吾尔自治区',
      city: '乌鲁木齐市',
      district: '天山区',
    });
    expect(parsed('赵六 广东省东莞市长安镇振安路1号')).toMatchObject({ city: '东莞市', district: '长安镇' });
    expect(parsed('钱七 江苏省苏州市昆山市前进路2号')).toMatchObject({ city: '苏州市', district: '昆山市' });
    expect(parsed('孙八 浙江杭州西湖区文三路100号')).toMatchObject({
      province: '浙江',
      city: '杭州',
      district: '西湖区',
    });
    expect(parsed('陳大文 廣東省深圳市南山區科技路1號')).toMatchObject({
      name: '陈大文',
      province: '广东省',
    });
  });

  it('says which part is missing', () => {
    expect(parseAddress('浙江省杭州市西湖区文三路100号 8楼')).toEqual({ ok: false, problem: 'name' });
    expect(parseAddress('张三 杭州市西湖区文三路100号')).toEqual({ ok: false, problem: 'region' });
    expect(parseAddress('张三 浙江省西湖区文三路100号')).toEqual({ ok: false, problem: 'city' });
    expect(parseAddress('张三 浙江省杭州市文三路100号')).toEqual({ ok: false, problem: 'district' });
    expect(parseAddress('张三 浙江省杭州市西湖区')).toEqual({ ok: false, problem: 'street' });
    expect(parseAddress('张三 美国纽约第五大道1号')).toEqual({ ok: false, problem: 'foreign' });
    expect(parseAddress('不知道')).toEqual({ ok: false, problem: 'region' });
    expect(parseAddress('12345')).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('parseAddress (English)', () => {
  it('reads name, street, district, city, province', () => {
    expect(parsed('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang')).toEqual({
      name: 'Li Wei',
      province: 'Zhejiang',
      city: 'Hangzhou',
      district: 'Xihu District',
      street: '100 Wensan Rd',
    });
  });

  it('handles municipalities, a country, a postal code, a phone and lines instead of commas', () => {
    expect(
      parsed(
        'Zhang San, Room 501, 8 Century Ave, Pudong New Area, Shanghai 200120, China, +86 139 0000 1111',
      ),
    ).toEqual({
      name: 'Zhang San',
      phone: '13900001111',
      province: 'Shanghai',
      city: 'Shanghai',
      district: 'Pudong New Area',
      street: 'Room 501, 8 Century Ave',
      postalCode: '200120',
    });
    expect(parsed('Li Wei\n100 Wensan Rd\nXihu District\nHangzhou\nZhejiang Province')).toMatchObject({
      province: 'Zhejiang Province',
      city: 'Hangzhou',
    });
    expect(parsed('张三, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang').name).toBe('张三');
  });

  it('says which part is missing', () => {
    expect(parseAddress('John Smith, 1 Main St, Springfield, Illinois, USA')).toEqual({
      ok: false,
      problem: 'foreign',
    });
    expect(parseAddress('Li Wei, 100 Wensan Rd, Hangzhou, Zhejiang')).toEqual({
      ok: false,
      problem: 'district',
    });
    expect(parseAddress('Li Wei, Xihu District, Hangzhou, Zhejiang')).toEqual({
      ok: false,
      problem: 'street',
    });
    expect(parseAddress('100 Wensan Rd, Gudang, Xihu District, Hangzhou, Zhejiang')).toEqual({
      ok: false,
      problem: 'name',
    });
    expect(parseAddress('somewhere nice')).toEqual({ ok: false, problem: 'region' });
  });
});

describe('parsed addresses are valid order addresses', () => {
  it.each([
    '张三 浙江省杭州市西湖区文三路100号',
    'Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
    '陈大文 香港九龙油尖旺区弥敦道100号',
  ])('%s', (text) => {
    expect(addressSchema.safeParse({ phone: '13900001111', ...parsed(text) }).success).toBe(true);
  });
});

describe('parseMainlandMobile', () => {
  it('accepts 11-digit mobiles with +86, spaces and dashes, and rejects the rest', () => {
    expect(parseMainlandMobile('13900001111')).toBe('13900001111');
    expect(parseMainlandMobile('+86 139 0000 1111')).toBe('13900001111');
    expect(parseMainlandMobile('新号码是139-0000-1111')).toBe('13900001111');
    expect(parseMainlandMobile('12900001111')).toBeUndefined();
    expect(parseMainlandMobile('1390000111')).toBeUndefined();
    expect(parseMainlandMobile('139000011112')).toBeUndefined();
    expect(parseMainlandMobile('0571-88880000')).toBeUndefined();
  });
});

describe('formatAddress', () => {
  it('writes Chinese addresses in Chinese order, without repeating a municipality', () => {
    expect(
      formatAddress(
        {
          name: '王丽',
          phone: '13812345678',
          province: '上海市',
          city: '上海市',
          district: '浦东新区',
          street: '世纪大道100号 8楼',
        },
        '138****5678',
      ),
    ).toBe('王丽 138****5678 上海市浦东新区世纪大道100号 8楼');
  });

  it('writes English addresses in English order', () => {
    expect(
      formatAddress({
        ...parsed('Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang'),
        phone: '13900001111',
      }),
    ).toBe('Li Wei, 13900001111, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang');
  });
});
