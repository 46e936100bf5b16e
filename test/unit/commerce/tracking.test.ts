import { isOverdue, latestEvent, overdueReasons } from '../../../src/commerce/tracking';
import type { Shipment } from '../../../src/commerce/types';
import { DAY_MS, DEMO_ORDER_IDS, demoOrder, NOW } from './fixtures';

const HOUR_MS = 3_600_000;

function shipment(lastScanAgoMs: number, estimatedInMs: number, deliveredAgoMs?: number): Shipment {
  const at = (offset: number) => new Date(NOW.getTime() + offset).toISOString();
  return {
    carrier: 'ZTO',
    trackingNumber: '78000000000001',
    shippedAt: at(-5 * DAY_MS),
    estimatedDelivery: at(estimatedInMs),
    events: [
      {
        time: at(-lastScanAgoMs),
        location: { zh: '杭州', en: 'Hangzhou' },
        description: { zh: '运输中', en: 'In transit' },
      },
      {
        time: at(-5 * DAY_MS),
        location: { zh: '深圳', en: 'Shenzhen' },
        description: { zh: '已揽收', en: 'Picked up' },
      },
    ],
    ...(deliveredAgoMs !== undefined && { deliveredAt: at(-deliveredAgoMs) }),
  };
}

describe('isOverdue', () => {
  it('flags the demo SF parcel: no scan for 4 days and past its estimated delivery', () => {
    const { shipment: sf } = demoOrder(DEMO_ORDER_IDS.shippedOverdue);
    expect(sf).toBeDefined();
    if (sf === undefined) return;
    expect(isOverdue(sf, NOW)).toBe(true);
    expect(overdueReasons(sf, NOW)).toEqual(['no_recent_scan', 'past_estimated_delivery']);
  });

  it('does not flag delivered demo orders', () => {
    for (const id of [DEMO_ORDER_IDS.deliveredRecently, DEMO_ORDER_IDS.deliveredLongAgo]) {
      const delivered = demoOrder(id).shipment;
      expect(delivered?.deliveredAt).toBeDefined();
      if (delivered !== undefined) expect(isOverdue(delivered, NOW)).toBe(false);
    }
  });

  it('flags exactly 3 days without a scan, not a minute less', () => {
    expect(isOverdue(shipment(3 * DAY_MS, DAY_MS), NOW)).toBe(true);
    expect(overdueReasons(shipment(3 * DAY_MS, DAY_MS), NOW)).toEqual(['no_recent_scan']);
    expect(isOverdue(shipment(3 * DAY_MS - 60_000, DAY_MS), NOW)).toBe(false);
  });

  it('flags a parcel scanned recently but past its estimated delivery', () => {
    expect(overdueReasons(shipment(2 * HOUR_MS, -HOUR_MS), NOW)).toEqual(['past_estimated_delivery']);
  });

  it('never flags a delivered parcel, however old its scans', () => {
    expect(isOverdue(shipment(10 * DAY_MS, -9 * DAY_MS, 9 * DAY_MS), NOW)).toBe(false);
  });

  it('counts from dispatch when the carrier has not scanned at all', () => {
    const unscanned: Shipment = { ...shipment(0, DAY_MS), events: [] };
    expect(overdueReasons(unscanned, NOW)).toEqual(['no_recent_scan']);
    expect(isOverdue(unscanned, new Date(NOW.getTime() - 3 * DAY_MS))).toBe(false);
  });

  it('uses a custom staleness threshold', () => {
    expect(isOverdue(shipment(2 * DAY_MS, DAY_MS), NOW, 2)).toBe(true);
  });
});

describe('latestEvent', () => {
  it('picks the newest scan even from an unsorted list', () => {
    const sorted = shipment(HOUR_MS, DAY_MS);
    const reversed = { ...sorted, events: [...sorted.events].reverse() };
    expect(latestEvent(reversed)?.description.en).toBe('In transit');
    expect(latestEvent({ ...sorted, events: [] })).toBeUndefined();
  });
});
