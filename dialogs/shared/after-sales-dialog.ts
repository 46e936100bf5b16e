import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { colorName } from '../../src/commerce/colors';
import { isOwner } from '../../src/commerce/ownership';
import type { Order, OrderItem } from '../../src/commerce/types';
import { extractEntities } from '../../src/nlu/entities';
import { normalize } from '../../src/nlu/normalize';
import type { Language } from '../../src/nlu/types';
import { matchChoice, type ChoiceOption } from './choices';
import type { DialogDeps, DialogProgress } from './dialog-deps';
import {
  MAX_VALIDATION_FAILURES,
  TOO_MANY_FAILURES,
  type AfterSalesOptions,
  type DialogOutcome,
} from './outcome';
import { promptWith, RenderedPrompt, type PromptText } from './rendered-prompt';
import { noteRunning, runningValues } from './running-dialogs';
import { dialogText, type DialogTextKey } from './texts';

const CHOICE_PROMPT = 'kefuChoicePrompt';
const ORDER_ID_PROMPT = 'kefuOrderIdPrompt';
const PHONE_PROMPT = 'kefuPhonePrompt';

/** What the choice prompt needs to recognise an answer: the options offered. */
interface ChoiceValidation {
  options: ChoiceOption[];
}

interface PhoneValidation {
  orderId: string;
}

/**
 * Values every after-sales dialog keeps while it runs. The order's id, not the order: the dialog stack is
 * stored (with Redis for weeks), and the order carries the customer's phone and address.
 */
export interface AfterSalesValues {
  orderId?: string;
  item?: OrderItem;
}

/**
 * The shared skeleton of the after-sales dialogs: which order (offering the customer's orders as choices,
 * or asking for the number), proof of ownership (phone digits, three tries), which item, and choice prompts
 * with buttons that accept a label, a number or a synonym. Three failed answers in one step hand over to a
 * person (the step after the prompt receives TOO_MANY_FAILURES and ends the dialog with 'escalate').
 */
export abstract class AfterSalesDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
    this.addDialog(
      new RenderedPrompt(
        CHOICE_PROMPT,
        (context, text) => this.renderText(context, text),
        (prompt) => this.validateChoice(prompt),
      ),
    );
    this.addDialog(new TextPrompt(ORDER_ID_PROMPT, (prompt) => validateOrderId(prompt)));
    this.addDialog(new TextPrompt(PHONE_PROMPT, (prompt) => this.validatePhone(prompt)));
  }

  /** Subclasses call this once from their constructor, when their step methods can be bound. */
  protected useSteps(steps: WaterfallStep[]): void {
    this.addDialog(new WaterfallDialog(`${this.id}.steps`, steps));
    this.initialDialogId = `${this.id}.steps`;
  }

  // ---- which instance runs this turn, for prompts that build their text from its values ----

  override async beginDialog(outerDC: DialogContext, options?: object): Promise<DialogTurnResult> {
    noteRunning(outerDC.context, this.id, outerDC.activeDialog);
    return super.beginDialog(outerDC, options);
  }

  override async continueDialog(outerDC: DialogContext): Promise<DialogTurnResult> {
    noteRunning(outerDC.context, this.id, outerDC.activeDialog);
    return super.continueDialog(outerDC);
  }

  /** ComponentDialog's resumeDialog re-prompts through here too. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    noteRunning(context, this.id, instance);
    return super.repromptDialog(context, instance);
  }

  /**
   * The text of a question asked with a PromptText (one that shows personal data), built each time it is
   * shown. Subclasses that ask such questions override it; `storedValues` gives their values.
   */
  protected async renderText(_context: TurnContext, text: PromptText): Promise<string> {
    throw new Error(`${this.id} cannot build the text '${text.text}'`);
  }

  /** The dialog's values as stored, from inside `renderText`. */
  protected storedValues<T extends AfterSalesValues>(context: TurnContext): T {
    const values = runningValues<T>(context, this.id, `${this.id}.steps`);
    if (values === undefined) throw new Error(`${this.id}: no running instance to build a prompt from`);
    return values;
  }

  /** The order a PromptText is about, as the shop has it now. */
  protected async orderOf(text: PromptText): Promise<Order> {
    const order = text.orderId === undefined ? undefined : await this.deps.orders.findOrder(text.orderId);
    if (!order)
      throw new Error(`${this.id}: order ${text.orderId ?? '(none)'} is no longer known to the shop`);
    return order;
  }

  // ---- helpers for the steps of subclasses ----

  protected options(step: WaterfallStepContext): AfterSalesOptions {
    return step.options as AfterSalesOptions;
  }

  protected language(step: WaterfallStepContext): Language {
    return this.options(step).language;
  }

  protected values(step: WaterfallStepContext): AfterSalesValues {
    return step.values as AfterSalesValues;
  }

  /** The dialog's order as the shop has it now (the order steps ran before). */
  protected async order(step: WaterfallStepContext): Promise<Order> {
    const { orderId } = this.values(step);
    const order = orderId === undefined ? undefined : await this.deps.orders.findOrder(orderId);
    if (!order) throw new Error(`${this.id}: order ${orderId ?? '(none)'} is no longer known to the shop`);
    return order;
  }

  protected async say(
    step: WaterfallStepContext,
    key: DialogTextKey,
    values?: Record<string, string | number>,
  ) {
    await step.context.sendActivity(dialogText(key, this.language(step), values));
  }

  protected async progress(
    step: WaterfallStepContext,
    stepName: string,
    slots: Record<string, string | number | undefined>,
  ) {
    (step.values as { progress?: DialogProgress }).progress = { dialog: this.id, step: stepName, slots };
    await this.deps.recordProgress(step.context, { dialog: this.id, step: stepName, slots });
  }

  /** Ends the dialog with an outcome for the bot, clearing its progress record. */
  protected async finish(step: WaterfallStepContext, outcome: DialogOutcome): Promise<DialogTurnResult> {
    await this.deps.recordProgress(step.context, undefined);
    const verifiedOrderId = this.values(step).orderId;
    return step.endDialog({ ...outcome, verifiedOrderId } satisfies DialogOutcome);
  }

  /**
   * Asks with buttons; the next step receives the chosen option's value (or TOO_MANY_FAILURES). A text with
   * personal data is passed as a PromptText, so that only what it is built from is stored.
   */
  protected async askChoice(
    step: WaterfallStepContext,
    text: string | PromptText,
    options: ChoiceOption[],
  ): Promise<DialogTurnResult> {
    const language = this.language(step);
    const current = (step.values as { progress?: DialogProgress }).progress ?? {
      dialog: this.id,
      step: 'choose',
      slots: {},
    };
    await this.deps.recordProgress(step.context, { ...current, expecting: options });
    const labels = options.map((option) => option.label[language]);
    return step.prompt(CHOICE_PROMPT, {
      ...promptWith(text, labels),
      retryPrompt: MessageFactory.suggestedActions(labels, dialogText('retryChoice', language), undefined),
      validations: { options } satisfies ChoiceValidation,
    });
  }

  protected confirm(step: WaterfallStepContext, summary: string | PromptText): Promise<DialogTurnResult> {
    return this.askChoice(step, summary, [
      {
        value: 'yes',
        label: { zh: dialogText('confirmYes', 'zh'), en: dialogText('confirmYes', 'en') },
        synonyms: ['确认', '是的', '对', '好的', '可以', 'yes', 'ok', 'sure', 'confirm'],
      },
      {
        value: 'no',
        label: { zh: dialogText('confirmNo', 'zh'), en: dialogText('confirmNo', 'en') },
        synonyms: ['不', '否', '算了', 'no', 'not now'],
      },
    ]);
  }

  protected async tooManyFailures(step: WaterfallStepContext): Promise<DialogTurnResult | undefined> {
    if (step.result !== TOO_MANY_FAILURES) return undefined;
    return this.finish(step, {
      status: 'escalate',
      reason: 'validation_failed',
      detail: step.stack.at(-1)?.id,
    });
  }

  /** Steps that find the order and make sure the shopper may act on it; the order ends up in values. */
  protected orderSteps(): WaterfallStep[] {
    return [
      async (step) => {
        const { slots, customerId } = this.options(step);
        if (slots.orderId) return step.next(slots.orderId);
        if (customerId) {
          const orders = (await this.deps.orders.listOrders(customerId)).slice(0, 5);
          if (orders.length > 0) {
            const language = this.language(step);
            return this.askChoice(
              step,
              dialogText('chooseOrder', language),
              orders.map((order) => ({
                value: order.id,
                label: {
                  zh: `${order.id} ${order.items[0]?.name.zh ?? ''}`.trim(),
                  en: `${order.id} ${order.items[0]?.name.en ?? ''}`.trim(),
                },
                synonyms: [order.id],
              })),
            );
          }
        }
        return step.prompt(ORDER_ID_PROMPT, {
          prompt: dialogText('askOrderId', this.language(step)),
          retryPrompt: dialogText('retryOrderId', this.language(step)),
        });
      },
      async (step) => {
        const failed = await this.tooManyFailures(step);
        if (failed) return failed;
        const orderId = String(step.result);
        const order = await this.deps.orders.findOrder(orderId);
        const options = this.options(step);
        if (!order) {
          await this.say(step, 'orderNotFound', { orderId });
          const { orderId: _unknown, ...slots } = options.slots;
          const retries = ((options as AfterSalesOptions & { orderRetries?: number }).orderRetries ?? 0) + 1;
          if (retries >= MAX_VALIDATION_FAILURES)
            return this.finish(step, { status: 'escalate', reason: 'validation_failed' });
          return step.replaceDialog(this.id, { ...options, slots, orderRetries: retries });
        }
        this.values(step).orderId = order.id;
        await this.progress(step, 'verify', { orderId });
        if (isOwner(order, { customerId: options.customerId }) || options.verifiedOrders.includes(order.id)) {
          return step.next('verified');
        }
        return step.prompt(PHONE_PROMPT, {
          prompt: dialogText('askPhoneLast4', this.language(step), { orderId: order.id }),
          retryPrompt: dialogText('retryPhoneLast4', this.language(step)),
          validations: { orderId: order.id } satisfies PhoneValidation,
        });
      },
      async (step) => {
        if (step.result === TOO_MANY_FAILURES) {
          await this.deps.recordProgress(step.context, undefined);
          return step.endDialog({
            status: 'escalate',
            reason: 'verification_failed',
          } satisfies DialogOutcome);
        }
        return step.next();
      },
    ];
  }

  /** Which line of the order: skipped when there is one, or when the message named its size/colour. */
  protected itemSteps(): WaterfallStep[] {
    return [
      async (step) => {
        const order = await this.order(step);
        if (order.items.length === 1) return step.next(order.items[0].sku);
        const language = this.language(step);
        return this.askChoice(
          step,
          dialogText('chooseItem', language),
          order.items.map((item) => ({
            value: item.sku,
            label: { zh: itemLabel(item, 'zh'), en: itemLabel(item, 'en') },
            synonyms: [item.name.zh, item.name.en, ...colourSynonyms(item, order.items)],
          })),
        );
      },
      async (step) => {
        const failed = await this.tooManyFailures(step);
        if (failed) return failed;
        const order = await this.order(step);
        this.values(step).item = order.items.find((item) => item.sku === step.result);
        return step.next();
      },
    ];
  }

  private async validatePhone(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { orderId } = prompt.options.validations as PhoneValidation;
    const order = await this.deps.orders.findOrder(orderId);
    const digits = /(?<!\d)(\d{4})(?!\d)/.exec(prompt.recognized.value ?? '')?.[1];
    if (order && digits && order.phone.replace(/\D/g, '').endsWith(digits)) return true;
    return giveUpAfterTooMany(prompt);
  }

  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { options } = prompt.options.validations as ChoiceValidation;
    const chosen = prompt.recognized.succeeded
      ? matchChoice(prompt.recognized.value ?? '', options)
      : undefined;
    if (chosen !== undefined) {
      prompt.recognized.value = chosen;
      return true;
    }
    return giveUpAfterTooMany(prompt);
  }
}

/**
 * "蓝色的那条" picks the one blue item of the order. Only the Chinese colour word, and only when no other item
 * shares the colour: an English "blue" would also be found inside "bluetooth".
 */
export function colourSynonyms(item: OrderItem, items: readonly OrderItem[]): string[] {
  if (!item.color) return [];
  const shared = items.some((other) => other !== item && other.color === item.color);
  const word = colorName(item.color, 'zh');
  return shared || word === item.color ? [] : [word];
}

export function itemLabel(item: OrderItem, language: Language): string {
  // Colours are stored by their English names; a Chinese label reads 白色, not white.
  const variant = [item.color && colorName(item.color, language), item.size].filter(Boolean).join(' ');
  return variant ? withVariant(item.name[language], variant, language) : item.name[language];
}

/** "直筒牛仔裤（蓝色 30）", "Straight-leg jeans (blue 30)": each language's own brackets. */
export function withVariant(name: string, variant: string, language: Language): string {
  return language === 'zh' ? `${name}（${variant}）` : `${name} (${variant})`;
}

/** On the last allowed failure the prompt "succeeds" with a marker so the dialog can hand over. */
export function giveUpAfterTooMany(prompt: PromptValidatorContext<string>): boolean {
  if (prompt.attemptCount >= MAX_VALIDATION_FAILURES) {
    prompt.recognized.value = TOO_MANY_FAILURES;
    return true;
  }
  return false;
}

async function validateOrderId(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const text = normalize(prompt.recognized.value ?? '').text;
  const orderId = extractEntities(text).find((entity) => entity.type === 'orderId')?.value;
  if (orderId) {
    prompt.recognized.value = orderId;
    return true;
  }
  return giveUpAfterTooMany(prompt);
}
