import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import { afterSaleReasonLabels } from '../src/commerce/labels';
import { returnEligibility } from '../src/commerce/eligibility';
import type { AfterSaleReason, Order, OrderItem } from '../src/commerce/types';
import { AfterSalesDialog, itemLabel, type AfterSalesValues } from './shared/after-sales-dialog';
import type { ChoiceOption } from './shared/choices';
import type { DialogDeps } from './shared/dialog-deps';
import { dialogText } from './shared/texts';

export const RETURN_DIALOG = 'ReturnDialog';

/** The reasons a shopper can give, with the words that pick each one from free text. */
export const RETURN_REASONS: ChoiceOption<AfterSaleReason>[] = (
  [
    [
      'size',
      ['尺码', '大了', '小了', '不合身', '太大', '太小', 'too small', 'too big', "doesn't fit", 'fit'],
    ],
    [
      'quality',
      [
        '质量',
        '坏了',
        '破损',
        '坏的',
        '开线',
        '故障',
        '瑕疵',
        'broken',
        'faulty',
        'defect',
        'damaged',
        'quality',
      ],
    ],
    ['not_as_described', ['不符', '色差', '不一样', '描述', 'not as described', 'different', 'wrong']],
    [
      'changed_mind',
      ['不想要', '不喜欢', '不要了', '买错', '拍错', 'changed my mind', "don't want", "don't like"],
    ],
    ['other', ['其他', '其它', 'other']],
  ] as const
).map(([value, synonyms]) => ({ value, label: afterSaleReasonLabels[value], synonyms: [...synonyms] }));

interface ReturnValues extends AfterSalesValues {
  reason?: AfterSaleReason;
}

/**
 * 退货/退款: which order and item, each refused at once when it cannot be returned whatever the reason (not
 * delivered, already being returned), why, the shop's policy applied (7-day no-reason window, 15-day quality
 * window, excluded categories), who pays the return postage, a summary to confirm, then a return ticket
 * with the return address. Outside the window the shopper is told why and offered an agent.
 */
export class ReturnDialog extends AfterSalesDialog {
  constructor(deps: DialogDeps) {
    super(RETURN_DIALOG, deps);
    const [askItem, storeItem] = this.itemSteps();
    this.useSteps([
      ...this.orderSteps(),
      (step) => this.checkOrder(step, askItem),
      storeItem,
      (step) => this.askReason(step),
      (step) => this.checkPolicy(step),
      (step) => this.submit(step),
    ]);
  }

  /** Refuses an order nothing of which can be returned, before asking which item. */
  private async checkOrder(step: WaterfallStepContext, askItem: WaterfallStep): Promise<DialogTurnResult> {
    const order = await this.order(step);
    if (order.status !== 'delivered') {
      // Nothing to ask about an order that has not arrived: say what can be done instead.
      await this.say(step, 'returnNotDelivered', { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }
    if (order.items.every((item) => this.alreadyReturned(order, item))) {
      await this.say(step, 'returnOrderAlreadyReturned', { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }
    return askItem(step);
  }

  /**
   * Whether the item is already being returned in full. The policy says so before anything that depends on
   * the reason, so the shopper is not asked for one first; the reason passed makes no difference.
   */
  private alreadyReturned(order: Order, item: OrderItem): boolean {
    const { clock, policy } = this.deps;
    return returnEligibility(order, item, 'quality', clock(), policy).code === 'already_returned';
  }

  private async askReason(step: WaterfallStepContext) {
    const values = step.values as ReturnValues;
    const order = await this.order(step);
    const item = values.item as OrderItem;
    if (this.alreadyReturned(order, item)) {
      await this.say(step, 'returnAlreadyReturned', { item: itemLabel(item, this.language(step)) });
      return this.finish(step, { status: 'declined' });
    }
    await this.progress(step, 'reason', { orderId: order.id, sku: item.sku });
    const slotReason = this.options(step).slots.reason as AfterSaleReason | undefined;
    if (slotReason && RETURN_REASONS.some((reason) => reason.value === slotReason))
      return step.next(slotReason);
    return this.askChoice(step, dialogText('askReturnReason', this.language(step)), RETURN_REASONS);
  }

  private async checkPolicy(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = step.values as ReturnValues;
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const reason = step.result as AfterSaleReason;
    values.reason = reason;
    const language = this.language(step);
    const eligibility = returnEligibility(order, item, reason, this.deps.clock(), this.deps.policy);
    await this.progress(step, 'policy', {
      orderId: order.id,
      sku: item.sku,
      reason,
      eligibility: eligibility.code,
    });

    if (!eligibility.eligible) {
      const itemName = itemLabel(item, language);
      if (eligibility.code === 'not_delivered')
        await this.say(step, 'returnNotDelivered', { orderId: order.id });
      else if (eligibility.code === 'non_returnable_category')
        await this.say(step, 'returnNonReturnable', { item: itemName });
      else if (eligibility.code === 'already_returned')
        await this.say(step, 'returnAlreadyReturned', { item: itemName });
      else {
        await this.say(step, 'returnOutsideWindow', {
          orderId: order.id,
          days: eligibility.daysSinceDelivery ?? 0,
          windowDays: eligibility.windowDays,
          lastDay: eligibility.lastDay ?? '',
        });
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: 'outside_window' });
      }
      return this.finish(step, { status: 'declined' });
    }

    const shipping = eligibility.coveredByShippingInsurance
      ? dialogText('returnShippingInsurance', language)
      : eligibility.returnShippingPaidBy === 'buyer'
        ? dialogText('returnShippingBuyer', language)
        : dialogText('returnShippingShop', language);
    const refundDays = `${this.deps.policy.refundProcessingDays.min}–${this.deps.policy.refundProcessingDays.max}`;
    const summary = dialogText('returnSummary', language, {
      orderId: order.id,
      item: itemLabel(item, language),
      reason: afterSaleReasonLabels[reason][language],
      amount: (item.unitPrice * item.quantity).toFixed(2),
      refundDays,
      shipping,
    });
    return this.confirm(step, summary);
  }

  private async submit(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    if (step.result !== 'yes') {
      await this.say(step, 'declined');
      return this.finish(step, { status: 'declined' });
    }
    const values = step.values as ReturnValues;
    const order = await this.order(step);
    const item = values.item as OrderItem;
    const result = await this.deps.orders.createReturn({
      orderId: order.id,
      sku: item.sku,
      quantity: item.quantity - (item.returnedQuantity ?? 0),
      reason: values.reason as AfterSaleReason,
    });
    if (result.outcome !== 'created') {
      await this.say(step, 'offerAgent');
      return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: result.outcome });
    }
    await this.say(step, 'returnCreated', {
      ticketId: result.ticket.id,
      returnAddress: this.deps.policy.returnAddress[this.language(step)],
    });
    return this.finish(step, { status: 'done', ticketId: result.ticket.id });
  }
}
