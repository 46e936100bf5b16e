import { copyPlain } from '../../../src/commerce/plain-copy';
import { DemoOrderService } from '../../../src/commerce/demo/demo-order-service';
import { MemoryTicketStore } from '../../../src/commerce/ticket-store';

describe('copyPlain', () => {
  it('copies nested objects and arrays: equal, and sharing nothing', () => {
    const original = {
      id: 'A1',
      total: 12.5,
      paid: true,
      note: null,
      items: [{ sku: 'X', qty: 2, tags: ['a', 'b'] }],
      recipient: { name: '张三', address: { city: '上海' } },
    };
    const copy = copyPlain(original);
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.items).not.toBe(original.items);
    expect(copy.items[0]).not.toBe(original.items[0]);
    expect(copy.items[0]?.tags).not.toBe(original.items[0]?.tags);
    expect(copy.recipient.address).not.toBe(original.recipient.address);
    copy.items[0]!.qty = 99;
    copy.recipient.address.city = '北京';
    expect(original.items[0]?.qty).toBe(2);
    expect(original.recipient.address.city).toBe('上海');
  });

  it('returns primitives as they are', () => {
    expect(copyPlain('x')).toBe('x');
    expect(copyPlain(3)).toBe(3);
    expect(copyPlain(null)).toBeNull();
    expect(copyPlain(undefined)).toBeUndefined();
  });
});

describe('what the demo shop and the ticket store hand out are copies', () => {
  it('changing a found order, its items or its shipment changes nothing in the shop', async () => {
    const shop = new DemoOrderService({ now: new Date('2023-11-20T10:00:00+08:00') });
    const order = await shop.findOrder('20231102558736');
    expect(order?.shipment).toBeDefined();
    if (!order?.shipment) return;
    order.status = 'cancelled';
    order.items[0]!.quantity = 999;
    order.shipment.trackingNumber = 'FORGED';
    const again = await shop.findOrder('20231102558736');
    expect(again?.status).not.toBe('cancelled');
    expect(again?.items[0]?.quantity).not.toBe(999);
    expect(again?.shipment?.trackingNumber).toBe('SF1234567890123');
    expect((await shop.getTracking('20231102558736'))?.trackingNumber).toBe('SF1234567890123');
  });

  it('changing a ticket one got back changes nothing in the store', async () => {
    const store = new MemoryTicketStore({ clock: () => new Date('2023-11-20T10:00:00+08:00') });
    const created = await store.create({
      kind: 'message',
      customerId: 'C1',
      status: 'open',
      details: { message: '你好' },
      summary: { zh: '留言', en: 'Message' },
    });
    created.status = 'resolved';
    (created.details as { message: string }).message = 'changed';
    const stored = await store.get(created.id);
    expect(stored?.status).toBe('open');
    expect(stored?.details).toEqual({ message: '你好' });
  });
});
