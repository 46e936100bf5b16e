import type { Language } from '../src/nlu/types';

/** Every sentence the change-address dialog says, in both languages, in one place a shop can edit. */
export const changeAddressTexts = {
  askNewAddress: {
    zh: '订单 {orderId} 还没有发货，可以修改收货地址。\n当前地址：{current}\n请发送新的收货地址（收件人 省市区 详细地址），例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'Order {orderId} has not shipped yet, so its address can still be changed.\nCurrent address: {current}\nPlease send the new address (recipient, street, district, city, province), for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  askNewAddressAgain: {
    zh: '请重新发送新的收货地址（收件人 省市区 详细地址），例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'Please send the new address again (recipient, street, district, city, province), for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  retryAddressEmpty: {
    zh: '没能看出这是一个地址哦。请按“收件人 省市区 详细地址”发送，例如：张三 浙江省杭州市西湖区文三路100号',
    en: "That doesn't look like an address. Please send it as recipient, street, district, city, province — for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang",
  },
  retryAddressName: {
    zh: '地址里没有找到收件人姓名，请把收件人写在最前面，例如：张三 浙江省杭州市西湖区文三路100号',
    en: "I could not find the recipient's name. Please start with it, for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang",
  },
  retryAddressRegion: {
    zh: '没有识别到省份，请从省份写起（如“浙江省”“北京市”），例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'I could not recognise the province. Please end the address with it (e.g. "Zhejiang", "Beijing"), for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  retryAddressForeign: {
    zh: '抱歉，我们只配送中国大陆和港澳台地区，暂不支持寄往海外。请发送国内的收货地址。',
    en: 'Sorry, we only deliver within mainland China, Hong Kong, Macau and Taiwan, not abroad. Please send an address there.',
  },
  retryAddressCity: {
    zh: '没有识别到城市，请在省份后面写上城市（如“杭州市”），例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'I could not find the city. Please put it before the province, for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  retryAddressDistrict: {
    zh: '没有识别到区/县，请在城市后面写上区县（如“西湖区”），例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'I could not find the district or county. Please put it before the city, for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  retryAddressStreet: {
    zh: '地址里缺少街道和门牌号，请补充完整，例如：张三 浙江省杭州市西湖区文三路100号',
    en: 'The street and house number are missing. Please add them, for example: Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang',
  },
  askPhone: {
    zh: '收件人手机号要改吗？请发送新的11位手机号，或点“不变”继续使用 {current}。',
    en: 'Should the recipient\'s phone number change? Send the new 11-digit mobile number, or tap "Keep" to keep {current}.',
  },
  retryPhone: {
    zh: '这不是有效的中国大陆手机号哦。请发送1开头的11位手机号（例如 13900001111），或点“不变”继续使用 {current}。',
    en: 'That is not a valid mainland China mobile number. Please send 11 digits starting with 1 (e.g. 13900001111), or tap "Keep" to keep {current}.',
  },
  keepPhone: { zh: '不变', en: 'Keep' },
  addressSummary: {
    zh: '请确认修改订单 {orderId} 的收货信息：\n原地址：{old}\n新地址：{new}',
    en: 'Please confirm the new delivery details for order {orderId}:\nFrom: {old}\nTo: {new}',
  },
  addressChanged: {
    zh: '收货地址已修改{ticket}。订单 {orderId} 将寄往：{new}',
    en: 'The address is changed{ticket}. Order {orderId} will go to: {new}',
  },
  ticketNote: { zh: '（工单号 {ticketId}）', en: ' (ticket {ticketId})' },
  addressKept: {
    zh: '好的，收货地址没有修改。还有其他可以帮您的吗？',
    en: 'OK, the address stays as it was. Anything else I can help with?',
  },
  addressRegionNotServed: {
    zh: '抱歉，这个地址不在我们的配送范围内（我们配送中国大陆和港澳台地区），地址没有修改。',
    en: 'Sorry, we do not deliver to that address (we deliver within mainland China, Hong Kong, Macau and Taiwan), so nothing was changed.',
  },
  addressInvalid: {
    zh: '这个地址的{fields}不符合要求，地址没有修改。',
    en: 'The {fields} of that address could not be accepted, so nothing was changed.',
  },
  addressShipped: {
    zh: '订单 {orderId} 已经由{carrier}发出（运单号 {trackingNumber}），收货地址不能再修改了。您可以：\n1. 联系{carrier}，报运单号申请改派到新地址（快递可能另收费用）；\n2. 派送时拒收，包裹退回仓库后我们会在{refundDays}个工作日内原路退款，再用新地址重新下单。\n需要的话我可以帮您转人工客服。',
    en: 'Order {orderId} has already left with {carrier} (tracking number {trackingNumber}), so its address can no longer be changed. You can:\n1. Contact {carrier} with the tracking number and ask them to redirect it (they may charge for this).\n2. Refuse the delivery: once the parcel is back in our warehouse we refund you within {refundDays} working days, and you can order again with the new address.\nI can put you through to a human agent if you like.',
  },
  addressDelivered: {
    zh: '订单 {orderId} 已于 {deliveredOn} 签收，收货地址不能再修改了。如果包裹送错了地方或不是本人签收，我可以帮您转人工客服核实。',
    en: 'Order {orderId} was delivered on {deliveredOn}, so its address can no longer be changed. If it went to the wrong place or someone else signed for it, I can put you through to an agent to look into it.',
  },
  addressOrderCancelled: {
    zh: '订单 {orderId} 已经取消了，不需要修改地址。如果还需要，请用新地址重新下单。',
    en: 'Order {orderId} is cancelled, so there is no address to change. If you still want the items, please order again with the new address.',
  },
  agentYes: { zh: '转人工客服', en: 'Talk to an agent' },
  agentNo: { zh: '不用，谢谢', en: 'No, thanks' },
  agentDeclined: {
    zh: '好的。还有其他可以帮您的吗？',
    en: 'All right. Anything else I can help with?',
  },
  fieldName: { zh: '收件人', en: 'recipient' },
  fieldPhone: { zh: '手机号', en: 'phone number' },
  fieldProvince: { zh: '省份', en: 'province' },
  fieldCity: { zh: '城市', en: 'city' },
  fieldDistrict: { zh: '区县', en: 'district' },
  fieldStreet: { zh: '详细地址', en: 'street address' },
  fieldPostalCode: { zh: '邮编', en: 'postal code' },
} as const satisfies Record<string, Record<Language, string>>;

export type ChangeAddressTextKey = keyof typeof changeAddressTexts;

export function changeAddressText(
  key: ChangeAddressTextKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return changeAddressTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
