import { DemoOrderService } from '../../../src/commerce/demo/demo-order-service';
import { buildHandoffContext } from '../../../src/handoff/handoff-context';
import { extractiveSummary } from '../../../src/handoff/summary';
import type { TurnRecord } from '../../../src/storage/conversation-log';

const now = new Date('2026-11-22T06:00:00Z');
const transcript: TurnRecord[] = [
  {
    at: '2026-11-22T05:50:00Z',
    role: 'shopper',
    text: '在吗',
    intent: 'greeting',
    confidence: 0.99,
    sentiment: 0,
    entities: [],
  },
  { at: '2026-11-22T05:50:01Z', role: 'bot', text: '亲，您好！' },
  {
    at: '2026-11-22T05:51:00Z',
    role: 'shopper',
    text: '我的快递到哪了 订单号20231102558736 电话13812345678',
    intent: 'shipping.track',
    confidence: 0.93,
    sentiment: 0,
    entities: [
      { type: 'orderId', value: '20231102558736', text: '20231102558736' },
      { type: 'phone', value: '13812345678', text: '13812345678' },
    ],
  },
  {
    at: '2026-11-22T05:52:00Z',
    role: 'shopper',
    text: '四天没动了 气死我了！！',
    intent: 'complaint',
    confidence: 0.8,
    sentiment: -0.8,
    entities: [],
  },
];

describe('extractiveSummary', () => {
  it('gives the reason and the telling messages in order, leaving out small talk', () => {
    const summary = extractiveSummary(transcript, 'strong_negative', 'zh', 2);
    expect(summary).toBe(
      '顾客情绪激动。 顾客说：“我的快递到哪了 订单号20231102558736 电话13812345678”；“四天没动了 气死我了！！”',
    );
    expect(extractiveSummary(transcript, 'complaint', 'en', 1)).toBe(
      'Complaint. The shopper said: “我的快递到哪了 订单号20231102558736 电话13812345678”',
    );
  });

  it('says just the reason when the shopper said nothing', () => {
    expect(extractiveSummary([], 'explicit_request', 'en')).toBe('Shopper asked for a person.');
  });
});

describe('buildHandoffContext', () => {
  it('gathers reason, summary, turns, masked entities, dialog progress, order, customer and tickets', async () => {
    const orders = new DemoOrderService({ now });
    await orders.createTicket({
      kind: 'claim',
      customerId: 'demo-alice',
      orderId: '20231102558736',
      details: {},
      summary: { zh: '理赔', en: 'Claim' },
    });
    const context = await buildHandoffContext({
      conversationId: 'c1',
      reason: 'strong_negative',
      priority: 1,
      language: 'zh',
      transcript,
      dialog: { dialog: 'ReturnDialog', step: 'reason', slots: { orderId: '202311150001' }, expecting: [] },
      orderId: '20231102558736',
      orders,
      profile: async () => ({ tags: ['VIP'], notes: ['prefers SF'] }),
      now,
    });
    expect(context).toMatchObject({
      conversationId: 'c1',
      reason: 'strong_negative',
      priority: 1,
      language: 'zh',
    });
    expect(context.summary).toContain('顾客情绪激动');
    expect(context.turns.map((t) => t.intent)).toEqual(['greeting', 'shipping.track', 'complaint']);
    expect(context.turns[2].sentiment).toBe(-0.8);
    expect(context.entities).toEqual([
      { type: 'orderId', value: '20231102558736', text: '20231102558736' },
      { type: 'phone', value: '*******5678', text: '*******5678' },
    ]);
    expect(context.dialog).toEqual({
      dialog: 'ReturnDialog',
      step: 'reason',
      slots: { orderId: '202311150001' },
    });
    expect(context.order?.shipment?.trackingNumber).toBe('SF1234567890123');
    expect(context.customer).toMatchObject({ id: 'demo-alice', tags: ['VIP'], notes: ['prefers SF'] });
    expect(context.customer?.tickets.map((ticket) => ticket.kind)).toEqual(['claim']);
    expect(context.escalatedAt).toBe(now.toISOString());
  });

  it('works for an anonymous shopper with no order', async () => {
    const context = await buildHandoffContext({
      conversationId: 'c2',
      reason: 'explicit_request',
      priority: 2,
      language: 'en',
      transcript: [],
      orders: new DemoOrderService({ now }),
      customerId: 'dl_anonymous',
      now,
    });
    expect(context.order).toBeUndefined();
    expect(context.customer).toBeUndefined();
    expect(context.summary).toBe('Shopper asked for a person.');
  });
});
