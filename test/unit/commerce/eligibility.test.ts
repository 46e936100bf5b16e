import { exchangeEligibility, returnEligibility } from '../../../src/commerce/eligibility';
import { defaultPolicy } from '../../../src/commerce/policy';
import {
  AFTER_SALE_REASONS,
  type AfterSaleReason,
  type Order,
  type OrderItem,
} from '../../../src/commerce/types';
import { DEMO_ORDER_IDS, demoOrder, NOW } from './fixtures';

const NO_REASON: AfterSaleReason[] = ['size', 'changed_mind', 'other'];
const SHOP_FAULT: AfterSaleReason[] = ['quality', 'not_as_described'];

function check(order: Order, reason: AfterSaleReason, item: OrderItem = order.items[0]) {
  return returnEligibility(order, item, reason, NOW, defaultPolicy);
}

/** The recently delivered demo order, delivered at `deliveredAt` instead, without 运费险 unless asked. */
function deliveredAt(deliveredAtIso: string, shippingInsurance = false): Order {
  const order = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
  return { ...order, shippingInsurance, shipment: { ...order.shipment!, deliveredAt: deliveredAtIso } };
}

const underwear: OrderItem = {
  sku: 'BRIEFS-GREY-M',
  productId: 'underwear-briefs',
  name: { zh: '纯棉内裤（3条装）', en: 'Cotton briefs (3-pack)' },
  category: 'underwear',
  size: 'M',
  color: 'grey',
  quantity: 1,
  unitPrice: 59,
};

describe('returnEligibility on the demo orders', () => {
  it.each(NO_REASON)(
    '202311150001 (delivered 3 days ago, 运费险) is returnable for "%s" with postage covered by the insurance',
    (reason) => {
      const order = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
      for (const item of order.items) {
        expect(check(order, reason, item)).toEqual({
          eligible: true,
          code: 'ok',
          windowDays: 7,
          daysSinceDelivery: 3,
          lastDay: '2023-11-26',
          returnShippingPaidBy: 'shop',
          coveredByShippingInsurance: true,
        });
      }
    },
  );

  it.each(SHOP_FAULT)(
    '202311150001 is returnable for "%s" in the 15-day window at the shop\'s cost',
    (reason) => {
      const order = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
      expect(check(order, reason)).toEqual({
        eligible: true,
        code: 'ok',
        windowDays: 15,
        daysSinceDelivery: 3,
        lastDay: '2023-12-04',
        returnShippingPaidBy: 'shop',
        coveredByShippingInsurance: false,
      });
    },
  );

  it.each(AFTER_SALE_REASONS)(
    '202310010007 (delivered 40 days ago) is outside the window for "%s"',
    (reason) => {
      const result = check(demoOrder(DEMO_ORDER_IDS.deliveredLongAgo), reason);
      expect(result.eligible).toBe(false);
      expect(result.code).toBe('outside_window');
      expect(result.daysSinceDelivery).toBe(40);
      expect(result.windowDays).toBe(SHOP_FAULT.includes(reason) ? 15 : 7);
      // No 运费险 on this order: the buyer would pay for a no-reason return.
      expect(result.returnShippingPaidBy).toBe(SHOP_FAULT.includes(reason) ? 'shop' : 'buyer');
    },
  );

  it.each([DEMO_ORDER_IDS.shippedOverdue, DEMO_ORDER_IDS.unpaid, DEMO_ORDER_IDS.paidNotShipped])(
    '%s is not delivered yet, whatever the reason',
    (orderId) => {
      for (const reason of AFTER_SALE_REASONS) {
        const result = check(demoOrder(orderId), reason);
        expect(result).toMatchObject({
          eligible: false,
          code: 'not_delivered',
          daysSinceDelivery: null,
          lastDay: null,
        });
      }
    },
  );
});

describe('returnEligibility rules', () => {
  it('counts shop-local calendar days: day 7 after delivery is the last day of a no-reason return', () => {
    // NOW is 2023-11-22 12:00 in Beijing.
    expect(check(deliveredAt('2023-11-15T23:50:00+08:00'), 'size')).toMatchObject({
      eligible: true,
      daysSinceDelivery: 7,
      lastDay: '2023-11-22',
    });
    expect(check(deliveredAt('2023-11-14T23:59:00+08:00'), 'size')).toMatchObject({
      eligible: false,
      code: 'outside_window',
      daysSinceDelivery: 8,
    });
  });

  it('keeps a quality return open until day 15', () => {
    expect(check(deliveredAt('2023-11-07T00:01:00+08:00'), 'quality')).toMatchObject({
      eligible: true,
      daysSinceDelivery: 15,
    });
    expect(check(deliveredAt('2023-11-06T20:00:00+08:00'), 'quality')).toMatchObject({
      eligible: false,
      code: 'outside_window',
      daysSinceDelivery: 16,
    });
    // The same parcel is far past the 7-day no-reason window.
    expect(check(deliveredAt('2023-11-07T00:01:00+08:00'), 'changed_mind').code).toBe('outside_window');
  });

  it('makes the buyer pay no-reason return postage without 运费险, and the shop with it', () => {
    const uninsured = check(deliveredAt('2023-11-20T10:00:00+08:00', false), 'size');
    expect(uninsured).toMatchObject({
      eligible: true,
      returnShippingPaidBy: 'buyer',
      coveredByShippingInsurance: false,
    });
    const insured = check(deliveredAt('2023-11-20T10:00:00+08:00', true), 'size');
    expect(insured).toMatchObject({
      eligible: true,
      returnShippingPaidBy: 'shop',
      coveredByShippingInsurance: true,
    });
  });

  it('refuses no-reason returns of non-returnable categories but accepts their quality faults', () => {
    const order = deliveredAt('2023-11-20T10:00:00+08:00', true);
    for (const reason of NO_REASON) {
      expect(check(order, reason, underwear)).toMatchObject({
        eligible: false,
        code: 'non_returnable_category',
      });
    }
    expect(check(order, 'quality', underwear)).toMatchObject({
      eligible: true,
      code: 'ok',
      returnShippingPaidBy: 'shop',
    });
    for (const category of ['food', 'custom']) {
      expect(check(order, 'changed_mind', { ...underwear, category }).code).toBe('non_returnable_category');
    }
  });

  it('refuses a line whose every unit is already returned', () => {
    const order = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
    const tshirts = order.items[0];
    expect(check(order, 'size', { ...tshirts, returnedQuantity: 2 })).toMatchObject({
      eligible: false,
      code: 'already_returned',
    });
    expect(check(order, 'size', { ...tshirts, returnedQuantity: 1 }).code).toBe('ok');
  });
});

describe('exchangeEligibility', () => {
  it('accepts the order delivered 3 days ago, within the 15-day window', () => {
    expect(exchangeEligibility(demoOrder(DEMO_ORDER_IDS.deliveredRecently), NOW, defaultPolicy)).toEqual({
      eligible: true,
      code: 'ok',
      windowDays: 15,
      daysSinceDelivery: 3,
      lastDay: '2023-12-04',
    });
  });

  it('refuses the order delivered 40 days ago', () => {
    expect(exchangeEligibility(demoOrder(DEMO_ORDER_IDS.deliveredLongAgo), NOW, defaultPolicy)).toMatchObject(
      {
        eligible: false,
        code: 'outside_window',
        daysSinceDelivery: 40,
      },
    );
  });

  it.each([DEMO_ORDER_IDS.shippedOverdue, DEMO_ORDER_IDS.unpaid, DEMO_ORDER_IDS.paidNotShipped])(
    'refuses %s, which is not delivered',
    (orderId) => {
      expect(exchangeEligibility(demoOrder(orderId), NOW, defaultPolicy)).toMatchObject({
        eligible: false,
        code: 'not_delivered',
        daysSinceDelivery: null,
      });
    },
  );

  it('ends on day 15 after delivery', () => {
    expect(exchangeEligibility(deliveredAt('2023-11-07T09:00:00+08:00'), NOW, defaultPolicy).code).toBe('ok');
    expect(exchangeEligibility(deliveredAt('2023-11-06T09:00:00+08:00'), NOW, defaultPolicy).code).toBe(
      'outside_window',
    );
  });

  it('refuses hygiene categories and fully returned lines when given the line', () => {
    const order = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
    expect(exchangeEligibility(order, NOW, defaultPolicy, underwear).code).toBe('non_exchangeable_category');
    expect(
      exchangeEligibility(order, NOW, defaultPolicy, { ...order.items[1], returnedQuantity: 1 }).code,
    ).toBe('already_returned');
    expect(exchangeEligibility(order, NOW, defaultPolicy, order.items[1]).code).toBe('ok');
  });
});
