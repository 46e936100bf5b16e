import type { Order, OrderItem, Product, TrackingEvent } from '../types';
import { DEMO_PRODUCT_IDS } from './catalog';
import { DEMO_CUSTOMERS } from './customers';

/**
 * The five orders of DESIGN.md §7. Every time is relative to `now`, so the demo never goes stale: the
 * shipped parcel is always 4 days without a scan, the delivered order always 3 days old.
 * Fees follow `defaultPolicy` (a test checks them against `shippingQuote`).
 */

export const DEMO_ORDER_IDS = {
  /** Shipped with SF Express, last scan 4 days ago, past its estimated delivery. */
  shippedOverdue: '20231102558736',
  /** Delivered 3 days ago, 2 items, 运费险: returnable without reason. */
  deliveredRecently: '202311150001',
  /** Delivered 40 days ago: outside every window. */
  deliveredLongAgo: '202310010007',
  /** Awaiting payment, due in 30 minutes. */
  unpaid: '202311200042',
  /** Paid, not shipped: can be cancelled or its address changed. */
  paidNotShipped: '202311210099',
} as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function line(catalog: readonly Product[], productId: string, sku: string, quantity: number): OrderItem {
  const product = catalog.find((candidate) => candidate.id === productId);
  const variant = product?.variants.find((candidate) => candidate.sku === sku);
  if (product === undefined || variant === undefined)
    throw new Error(`demo catalogue has no ${productId} ${sku}`);
  return {
    sku,
    productId,
    name: product.name,
    category: product.category,
    ...(variant.size !== undefined && { size: variant.size }),
    ...(variant.color !== undefined && { color: variant.color }),
    quantity,
    unitPrice: product.price,
  };
}

function event(time: string, location: [string, string], description: [string, string]): TrackingEvent {
  return {
    time,
    location: { zh: location[0], en: location[1] },
    description: { zh: description[0], en: description[1] },
  };
}

export function createDemoOrders(now: Date, catalog: readonly Product[]): Order[] {
  const ago = (milliseconds: number) => new Date(now.getTime() - milliseconds).toISOString();
  const later = (milliseconds: number) => new Date(now.getTime() + milliseconds).toISOString();
  const { alice, bob } = DEMO_CUSTOMERS;

  const shippedOverdue: Order = {
    id: DEMO_ORDER_IDS.shippedOverdue,
    customerId: alice.customerId,
    phone: alice.phone,
    recipient: { ...alice.address },
    status: 'shipped',
    createdAt: ago(7 * DAY_MS),
    paidAt: ago(7 * DAY_MS - 2 * MINUTE_MS),
    items: [line(catalog, DEMO_PRODUCT_IDS.runningShoes, 'SHOES-WHITE-42', 1)],
    shippingFee: 0, // SF is free from 299
    total: 399,
    shippingInsurance: false,
    shipment: {
      carrier: 'SF',
      trackingNumber: 'SF1234567890123',
      shippedAt: ago(6 * DAY_MS),
      estimatedDelivery: ago(4 * DAY_MS - 4 * HOUR_MS),
      events: [
        event(
          ago(4 * DAY_MS),
          ['上海', 'Shanghai'],
          ['快件到达【上海浦东转运中心】', 'Arrived at the SF Shanghai Pudong transit centre'],
        ),
        event(
          ago(5 * DAY_MS),
          ['杭州', 'Hangzhou'],
          [
            '快件已从【杭州中转场】发出，准备发往【上海浦东转运中心】',
            'Departed the Hangzhou hub for Shanghai Pudong',
          ],
        ),
        event(
          ago(6 * DAY_MS - 5 * HOUR_MS),
          ['深圳', 'Shenzhen'],
          ['快件已从【深圳宝安集散中心】发出', "Departed the Shenzhen Bao'an sorting centre"],
        ),
        event(ago(6 * DAY_MS), ['深圳', 'Shenzhen'], ['顺丰速运 已收取快件', 'Picked up by SF Express']),
      ],
    },
  };

  const deliveredRecently: Order = {
    id: DEMO_ORDER_IDS.deliveredRecently,
    customerId: alice.customerId,
    phone: alice.phone,
    recipient: { ...alice.address },
    status: 'delivered',
    createdAt: ago(6 * DAY_MS),
    paidAt: ago(6 * DAY_MS - MINUTE_MS),
    items: [
      line(catalog, DEMO_PRODUCT_IDS.tshirt, 'TSHIRT-WHITE-M', 2),
      line(catalog, DEMO_PRODUCT_IDS.jeans, 'JEANS-BLUE-30', 1),
    ],
    shippingFee: 0, // ZTO is free from 99
    total: 357,
    shippingInsurance: true,
    shipment: {
      carrier: 'ZTO',
      trackingNumber: '78561234567890',
      shippedAt: ago(5 * DAY_MS),
      estimatedDelivery: ago(2 * DAY_MS),
      deliveredAt: ago(3 * DAY_MS),
      events: [
        event(
          ago(3 * DAY_MS),
          ['上海', 'Shanghai'],
          ['快件已签收，签收人：本人', 'Delivered and signed for by the recipient'],
        ),
        event(
          ago(3 * DAY_MS + 4 * HOUR_MS),
          ['上海', 'Shanghai'],
          ['【上海浦东新区】快递员正在派件', 'Out for delivery in Pudong, Shanghai'],
        ),
        event(
          ago(4 * DAY_MS),
          ['上海', 'Shanghai'],
          ['快件到达【上海中转部】', 'Arrived at the Shanghai hub'],
        ),
        event(ago(5 * DAY_MS), ['杭州', 'Hangzhou'], ['中通快递 已揽收', 'Picked up by ZTO Express']),
      ],
    },
  };

  const deliveredLongAgo: Order = {
    id: DEMO_ORDER_IDS.deliveredLongAgo,
    customerId: bob.customerId,
    phone: bob.phone,
    recipient: { ...bob.address },
    status: 'delivered',
    createdAt: ago(44 * DAY_MS),
    paidAt: ago(44 * DAY_MS - 3 * MINUTE_MS),
    items: [line(catalog, DEMO_PRODUCT_IDS.earbuds, 'EARBUDS-BLACK', 1)],
    shippingFee: 27, // SF 12 + remote-region surcharge 15: Xinjiang never ships free
    total: 326,
    shippingInsurance: false,
    shipment: {
      carrier: 'SF',
      trackingNumber: 'SF9876543210987',
      shippedAt: ago(43 * DAY_MS),
      estimatedDelivery: ago(40 * DAY_MS),
      deliveredAt: ago(40 * DAY_MS),
      events: [
        event(
          ago(40 * DAY_MS),
          ['乌鲁木齐', 'Urumqi'],
          ['快件已签收，签收人：本人', 'Delivered and signed for by the recipient'],
        ),
        event(
          ago(41 * DAY_MS),
          ['乌鲁木齐', 'Urumqi'],
          ['快件到达【乌鲁木齐集散中心】', 'Arrived at the Urumqi sorting centre'],
        ),
        event(ago(43 * DAY_MS), ['杭州', 'Hangzhou'], ['顺丰速运 已收取快件', 'Picked up by SF Express']),
      ],
    },
  };

  const unpaid: Order = {
    id: DEMO_ORDER_IDS.unpaid,
    customerId: bob.customerId,
    phone: bob.phone,
    recipient: { ...bob.address },
    status: 'unpaid',
    createdAt: now.toISOString(),
    paymentDueAt: later(30 * MINUTE_MS),
    items: [
      line(catalog, DEMO_PRODUCT_IDS.faceCream, 'CREAM-50ML', 1),
      line(catalog, DEMO_PRODUCT_IDS.underwear, 'BRIEFS-GREY-M', 1),
    ],
    shippingFee: 21, // ZTO 6 + remote-region surcharge 15
    total: 248,
    shippingInsurance: false,
  };

  const paidNotShipped: Order = {
    id: DEMO_ORDER_IDS.paidNotShipped,
    customerId: alice.customerId,
    phone: alice.phone,
    recipient: { ...alice.address },
    status: 'paid',
    createdAt: ago(HOUR_MS),
    paidAt: ago(HOUR_MS - MINUTE_MS),
    items: [line(catalog, DEMO_PRODUCT_IDS.tshirt, 'TSHIRT-BLACK-L', 1)],
    shippingFee: 6, // ZTO under the 99 free-shipping threshold
    total: 85,
    shippingInsurance: false,
  };

  return [shippedOverdue, deliveredRecently, deliveredLongAgo, unpaid, paidNotShipped];
}
