import * as commerce from '../../../src/commerce';

describe('src/commerce barrel', () => {
  it('exposes the policy, its helpers and the demo shop in one import', async () => {
    expect(commerce.defaultPolicy.returnWindowDays).toBe(7);
    expect(typeof commerce.returnEligibility).toBe('function');
    expect(typeof commerce.exchangeEligibility).toBe('function');
    expect(commerce.shippingQuote('北京', 100, 'ZTO', commerce.defaultPolicy)).toMatchObject({ fee: 0 });
    expect(commerce.policyTemplateValues(commerce.defaultPolicy, 'en').returnWindowDays).toBe('7');
    const shop: commerce.OrderService = new commerce.DemoOrderService({
      now: new Date('2023-11-22T04:00:00Z'),
    });
    expect((await shop.findOrder(commerce.DEMO_ORDER_IDS.unpaid))?.status).toBe('unpaid');
    expect(commerce.orderStatusLabels.unpaid).toEqual({ zh: '待付款', en: 'awaiting payment' });
    expect(commerce.colorName('navy', 'zh')).toBe('藏青色');
  });
});
