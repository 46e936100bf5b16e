import type { Language } from '../src/nlu/types';

/** Every sentence the invoice dialog says, in both languages, in one place a shop can edit. */
export const invoiceDialogTexts = {
  notInvoiceableUnpaid: {
    zh: '订单 {orderId} 还没有付款，暂时不能开发票。付款后再来找我，就可以申请了。',
    en: 'Order {orderId} has not been paid yet, so there is nothing to invoice. Once it is paid I can request the invoice for you.',
  },
  notInvoiceableCancelled: {
    zh: '订单 {orderId} 已取消，没有实际付款金额，不能开发票。',
    en: 'Order {orderId} was cancelled, so there is no payment to invoice.',
  },
  reissueNotice: {
    zh: '好的，这次是为订单 {orderId} 重开发票，原来的发票会作废。我们把新发票的信息重新确认一遍。',
    en: "OK, this is a reissue of the invoice for order {orderId}; the earlier invoice will be voided. Let's go through the details of the new one.",
  },
  reissueLimit: {
    zh: '订单 {orderId} 的发票已经重开过 {reissues} 次，按规定不能再自助重开了。我帮您转人工客服处理。',
    en: 'The invoice for order {orderId} has already been reissued {reissues} time(s), which is as many as I can do myself. I will pass you to an agent.',
  },
  // Buttons say 抬头/invoice: a bare "个人"/"Personal" reads to the NLU as asking for a person (转人工).
  titleTypePersonal: { zh: '个人抬头', en: 'Personal invoice' },
  titleTypeCompany: { zh: '单位抬头', en: 'Company invoice' },
  summaryPersonal: { zh: '个人', en: 'personal' },
  summaryCompany: { zh: '单位', en: 'company' },
  typeNormal: { zh: '普通电子发票', en: 'Normal e-invoice' },
  typeSpecial: { zh: '增值税专用发票', en: 'Special VAT invoice' },
  keepPersonalNormal: { zh: '个人抬头开普通电子发票', en: 'Normal e-invoice in my name' },
  switchToCompany: { zh: '改为单位抬头开专票', en: 'Make it out to a company' },
  askTitleType: {
    zh: '发票抬头是个人还是单位？',
    en: 'Is the invoice for a person or for a company?',
  },
  askInvoiceType: {
    zh: '需要哪种发票？',
    en: 'Which kind of invoice do you need?',
  },
  specialNeedsCompany: {
    zh: '增值税专用发票只能开给单位（需要税号），个人抬头可以开普通电子发票，报销同样有效。您想怎么开？',
    en: 'A special VAT invoice can only be made out to a company (it needs a tax ID). A personal invoice can be a normal electronic invoice, which is just as valid for expense claims. What would you like?',
  },
  askPersonalTitle: {
    zh: '请告诉我发票抬头（您的姓名）。',
    en: 'What name should the invoice be made out to?',
  },
  askCompanyTitle: {
    zh: '请告诉我发票抬头（单位全称，需与营业执照一致）。',
    en: "What is the company's full name for the invoice title (as on its business licence)?",
  },
  retryTitle: {
    zh: '发票抬头需要是姓名或单位名称（不超过100个字），请再发一次。',
    en: 'The invoice title must be a name or a company name (up to 100 characters). Please send it again.',
  },
  askTaxId: {
    zh: '请告诉我单位的税号（18位统一社会信用代码）。',
    en: "What is the company's tax ID (the 18-character unified social credit code, 统一社会信用代码)?",
  },
  taxIdMissing: {
    zh: '没有识别到税号，税号是18位的数字和大写字母，请再发一次。',
    en: "I couldn't find a tax ID there. It has 18 digits and capital letters — please send it again.",
  },
  taxIdWrongLength: {
    zh: '税号 {taxId} 有 {length} 位，统一社会信用代码应为18位，可能多输或漏输了字符，请核对后重新输入。',
    en: 'The tax ID {taxId} has {length} characters, but a unified social credit code has 18, so one is probably missing or doubled. Please check it and send it again.',
  },
  taxIdWrongSymbols: {
    zh: '税号 {taxId} 里有 {symbols}，统一社会信用代码不会用到 I、O、S、V、Z 这几个字母（容易和数字混淆），请核对后重新输入。',
    en: 'The tax ID {taxId} contains {symbols}, but unified social credit codes never use the letters I, O, S, V or Z (they look like digits). Please check it and send it again.',
  },
  taxIdWrongChecksum: {
    zh: '税号 {taxId} 的校验位（最后一位）对不上，可能有字符输错了，请核对后重新输入。',
    en: "The tax ID {taxId} fails its check: the last character doesn't match the others, so one is probably mistyped. Please check it and send it again.",
  },
  askEmail: {
    zh: '电子发票发到哪个邮箱？',
    en: 'Which e-mail address should the electronic invoice be sent to?',
  },
  retryEmail: {
    zh: '这个邮箱地址好像不对，请发一个完整的邮箱，例如 name@example.com。',
    en: "That doesn't look like an e-mail address. Please send a full one, like name@example.com.",
  },
  summary: {
    zh: '请确认{reissue}开票信息：\n订单：{orderId}\n开票金额：¥{amount}\n发票类型：{type}\n抬头类型：{titleType}\n发票抬头：{title}{taxIdLine}\n接收邮箱：{email}',
    en: 'Please confirm the {reissue}invoice:\nOrder: {orderId}\nAmount: ¥{amount}\nType: {type}\nTitle type: {titleType}\nMade out to: {title}{taxIdLine}\nSend to: {email}',
  },
  summaryReissue: { zh: '重开的', en: 'reissued ' },
  summaryTaxId: { zh: '\n税号：{taxId}', en: '\nTax ID: {taxId}' },
  summaryReissueOf: {
    zh: '\n（替换工单 {ticketId} 的发票，原发票将作废）',
    en: '\n(replaces the invoice of ticket {ticketId}, which will be voided)',
  },
  created: {
    zh: '开票申请已提交，工单号 {ticketId}。\n电子发票会在 {days} 个工作日内发送到 {email}，请留意查收（也请看看垃圾邮件箱）。',
    en: 'Your invoice request is in: ticket {ticketId}.\nThe electronic invoice will be e-mailed to {email} within {days} working days (please check your spam folder too).',
  },
  createdReissue: {
    zh: '重开发票申请已提交，工单号 {ticketId}。\n原发票作废后，新的电子发票会在 {days} 个工作日内发送到 {email}。',
    en: 'Your invoice reissue is in: ticket {ticketId}.\nOnce the earlier invoice is voided, the new electronic invoice will be e-mailed to {email} within {days} working days.',
  },
  rejected: {
    zh: '抱歉，这张发票暂时开不了：{problems}',
    en: 'Sorry, I could not request that invoice: {problems}',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type InvoiceTextKey = keyof typeof invoiceDialogTexts;

export function invoiceText(
  key: InvoiceTextKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return invoiceDialogTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
