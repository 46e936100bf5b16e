import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { localIsoDate } from '../src/commerce/calendar';
import { returnEligibility } from '../src/commerce/eligibility';
import { orderStatusLabels } from '../src/commerce/labels';
import type { Order } from '../src/commerce/types';
import { cancelOrderText, type CancelOrderTextKey } from './cancel-order-dialog-texts';
import { AfterSalesDialog, itemLabel } from './shared/after-sales-dialog';
import type { ChoiceOption } from './shared/choices';
import type { DialogDeps } from './shared/dialog-deps';

export const CANCEL_ORDER_DIALOG = 'CancelOrderDialog';

/**
 * The confirmation buttons. No single-character or easily negated words ("是" is in "不是", "sure" in
 * "not sure", "要取消" in "不要取消"): a wrong "yes" here cancels an order, which cannot be undone.
 */
const CANCEL_CHOICES: ChoiceOption<'yes' | 'no'>[] = [
  {
    value: 'yes',
    label: { zh: cancelOrderText('cancelYes', 'zh'), en: cancelOrderText('cancelYes', 'en') },
    synonyms: ['确认', '是的', '对的', '好的', '取消吧', 'yes', 'yep', 'yeah', 'confirm', 'go ahead'],
  },
  {
    value: 'no',
    label: { zh: cancelOrderText('cancelNo', 'zh'), en: cancelOrderText('cancelNo', 'en') },
    synonyms: ['不取消', '不要取消', '先不', '保留', '不了', 'no', 'keep', "don't"],
  },
];

/**
 * 取消订单: which order, then by its state — unpaid or paid but not shipped: a summary saying what happens to
 * the money (refunded within the policy's refund days, or nothing was charged), a confirmation and the
 * cancellation; shipped: refuse the parcel or return it after delivery; delivered: how to return it;
 * already cancelled: say so.
 */
export class CancelOrderDialog extends AfterSalesDialog {
  constructor(deps: DialogDeps) {
    super(CANCEL_ORDER_DIALOG, deps);
    this.useSteps([...this.orderSteps(), (step) => this.confirmCancel(step), (step) => this.submit(step)]);
  }

  private async tell(
    step: WaterfallStepContext,
    key: CancelOrderTextKey,
    values?: Record<string, string | number>,
  ) {
    await step.context.sendActivity(cancelOrderText(key, this.language(step), values));
  }

  private refundDays(): string {
    const { min, max } = this.deps.policy.refundProcessingDays;
    return min === max ? String(min) : `${min}–${max}`;
  }

  private async confirmCancel(step: WaterfallStepContext) {
    const order = await this.order(step);
    const language = this.language(step);
    await this.progress(step, 'confirm', { orderId: order.id, status: order.status });
    if (await this.explainNotCancellable(step, order)) return this.finish(step, { status: 'declined' });

    const money =
      order.status === 'paid'
        ? cancelOrderText('cancelRefund', language, {
            amount: order.total.toFixed(2),
            refundDays: this.refundDays(),
          })
        : cancelOrderText('cancelNothingCharged', language);
    const summary = cancelOrderText('cancelSummary', language, {
      orderId: order.id,
      status: orderStatusLabels[order.status][language],
      items: order.items
        .map((item) => `${itemLabel(item, language)} ×${item.quantity}`)
        .join(language === 'zh' ? '、' : ', '),
      money,
    });
    return this.askChoice(step, summary, CANCEL_CHOICES);
  }

  private async submit(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const order = await this.order(step);
    if (step.result !== 'yes') {
      await this.tell(step, 'cancelKept', { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }
    const result = await this.deps.orders.cancelOrder(order.id);
    switch (result.outcome) {
      case 'cancelled': {
        const ticket = result.ticket
          ? cancelOrderText('ticketNote', this.language(step), { ticketId: result.ticket.id })
          : '';
        if (result.refundAmount > 0) {
          await this.tell(step, 'cancelDonePaid', {
            orderId: order.id,
            ticket,
            amount: result.refundAmount.toFixed(2),
            refundDays: this.refundDays(),
          });
        } else {
          await this.tell(step, 'cancelDoneUnpaid', { orderId: order.id, ticket });
        }
        return this.finish(step, { status: 'done', ticketId: result.ticket?.id });
      }
      case 'already_shipped':
      case 'already_cancelled':
        // The order moved on while the shopper was deciding (dispatched, or cancelled elsewhere).
        await this.explainNotCancellable(step, result.order);
        return this.finish(step, { status: 'declined' });
      case 'not_found':
        await this.say(step, 'offerAgent');
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: result.outcome });
    }
  }

  /** Says why an order that has left the warehouse (or is cancelled) cannot be cancelled; false if it can. */
  private async explainNotCancellable(step: WaterfallStepContext, order: Order): Promise<boolean> {
    const language = this.language(step);
    const { policy } = this.deps;
    if (order.status === 'cancelled') {
      await this.tell(step, 'cancelAlreadyCancelled', { orderId: order.id, refundDays: this.refundDays() });
      return true;
    }
    if (order.status === 'shipped') {
      await this.tell(step, 'cancelShipped', {
        orderId: order.id,
        carrier: order.shipment ? policy.carriers[order.shipment.carrier].name[language] : '',
        trackingNumber: order.shipment?.trackingNumber ?? '',
        refundDays: this.refundDays(),
        returnDays: policy.returnWindowDays,
      });
      return true;
    }
    if (order.status === 'delivered') {
      await this.tell(step, ...this.deliveredExplanation(order));
      return true;
    }
    return false;
  }

  /** Which return route is still open for a delivered order, by the same rules the return dialog applies. */
  private deliveredExplanation(order: Order): [CancelOrderTextKey, Record<string, string | number>] {
    const { policy } = this.deps;
    const now = this.deps.clock();
    const deliveredAt = order.shipment?.deliveredAt;
    const values = {
      orderId: order.id,
      deliveredOn: deliveredAt ? localIsoDate(new Date(deliveredAt), policy.utcOffsetMinutes) : '',
      returnDays: policy.returnWindowDays,
      qualityDays: policy.qualityReturnWindowDays,
    };
    const noReason = returnEligibility(order, order.items[0], 'changed_mind', now, policy);
    const quality = returnEligibility(order, order.items[0], 'quality', now, policy);
    const days = noReason.daysSinceDelivery ?? 0;
    if (days <= noReason.windowDays) {
      return ['cancelDelivered', { ...values, lastDay: noReason.lastDay ?? '' }];
    }
    if (days <= quality.windowDays) {
      return ['cancelDeliveredQualityOnly', { ...values, lastDay: quality.lastDay ?? '' }];
    }
    return ['cancelDeliveredLongAgo', values];
  }
}
