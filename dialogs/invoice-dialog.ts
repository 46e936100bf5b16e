import type { TurnContext } from 'botbuilder';
import {
  TextPrompt,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import {
  canReissue,
  invoiceHistory,
  invoiceProblemMessages,
  isInvoiceable,
} from '../src/commerce/invoice-rules';
import { maskName } from '../src/commerce/masking';
import type { InvoiceRequest } from '../src/commerce/requests';
import { taxIdProblem, type TaxIdProblem } from '../src/commerce/tax-id';
import type { InvoiceType, Order, OrderStatus } from '../src/commerce/types';
import { maskPersonalData } from '../src/log/mask';
import { normalize, toHalfWidth } from '../src/nlu/normalize';
import type { Language } from '../src/nlu/types';
import { invoiceText, type InvoiceTextKey } from './invoice-dialog-texts';
import { AfterSalesDialog, giveUpAfterTooMany, type AfterSalesValues } from './shared/after-sales-dialog';
import { matchChoice, type ChoiceOption } from './shared/choices';
import type { DialogDeps } from './shared/dialog-deps';
import type { AfterSalesOptions } from './shared/outcome';
import type { PromptText } from './shared/rendered-prompt';
import { dialogText } from './shared/texts';

export const INVOICE_DIALOG = 'InvoiceDialog';

const TITLE_PROMPT = `${INVOICE_DIALOG}.title`;
const TAX_ID_PROMPT = `${INVOICE_DIALOG}.taxId`;
const EMAIL_PROMPT = `${INVOICE_DIALOG}.email`;

type TitleType = InvoiceRequest['titleType'];

/** A button label in both languages, from the texts a shop edits. */
function labelOf(key: InvoiceTextKey): Record<Language, string> {
  return { zh: invoiceText(key, 'zh'), en: invoiceText(key, 'en') };
}

export const TITLE_TYPES: ChoiceOption<TitleType>[] = [
  {
    value: 'personal',
    label: labelOf('titleTypePersonal'),
    synonyms: ['个人', '本人', '自己', '私人', 'personal', 'individual', 'myself', 'my name', 'person'],
  },
  {
    value: 'company',
    label: labelOf('titleTypeCompany'),
    synonyms: ['单位', '公司', '企业', '机构', 'company', 'business', 'organisation', 'organization'],
  },
];

export const INVOICE_TYPE_CHOICES: ChoiceOption<InvoiceType>[] = [
  {
    value: 'normal',
    label: labelOf('typeNormal'),
    synonyms: ['普通', '普票', 'normal', 'standard', 'regular', 'e-invoice'],
  },
  {
    value: 'special',
    label: labelOf('typeSpecial'),
    synonyms: ['专用', '专票', '增值税专', 'special', 'vat invoice'],
  },
];

/** The answers to "a special invoice needs a company title": keep the person and take a normal one, or switch. */
const SPECIAL_FOR_PERSON_CHOICES: ChoiceOption<'normal' | 'company'>[] = [
  {
    value: 'normal',
    label: labelOf('keepPersonalNormal'),
    synonyms: ['普通', '普票', '个人', 'normal', 'personal', 'my name'],
  },
  {
    value: 'company',
    label: labelOf('switchToCompany'),
    synonyms: ['单位', '公司', '企业', '专票', '专用', 'company', 'business', 'special'],
  },
];

/** 重开 / change of title, in the shopper's words: the request is then a reissue even without an earlier ticket. */
const REISSUE_WORDS =
  /重开|重新开|重新出|换开|重出|改抬头|改一下抬头|抬头.{0,6}(?:错|改|换)|作废|红冲|re-?issue|issue (?:it |the invoice )?again|new invoice|change (?:the |my )?(?:invoice )?(?:title|name)|wrong (?:invoice )?(?:title|name)/i;

/** What the message that started the dialog already said, beyond the entity slots. */
interface FirstMessage {
  reissue: boolean;
  titleType?: TitleType;
  type?: InvoiceType;
}

interface InvoiceOptions extends AfterSalesOptions {
  /** Read once at the start; kept in the options so it survives the restart after a wrong order number. */
  firstMessage?: FirstMessage;
}

interface InvoiceValues extends AfterSalesValues {
  reissue?: boolean;
  reissueOf?: string;
  titleType?: TitleType;
  type?: InvoiceType;
  title?: string;
  taxId?: string;
  email?: string;
}

/** What the validators need besides the answer: the language to explain a wrong tax ID in. */
interface LanguageValidation {
  language: Language;
}

/**
 * 开发票: which order (paid ones only), a personal or company title, 普通电子发票 or 增值税专用发票 (the special
 * one only for companies), the title, the company's 统一社会信用代码 with its checksum checked, the e-mail the
 * electronic invoice goes to, a summary to confirm, then an invoice ticket and when the invoice arrives.
 * Asked to reissue (重开, wrong title), or when the order already has an invoice ticket, the same steps make a
 * reissue of it, within the policy's limit on reissues.
 */
export class InvoiceDialog extends AfterSalesDialog {
  constructor(deps: DialogDeps) {
    super(INVOICE_DIALOG, deps);
    this.addDialog(new TextPrompt(TITLE_PROMPT, (prompt) => validateTitle(prompt)));
    this.addDialog(new TextPrompt(TAX_ID_PROMPT, (prompt) => validateTaxId(prompt)));
    this.addDialog(new TextPrompt(EMAIL_PROMPT, (prompt) => validateEmail(prompt)));
    this.useSteps([
      (step) => this.readFirstMessage(step),
      ...this.orderSteps(),
      (step) => this.checkOrder(step),
      (step) => this.askType(step),
      (step) => this.checkType(step),
      (step) => this.askTitle(step),
      (step) => this.askTaxId(step),
      (step) => this.askEmail(step),
      (step) => this.summarize(step),
      (step) => this.submit(step),
    ]);
  }

  private invoiceValues(step: WaterfallStepContext): InvoiceValues {
    return step.values as InvoiceValues;
  }

  private async tell(
    step: WaterfallStepContext,
    key: InvoiceTextKey,
    values?: Record<string, string | number>,
  ) {
    await step.context.sendActivity(invoiceText(key, this.language(step), values));
  }

  /** The slots miss what an invoice request says in words: 重开, 单位/个人, 专票/普票. */
  private async readFirstMessage(step: WaterfallStepContext) {
    const options = step.options as InvoiceOptions;
    if (options.firstMessage === undefined) {
      // Simplified and half-width, so 重開 and ＲＥＩＳＳＵＥ read as 重开 and REISSUE.
      const text = normalize(step.context.activity.text ?? '').text;
      // A bare number answers some earlier question; it says nothing about the invoice.
      const words = /^\s*\d*\s*$/.test(text) ? '' : text;
      options.firstMessage = {
        reissue: REISSUE_WORDS.test(words),
        titleType: words ? matchChoice(words, TITLE_TYPES) : undefined,
        type: words ? matchChoice(words, INVOICE_TYPE_CHOICES) : undefined,
      };
    }
    return step.next();
  }

  private async checkOrder(step: WaterfallStepContext) {
    const values = this.invoiceValues(step);
    const order = await this.order(step);
    if (!isInvoiceable(order)) {
      await this.tell(step, notInvoiceableText(order.status), { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }

    // An order that already has an invoice gets a replacement, never a second invoice for the same payment.
    const history = invoiceHistory(await this.deps.orders.listTickets(order.customerId), order.id);
    const options = step.options as InvoiceOptions;
    if (options.firstMessage?.reissue || history.latest !== undefined) {
      if (!canReissue(history, this.deps.policy)) {
        await this.tell(step, 'reissueLimit', { orderId: order.id, reissues: history.reissues });
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: 'reissue_limit' });
      }
      values.reissue = true;
      values.reissueOf = history.latest?.id;
      await this.tell(step, 'reissueNotice', { orderId: order.id });
    }

    await this.progress(step, 'titleType', this.progressSlots(values));
    // A tax ID in the first message can only belong to a company title.
    if (options.slots.taxId) return step.next('company');
    const titleType = options.firstMessage?.titleType;
    if (titleType) return step.next(titleType);
    return this.askChoice(step, invoiceText('askTitleType', this.language(step)), TITLE_TYPES);
  }

  private async askType(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    values.titleType = step.result as TitleType;
    const offered = INVOICE_TYPE_CHOICES.filter((choice) =>
      this.deps.policy.invoice.types.includes(choice.value),
    );
    const wanted = (step.options as InvoiceOptions).firstMessage?.type;
    if (wanted && offered.some((choice) => choice.value === wanted)) return step.next(wanted);
    if (offered.length === 1) return step.next(offered[0].value);
    await this.progress(step, 'type', this.progressSlots(values));
    return this.askChoice(step, invoiceText('askInvoiceType', this.language(step)), offered);
  }

  private async checkType(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    values.type = step.result as InvoiceType;
    const rules = this.deps.policy.invoice;
    if (values.type === 'special' && values.titleType !== 'company' && rules.specialForCompaniesOnly) {
      // Explained rather than silently downgraded: the shopper may well have a company to invoice.
      await this.progress(step, 'specialForPerson', this.progressSlots(values));
      const choices = SPECIAL_FOR_PERSON_CHOICES.filter(
        (choice) => choice.value === 'company' || rules.types.includes('normal'),
      );
      return this.askChoice(step, invoiceText('specialNeedsCompany', this.language(step)), choices);
    }
    return step.next();
  }

  private async askTitle(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    if (step.result === 'normal') values.type = 'normal';
    if (step.result === 'company') values.titleType = 'company';
    await this.progress(step, 'title', this.progressSlots(values));
    const language = this.language(step);
    return step.prompt(TITLE_PROMPT, {
      prompt: invoiceText(values.titleType === 'company' ? 'askCompanyTitle' : 'askPersonalTitle', language),
      retryPrompt: invoiceText('retryTitle', language),
    });
  }

  private async askTaxId(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    values.title = String(step.result);
    if (values.titleType !== 'company') return step.next();
    await this.progress(step, 'taxId', this.progressSlots(values));
    const language = this.language(step);
    const fromMessage = (step.options as InvoiceOptions).slots.taxId;
    if (fromMessage) {
      const code = compactTaxId(fromMessage);
      const problem = taxIdProblem(code);
      if (!problem) return step.next(code);
      // The code from the first message was wrong: say why before asking, so it is not simply ignored.
      await step.context.sendActivity(taxIdExplanation(code, problem, language));
    }
    return step.prompt(TAX_ID_PROMPT, {
      prompt: invoiceText('askTaxId', language),
      validations: { language } satisfies LanguageValidation,
    });
  }

  private async askEmail(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    if (typeof step.result === 'string') values.taxId = step.result;
    await this.progress(step, 'email', this.progressSlots(values));
    const fromMessage = emailIn((step.options as InvoiceOptions).slots.email ?? '');
    if (fromMessage) return step.next(fromMessage);
    const language = this.language(step);
    return step.prompt(EMAIL_PROMPT, {
      prompt: invoiceText('askEmail', language),
      retryPrompt: invoiceText('retryEmail', language),
    });
  }

  private async summarize(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.invoiceValues(step);
    values.email = String(step.result);
    await this.progress(step, 'confirm', this.progressSlots(values));
    const language = this.language(step);
    return this.confirm(step, { text: 'summary', language, orderId: values.orderId });
  }

  /** The summary shows the title (a name, for a personal invoice) and the e-mail: built each time it is asked. */
  protected override async renderText(context: TurnContext, text: PromptText): Promise<string> {
    if (text.text !== 'summary') return super.renderText(context, text);
    return summaryText(await this.orderOf(text), this.storedValues<InvoiceValues>(context), text.language);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const language = this.language(step);
    if (step.result !== 'yes') {
      await step.context.sendActivity(dialogText('declined', language));
      return this.finish(step, { status: 'declined' });
    }
    const values = this.invoiceValues(step);
    const order = await this.order(step);
    const result = await this.deps.orders.createInvoiceRequest({
      orderId: order.id,
      type: values.type as InvoiceType,
      titleType: values.titleType as TitleType,
      title: values.title as string,
      taxId: values.titleType === 'company' ? values.taxId : undefined,
      email: values.email as string,
      reissue: values.reissue,
      reissueOf: values.reissueOf,
    });
    switch (result.outcome) {
      case 'created':
        await this.tell(step, values.reissue ? 'createdReissue' : 'created', {
          ticketId: result.ticket.id,
          days: this.deps.policy.invoice.issueWithinWorkingDays,
          email: values.email as string,
        });
        return this.finish(step, { status: 'done', ticketId: result.ticket.id });
      case 'not_invoiceable':
        // Paid when the dialog began, cancelled since: the same explanation as at the start.
        await this.tell(step, notInvoiceableText(result.status), { orderId: order.id });
        return this.finish(step, { status: 'declined' });
      case 'reissue_limit':
        await this.tell(step, 'reissueLimit', { orderId: order.id, reissues: result.reissuesAllowed });
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: 'reissue_limit' });
      case 'invalid':
        // The steps check every rule first; a shop's own OrderService may have more, which a person can sort out.
        await this.tell(step, 'rejected', {
          problems: result.problems.map((problem) => invoiceProblemMessages[problem][language]).join(' '),
        });
        await step.context.sendActivity(dialogText('offerAgent', language));
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: 'invalid' });
      case 'not_found':
        await step.context.sendActivity(dialogText('orderNotFound', language, { orderId: order.id }));
        return this.finish(step, { status: 'declined' });
    }
  }

  /** What an agent sees of the request so far; names and e-mail addresses masked. */
  private progressSlots(values: InvoiceValues): Record<string, string | undefined> {
    return {
      orderId: values.orderId,
      reissueOf: values.reissue ? (values.reissueOf ?? 'unknown') : undefined,
      titleType: values.titleType,
      type: values.type,
      title: values.title && values.titleType === 'personal' ? maskName(values.title) : values.title,
      taxId: values.taxId,
      email: values.email && maskPersonalData(values.email),
    };
  }
}

function summaryText(order: Order, values: InvoiceValues, language: Language): string {
  return (
    invoiceText('summary', language, {
      reissue: values.reissue ? invoiceText('summaryReissue', language) : '',
      orderId: order.id,
      amount: order.total.toFixed(2),
      type: invoiceText(values.type === 'special' ? 'typeSpecial' : 'typeNormal', language),
      titleType: invoiceText(values.titleType === 'company' ? 'summaryCompany' : 'summaryPersonal', language),
      title: values.title ?? '',
      taxIdLine: values.taxId ? invoiceText('summaryTaxId', language, { taxId: values.taxId }) : '',
      email: values.email ?? '',
    }) + (values.reissueOf ? invoiceText('summaryReissueOf', language, { ticketId: values.reissueOf }) : '')
  );
}

/** Unpaid and cancelled orders are refused for different reasons: one can still be paid, the other not. */
function notInvoiceableText(status: OrderStatus): InvoiceTextKey {
  return status === 'unpaid' ? 'notInvoiceableUnpaid' : 'notInvoiceableCancelled';
}

/** "抬头是…" / "the title is …": the words around the title are not part of it. */
const TITLE_LEAD =
  /^(?:(?:发票)?抬头(?:是|为|写|填)?|(?:the\s+)?(?:invoice\s+)?title\b(?:\s+is)?)\s*[:：]?\s*/i;

async function validateTitle(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const title = toHalfWidth(prompt.recognized.value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TITLE_LEAD, '')
    .replace(/[。.!！]+$/, '')
    .trim();
  // A title is a name: digits or an address alone are an answer to some other question.
  if (/\p{L}/u.test(title) && !title.includes('@') && title.length <= 100) {
    prompt.recognized.value = title;
    return true;
  }
  return giveUpAfterTooMany(prompt);
}

/** Upper case, no spaces or dashes: how codes are printed on a business licence. */
function compactTaxId(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** The code in an answer: the longest run of letter-and-digit groups ("9135 0100 M000 100Y43" is one). */
function taxIdIn(text: string): string | undefined {
  const runs =
    toHalfWidth(text).match(/[0-9A-Za-z]*\d[0-9A-Za-z]*(?:[ -]+[0-9A-Za-z]*\d[0-9A-Za-z]*)*/g) ?? [];
  const longest = runs.map(compactTaxId).sort((a, b) => b.length - a.length)[0];
  return longest && longest.length >= 6 ? longest : undefined;
}

function taxIdExplanation(
  code: string | undefined,
  problem: TaxIdProblem | undefined,
  language: Language,
): string {
  if (code === undefined || problem === undefined) return invoiceText('taxIdMissing', language);
  switch (problem.problem) {
    case 'length':
      return invoiceText('taxIdWrongLength', language, { taxId: code, length: problem.length });
    case 'symbols':
      return invoiceText('taxIdWrongSymbols', language, {
        taxId: code,
        symbols: problem.symbols.join(language === 'zh' ? '、' : ', '),
      });
    case 'checksum':
      return invoiceText('taxIdWrongChecksum', language, { taxId: code });
  }
}

async function validateTaxId(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const { language } = prompt.options.validations as LanguageValidation;
  const code = taxIdIn(prompt.recognized.value ?? '');
  const problem = code === undefined ? undefined : taxIdProblem(code);
  if (code !== undefined && problem === undefined) {
    prompt.recognized.value = code;
    return true;
  }
  // Said here rather than as the retry prompt: the shopper needs to know what is wrong with this code.
  await prompt.context.sendActivity(taxIdExplanation(code, problem, language));
  return giveUpAfterTooMany(prompt);
}

const emailSchema = z.email();
const EMAIL_CANDIDATE = /[^\s<>()（），,;；:："'「」]+@[^\s<>()（），,;；:："'「」。]+/;

/** The e-mail address in a text, if it holds a valid one. */
function emailIn(text: string): string | undefined {
  const candidate = EMAIL_CANDIDATE.exec(toHalfWidth(text))?.[0].replace(/[.。]+$/, '');
  return candidate && emailSchema.safeParse(candidate).success ? candidate : undefined;
}

async function validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const email = emailIn(prompt.recognized.value ?? '');
  if (email) {
    prompt.recognized.value = email;
    return true;
  }
  return giveUpAfterTooMany(prompt);
}
