import type { Language } from '../../src/nlu/types';

/** Every sentence the after-sales dialogs say, in both languages, in one place a shop can edit. */
export const dialogTexts = {
  askOrderId: { zh: '请告诉我订单号。', en: 'What is the order number?' },
  chooseOrder: { zh: '是哪个订单呢？', en: 'Which order is it?' },
  retryOrderId: {
    zh: '没有识别到订单号哦，订单号是10–20位数字，请再发一次。',
    en: "I couldn't find an order number there. It has 10–20 digits — please send it again.",
  },
  orderNotFound: {
    zh: '没有找到订单 {orderId}，请核对后再发一次。',
    en: "I couldn't find order {orderId}. Please check it and send it again.",
  },
  askPhoneLast4: {
    zh: '为了保护您的隐私，请告诉我订单 {orderId} 收货手机号的后4位。',
    en: 'To protect your privacy, please tell me the last 4 digits of the phone number on order {orderId}.',
  },
  retryPhoneLast4: {
    zh: '手机号后4位不对哦，请再试一次。',
    en: "Those digits don't match. Please try again.",
  },
  chooseItem: { zh: '是订单里的哪件商品呢？', en: 'Which item in the order?' },
  askReturnReason: { zh: '请问退货的原因是？', en: 'Why would you like to return it?' },
  retryChoice: { zh: '请从下面的选项里选一个哦。', en: 'Please pick one of the options below.' },
  returnNotDelivered: {
    zh: '订单 {orderId} 还没有签收，签收后才能申请退货。如果不想要了，可以申请取消订单或拒收。',
    en: 'Order {orderId} has not been delivered yet, so it cannot be returned. If you no longer want it you can cancel it or refuse the delivery.',
  },
  returnOutsideWindow: {
    zh: '抱歉，订单 {orderId} 已签收 {days} 天，超出了{windowDays}天的退货期限（最后一天是 {lastDay}），无法自助退货。我可以帮您转人工客服看看有没有其他办法。',
    en: 'Sorry — order {orderId} was delivered {days} days ago, past the {windowDays}-day return window (the last day was {lastDay}), so I cannot start a return. I can put you through to an agent to see what else can be done.',
  },
  returnNonReturnable: {
    zh: '抱歉，{item} 属于不支持无理由退货的商品（贴身衣物/食品/定制商品）。如果是质量问题，可以选择“质量问题”重新申请。',
    en: 'Sorry, {item} cannot be returned without a reason (underwear, food and custom items). If it is faulty, choose "Quality fault" instead.',
  },
  returnAlreadyReturned: {
    zh: '{item} 已经申请过退货了。',
    en: 'A return for {item} has already been requested.',
  },
  returnOrderAlreadyReturned: {
    zh: '订单 {orderId} 里的商品都已经申请过退货了，不能再申请。想知道退款进度的话，问我“我的退货处理到哪了”就行。',
    en: 'Returns have already been requested for everything in order {orderId}, so there is nothing left to return. To see how they are going, ask me "where is my refund".',
  },
  returnShippingBuyer: {
    zh: '无理由退货的退回运费由您承担。',
    en: 'For a no-reason return the return postage is paid by you.',
  },
  returnShippingInsurance: {
    zh: '您的订单有运费险，退回运费由运费险理赔，您先垫付即可。',
    en: 'Your order has return-shipping insurance (运费险): pay the postage and the insurance refunds it.',
  },
  returnShippingShop: {
    zh: '质量问题退货，退回运费由我们承担。',
    en: 'As it is a fault on our side, we pay the return postage.',
  },
  returnSummary: {
    zh: '请确认退货信息：\n订单：{orderId}\n商品：{item}\n原因：{reason}\n退款金额：¥{amount}（原路退回，{refundDays}个工作日内到账）\n{shipping}',
    en: 'Please confirm the return:\nOrder: {orderId}\nItem: {item}\nReason: {reason}\nRefund: ¥{amount} (to your original payment method within {refundDays} working days)\n{shipping}',
  },
  returnCreated: {
    zh: '退货申请已提交，工单号 {ticketId}。\n请在7天内把商品寄回：{returnAddress}\n寄出后在订单页填写退货运单号，我们收到货后会尽快退款。',
    en: 'Your return is booked: ticket {ticketId}.\nPlease send the item back within 7 days to: {returnAddress}\nAdd the return tracking number on the order page; we refund as soon as it arrives.',
  },
  confirmYes: { zh: '确认提交', en: 'Confirm' },
  confirmNo: { zh: '先不了', en: 'Not now' },
  declined: {
    zh: '好的，已取消本次申请。还有其他可以帮您的吗？',
    en: "OK, I've cancelled that. Anything else I can help with?",
  },
  offerAgent: {
    zh: '需要的话我可以帮您转人工客服。',
    en: 'I can put you through to a human agent if you like.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type DialogTextKey = keyof typeof dialogTexts;

export function dialogText(
  key: DialogTextKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return dialogTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
