import { DEMO_CUSTOMERS, DemoOrderService } from '../../../src/commerce/demo';
import type { Address } from '../../../src/commerce/types';
import { DAY_MS, DEMO_ORDER_IDS, NOW } from './fixtures';

const VALID_TAX_ID = '91350100M000100Y43';

const newAddress: Address = {
  name: '王丽',
  phone: '13812345678',
  province: '北京市',
  city: '北京市',
  district: '朝阳区',
  street: '建国路88号 SOHO 3号楼',
  postalCode: '100022',
};

function service(): DemoOrderService {
  return new DemoOrderService({ now: NOW });
}

describe('DemoOrderService orders', () => {
  it('finds orders by id, tolerating spaces, and not unknown ones', async () => {
    const shop = service();
    expect((await shop.findOrder(' 202311150001 '))?.status).toBe('delivered');
    expect(await shop.findOrder('999')).toBeUndefined();
  });

  it("lists a customer's orders newest first", async () => {
    const orders = await service().listOrders(DEMO_CUSTOMERS.alice.customerId);
    expect(orders.map((order) => order.id)).toEqual(['202311210099', '202311150001', '20231102558736']);
    expect(await service().listOrders('nobody')).toEqual([]);
  });

  it('returns tracking only for shipped orders', async () => {
    const shop = service();
    expect((await shop.getTracking(DEMO_ORDER_IDS.shippedOverdue))?.trackingNumber).toBe('SF1234567890123');
    expect(await shop.getTracking(DEMO_ORDER_IDS.paidNotShipped)).toBeUndefined();
    expect(await shop.getTracking('999')).toBeUndefined();
  });

  it('hands out copies: changing one does not change the shop', async () => {
    const shop = service();
    const order = await shop.findOrder(DEMO_ORDER_IDS.paidNotShipped);
    if (order) order.status = 'cancelled';
    expect((await shop.findOrder(DEMO_ORDER_IDS.paidNotShipped))?.status).toBe('paid');
  });
});

describe('DemoOrderService.cancelOrder', () => {
  it('cancels the paid order with a full refund, records a ticket, and remembers it', async () => {
    const shop = service();
    const result = await shop.cancelOrder(DEMO_ORDER_IDS.paidNotShipped);
    expect(result.outcome).toBe('cancelled');
    if (result.outcome !== 'cancelled') return;
    expect(result.refundAmount).toBe(85);
    expect(result.order.status).toBe('cancelled');
    expect(result.ticket).toMatchObject({
      id: 'T20231122-0001',
      kind: 'cancel',
      status: 'resolved',
      customerId: 'demo-alice',
      orderId: DEMO_ORDER_IDS.paidNotShipped,
      summary: {
        zh: '订单 202311210099 已取消，退款 ¥85.00 原路退回',
        en: 'Order 202311210099 cancelled; ¥85.00 refunded to the original payment method',
      },
    });
    expect((await shop.findOrder(DEMO_ORDER_IDS.paidNotShipped))?.status).toBe('cancelled');
    expect((await shop.cancelOrder(DEMO_ORDER_IDS.paidNotShipped)).outcome).toBe('already_cancelled');
  });

  it('cancels the unpaid order with nothing to refund and no payment deadline left', async () => {
    const shop = service();
    const result = await shop.cancelOrder(DEMO_ORDER_IDS.unpaid);
    expect(result).toMatchObject({ outcome: 'cancelled', refundAmount: 0 });
    const order = await shop.findOrder(DEMO_ORDER_IDS.unpaid);
    expect(order?.status).toBe('cancelled');
    expect(order?.paymentDueAt).toBeUndefined();
  });

  it.each([DEMO_ORDER_IDS.shippedOverdue, DEMO_ORDER_IDS.deliveredRecently, DEMO_ORDER_IDS.deliveredLongAgo])(
    'refuses to cancel %s, which has left the warehouse',
    async (orderId) => {
      const shop = service();
      expect((await shop.cancelOrder(orderId)).outcome).toBe('already_shipped');
      expect((await shop.findOrder(orderId))?.status).not.toBe('cancelled');
    },
  );

  it('reports an unknown order', async () => {
    expect(await service().cancelOrder('123')).toEqual({ outcome: 'not_found' });
  });
});

describe('DemoOrderService.changeAddress', () => {
  it.each([DEMO_ORDER_IDS.paidNotShipped, DEMO_ORDER_IDS.unpaid])(
    'changes the address of %s before it ships, and remembers it',
    async (orderId) => {
      const shop = service();
      const result = await shop.changeAddress(orderId, newAddress);
      expect(result.outcome).toBe('changed');
      if (result.outcome !== 'changed') return;
      expect(result.order.recipient).toEqual(newAddress);
      expect(result.ticket?.kind).toBe('address_change');
      expect(result.ticket?.summary.zh).toBe(`订单 ${orderId} 收货地址已改为 北京市北京市`);
      expect(result.ticket?.summary.en).toBe(
        `Delivery address of order ${orderId} changed to an address in Beijing`,
      );
      expect((await shop.findOrder(orderId))?.recipient.street).toBe('建国路88号 SOHO 3号楼');
    },
  );

  it.each([DEMO_ORDER_IDS.shippedOverdue, DEMO_ORDER_IDS.deliveredRecently, DEMO_ORDER_IDS.deliveredLongAgo])(
    'refuses to change the address of %s, which has shipped',
    async (orderId) => {
      const shop = service();
      expect((await shop.changeAddress(orderId, newAddress)).outcome).toBe('already_shipped');
      expect((await shop.findOrder(orderId))?.recipient.province).not.toBe('北京市');
    },
  );

  it('refuses a cancelled order, an unknown order, abroad and a malformed address', async () => {
    const shop = service();
    await shop.cancelOrder(DEMO_ORDER_IDS.paidNotShipped);
    expect((await shop.changeAddress(DEMO_ORDER_IDS.paidNotShipped, newAddress)).outcome).toBe(
      'order_cancelled',
    );
    expect(await shop.changeAddress('123', newAddress)).toEqual({ outcome: 'not_found' });
    expect(
      await shop.changeAddress(DEMO_ORDER_IDS.unpaid, { ...newAddress, province: 'United States' }),
    ).toEqual({
      outcome: 'region_not_served',
    });
    expect(
      await shop.changeAddress(DEMO_ORDER_IDS.unpaid, { ...newAddress, street: ' ', phone: 'call me' }),
    ).toEqual({
      outcome: 'invalid_address',
      problems: ['phone', 'street'],
    });
  });
});

describe('DemoOrderService stock', () => {
  it('lists only variants in stock, filtered by size and colour in any case', async () => {
    const shop = service();
    expect(await shop.checkStock('tshirt-cotton', 'L', 'navy')).toEqual([]);
    expect(await shop.checkStock('tshirt-cotton', 'l', 'Black')).toEqual([
      { sku: 'TSHIRT-BLACK-L', size: 'L', color: 'black', stock: 18 },
    ]);
    expect((await shop.checkStock('tshirt-cotton', 'L')).map((variant) => variant.color)).toEqual([
      'black',
      'white',
    ]);
    expect(
      (await shop.checkStock('tshirt-cotton', undefined, 'white')).map((variant) => variant.size),
    ).toEqual(['S', 'M', 'L', 'XL']);
    expect(await shop.checkStock('no-such-product')).toEqual([]);
  });

  it('returns products by id', async () => {
    const shop = service();
    expect((await shop.getProduct('earbuds-wireless'))?.category).toBe('electronics');
    expect(await shop.getProduct('nope')).toBeUndefined();
  });
});

describe('DemoOrderService.createReturn', () => {
  it('files a return for the recent order and refuses the same units twice', async () => {
    const shop = service();
    const result = await shop.createReturn({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'TSHIRT-WHITE-M',
      quantity: 2,
      reason: 'size',
    });
    expect(result.outcome).toBe('created');
    if (result.outcome !== 'created') return;
    expect(result.refundAmount).toBe(158);
    expect(result.eligibility.coveredByShippingInsurance).toBe(true);
    expect(result.ticket).toMatchObject({
      kind: 'return',
      status: 'open',
      customerId: 'demo-alice',
      details: { sku: 'TSHIRT-WHITE-M', quantity: 2, refundAmount: 158, returnShippingPaidBy: 'shop' },
      summary: {
        zh: '订单 202311150001 退货：纯棉T恤 ×2（尺码不合适），退款 ¥158.00',
        en: "Return for order 202311150001: Cotton T-shirt ×2 (the size doesn't fit), refund ¥158.00",
      },
    });
    const again = await shop.createReturn({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'TSHIRT-WHITE-M',
      quantity: 1,
      reason: 'size',
    });
    expect(again).toMatchObject({ outcome: 'not_eligible', eligibility: { code: 'already_returned' } });
  });

  it('refuses the old order, too many units, and unknown lines', async () => {
    const shop = service();
    const old = await shop.createReturn({
      orderId: DEMO_ORDER_IDS.deliveredLongAgo,
      sku: 'EARBUDS-BLACK',
      quantity: 1,
      reason: 'quality',
    });
    expect(old).toMatchObject({
      outcome: 'not_eligible',
      eligibility: { code: 'outside_window', windowDays: 15 },
    });
    expect(
      await shop.createReturn({
        orderId: DEMO_ORDER_IDS.deliveredRecently,
        sku: 'JEANS-BLUE-30',
        quantity: 2,
        reason: 'size',
      }),
    ).toEqual({ outcome: 'invalid_quantity', returnableQuantity: 1 });
    expect(
      await shop.createReturn({
        orderId: DEMO_ORDER_IDS.deliveredRecently,
        sku: 'NOPE',
        quantity: 1,
        reason: 'size',
      }),
    ).toEqual({ outcome: 'item_not_in_order' });
    expect(await shop.createReturn({ orderId: '1', sku: 'NOPE', quantity: 1, reason: 'size' })).toEqual({
      outcome: 'not_found',
    });
  });

  it('judges windows at its clock, not at the time the data is relative to', async () => {
    const frozen = new DemoOrderService({ now: NOW, clock: () => new Date(NOW.getTime() + 10 * DAY_MS) });
    const late = await frozen.createReturn({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'JEANS-BLUE-30',
      quantity: 1,
      reason: 'changed_mind',
    });
    // Ten days later the 7-day window has closed (13 days since delivery).
    expect(late).toMatchObject({ outcome: 'not_eligible', eligibility: { daysSinceDelivery: 13 } });
  });
});

describe('DemoOrderService.createExchange', () => {
  it('exchanges for a size in stock and holds that stock', async () => {
    const shop = service();
    const result = await shop.createExchange({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'TSHIRT-WHITE-M',
      quantity: 1,
      size: 'L',
      reason: 'size',
    });
    expect(result).toMatchObject({
      outcome: 'created',
      newVariant: { sku: 'TSHIRT-WHITE-L', stock: 21 },
      ticket: {
        kind: 'exchange',
        details: { sku: 'TSHIRT-WHITE-M', newSku: 'TSHIRT-WHITE-L', quantity: 1 },
        summary: {
          zh: '订单 202311150001 换货：纯棉T恤 ×1，白色 M 换 白色 L',
          en: 'Exchange for order 202311150001: Cotton T-shirt ×1, white, size M for white, size L',
        },
      },
    });
    expect(await shop.checkStock('tshirt-cotton', 'L', 'white')).toEqual([
      { sku: 'TSHIRT-WHITE-L', size: 'L', color: 'white', stock: 21 },
    ]);
  });

  it('refuses an out-of-stock combination and lists what is available', async () => {
    const result = await service().createExchange({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'TSHIRT-WHITE-M',
      quantity: 1,
      size: 'L',
      color: 'navy',
      reason: 'size',
    });
    expect(result.outcome).toBe('out_of_stock');
    if (result.outcome !== 'out_of_stock') return;
    expect(result.available.some((variant) => variant.sku === 'TSHIRT-NAVY-L')).toBe(false);
    expect(result.available.every((variant) => variant.stock > 0)).toBe(true);
    expect(result.available).toHaveLength(13);
  });

  it('refuses a size the product is not made in, and the order outside the window', async () => {
    const shop = service();
    const noSuchSize = await shop.createExchange({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'JEANS-BLUE-30',
      quantity: 1,
      size: '40',
      reason: 'size',
    });
    expect(noSuchSize.outcome).toBe('no_such_variant');
    const old = await shop.createExchange({
      orderId: DEMO_ORDER_IDS.deliveredLongAgo,
      sku: 'EARBUDS-BLACK',
      quantity: 1,
      color: 'white',
      reason: 'changed_mind',
    });
    expect(old).toMatchObject({ outcome: 'not_eligible', eligibility: { code: 'outside_window' } });
  });
});

describe('DemoOrderService.createInvoiceRequest', () => {
  const request = {
    orderId: DEMO_ORDER_IDS.deliveredRecently,
    type: 'special' as const,
    titleType: 'company' as const,
    title: '上海示例科技有限公司',
    taxId: '91350100m000100y43',
    email: 'finance@example.com',
  };

  it('files a special VAT invoice for a company with a valid tax id', async () => {
    const result = await service().createInvoiceRequest(request);
    expect(result).toMatchObject({
      outcome: 'created',
      ticket: {
        kind: 'invoice',
        status: 'open',
        details: { type: 'special', taxId: VALID_TAX_ID, amount: 357, issueWithinWorkingDays: 3 },
        summary: {
          zh: '订单 202311150001 开具增值税专用发票，抬头：上海示例科技有限公司',
          en: 'Special VAT invoice for order 202311150001, made out to 上海示例科技有限公司',
        },
      },
    });
  });

  it('names every rule a request breaks', async () => {
    const shop = service();
    expect(await shop.createInvoiceRequest({ ...request, taxId: '91350100M000100Y44' })).toEqual({
      outcome: 'invalid',
      problems: ['tax_id_invalid'],
    });
    expect(await shop.createInvoiceRequest({ ...request, titleType: 'personal', title: '王丽' })).toEqual({
      outcome: 'invalid',
      problems: ['special_requires_company'],
    });
    expect(await shop.createInvoiceRequest({ ...request, type: 'normal', taxId: undefined })).toEqual({
      outcome: 'invalid',
      problems: ['tax_id_required'],
    });
  });

  it('files a reissue naming the invoice it replaces, and refuses more reissues than the policy allows', async () => {
    const shop = service();
    const first = await shop.createInvoiceRequest(request);
    if (first.outcome !== 'created') throw new Error(first.outcome);
    expect(first.ticket.details).not.toHaveProperty('reissue');
    const reissue = await shop.createInvoiceRequest({
      ...request,
      title: '上海新示例科技有限公司',
      reissueOf: first.ticket.id,
    });
    expect(reissue).toMatchObject({
      outcome: 'created',
      ticket: {
        details: { reissue: true, reissueOf: first.ticket.id },
        summary: {
          zh: '订单 202311150001 重开增值税专用发票，抬头：上海新示例科技有限公司',
          en: 'Reissue of the special VAT invoice for order 202311150001, made out to 上海新示例科技有限公司',
        },
      },
    });
    expect(await shop.createInvoiceRequest({ ...request, reissue: true })).toEqual({
      outcome: 'reissue_limit',
      reissuesAllowed: 1,
    });
  });

  it('has nothing to invoice on an unpaid order', async () => {
    expect(await service().createInvoiceRequest({ ...request, orderId: DEMO_ORDER_IDS.unpaid })).toEqual({
      outcome: 'not_invoiceable',
      status: 'unpaid',
    });
  });
});

describe('DemoOrderService tickets', () => {
  it("lists each customer's tickets, newest first, and finds them by id", async () => {
    let time = NOW.getTime();
    const shop = new DemoOrderService({ now: NOW, clock: () => new Date((time += 60_000)) });
    await shop.cancelOrder(DEMO_ORDER_IDS.paidNotShipped);
    await shop.createTicket({
      kind: 'message',
      customerId: DEMO_CUSTOMERS.bob.customerId,
      details: { text: '请晚上联系我' },
      summary: { zh: '留言：请晚上联系我', en: 'Message: please contact me in the evening' },
    });
    await shop.createReturn({
      orderId: DEMO_ORDER_IDS.deliveredRecently,
      sku: 'JEANS-BLUE-30',
      quantity: 1,
      reason: 'quality',
    });

    const alices = await shop.listTickets(DEMO_CUSTOMERS.alice.customerId);
    expect(alices.map((ticket) => [ticket.id, ticket.kind])).toEqual([
      ['T20231122-0003', 'return'],
      ['T20231122-0001', 'cancel'],
    ]);
    const bobs = await shop.listTickets(DEMO_CUSTOMERS.bob.customerId);
    expect(bobs.map((ticket) => [ticket.id, ticket.kind, ticket.status])).toEqual([
      ['T20231122-0002', 'message', 'open'],
    ]);
    expect((await shop.getTicket('t20231122-0002'))?.summary.en).toBe(
      'Message: please contact me in the evening',
    );
    expect(await shop.getTicket('T19990101-0001')).toBeUndefined();
    expect(await shop.listTickets('nobody')).toEqual([]);
  });
});
