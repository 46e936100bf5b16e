/**
 * What the benchmark's shoppers say, one conversation per script, in the mix a shop sees: FAQ, order
 * tracking, a return, asking for a person. Every answer is one the bot accepts (see test/bot and
 * test/dialogs), so each turn does the work a real one does: NLU, dialog state, order look-up, tickets.
 *
 * `expect` is checked against the bot's reply when the shopper reads the conversation; a mismatch means
 * the bot under load answered something else than it does in the tests. Patterns are loose on purpose:
 * they recognise the answer without pinning its wording.
 *
 * The demo shop has one returnable order (202311150001) with three units. A confirmed return uses one up
 * for every later conversation on the instance, so the return scripts decline at the summary ("先不了",
 * "Not now"): every run of them then walks the whole dialog. Tickets are still created, by the courier
 * claim and the message left for the next shift.
 */

export interface ScriptStep {
  text: string;
  /** What the bot's reply must contain; undefined: any reply will do. */
  expect?: RegExp;
}

export interface ShopperScript {
  name: string;
  steps: readonly ScriptStep[];
}

/** The alice demo customer's phone ends 5678 (src/commerce/demo/customers.ts); both orders are hers. */
const PHONE_DIGITS = '5678';
const GOODBYE_ZH: ScriptStep = { text: '好的谢谢', expect: /不客气|祝您购物愉快/ };
const GOODBYE_EN: ScriptStep = { text: 'thanks, bye', expect: /welcome|happy shopping/i };

export const SHOPPER_SCRIPTS: readonly ShopperScript[] = [
  {
    name: 'faq-zh',
    steps: [
      { text: '包邮吗', expect: /包邮/ },
      { text: '支持七天无理由退货吗', expect: /7天无理由/ },
      { text: '能开发票吗', expect: /发票/ },
      GOODBYE_ZH,
    ],
  },
  {
    name: 'track-zh',
    steps: [
      { text: '我的订单20231102558736到哪了', expect: /后4位/ },
      { text: PHONE_DIGITS, expect: /SF1234567890123/ },
      { text: '申请物流理赔', expect: /工单/ },
      GOODBYE_ZH,
    ],
  },
  {
    name: 'faq-en',
    steps: [
      { text: 'what are your service hours', expect: /09:00/ },
      { text: 'how much is shipping', expect: /¥/ },
      { text: 'can i pay with alipay', expect: /alipay/i },
      GOODBYE_EN,
    ],
  },
  {
    name: 'return-zh',
    steps: [
      { text: '我要退货', expect: /订单号/ },
      { text: '202311150001', expect: /后4位/ },
      { text: PHONE_DIGITS, expect: /哪件商品/ },
      { text: '直筒牛仔裤', expect: /原因/ },
      { text: '尺码不合适', expect: /请确认退货信息/ },
      { text: '先不了', expect: /已取消/ },
    ],
  },
  {
    name: 'escalate-zh',
    steps: [
      { text: '转人工', expect: /人工客服/ },
      // Takes back the offer to leave a message (no agents are logged in during the benchmark).
      { text: '取消', expect: /不留言了/ },
      { text: '包邮吗', expect: /包邮/ },
    ],
  },
  {
    name: 'track-en',
    steps: [
      { text: 'where is my package', expect: /order number/i },
      { text: 'it is 20231102558736', expect: /last 4 digits/ },
      { text: PHONE_DIGITS, expect: /SF Express/ },
      GOODBYE_EN,
    ],
  },
  {
    name: 'return-en',
    steps: [
      { text: 'I want to return my order 202311150001', expect: /last 4 digits/ },
      { text: PHONE_DIGITS, expect: /which item/i },
      { text: 'Cotton T-shirt', expect: /why/i },
      { text: 'changed my mind', expect: /please confirm the return/i },
      { text: 'Not now', expect: /cancelled/i },
    ],
  },
  {
    name: 'escalate-en',
    steps: [
      { text: 'I want a human', expect: /agent/i },
      { text: 'back to bot', expect: /no message then/ },
      GOODBYE_EN,
    ],
  },
  {
    name: 'leave-message-zh',
    steps: [
      { text: '我要人工客服', expect: /人工客服/ },
      { text: '我的快递好几天没动了 请明天联系我', expect: /工单号/ },
    ],
  },
];

/** Shopper `index`'s `round`th conversation: neighbours start on different scripts, so the mix is even. */
export function scriptFor(index: number, round: number): ShopperScript {
  return SHOPPER_SCRIPTS[(index + round) % SHOPPER_SCRIPTS.length];
}
