import type { Language } from '../nlu/types';

/** How an intent is offered as a choice when the bot is unsure ("Did you mean: …"). */
export const intentLabels: Record<string, Record<Language, string>> = {
  greeting: { zh: '打个招呼', en: 'Just saying hello' },
  goodbye: { zh: '没有问题了', en: "That's all, thanks" },
  'human.request': { zh: '转人工客服', en: 'Talk to an agent' },
  complaint: { zh: '我要投诉', en: 'Make a complaint' },
  out_of_scope: { zh: '其他问题', en: 'Something else' },
  'product.inquiry': { zh: '商品咨询（尺码/材质/库存）', en: 'Product questions (size, material, stock)' },
  'promotion.inquiry': { zh: '优惠活动', en: 'Discounts and coupons' },
  'payment.inquiry': { zh: '付款方式', en: 'Payment' },
  'shipping.track': { zh: '查询物流', en: 'Track my order' },
  'shipping.info': { zh: '运费和配送', en: 'Shipping fees and delivery' },
  'order.cancel': { zh: '取消订单', en: 'Cancel an order' },
  'order.modify': { zh: '修改订单（地址/尺码）', en: 'Change an order (address, size)' },
  'return.request': { zh: '退货退款', en: 'Return or refund' },
  'exchange.request': { zh: '换货', en: 'Exchange an item' },
  'refund.status': { zh: '退款进度', en: 'Refund status' },
  invoice: { zh: '开发票', en: 'Invoices' },
  faq: { zh: '店铺常见问题', en: 'Store FAQ' },
};

export function intentLabel(intent: string, language: Language): string {
  return intentLabels[intent]?.[language] ?? intent;
}
