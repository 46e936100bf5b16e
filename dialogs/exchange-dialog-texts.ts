import type { Language } from '../src/nlu/types';

/** Every sentence the exchange dialog says, in both languages, in one place a shop can edit. */
export const exchangeTexts = {
  exchangeNotShipped: {
    zh: '订单 {orderId} 还没有发货，签收后才能申请换货。如果想要别的尺码或颜色，可以先取消订单再重新下单。',
    en: 'Order {orderId} has not shipped yet, so it cannot be exchanged until it arrives. If you want another size or colour, you can cancel it and order again.',
  },
  exchangeInTransit: {
    zh: '订单 {orderId} 还在运输途中，签收后 {windowDays} 天内都可以申请换货。',
    en: 'Order {orderId} is still on its way. Once it arrives you can exchange it within {windowDays} days.',
  },
  exchangeOrderCancelled: {
    zh: '订单 {orderId} 已经取消了，无法换货。',
    en: 'Order {orderId} was cancelled, so there is nothing to exchange.',
  },
  exchangeOutsideWindow: {
    zh: '抱歉，订单 {orderId} 已签收 {days} 天，超出了{windowDays}天的换货期限（最后一天是 {lastDay}），无法自助换货。我帮您转人工客服看看有没有其他办法。',
    en: 'Sorry — order {orderId} was delivered {days} days ago, past the {windowDays}-day exchange window (the last day was {lastDay}), so I cannot start an exchange. Let me put you through to an agent to see what else can be done.',
  },
  exchangeNonExchangeable: {
    zh: '抱歉，{item} 属于贴身衣物/食品/定制商品，不支持换货。如果有质量问题，可以申请退货。',
    en: 'Sorry, {item} cannot be exchanged (underwear, food and custom items). If it is faulty, you can request a return instead.',
  },
  exchangeAlreadyReturned: {
    zh: '{item} 已经申请过退货，不能再换货了。',
    en: 'A return has already been requested for {item}, so it cannot be exchanged.',
  },
  exchangeOrderAlreadyReturned: {
    zh: '订单 {orderId} 里的商品都已经申请过退货，不能再换货了。',
    en: 'Returns have already been requested for everything in order {orderId}, so there is nothing left to exchange.',
  },
  exchangeNoVariants: {
    zh: '{item} 只有这一个款式，没有其他尺码或颜色可以换。如果有质量问题，可以申请退货。',
    en: '{item} only comes in one version, so there is no other size or colour to exchange it for. If it is faulty, you can request a return instead.',
  },
  askQuantity: {
    zh: '{item} 您买了 {quantity} 件，要换几件？',
    en: 'You bought {quantity} of {item}. How many would you like to exchange?',
  },
  quantityOne: { zh: '1件', en: '1 item' },
  quantityMany: { zh: '{n}件', en: '{n} items' },
  quantityAll: { zh: '全部{n}件', en: 'All {n}' },
  askWantedSizeColor: {
    zh: '想把 {item} 换成什么尺码或颜色呢？直接告诉我就行，比如“换大一码”或“要黑色的”。',
    en: 'What size or colour would you like instead of {item}? Just tell me, e.g. "one size up" or "in black".',
  },
  askWantedSize: {
    zh: '想把 {item} 换成什么尺码呢？直接告诉我就行，比如“换大一码”。',
    en: 'What size would you like instead of {item}? Just tell me, e.g. "one size up".',
  },
  askWantedColor: {
    zh: '想把 {item} 换成什么颜色呢？直接告诉我就行，比如“要黑色的”。',
    en: 'What colour would you like instead of {item}? Just tell me, e.g. "in black".',
  },
  retryWanted: {
    zh: '没听出您想换的尺码或颜色，请再说一次，比如“L码”或“藏青色”。',
    en: 'I didn\'t catch the size or colour you want. Please say it again, e.g. "size L" or "navy".',
  },
  wantedIsCurrent: {
    zh: '您现在的就是 {variant} 哦。',
    en: 'That is the one you already have ({variant}).',
  },
  exchangeNotMade: {
    zh: '{product} 没有 {variant} 这个款式。目前有货的是下面这些，请选一个：',
    en: '{product} does not come in {variant}. These are in stock — please pick one:',
  },
  exchangeOutOfStock: {
    zh: '{product} {variant} 暂时缺货。目前有货的是下面这些，请选一个：',
    en: '{product} in {variant} is out of stock at the moment. These are in stock — please pick one:',
  },
  exchangeNothingInStock: {
    zh: '抱歉，{product} 的其他尺码和颜色暂时都没有货，现在没法换货。可以等补货后再来，或者申请退货。',
    en: 'Sorry, no other size or colour of {product} is in stock right now, so I cannot exchange it. You can try again once it is restocked, or request a return.',
  },
  exchangeSummary: {
    zh: '请确认换货信息：\n订单：{orderId}\n商品：{item}\n数量：{quantity}\n换成：{wanted}\n提交后请把原商品寄回，我们收到后会寄出新的。',
    en: 'Please confirm the exchange:\nOrder: {orderId}\nItem: {item}\nQuantity: {quantity}\nExchange for: {wanted}\nOnce booked, send the original back; we ship the new one when it arrives.',
  },
  exchangeCreated: {
    zh: '换货申请已提交，工单号 {ticketId}。\n新的 {wanted} 已为您预留。请把原商品（吊牌完好）寄回：{returnAddress}\n寄出后在订单页填写退货运单号，我们收到原商品后就把新的寄给您。',
    en: 'Your exchange is booked: ticket {ticketId}.\nThe new {wanted} is reserved for you. Please send the original (with its tags) back to: {returnAddress}\nAdd the return tracking number on the order page; we ship the new one as soon as the original arrives.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ExchangeTextKey = keyof typeof exchangeTexts;

export function exchangeText(
  key: ExchangeTextKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return exchangeTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
