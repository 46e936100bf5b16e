import { calendarDaysBetween } from '../../../src/commerce/calendar';
import { createDemoCatalog, createDemoOrders, DEMO_CUSTOMERS } from '../../../src/commerce/demo';
import { defaultPolicy } from '../../../src/commerce/policy';
import { shippingQuote } from '../../../src/commerce/shipping-quote';
import { orderSchema, productSchema, type CarrierCode } from '../../../src/commerce/types';
import { DAY_MS, DEMO_ORDER_IDS, demoOrder, NOW } from './fixtures';

const MINUTE_MS = 60_000;
const msBefore = (iso: string | undefined) => NOW.getTime() - Date.parse(iso ?? 'invalid');

describe('demo catalogue', () => {
  const catalog = createDemoCatalog();

  it('is valid and has the products exchanges and returns need', () => {
    for (const product of catalog) expect(productSchema.safeParse(product).success).toBe(true);
    expect(catalog.map((product) => [product.name.zh, product.category])).toEqual([
      ['纯棉T恤', 'apparel'],
      ['直筒牛仔裤', 'apparel'],
      ['轻量跑步鞋', 'shoes'],
      ['无线蓝牙耳机', 'electronics'],
      ['保湿面霜 50ml', 'beauty'],
      ['纯棉内裤（3条装）', 'underwear'],
    ]);
  });

  it('has T-shirts in S–XXL × black/white/navy with some combinations sold out', () => {
    const tshirt = catalog[0];
    expect([...new Set(tshirt.variants.map((variant) => variant.size))]).toEqual([
      'S',
      'M',
      'L',
      'XL',
      'XXL',
    ]);
    expect([...new Set(tshirt.variants.map((variant) => variant.color))]).toEqual(['black', 'white', 'navy']);
    expect(tshirt.variants.find((variant) => variant.sku === 'TSHIRT-NAVY-L')?.stock).toBe(0);
    expect(tshirt.variants.find((variant) => variant.sku === 'TSHIRT-BLACK-L')?.stock).toBe(18);
  });

  it('sizes jeans by waist and shoes 38–44', () => {
    expect([...new Set(catalog[1].variants.map((variant) => variant.size))]).toEqual([
      '28',
      '29',
      '30',
      '31',
      '32',
      '34',
      '36',
    ]);
    expect([...new Set(catalog[2].variants.map((variant) => variant.size))]).toEqual([
      '38',
      '39',
      '40',
      '41',
      '42',
      '43',
      '44',
    ]);
  });

  it('gives every variant a unique sku', () => {
    const skus = catalog.flatMap((product) => product.variants.map((variant) => variant.sku));
    expect(new Set(skus).size).toBe(skus.length);
  });
});

describe('demo orders relative to now', () => {
  const orders = createDemoOrders(NOW, createDemoCatalog());

  it('are exactly the five orders of DESIGN.md §7, all valid, each with a phone', () => {
    expect(orders.map((order) => [order.id, order.status])).toEqual([
      ['20231102558736', 'shipped'],
      ['202311150001', 'delivered'],
      ['202310010007', 'delivered'],
      ['202311200042', 'unpaid'],
      ['202311210099', 'paid'],
    ]);
    for (const order of orders) {
      const parsed = orderSchema.safeParse(order);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(order.phone).toMatch(/^1\d{10}$/);
    }
  });

  it('belong to two customers whose phones are on their orders', () => {
    const { alice, bob } = DEMO_CUSTOMERS;
    expect(orders.filter((order) => order.customerId === alice.customerId).map((order) => order.id)).toEqual([
      '20231102558736',
      '202311150001',
      '202311210099',
    ]);
    expect(orders.filter((order) => order.customerId === bob.customerId).map((order) => order.id)).toEqual([
      '202310010007',
      '202311200042',
    ]);
    for (const order of orders) {
      const customer = order.customerId === alice.customerId ? alice : bob;
      expect(order.phone).toBe(customer.phone);
    }
  });

  it('has the SF parcel last scanned 4 days ago and due before that', () => {
    const order = demoOrder(DEMO_ORDER_IDS.shippedOverdue);
    expect(order.shipment?.carrier).toBe('SF');
    expect(order.shipment?.trackingNumber).toBe('SF1234567890123');
    expect(order.shipment?.events.length).toBeGreaterThanOrEqual(3);
    expect(msBefore(order.shipment?.events[0].time)).toBe(4 * DAY_MS);
    expect(msBefore(order.shipment?.estimatedDelivery)).toBeGreaterThan(0);
    expect(order.shipment?.deliveredAt).toBeUndefined();
    for (const event of order.shipment?.events ?? []) {
      expect(event.description.zh).toMatch(/\p{Script=Han}/u);
      expect(event.description.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('lists tracking events newest first', () => {
    for (const order of orders) {
      const times = (order.shipment?.events ?? []).map((event) => Date.parse(event.time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('delivered 202311150001 3 days ago with 2 lines and 运费险, and 202310010007 40 days ago', () => {
    const recent = demoOrder(DEMO_ORDER_IDS.deliveredRecently);
    expect(msBefore(recent.shipment?.deliveredAt)).toBe(3 * DAY_MS);
    expect(recent.items).toHaveLength(2);
    expect(recent.shippingInsurance).toBe(true);
    const old = demoOrder(DEMO_ORDER_IDS.deliveredLongAgo);
    expect(calendarDaysBetween(new Date(old.shipment?.deliveredAt ?? ''), NOW, 480)).toBe(40);
  });

  it('gives the unpaid order 30 minutes to pay and the paid one no shipment', () => {
    const unpaid = demoOrder(DEMO_ORDER_IDS.unpaid);
    expect(Date.parse(unpaid.paymentDueAt ?? '') - NOW.getTime()).toBe(30 * MINUTE_MS);
    expect(unpaid.paidAt).toBeUndefined();
    const paid = demoOrder(DEMO_ORDER_IDS.paidNotShipped);
    expect(paid.paidAt).toBeDefined();
    expect(paid.shipment).toBeUndefined();
  });

  it('moves with now, so it never goes stale', () => {
    const later = new Date(NOW.getTime() + 365 * DAY_MS);
    const moved = demoOrder(DEMO_ORDER_IDS.deliveredRecently, later);
    expect(later.getTime() - Date.parse(moved.shipment?.deliveredAt ?? '')).toBe(3 * DAY_MS);
  });

  it('charges the fees the policy quotes, and totals add up', () => {
    // The carrier a not-yet-shipped order will use is the standard one.
    const carrierOf = (id: string): CarrierCode =>
      orders.find((order) => order.id === id)?.shipment?.carrier ?? 'ZTO';
    const expectedFees: Record<string, number> = {
      '20231102558736': 0,
      '202311150001': 0,
      '202310010007': 27,
      '202311200042': 21,
      '202311210099': 6,
    };
    for (const order of orders) {
      const subtotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
      const quote = shippingQuote(order.recipient.province, subtotal, carrierOf(order.id), defaultPolicy);
      expect(quote.available && quote.fee).toBe(order.shippingFee);
      expect(order.shippingFee).toBe(expectedFees[order.id]);
      expect(order.total).toBe(subtotal + order.shippingFee);
    }
  });
});
