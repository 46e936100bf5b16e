import { MessageFactory } from 'botbuilder';
import {
  TextPrompt,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { colorName } from '../src/commerce/colors';
import { exchangeEligibility, type ExchangeEligibility } from '../src/commerce/eligibility';
import {
  afterSaleReasonSchema,
  type AfterSaleReason,
  type Order,
  type OrderItem,
  type Product,
  type ProductVariant,
} from '../src/commerce/types';
import { extractEntities } from '../src/nlu/entities';
import { normalize } from '../src/nlu/normalize';
import type { Language } from '../src/nlu/types';
import { exchangeText, type ExchangeTextKey } from './exchange-dialog-texts';
import {
  AfterSalesDialog,
  giveUpAfterTooMany,
  itemLabel,
  withVariant,
  type AfterSalesValues,
} from './shared/after-sales-dialog';
import type { ChoiceOption } from './shared/choices';
import type { DialogDeps } from './shared/dialog-deps';
import type { Slots } from './shared/outcome';

export const EXCHANGE_DIALOG = 'ExchangeDialog';

const WANTED_PROMPT = 'kefuExchangeWantedPrompt';

/** Alternatives offered as buttons when the wanted size/colour is sold out: enough to choose, few enough to read. */
const MAX_ALTERNATIVES = 6;

/** A size and/or colour: what an item is, or what the shopper wants instead. */
export interface Variant {
  size?: string;
  color?: string;
}

interface ExchangeValues extends AfterSalesValues {
  product?: Product;
  quantity?: number;
  /** The size and colour asked for, the unchanged one filled in from the item. */
  wanted?: Variant;
  newVariant?: ProductVariant;
}

/** What the wanted-variant prompt needs to understand and check an answer. */
interface WantedValidation {
  /** The product's sizes, smallest first, so "L" alone and "大一码" can be read. */
  sizes: string[];
  current: Variant;
  language: Language;
}

/** Words for "one size bigger/smaller", in the folded (lower-case) text. */
const SIZE_UP_WORDS = [
  '大一码',
  '大一号',
  '大一个码',
  '大一点',
  '大点',
  '大些',
  'bigger',
  'larger',
  'size up',
];
const SIZE_DOWN_WORDS = ['小一码', '小一号', '小一个码', '小一点', '小点', '小些', 'smaller', 'size down'];
/**
 * Recorded as what the size question expects, so that the bot takes "大一码" (which the NLU reads as a
 * product question) for an answer rather than a side question. Sizes themselves are not listed: the bot
 * matches options inside any text, and "s" or "l" is inside almost every English sentence.
 */
const RELATIVE_SIZE_ANSWERS: ChoiceOption[] = [
  { value: 'up', label: { zh: '大一码', en: 'one size up' }, synonyms: SIZE_UP_WORDS },
  { value: 'down', label: { zh: '小一码', en: 'one size down' }, synonyms: SIZE_DOWN_WORDS },
];
const CHINESE_COUNTS = ['一', '两', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 换货: which order and item, the exchange window (15 days from delivery; not before delivery; not for
 * underwear, food or custom items), how many, the wanted size and/or colour (from the first message
 * when it named one: "订单202311150001衣服小了想换L码"), checked against stock — a sold-out or unmade
 * variant is explained and what is in stock offered as buttons — then a summary to confirm, an exchange
 * ticket with the return address, and what happens next. Outside the window the shopper is handed to an agent.
 */
export class ExchangeDialog extends AfterSalesDialog {
  constructor(deps: DialogDeps) {
    super(EXCHANGE_DIALOG, deps);
    this.addDialog(new TextPrompt(WANTED_PROMPT, (prompt) => validateWanted(prompt)));
    const [askItem, storeItem] = this.itemSteps();
    this.useSteps([
      ...this.orderSteps(),
      (step) => this.checkOrder(step, askItem),
      storeItem,
      (step) => this.checkItem(step),
      (step) => this.askWanted(step),
      (step) => this.checkStock(step),
      (step) => this.summarise(step),
      (step) => this.submit(step),
    ]);
  }

  private exchangeValues(step: WaterfallStepContext): ExchangeValues {
    return step.values as ExchangeValues;
  }

  private async tell(
    step: WaterfallStepContext,
    key: ExchangeTextKey,
    values?: Record<string, string | number>,
  ) {
    await step.context.sendActivity(exchangeText(key, this.language(step), values));
  }

  /** Refuses an order or item the policy does not allow, before asking anything more about it. */
  private async checkOrder(step: WaterfallStepContext, askItem: WaterfallStep): Promise<DialogTurnResult> {
    const order = await this.order(step);
    const { clock, policy } = this.deps;
    const eligibility = exchangeEligibility(order, clock(), policy);
    await this.progress(step, 'policy', { orderId: order.id, eligibility: eligibility.code });
    if (!eligibility.eligible) return this.refuse(step, order, eligibility);
    // An item already being returned is refused as soon as it is chosen (checkItem); all of them, right here.
    const returned = (item: OrderItem) =>
      exchangeEligibility(order, clock(), policy, item).code === 'already_returned';
    if (order.items.every(returned)) {
      await this.tell(step, 'exchangeOrderAlreadyReturned', { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }
    const named = await this.itemNamedByMessage(order, this.options(step).slots);
    if (named) return step.next(named);
    return askItem(step);
  }

  /**
   * The one item of the order that the first message's size/colour can apply to: "想换L码" in an order of a
   * T-shirt and jeans in waist sizes means the T-shirt, so that question is skipped.
   */
  private async itemNamedByMessage(order: Order, slots: Slots): Promise<string | undefined> {
    if (order.items.length < 2 || (slots.size === undefined && slots.color === undefined)) return undefined;
    const fits: string[] = [];
    for (const item of order.items) {
      const product = await this.deps.orders.getProduct(item.productId);
      const wanted = withCurrent({ size: slots.size, color: slots.color }, item);
      const made = product?.variants.some((variant) => sameVariant(variant, wanted)) ?? false;
      if (made && !sameVariant(wanted, item)) fits.push(item.sku);
    }
    return fits.length === 1 ? fits[0] : undefined;
  }

  private async checkItem(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.exchangeValues(step);
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const language = this.language(step);
    const eligibility = exchangeEligibility(order, this.deps.clock(), this.deps.policy, item);
    await this.progress(step, 'item', { orderId: order.id, sku: item.sku, eligibility: eligibility.code });
    if (!eligibility.eligible) return this.refuse(step, order, eligibility, item);

    const product = await this.deps.orders.getProduct(item.productId);
    if (!product || product.variants.every((variant) => sameVariant(variant, item))) {
      await this.tell(step, 'exchangeNoVariants', { item: itemLabel(item, language) });
      return this.finish(step, { status: 'declined' });
    }
    values.product = product;

    const exchangeable = item.quantity - (item.returnedQuantity ?? 0);
    if (exchangeable <= 1) return step.next('1');
    await this.progress(step, 'quantity', { orderId: order.id, sku: item.sku, exchangeable });
    return this.askChoice(
      step,
      exchangeText('askQuantity', language, { item: itemLabel(item, language), quantity: exchangeable }),
      quantityOptions(exchangeable),
    );
  }

  private async askWanted(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.exchangeValues(step);
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const product = values.product as Product;
    values.quantity = Number(step.result);
    await this.progress(step, 'wanted', { orderId: order.id, sku: item.sku, quantity: values.quantity });

    const { slots } = this.options(step);
    if (slots.size !== undefined || slots.color !== undefined) {
      const fromMessage = withCurrent({ size: slots.size, color: slots.color }, item);
      if (!sameVariant(fromMessage, item)) {
        values.wanted = fromMessage;
        return step.next();
      }
    }

    const language = this.language(step);
    const sizes = sizesOf(product);
    const colors = colorsOf(product);
    const key: ExchangeTextKey =
      sizes.length > 1 && colors.length > 1
        ? 'askWantedSizeColor'
        : sizes.length > 1
          ? 'askWantedSize'
          : 'askWantedColor';
    const text = exchangeText(key, language, { item: itemLabel(item, language) });
    const suggestions = await this.suggestions(item, product, values.quantity, language);
    if (sizes.length > 1) {
      await this.deps.recordProgress(step.context, {
        dialog: this.id,
        step: 'wanted',
        slots: { orderId: order.id, sku: item.sku, quantity: values.quantity },
        expecting: RELATIVE_SIZE_ANSWERS,
      });
    }
    return step.prompt(WANTED_PROMPT, {
      prompt: MessageFactory.suggestedActions(suggestions, text, text),
      retryPrompt: MessageFactory.suggestedActions(suggestions, exchangeText('retryWanted', language)),
      validations: {
        sizes,
        current: { size: item.size, color: item.color },
        language,
      } satisfies WantedValidation,
    });
  }

  /** Buttons under the question: the other sizes in stock in the item's colour (or the other colours). */
  private async suggestions(
    item: OrderItem,
    product: Product,
    quantity: number,
    language: Language,
  ): Promise<string[]> {
    const bySize = sizesOf(product).length > 1;
    const inStock = await this.deps.orders.checkStock(
      item.productId,
      undefined,
      bySize ? item.color : undefined,
    );
    const labels = inStock
      .filter((variant) => variant.stock >= quantity && !sameVariant(variant, item))
      .map((variant) =>
        bySize ? (variant.size ?? '') : variant.color ? colorName(variant.color, language) : '',
      )
      .filter((label) => label.length > 0);
    return [...new Set(labels)];
  }

  private async checkStock(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.exchangeValues(step);
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const product = values.product as Product;
    const quantity = values.quantity ?? 1;
    const language = this.language(step);
    const wanted =
      values.wanted ?? withCurrent(parseWanted(String(step.result), sizesOf(product), item) ?? {}, item);
    values.wanted = wanted;

    const inStock = (await this.deps.orders.checkStock(item.productId, wanted.size, wanted.color)).find(
      (variant) => sameVariant(variant, wanted) && variant.stock >= quantity,
    );
    await this.progress(step, 'stock', {
      orderId: order.id,
      sku: item.sku,
      quantity,
      size: wanted.size,
      color: wanted.color,
      inStock: inStock ? 'yes' : 'no',
    });
    if (inStock) return step.next(inStock.sku);

    const available = (await this.deps.orders.checkStock(item.productId)).filter(
      (variant) => variant.stock >= quantity && !sameVariant(variant, item),
    );
    if (available.length === 0) {
      await this.tell(step, 'exchangeNothingInStock', { product: item.name[language] });
      return this.finish(step, { status: 'declined' });
    }
    const made = product.variants.some((variant) => sameVariant(variant, wanted));
    return this.askChoice(
      step,
      exchangeText(made ? 'exchangeOutOfStock' : 'exchangeNotMade', language, {
        product: item.name[language],
        variant: variantLabel(wanted, language),
      }),
      alternativeOptions(alternatives(available, wanted, sizesOf(product))),
    );
  }

  private async summarise(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.exchangeValues(step);
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const product = values.product as Product;
    const language = this.language(step);
    const variant = product.variants.find((candidate) => candidate.sku === step.result);
    if (!variant) {
      // Only a catalogue changed under the conversation gets here; a person can sort it out.
      await this.say(step, 'offerAgent');
      return this.finish(step, {
        status: 'escalate',
        reason: 'validation_failed',
        detail: 'unknown_variant',
      });
    }
    values.newVariant = variant;
    values.wanted = { size: variant.size, color: variant.color };
    await this.progress(step, 'confirm', {
      orderId: order.id,
      sku: item.sku,
      quantity: values.quantity,
      newSku: variant.sku,
    });
    return this.confirm(
      step,
      exchangeText('exchangeSummary', language, {
        orderId: order.id,
        item: itemLabel(item, language),
        quantity: values.quantity ?? 1,
        wanted: variantLabel(variant, language),
      }),
    );
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    if (step.result !== 'yes') {
      await this.say(step, 'declined');
      return this.finish(step, { status: 'declined' });
    }
    const values = this.exchangeValues(step);
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const variant = values.newVariant as ProductVariant;
    const language = this.language(step);
    const result = await this.deps.orders.createExchange({
      orderId: order.id,
      sku: item.sku,
      quantity: values.quantity ?? 1,
      size: variant.size,
      color: variant.color,
      reason: exchangeReason(this.options(step).slots, item, variant),
    });
    if (result.outcome !== 'created') {
      await this.say(step, 'offerAgent');
      return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: result.outcome });
    }
    await this.tell(step, 'exchangeCreated', {
      ticketId: result.ticket.id,
      wanted: withVariant(item.name[language], variantLabel(variant, language), language),
      returnAddress: this.deps.policy.returnAddress[language],
    });
    return this.finish(step, { status: 'done', ticketId: result.ticket.id });
  }

  /** Says why the policy does not allow the exchange; outside the window a person may still help. */
  private async refuse(
    step: WaterfallStepContext,
    order: Order,
    eligibility: ExchangeEligibility,
    item?: OrderItem,
  ): Promise<DialogTurnResult> {
    const itemName = item ? itemLabel(item, this.language(step)) : '';
    switch (eligibility.code) {
      case 'outside_window':
        await this.tell(step, 'exchangeOutsideWindow', {
          orderId: order.id,
          days: eligibility.daysSinceDelivery ?? 0,
          windowDays: eligibility.windowDays,
          lastDay: eligibility.lastDay ?? '',
        });
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: 'outside_window' });
      case 'not_delivered':
        await this.tell(step, notDeliveredText(order), {
          orderId: order.id,
          windowDays: eligibility.windowDays,
        });
        break;
      case 'non_exchangeable_category':
        await this.tell(step, 'exchangeNonExchangeable', { item: itemName });
        break;
      case 'already_returned':
        await this.tell(step, 'exchangeAlreadyReturned', { item: itemName });
        break;
      case 'ok':
        break;
    }
    return this.finish(step, { status: 'declined' });
  }
}

function notDeliveredText(order: Order): ExchangeTextKey {
  if (order.status === 'shipped') return 'exchangeInTransit';
  if (order.status === 'cancelled') return 'exchangeOrderCancelled';
  return 'exchangeNotShipped';
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

function sameVariant(a: Variant, b: Variant): boolean {
  return sameText(a.size, b.size) && sameText(a.color, b.color);
}

/** What the shopper named, with the item's own size or colour where they named only the other. */
function withCurrent(said: Variant, item: Variant): Variant {
  const size = said.size ?? item.size;
  const color = said.color ?? item.color;
  return { ...(size !== undefined && { size }), ...(color !== undefined && { color }) };
}

function sizesOf(product: Product): string[] {
  return [...new Set(product.variants.flatMap((variant) => (variant.size ? [variant.size] : [])))];
}

function colorsOf(product: Product): string[] {
  return [...new Set(product.variants.flatMap((variant) => (variant.color ? [variant.color] : [])))];
}

export function variantLabel(variant: Variant, language: Language): string {
  const color = variant.color && colorName(variant.color, language);
  if (language === 'zh') return [color, variant.size].filter(Boolean).join(' ');
  return [color, variant.size && `size ${variant.size}`].filter(Boolean).join(', ');
}

/**
 * The size and/or colour in a free-text answer ("换L码", "要黑色的", "size M in navy", "XL", "大一码"): the
 * NLU's entities first; then a bare size the product comes in, which the NLU does not take for a size
 * without a cue ("L", "31"); then a size relative to the current one.
 */
export function parseWanted(text: string, sizes: string[], current: Variant): Variant | undefined {
  const { text: normalized, folded } = normalize(text);
  const step = SIZE_UP_WORDS.some((word) => folded.includes(word))
    ? 1
    : SIZE_DOWN_WORDS.some((word) => folded.includes(word))
      ? -1
      : 0;
  const entities = extractEntities(normalized).filter((entity) => entity.valid !== false);
  const color = entities.find((entity) => entity.type === 'color')?.value;
  // "one size up" also reads as the size "ONE SIZE" (均码).
  const named = entities.find(
    (entity) => entity.type === 'size' && !(step !== 0 && entity.value === 'ONE SIZE'),
  )?.value;
  const size = named ?? bareSize(normalized, sizes) ?? relativeSize(step, sizes, current.size);
  if (size === undefined && color === undefined) return undefined;
  return { ...(size !== undefined && { size }), ...(color !== undefined && { color }) };
}

/**
 * A size the product comes in, written without a cue ("L", "xl", "31"): the whole answer, a number, or
 * an upper-case letter size inside a sentence ("I want an L") — not the "m" of "I'm".
 */
function bareSize(text: string, sizes: string[]): string | undefined {
  const whole = text.trim().replace(/[.!?。！？]+$/, '');
  const tokens = whole.split(/[^A-Za-z0-9.]+/).filter((token) => token.length > 0);
  for (const token of tokens) {
    const size = sizes.find((candidate) => sameText(candidate, token));
    if (size && (token === whole || token === token.toUpperCase())) return size;
  }
  return undefined;
}

function relativeSize(step: number, sizes: string[], current: string | undefined): string | undefined {
  const index = sizes.findIndex((size) => sameText(size, current));
  return step !== 0 && index >= 0 ? sizes[index + step] : undefined;
}

/** A wanted size/colour that names something, and not the item the shopper already has. */
async function validateWanted(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const { sizes, current, language } = prompt.options.validations as WantedValidation;
  const said = parseWanted(prompt.recognized.value ?? '', sizes, current);
  if (said) {
    const wanted = withCurrent(said, current);
    if (!sameVariant(wanted, current)) return true;
    await prompt.context.sendActivity(
      exchangeText('wantedIsCurrent', language, { variant: variantLabel(current, language) }),
    );
  }
  return giveUpAfterTooMany(prompt);
}

function sizeDistance(a: string | undefined, b: string | undefined, sizes: string[]): number {
  const i = sizes.findIndex((size) => sameText(size, a));
  const j = sizes.findIndex((size) => sameText(size, b));
  if (i >= 0 && j >= 0) return Math.abs(i - j);
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) : sizes.length;
}

/**
 * In-stock variants nearest to what was wanted: the wanted size in other colours, then the wanted colour
 * in the nearest sizes, then anything else.
 */
export function alternatives(
  available: ProductVariant[],
  wanted: Variant,
  sizes: string[],
): ProductVariant[] {
  const byDistance = (a: ProductVariant, b: ProductVariant) =>
    sizeDistance(a.size, wanted.size, sizes) - sizeDistance(b.size, wanted.size, sizes);
  const sameSize = available.filter(
    (variant) => wanted.size !== undefined && sameText(variant.size, wanted.size),
  );
  const sameColor = available
    .filter(
      (variant) =>
        !sameSize.includes(variant) && wanted.color !== undefined && sameText(variant.color, wanted.color),
    )
    .sort(byDistance);
  const rest = available
    .filter((variant) => !sameSize.includes(variant) && !sameColor.includes(variant))
    .sort(byDistance);
  return [...sameSize, ...sameColor, ...rest].slice(0, MAX_ALTERNATIVES);
}

/** Buttons for variants; typing just a colour (or a waist size) that only one of them has picks it too. */
function alternativeOptions(variants: ProductVariant[]): ChoiceOption[] {
  const count = (pick: (variant: ProductVariant) => string | undefined, value: string | undefined) =>
    variants.filter((variant) => value !== undefined && sameText(pick(variant), value)).length;
  return variants.map((variant) => {
    const synonyms: string[] = [];
    if (variant.color) {
      const zh = colorName(variant.color, 'zh');
      if (variant.size) synonyms.push(`${zh}${variant.size}`, `${variant.color} ${variant.size}`);
      if (count((other) => other.color, variant.color) === 1) synonyms.push(zh, variant.color);
    }
    // Letter sizes are left out: "l" would be found inside "black" or "xl".
    if (variant.size && /^\d+$/.test(variant.size) && count((other) => other.size, variant.size) === 1)
      synonyms.push(variant.size);
    return {
      value: variant.sku,
      label: { zh: variantLabel(variant, 'zh'), en: variantLabel(variant, 'en') },
      synonyms,
    };
  });
}

/** 1 … n items, the last one "all n"; more than nine units offer 1 … 8 or all. */
function quantityOptions(exchangeable: number): ChoiceOption[] {
  const shown = Math.min(exchangeable, 9);
  return Array.from({ length: shown }, (_, index) => {
    const quantity = index + 1 === shown ? exchangeable : index + 1;
    const all = quantity === exchangeable;
    const key: ExchangeTextKey = all ? 'quantityAll' : quantity === 1 ? 'quantityOne' : 'quantityMany';
    const counted = CHINESE_COUNTS[quantity - 1];
    return {
      value: String(quantity),
      label: {
        zh: exchangeText(key, 'zh', { n: quantity }),
        en: exchangeText(key, 'en', { n: quantity }),
      },
      synonyms: [
        ...(counted ? [`${counted}件`] : []),
        ...(quantity === 1 ? ['one', 'just one'] : []),
        ...(all ? ['全部', '都换', 'both', 'all'] : []),
      ],
    };
  });
}

/** The exchange's reason for the agent: the one the first message gave, else what changes. */
function exchangeReason(slots: Slots, item: OrderItem, variant: ProductVariant): AfterSaleReason {
  const stated = afterSaleReasonSchema.safeParse(slots.reason);
  if (stated.success) return stated.data;
  return sameText(item.size, variant.size) ? 'other' : 'size';
}
