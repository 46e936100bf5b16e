/**
 * How shoppers might ask for each FAQ entry, written apart from intents/faq/entries.yaml: none of these may
 * be one of the entry's own questions (the acceptance test checks), so matching them measures retrieval,
 * not memory. Some are in Traditional characters on purpose.
 */
export const FAQ_PHRASINGS: Record<string, { zh: string[]; en: string[] }> = {
  'authentic-products': {
    zh: ['你家东西是真货吗', '這個是正品嗎 不會是仿的吧', '怕买到假的 保证正品吗'],
    en: ['is this product real', 'are the items authentic or fakes'],
  },
  'electronics-warranty': {
    zh: ['耳机的质保期多长', '保修期几个月啊', '這個保固幾個月'],
    en: ['what is the warranty period', 'does the speaker have a warranty'],
  },
  'service-hours': {
    zh: ['客服几点下班啊', '人工客服上班时间是几点', '你們客服幾點上班'],
    en: ['what time does customer service open', 'customer service working hours'],
  },
  points: {
    zh: ['购物积分怎么获得', '我的积分在哪看', '積分可以幹嘛用'],
    en: ['how do i earn reward points', 'how do points work'],
  },
  'gift-wrap': {
    zh: ['可以帮我包装成礼品吗', '送女朋友的 有礼品包装吗', '能做禮品包裝嗎'],
    en: ['can you gift wrap my order', 'do you do gift wrapping'],
  },
  'register-account': {
    zh: ['新用户怎么注册', '注册账号要怎么弄', '在哪裡註冊'],
    en: ['how can i sign up for an account', 'how to register an account'],
  },
  'reset-password': {
    zh: ['密码忘了 怎么找回', '登录密码想重新设置', '忘記密碼怎麼辦'],
    en: ['i forgot the password to my account', 'how can i reset the password'],
  },
  'login-problems': {
    zh: ['我登录不上去了', '账号一直登录失败怎么回事', '帳號登不進去'],
    en: ['i cannot log into my account', 'login keeps failing'],
  },
  'delete-account': {
    zh: ['我要注销我的账号', '怎么删除账户', '帳號可以註銷嗎'],
    en: ['please delete my account', 'how can i close my account for good'],
  },
  'change-phone': {
    zh: ['手机号码换了 账号怎么改', '怎么修改绑定的手机号', '想換綁新手機號'],
    en: ['i changed my phone number, how do i update it', 'change the phone number on my account'],
  },
  'physical-stores': {
    zh: ['你们有线下实体店吗', '门店在哪里', '杭州有實體店嗎'],
    en: ['do you have any physical shops', 'where is your store in hangzhou'],
  },
  'membership-levels': {
    zh: ['会员等级是怎么划分的', '怎样才能升到高级会员', '會員有幾個等級'],
    en: ['what membership levels are there', 'how do i get to a higher member tier'],
  },
  'free-shipping': {
    zh: ['买多少钱包邮', '这个包邮不', '滿多少錢包郵'],
    en: ['how much to get free shipping', 'do i get free delivery'],
  },
  'shipping-fee': {
    zh: ['运费要多少钱', '邮费怎么收', '運費多少錢'],
    en: ['what does shipping cost', 'how much is the shipping fee'],
  },
  carriers: {
    zh: ['用的什么快递', '你们发哪家快递', '可以改發順豐嗎'],
    en: [
      'which courier will deliver my parcel',
      'can you ship with sf express',
      'what delivery companies do you work with',
    ],
  },
  'delivery-times': {
    zh: ['下单后几天能到', '快递一般要多久', '寄過來要幾天'],
    en: ['how long will delivery take', 'how many days does shipping take'],
  },
  'remote-regions': {
    zh: ['寄新疆运费多少', '西藏包邮吗', '寧夏偏遠地區要加錢嗎'],
    en: ['do you deliver to tibet', 'is there a surcharge for remote areas'],
  },
  'hk-macau-taiwan': {
    zh: ['可以寄到香港吗', '寄澳门多少运费', '能發台灣嗎'],
    en: ['can you deliver to hong kong', 'do you ship to taiwan'],
  },
  'international-shipping': {
    zh: ['可以寄到美国吗', '国外能发货吗', '能寄到日本嗎'],
    en: ['can you ship to the united states', 'do you do international shipping'],
  },
  'dispatch-cutoff': {
    zh: ['今天下单能当天发货吗', '几点之前付款当天发', '今天拍今天發嗎'],
    en: ['will my order ship today if i pay now', 'what time is the cutoff for same day shipping'],
  },
  'invoice-available': {
    zh: ['可以开发票不', '买东西能开发票吗', '買了東西可以要發票嗎'],
    en: ['do you give invoices', 'can i have an invoice'],
  },
  'company-invoice': {
    zh: ['要开公司的专票', '可以开增值税专票吗', '公司報銷要開專票'],
    en: ['can i get a vat invoice for my company', 'can you make the invoice out to my company'],
  },
  'invoice-timing': {
    zh: ['发票多久开出来', '发票什么时候给', '發票什麼時候能收到'],
    en: ['how long until i get the invoice', 'when do you send the invoice'],
  },
  'invoice-reissue': {
    zh: ['发票抬头开错了 能重新开吗', '发票税号写错了', '發票要重開'],
    en: ['my invoice has the wrong title', 'is it possible to reissue the invoice'],
  },
  'return-policy': {
    zh: ['支持7天无理由吗', '买了不喜欢能退货吗', '可以七天無理由退貨嗎'],
    en: ['what is the return policy', 'can i return it if i change my mind'],
  },
  'how-to-return': {
    zh: ['退货怎么弄', '退货要怎么申请', '退貨流程是怎樣'],
    en: ['how do i return something', 'how do i start a return'],
  },
  'return-shipping-cost': {
    zh: ['退货的运费谁来付', '退货要自己出运费吗', '有送運費險嗎'],
    en: ['do i pay return shipping', 'who pays the return postage'],
  },
  'non-returnable-items': {
    zh: ['哪些商品不能退', '内衣能退吗', '食品可以退嗎'],
    en: ['what items can not be returned', 'can underwear be returned'],
  },
  'quality-return': {
    zh: ['东西有质量问题怎么处理', '收到货是坏的', '商品有瑕疵能換嗎'],
    en: ['my item arrived damaged', 'the product is faulty', 'what if the thing i bought has a defect'],
  },
  'refund-timing': {
    zh: ['退款几天能到账', '钱多久能退回来', '退款要幾天'],
    en: ['how long until my refund arrives', 'how many days does the refund take'],
  },
  'refund-destination': {
    zh: ['退款会退到哪里', '退款是退回支付宝吗', '錢會退到哪個帳戶'],
    en: ['where will my refund be sent', 'does the refund go back to my original payment method'],
  },
  'payment-methods': {
    zh: ['都能用什么付款', '可以用微信支付吗', '能用信用卡付款嗎'],
    en: ['which payment methods can i use', 'can i pay by credit card'],
  },
  'huabei-instalments': {
    zh: ['能用花呗分期付吗', '可以分几期付款', '花唄可以分期嗎'],
    en: ['can i pay in installments', 'can i use huabei instalments'],
  },
  'cash-on-delivery': {
    zh: ['可以货到付款吗', '能不能到了再付钱', '貨到了再給錢行不行'],
    en: ['can i pay cash on delivery', 'is cash on delivery possible'],
  },
  'payment-failed': {
    zh: ['付钱的时候一直报错', '支付失败了怎么回事', '付不了款怎麼辦'],
    en: ['the payment failed', 'my card payment was declined'],
  },
  coupons: {
    zh: ['去哪领优惠券', '有没有优惠券可以用', '哪裡領券'],
    en: ['where do i find coupons', 'do you have a coupon code'],
  },
  'event-discounts': {
    zh: ['现在有满减吗', '双11有没有满减活动', '最近有什麼促銷活動'],
    en: ['any sales on right now', 'is there a double 11 sale'],
  },
  'coupon-stacking': {
    zh: ['两张优惠券能一起用吗', '优惠券能不能叠加', '可以同時用兩張優惠券嗎'],
    en: ['can i use several coupons at once', 'can i combine two coupons'],
  },
  'price-protection': {
    zh: ['刚买就降价了 能补差价吗', '你们保价吗', '買了以後降價可以退差價嗎'],
    en: ['the price went down after i bought it', 'do you refund the price difference'],
  },
  'size-guide': {
    zh: ['尺码该怎么选', '这个偏大还是偏小啊', '尺碼對照表在哪裡'],
    en: ['which size should i choose', 'do you have a size chart'],
  },
  restock: {
    zh: ['这个码什么时候补货', '卖完了还会再补吗', '缺貨了什麼時候補'],
    en: ['when will this be restocked', 'is it coming back in stock'],
  },
  'unpaid-order-cancel': {
    zh: ['下单后不付款会自动取消吗', '订单没付款多久失效', '沒付款訂單多久會取消'],
    en: [
      'will my order be cancelled if i do not pay',
      'how long do i have to pay before the order is cancelled',
    ],
  },
  'cancel-order': {
    zh: ['订单能取消吗', '订单怎么取消啊', '訂單可以取消嗎'],
    en: ['is it possible to cancel an order', 'how can i cancel the order'],
  },
  'modify-before-shipping': {
    zh: ['地址填错了能改吗', '还没发货 能改收货地址吗', '訂單可以修改嗎'],
    en: ['can i change the delivery address', 'is it possible to change my order before it ships'],
  },
};

/** Messages that fit two entries about equally: the bot should offer both rather than guess. */
export const AMBIGUOUS_QUERIES: { text: string; options: [string, string] }[] = [
  { text: '运费', options: ['shipping-fee', 'return-shipping-cost'] },
  { text: '運費?', options: ['shipping-fee', 'return-shipping-cost'] },
  { text: '优惠券和满减', options: ['coupons', 'event-discounts'] },
  { text: 'refund', options: ['refund-timing', 'refund-destination'] },
  { text: 'return', options: ['return-policy', 'how-to-return'] },
  { text: 'shipping cost and delivery time', options: ['shipping-fee', 'delivery-times'] },
];

/** Nothing the shop's FAQ answers. */
export const UNRELATED_QUERIES: string[] = [
  '今天天气怎么样',
  '明天会下雨吗',
  '帮我写一下数学作业',
  '这道物理题怎么做',
  '給我講個笑話',
  "what's the weather like tomorrow",
  'can you help me with my homework',
  'solve this algebra equation',
  'who won the football game last night',
  'write me a poem about the sea',
];
