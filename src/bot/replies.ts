import type { Language } from '../nlu/types';

/**
 * Everything the bot says in its own words, in both languages, in one place a shop can edit.
 * `{name}` marks a value filled in when the reply is sent. (FAQ answers live in intents/faq/entries.yaml.)
 */
export const replies = {
  greeting: {
    zh: '亲，您好！我是店铺智能客服，可以帮您查物流、解答运费/发票/退换货等问题。请问有什么可以帮您？',
    en: "Hi there! I'm the shop's assistant. I can track your order and answer questions about shipping, invoices, returns and more. How can I help?",
  },
  goodbye: {
    zh: '不客气哦，祝您购物愉快！有问题随时找我～',
    en: "You're welcome! Happy shopping, and come back any time.",
  },
  clarify: {
    zh: '抱歉，我不太确定您的意思，您是想问哪一个呢？',
    en: "Sorry, I'm not quite sure what you mean. Which of these is it?",
  },
  clarifyNone: {
    zh: '抱歉，我没太明白您的问题，可以换个说法吗？也可以点下面的按钮。',
    en: "Sorry, I didn't quite get that. Could you say it another way, or pick one of these?",
  },
  chooseFaq: {
    zh: '您想了解的是下面哪一项呢？',
    en: 'Which of these would you like to know about?',
  },
  knowledgeMiss: {
    zh: '这个问题我暂时回答不了，您可以换个问法，或者让人工客服来帮您。',
    en: "I can't answer that one yet. You could rephrase it, or I can get a human colleague to help.",
  },
  outOfScope: {
    zh: '这个我可帮不上忙啦～我是店铺客服，可以帮您查订单物流、运费、发票、退换货等问题。',
    en: "I'm afraid I can't help with that — I'm the shop's assistant. I can help with orders, tracking, shipping, invoices, returns and exchanges.",
  },
  askOrderId: {
    zh: '好的，请告诉我您的订单号（在“我的订单”里可以找到）。',
    en: 'Sure — what is your order number? You can find it under "My orders".',
  },
  chooseOrder: {
    zh: '您想查询哪个订单呢？',
    en: 'Which order would you like to check?',
  },
  orderNotFound: {
    zh: '没有找到订单号 {orderId}，请核对一下订单号哦。',
    en: "I couldn't find order {orderId}. Could you check the number?",
  },
  askPhoneLast4: {
    zh: '为了保护您的隐私，请告诉我订单 {orderId} 收货手机号的后4位。',
    en: 'To protect your privacy, please tell me the last 4 digits of the phone number on order {orderId}.',
  },
  wrongPhoneLast4: {
    zh: '手机号后4位不对哦，请再试一次（还可以试 {remaining} 次）。',
    en: "Those digits don't match. Please try again ({remaining} tries left).",
  },
  verificationLocked: {
    zh: '验证失败次数太多了，为了账户安全我先不显示这个订单的信息。需要的话我可以帮您转人工客服。',
    en: "That didn't match too many times, so for your security I can't show this order. I can put you through to a human agent if you like.",
  },
  verificationCancelled: {
    zh: '好的，那我们先不查这个订单了。',
    en: "OK, let's leave that order for now.",
  },
  notShippedYet: {
    zh: '订单 {orderId} 还没有发货（状态：{status}）。{dispatchNote}',
    en: 'Order {orderId} has not shipped yet (status: {status}). {dispatchNote}',
  },
  dispatchNote: {
    zh: '当天 {dispatchCutoff} 前付款的订单当天发货。',
    en: 'Orders paid before {dispatchCutoff} ship the same day.',
  },
  unpaidNote: {
    zh: '订单还未付款，请在 {minutes} 分钟内完成支付，超时订单会自动取消哦。',
    en: 'This order is not paid yet; please pay within {minutes} minutes or it will be cancelled automatically.',
  },
  cancelledOrder: {
    zh: '订单 {orderId} 已取消。',
    en: 'Order {orderId} has been cancelled.',
  },
  trackingStatus: {
    zh: '订单 {orderId} 由{carrier}配送，运单号 {trackingNumber}。\n最新物流：\n{events}\n预计送达：{eta}',
    en: 'Order {orderId} is with {carrier}, tracking number {trackingNumber}.\nLatest scans:\n{events}\nExpected delivery: {eta}',
  },
  delivered: {
    zh: '订单 {orderId} 已于 {deliveredAt} 签收（{carrier}，运单号 {trackingNumber}）。',
    en: 'Order {orderId} was delivered on {deliveredAt} ({carrier}, tracking number {trackingNumber}).',
  },
  overdueApology: {
    zh: '非常抱歉，这个包裹已经 {days} 天没有新的物流信息了，超出了预计送达时间。我可以帮您申请物流理赔/催件，或者转人工客服处理。',
    en: "I'm really sorry — this parcel has had no new scan for {days} days and is past its expected delivery date. I can open a claim with the courier for you, or put you through to an agent.",
  },
  claimOpened: {
    zh: '已为您提交物流理赔/催件工单 {ticketId}，我们会在 24 小时内联系快递并给您回复。',
    en: "I've opened claim {ticketId} with the courier. We'll chase it and get back to you within 24 hours.",
  },
  escalationUnavailable: {
    zh: '人工客服服务时间为 {serviceHours}。您可以直接留言，客服上线后会第一时间回复您。',
    en: 'Our agents are available {serviceHours}. You can leave a message here and they will reply as soon as they are back.',
  },
  dialogCancelled: {
    zh: '好的，已取消本次申请。还有其他可以帮您的吗？',
    en: "OK, I've stopped that request. Anything else I can help with?",
  },
  offerDialog: {
    zh: '需要我现在帮您办理吗？',
    en: 'Would you like me to take care of it now?',
  },
  resumeDialog: {
    zh: '我们继续刚才的申请：',
    en: "Let's carry on where we were:",
  },
  afterSalesIntro: {
    zh: '{answer}\n\n如需办理，请告诉我订单号，我来帮您处理。',
    en: '{answer}\n\nIf you would like to go ahead, tell me the order number and I will help you.',
  },
  ticketsAskOrderId: {
    zh: '好的，请告诉我要查询售后进度的订单号（在“我的订单”里可以找到）。',
    en: 'Sure — which order is it about? Please tell me the order number (you can find it under "My orders").',
  },
  ticketsList: {
    zh: '您的售后申请进度如下（最新的在前）：\n{tickets}',
    en: 'Here is where your requests stand, newest first:\n{tickets}',
  },
  ticketsOrderList: {
    zh: '订单 {orderId} 的售后申请进度如下（最新的在前）：\n{tickets}',
    en: 'Here is where the requests on order {orderId} stand, newest first:\n{tickets}',
  },
  ticketLine: {
    zh: '· {kind}｜订单 {orderId}｜{status}｜{updatedAt} 更新\n  {summary}（工单号 {ticketId}）',
    en: '· {kind} — order {orderId} — {status}, last updated {updatedAt}\n  {summary} (ticket {ticketId})',
  },
  ticketLineNoOrder: {
    zh: '· {kind}｜{status}｜{updatedAt} 更新\n  {summary}（工单号 {ticketId}）',
    en: '· {kind} — {status}, last updated {updatedAt}\n  {summary} (ticket {ticketId})',
  },
  ticketsMore: {
    zh: '（这里只列出最近的 {shown} 条，共 {total} 条；更早的申请可以转人工客服帮您查询。）',
    en: '(These are the latest {shown} of {total}; an agent can look up the others for you.)',
  },
  ticketsNone: {
    zh: '您目前没有进行中或最近的售后申请（退货、换货、开票等）。',
    en: 'You have no open or recent requests (returns, exchanges, invoices and so on).',
  },
  ticketsNoneForOrder: {
    zh: '订单 {orderId} 目前没有售后申请记录。',
    en: 'There are no requests on order {orderId} at the moment.',
  },
  refundTiming: {
    zh: '退款说明：退货寄回并经仓库签收后，或已付款订单取消后，退款会在 {refundDays} 个工作日内原路退回。',
    en: 'About refunds: once the warehouse has received a return, or a paid order is cancelled, the refund reaches your original payment method within {refundDays} working days.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ReplyKey = keyof typeof replies;

/** Labels of suggested actions (quick-reply buttons). A click sends the label back as the shopper's text. */
export const buttons = {
  talkToAgent: { zh: '转人工客服', en: 'Talk to an agent' },
  openClaim: { zh: '申请物流理赔', en: 'Open a courier claim' },
  trackOrder: { zh: '查询物流', en: 'Track my order' },
  shippingFees: { zh: '运费和配送', en: 'Shipping fees and delivery' },
  returns: { zh: '退换货政策', en: 'Returns and exchanges' },
  invoice: { zh: '开发票', en: 'Invoices' },
  cancel: { zh: '算了', en: 'Never mind' },
} as const satisfies Record<string, Record<Language, string>>;

export type ButtonKey = keyof typeof buttons;

/** The button that starts an intent's after-sales dialog, shown under a policy answer. */
export const startDialogButtons: Record<string, Record<Language, string>> = {
  'return.request': { zh: '办理退货', en: 'Start a return' },
  'exchange.request': { zh: '办理换货', en: 'Start an exchange' },
  invoice: { zh: '申请开票', en: 'Request an invoice' },
  'order.cancel': { zh: '取消订单', en: 'Cancel my order' },
  'order.modify': { zh: '修改收货地址', en: 'Change my address' },
};

/** Fills `{name}` placeholders; a missing value is left visible rather than silently dropped. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function say(key: ReplyKey, language: Language, values?: Record<string, string | number>): string {
  return fill(replies[key][language], values);
}
