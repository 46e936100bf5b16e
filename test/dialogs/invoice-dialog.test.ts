import { buttonsOf, botHarness, sharedNlu, type BotHarness } from '../helpers/bot';

beforeAll(() => sharedNlu());

const TICKET = /T\d{8}-\d{4}/;

/** Runs a signed-in demo-alice through a personal normal invoice for 202311150001; returns its ticket id. */
async function issuePersonalInvoice(bot: BotHarness, language: 'zh' | 'en'): Promise<string> {
  const zh = language === 'zh';
  await bot.ask(zh ? '订单202311150001 我要开发票' : 'I need an invoice for order 202311150001');
  await bot.ask(zh ? '个人抬头' : 'Personal invoice');
  await bot.ask(zh ? '普通电子发票' : 'Normal e-invoice');
  await bot.ask(zh ? '王丽' : 'Alice Wang');
  await bot.ask('alice@example.com');
  const done = await bot.ask(zh ? '确认提交' : 'Confirm');
  const ticketId = TICKET.exec(done)?.[0];
  expect(ticketId).toBeDefined();
  return ticketId as string;
}

describe('InvoiceDialog (zh)', () => {
  it('walks a shopper to a personal normal e-invoice ticket: order, phone digits, title, e-mail, summary', async () => {
    const bot = botHarness();
    expect(await bot.ask('我要开发票')).toContain('订单号');
    expect(await bot.ask('202311150001')).toContain('后4位');
    const titleType = await bot.send('5678');
    expect(titleType[0].text).toContain('个人还是单位');
    expect(buttonsOf(titleType)).toEqual(['个人抬头', '单位抬头']);
    const type = await bot.send('个人抬头');
    expect(type[0].text).toContain('哪种发票');
    expect(buttonsOf(type)).toEqual(['普通电子发票', '增值税专用发票']);
    expect(await bot.ask('普通电子发票')).toContain('您的姓名');
    // A personal title has no tax ID: straight on to the e-mail.
    expect(await bot.ask('王丽')).toContain('邮箱');
    const summary = await bot.send('wangli@example.com');
    expect(summary[0].text).toContain('请确认开票信息');
    expect(summary[0].text).toContain('订单：202311150001');
    expect(summary[0].text).toContain('开票金额：¥357.00');
    expect(summary[0].text).toContain('发票类型：普通电子发票');
    expect(summary[0].text).toContain('发票抬头：王丽');
    expect(summary[0].text).toContain('接收邮箱：wangli@example.com');
    expect(summary[0].text).not.toContain('税号');
    expect(buttonsOf(summary)).toEqual(['确认提交', '先不了']);
    const done = await bot.ask('确认提交');
    expect(done).toMatch(/开票申请已提交，工单号 T\d{8}-\d{4}/);
    expect(done).toContain('3 个工作日内发送到 wangli@example.com');
  });

  it('explains a tax ID with a wrong check character, asks again, and files a special VAT invoice', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    expect(await bot.ask('订单202311150001 我要开发票')).toContain('个人还是单位');
    await bot.ask('单位抬头');
    expect(await bot.ask('增值税专用发票')).toContain('单位全称');
    expect(await bot.ask('杭州示例科技有限公司')).toContain('税号');
    const wrong = await bot.ask('91350100M000100Y44');
    expect(wrong).toContain('校验位');
    expect(wrong).toContain('重新输入');
    expect(await bot.ask('税号是 91350100M000100Y43')).toContain('邮箱');
    const summary = await bot.ask('finance@example.com');
    expect(summary).toContain('发票类型：增值税专用发票');
    expect(summary).toContain('抬头类型：单位');
    expect(summary).toContain('发票抬头：杭州示例科技有限公司');
    expect(summary).toContain('税号：91350100M000100Y43');
    expect(await bot.ask('确认提交')).toMatch(/开票申请已提交，工单号 T\d{8}-\d{4}/);
  });

  it('explains that a personal title cannot have a special VAT invoice and offers a normal one', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要开发票');
    await bot.ask('个人抬头');
    const refused = await bot.send('增值税专用发票');
    expect(refused[0].text).toContain('增值税专用发票只能开给单位');
    expect(buttonsOf(refused)).toEqual(['个人抬头开普通电子发票', '改为单位抬头开专票']);
    expect(await bot.ask('个人抬头开普通电子发票')).toContain('您的姓名');
    await bot.ask('王丽');
    const summary = await bot.ask('alice@example.com');
    expect(summary).toContain('发票类型：普通电子发票');
    expect(summary).toContain('抬头类型：个人');
  });

  it('refuses an unpaid order and ends the dialog', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const refused = await bot.send('我要开发票 订单202311200042');
    expect(refused).toHaveLength(1);
    expect(refused[0].text).toContain('订单 202311200042 还没有付款');
    expect(refused[0].text).toContain('暂时不能开发票');
    // Nothing is waiting any more: a shipping question gets its answer and no "carry on".
    const next = await bot.ask('包邮吗');
    expect(next).toContain('¥99');
    expect(next).not.toContain('继续刚才的申请');
  });

  it('reissues an invoice whose title was wrong, naming the ticket it replaces, and allows one reissue', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const original = await issuePersonalInvoice(bot, 'zh');
    expect(await bot.ask('发票抬头写错了 帮我重开')).toContain('哪个订单');
    const notice = await bot.send('202311150001');
    expect(notice[0].text).toContain('重开发票');
    expect(notice[1].text).toContain('个人还是单位');
    await bot.ask('单位抬头');
    await bot.ask('普通电子发票');
    await bot.ask('抬头是杭州示例科技有限公司');
    await bot.ask('91110000600037341L');
    const summary = await bot.ask('finance@example.com');
    expect(summary).toContain('请确认重开的开票信息');
    expect(summary).toContain('发票抬头：杭州示例科技有限公司');
    expect(summary).toContain(`替换工单 ${original} 的发票`);
    const done = await bot.ask('确认提交');
    expect(done).toMatch(/重开发票申请已提交，工单号 T\d{8}-\d{4}/);
    expect(TICKET.exec(done)?.[0]).not.toBe(original);
    // The policy allows one reissue: the next one goes to a person.
    const limit = await bot.ask('我要开发票 订单202311150001');
    expect(limit).toContain('已经重开过 1 次');
    expect(limit).toContain('人工客服服务时间');
  });

  it('fills the order, tax ID and e-mail from the first message, and explains an invalid tax ID from it', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    // A tax ID means a company title: the title-type question is skipped.
    const type = await bot.ask('我要开发票 订单202311150001 税号91350100M000100Y44 邮箱alice@example.com');
    expect(type).toContain('哪种发票');
    await bot.ask('增值税专用发票');
    const taxId = await bot.send('杭州示例科技有限公司');
    expect(taxId[0].text).toContain('税号 91350100M000100Y44 的校验位');
    expect(taxId[1].text).toContain('18位统一社会信用代码');
    // The e-mail is known: straight to the summary.
    const summary = await bot.ask('91350100M000100Y43');
    expect(summary).toContain('请确认开票信息');
    expect(summary).toContain('税号：91350100M000100Y43');
    expect(summary).toContain('接收邮箱：alice@example.com');
  });

  it('answers a shipping question mid-dialog and resumes where it was', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要开发票');
    await bot.ask('个人抬头');
    expect(await bot.ask('普通电子发票')).toContain('您的姓名');
    const side = (await bot.send('包邮吗')).map((activity) => activity.text ?? '');
    expect(side[0]).toContain('包邮');
    expect(side[1]).toContain('继续刚才的申请');
    expect(side[2]).toContain('您的姓名');
    expect(await bot.ask('王丽')).toContain('邮箱');
  });

  it('leaves the dialog on 算了', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要开发票');
    await bot.ask('单位抬头');
    expect(await bot.ask('算了')).toContain('已取消本次申请');
    expect(await bot.ask('包邮吗')).toContain('¥99');
  });

  it('hands over after three invalid tax IDs', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('订单202311150001 我要开发票');
    await bot.ask('单位抬头');
    await bot.ask('增值税专用发票');
    await bot.ask('杭州示例科技有限公司');
    expect(await bot.ask('91350100M000100Y4')).toContain('有 17 位，统一社会信用代码应为18位');
    expect(await bot.ask('91350100M000100O43')).toContain('里有 O');
    // In words: a bare code has Latin letters, which the bot takes for English when it hands over.
    const handed = await bot.ask('税号是91350100M000100Y44');
    expect(handed).toContain('校验位');
    expect(handed).toContain('人工客服服务时间');
    // The dialog is over: the next message is not taken as a tax ID.
    expect(await bot.ask('包邮吗')).not.toContain('税号');
  });
});

describe('InvoiceDialog (en)', () => {
  it('runs to a personal normal e-invoice ticket in English', async () => {
    const bot = botHarness();
    expect(await bot.ask('I need an invoice for order 202311150001')).toContain('last 4 digits');
    const titleType = await bot.send('5678');
    expect(titleType[0].text).toContain('for a person or for a company');
    expect(buttonsOf(titleType)).toEqual(['Personal invoice', 'Company invoice']);
    expect(await bot.ask('Personal invoice')).toContain('Which kind of invoice');
    expect(await bot.ask('Normal e-invoice')).toContain('What name');
    expect(await bot.ask('Alice Wang')).toContain('e-mail address');
    const summary = await bot.send('alice@example.com');
    expect(summary[0].text).toContain('Please confirm the invoice');
    expect(summary[0].text).toContain('Order: 202311150001');
    expect(summary[0].text).toContain('Type: Normal e-invoice');
    expect(summary[0].text).toContain('Made out to: Alice Wang');
    expect(summary[0].text).toContain('Send to: alice@example.com');
    expect(buttonsOf(summary)).toEqual(['Confirm', 'Not now']);
    const done = await bot.ask('Confirm');
    expect(done).toMatch(/Your invoice request is in: ticket T\d{8}-\d{4}/);
    expect(done).toContain('within 3 working days');
  });

  it('explains a wrong tax ID, takes a valid one, and files a special VAT invoice for a company', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I need an invoice for order 202311150001');
    await bot.ask('Company invoice');
    expect(await bot.ask('Special VAT invoice')).toContain("company's full name");
    expect(await bot.ask('Example Trading Co., Ltd.')).toContain('tax ID');
    const wrong = await bot.ask('the tax id is 91350100M000100Y44');
    expect(wrong).toContain('fails its check');
    expect(wrong).toContain('send it again');
    // Grouped as printed on some licences: still one code.
    expect(await bot.ask('9111 0000 6000 3734 1L')).toContain('e-mail address');
    const summary = await bot.ask('finance@example.com');
    expect(summary).toContain('Type: Special VAT invoice');
    expect(summary).toContain('Title type: company');
    expect(summary).toContain('Tax ID: 91110000600037341L');
    expect(await bot.ask('Confirm')).toMatch(/ticket T\d{8}-\d{4}/);
  });

  it('explains that a special VAT invoice needs a company and switches to a company title', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I need an invoice for order 202311150001');
    await bot.ask('Personal invoice');
    const refused = await bot.send('Special VAT invoice');
    expect(refused[0].text).toContain('can only be made out to a company');
    expect(buttonsOf(refused)).toEqual(['Normal e-invoice in my name', 'Make it out to a company']);
    expect(await bot.ask('Make it out to a company')).toContain("company's full name");
    expect(await bot.ask('Acme Ltd')).toContain('tax ID');
    await bot.ask('91350100M000100Y43');
    const summary = await bot.ask('alice@example.com');
    expect(summary).toContain('Type: Special VAT invoice');
    expect(summary).toContain('Title type: company');
  });

  it('refuses an unpaid order', async () => {
    const bot = botHarness({ customerId: 'demo-bob' });
    const refused = await bot.ask('I need an invoice for order 202311200042');
    expect(refused).toContain('Order 202311200042 has not been paid yet');
    expect(refused).not.toContain('person or for a company');
  });

  it('treats a second request for an invoiced order as a reissue, and a reissue request in words as one', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const original = await issuePersonalInvoice(bot, 'en');
    // "with the company name" answers the title-type question too.
    const notice = await bot.send('please reissue my invoice with the company name, order 202311150001');
    expect(notice[0].text).toContain('this is a reissue of the invoice for order 202311150001');
    expect(notice[1].text).toContain('Which kind of invoice');
    await bot.ask('Normal e-invoice');
    await bot.ask('Acme Ltd');
    await bot.ask('91350100M000100Y43');
    const summary = await bot.ask('finance@example.com');
    expect(summary).toContain('Please confirm the reissued invoice');
    expect(summary).toContain('Title type: company');
    expect(summary).toContain(`replaces the invoice of ticket ${original}`);
    expect(await bot.ask('Confirm')).toMatch(/Your invoice reissue is in: ticket T\d{8}-\d{4}/);
  });

  it('fills the order, tax ID and e-mail from the first message', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    const first = await bot.ask(
      'I want an invoice for order 202311150001, tax id 91110000600037341L, email alice@example.com',
    );
    expect(first).toContain('Which kind of invoice');
    await bot.ask('Special VAT invoice');
    const summary = await bot.ask('Acme Ltd');
    expect(summary).toContain('Please confirm the invoice');
    expect(summary).toContain('Tax ID: 91110000600037341L');
    expect(summary).toContain('Send to: alice@example.com');
  });

  it('answers a shipping question mid-dialog and resumes where it was', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I need an invoice for order 202311150001');
    await bot.ask('Personal invoice');
    await bot.ask('Normal e-invoice');
    expect(await bot.ask('Alice Wang')).toContain('e-mail address');
    const side = (await bot.send('how much is shipping')).map((activity) => activity.text ?? '');
    expect(side[0]).toContain('¥6');
    expect(side[1]).toContain('carry on');
    expect(side[2]).toContain('e-mail address');
    expect(await bot.ask('alice@example.com')).toContain('Please confirm the invoice');
  });

  it('leaves the dialog on cancel', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I need an invoice for order 202311150001');
    await bot.ask('Company invoice');
    expect(await bot.ask('cancel')).toContain("I've stopped that request");
    expect(await bot.ask('how much is shipping')).not.toContain('carry on');
  });

  it('hands over after three invalid tax IDs, saying what is wrong with each', async () => {
    const bot = botHarness({ customerId: 'demo-alice' });
    await bot.ask('I need an invoice for order 202311150001');
    await bot.ask('Company invoice');
    await bot.ask('Special VAT invoice');
    await bot.ask('Acme Ltd');
    expect(await bot.ask('91350100M000100Y4')).toContain('has 17 characters');
    expect(await bot.ask('I do not know it')).toContain("couldn't find a tax ID");
    const handed = await bot.ask('91350100M000100Y44');
    expect(handed).toContain('fails its check');
    expect(handed).toContain('Our agents are available');
  });
});
