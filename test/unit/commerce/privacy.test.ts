import { maskAddress, maskName, maskPhone } from '../../../src/commerce/masking';
import { isOwner } from '../../../src/commerce/ownership';
import { DEMO_ORDER_IDS, demoOrder } from './fixtures';

describe('isOwner', () => {
  const order = demoOrder(DEMO_ORDER_IDS.paidNotShipped); // demo-alice, 13812345678

  it('accepts the customer the channel identified', () => {
    expect(isOwner(order, { customerId: 'demo-alice' })).toBe(true);
    expect(isOwner(order, { customerId: 'demo-bob' })).toBe(false);
  });

  it("accepts the last four digits of the order's phone", () => {
    expect(isOwner(order, { phoneLast4: '5678' })).toBe(true);
    expect(isOwner(order, { phoneLast4: ' 5678 ' })).toBe(true);
    expect(isOwner(order, { phoneLast4: '1234' })).toBe(false);
    expect(isOwner(order, { customerId: 'demo-bob', phoneLast4: '5678' })).toBe(true);
  });

  it('refuses anything short of four digits or no identity at all', () => {
    expect(isOwner(order, { phoneLast4: '678' })).toBe(false);
    expect(isOwner(order, { phoneLast4: '' })).toBe(false);
    expect(isOwner(order, { phoneLast4: '45678' })).toBe(false);
    expect(isOwner(order, {})).toBe(false);
  });
});

describe('masking', () => {
  it('masks phones, keeping prefix and last four of mainland mobiles', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('+852 9123 4567')).toBe('*******4567');
    expect(maskPhone('123')).toBe('***');
  });

  it('masks names, keeping the first character', () => {
    expect(maskName('王丽')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('Alice Wang')).toBe('A*** W***');
    expect(maskName('')).toBe('');
  });

  it('masks an address down to its regions', () => {
    const { recipient } = demoOrder(DEMO_ORDER_IDS.paidNotShipped);
    expect(maskAddress(recipient)).toEqual({
      name: '王*',
      phone: '138****5678',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      street: '****',
      postalCode: '200120',
    });
    // The original is untouched.
    expect(recipient.street).toBe('世纪大道100号 8楼');
  });
});
