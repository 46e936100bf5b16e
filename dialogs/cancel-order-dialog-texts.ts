import type { Language } from '../src/nlu/types';

/** Every sentence the order-cancellation dialog says, in both languages, in one place a shop can edit. */
export const cancelOrderTexts = {
  cancelSummary: {
    zh: '请确认取消订单：\n订单：{orderId}（{status}）\n商品：{items}\n{money}\n取消后无法恢复，如还需要请重新下单。',
    en: 'Please confirm the cancellation:\nOrder: {orderId} ({status})\nItems: {items}\n{money}\nA cancelled order cannot be restored; you would need to order again.',
  },
  cancelRefund: {
    zh: '退款金额：¥{amount}，取消后{refundDays}个工作日内原路退回。',
    en: 'Refund: ¥{amount}, back to your original payment method within {refundDays} working days of the cancellation.',
  },
  cancelNothingCharged: {
    zh: '这个订单还没有付款，没有产生任何扣款，取消后无需退款。',
    en: 'This order has not been paid, so nothing was charged and there is nothing to refund.',
  },
  cancelYes: { zh: '确认取消订单', en: 'Yes, cancel it' },
  cancelNo: { zh: '不取消了', en: 'No, keep it' },
  cancelKept: {
    zh: '好的，订单 {orderId} 保留，没有取消。还有其他可以帮您的吗？',
    en: 'OK, order {orderId} stays as it is — nothing was cancelled. Anything else I can help with?',
  },
  cancelDonePaid: {
    zh: '订单 {orderId} 已取消{ticket}。¥{amount} 将在{refundDays}个工作日内原路退回，请留意到账通知。',
    en: 'Order {orderId} is cancelled{ticket}. ¥{amount} will be refunded to your original payment method within {refundDays} working days.',
  },
  cancelDoneUnpaid: {
    zh: '订单 {orderId} 已取消{ticket}。订单没有付款，不会产生任何扣款。',
    en: 'Order {orderId} is cancelled{ticket}. It was never paid, so nothing was charged.',
  },
  ticketNote: { zh: '（工单号 {ticketId}）', en: ' (ticket {ticketId})' },
  cancelAlreadyCancelled: {
    zh: '订单 {orderId} 已经取消了，不需要再操作。如果之前付过款，退款会在取消后{refundDays}个工作日内原路退回。',
    en: 'Order {orderId} is already cancelled; there is nothing more to do. If it was paid, the refund reaches your original payment method within {refundDays} working days of the cancellation.',
  },
  cancelShipped: {
    zh: '订单 {orderId} 已经由{carrier}发出（运单号 {trackingNumber}），不能直接取消了。您可以：\n1. 拒收：快递派送时直接拒收，包裹退回仓库后，我们会在{refundDays}个工作日内原路退款；\n2. 签收后退货：收到后{returnDays}天内可以申请退货，到时对我说“我要退货”就可以开始办理。',
    en: 'Order {orderId} has already left with {carrier} (tracking number {trackingNumber}), so it can no longer be cancelled. You can:\n1. Refuse the delivery: turn the parcel down when the courier brings it; once it is back in our warehouse we refund you within {refundDays} working days.\n2. Return it after receipt: within {returnDays} days of delivery — just say "I want to return it" to start a return.',
  },
  cancelDelivered: {
    zh: '订单 {orderId} 已于 {deliveredOn} 签收，不能取消了。如果不想要了，可以在 {lastDay} 前申请退货：对我说“我要退货”就可以开始办理，我会按每件商品的退货规则帮您核对。',
    en: 'Order {orderId} was delivered on {deliveredOn}, so it can no longer be cancelled. If you do not want it, you can return it until {lastDay}: just say "I want to return it" and I will check each item against the return rules.',
  },
  cancelDeliveredQualityOnly: {
    zh: '订单 {orderId} 已于 {deliveredOn} 签收，不能取消了，也已超过{returnDays}天无理由退货期限。如果商品有质量问题，{lastDay} 前仍可申请退货：对我说“我要退货”并说明问题即可。',
    en: 'Order {orderId} was delivered on {deliveredOn}, so it can no longer be cancelled, and the {returnDays}-day no-reason return period is over. If something is faulty you can still return it until {lastDay}: say "I want to return it" and tell me what is wrong.',
  },
  cancelDeliveredLongAgo: {
    zh: '订单 {orderId} 已于 {deliveredOn} 签收，不能取消，也已超过退货期限（无理由退货{returnDays}天，质量问题{qualityDays}天）。需要的话可以对我说“转人工”，请客服帮您看看。',
    en: 'Order {orderId} was delivered on {deliveredOn}. It can no longer be cancelled and the return periods are over ({returnDays} days without a reason, {qualityDays} days for a fault). Say "talk to an agent" if you would like a colleague to look at it.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type CancelOrderTextKey = keyof typeof cancelOrderTexts;

export function cancelOrderText(
  key: CancelOrderTextKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return cancelOrderTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
