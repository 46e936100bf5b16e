import { MessageFactory, type TurnContext } from 'botbuilder';
import type { PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { localIsoDate } from '../src/commerce/calendar';
import { maskPhone } from '../src/commerce/masking';
import type { Address, Order } from '../src/commerce/types';
import type { Language } from '../src/nlu/types';
import { changeAddressText, type ChangeAddressTextKey } from './change-address-dialog-texts';
import {
  formatAddress,
  parseAddress,
  parseMainlandMobile,
  type AddressProblem,
  type ParsedAddress,
} from './shared/address-parser';
import { AfterSalesDialog, giveUpAfterTooMany, type AfterSalesValues } from './shared/after-sales-dialog';
import { matchChoice, type ChoiceOption } from './shared/choices';
import type { DialogDeps } from './shared/dialog-deps';
import { MAX_VALIDATION_FAILURES, type AfterSalesOptions } from './shared/outcome';
import { promptWith, RenderedPrompt, type PromptText } from './shared/rendered-prompt';

export const CHANGE_ADDRESS_DIALOG = 'ChangeAddressDialog';

const ADDRESS_PROMPT = 'kefuAddressPrompt';
const MOBILE_PROMPT = 'kefuMobilePrompt';
/** The phone prompt's answer when the shopper keeps the current number (a phone number never looks like it). */
const KEEP_PHONE = 'keep';

const KEEP_PHONE_CHOICE: ChoiceOption = {
  value: KEEP_PHONE,
  label: { zh: changeAddressText('keepPhone', 'zh'), en: changeAddressText('keepPhone', 'en') },
  synonyms: ['不用改', '不改', '保持', '原来的', '一样', 'same', 'unchanged', 'no change'],
};

const AGENT_CHOICES: ChoiceOption<'agent' | 'no'>[] = [
  {
    value: 'agent',
    label: { zh: changeAddressText('agentYes', 'zh'), en: changeAddressText('agentYes', 'en') },
    synonyms: ['转人工', '要人工', '找客服', 'agent', 'human', 'person'],
  },
  {
    value: 'no',
    label: { zh: changeAddressText('agentNo', 'zh'), en: changeAddressText('agentNo', 'en') },
    synonyms: ['不用', '不需要', '没事', '好的', '知道了', 'no', 'ok', 'thanks'],
  },
];

const RETRY_BY_PROBLEM: Record<AddressProblem, ChangeAddressTextKey> = {
  empty: 'retryAddressEmpty',
  name: 'retryAddressName',
  region: 'retryAddressRegion',
  foreign: 'retryAddressForeign',
  city: 'retryAddressCity',
  district: 'retryAddressDistrict',
  street: 'retryAddressStreet',
};

const FIELD_NAMES: Record<keyof Address, ChangeAddressTextKey> = {
  name: 'fieldName',
  phone: 'fieldPhone',
  province: 'fieldProvince',
  city: 'fieldCity',
  district: 'fieldDistrict',
  street: 'fieldStreet',
  postalCode: 'fieldPostalCode',
};

interface ChangeAddressOptions extends AfterSalesOptions {
  /** How many new addresses the order system has turned down in this dialog. */
  addressRejections?: number;
}

interface ChangeAddressValues extends AfterSalesValues {
  /** What the open question is about: the new address, or the offer of an agent for a shipped order. */
  asked?: 'address' | 'agent';
  newAddress?: ParsedAddress;
  newPhone?: string;
}

interface AddressValidation {
  language: Language;
}

interface MobileValidation {
  language: Language;
  /**
   * Whose current number the retry message offers to keep: read from the order, not stored here. Absent in
   * a question asked before this was so (its state held the masked number).
   */
  orderId?: string;
}

/**
 * 修改收货地址: which order; before it ships, the new address in one message (parsed; asked again, with what
 * was missing, when it cannot be read), the recipient's phone (or keep the current one), old → new to
 * confirm, and the change. Once shipped or delivered it cannot change: the shopper hears what can still be
 * done and is offered an agent.
 */
export class ChangeAddressDialog extends AfterSalesDialog {
  constructor(deps: DialogDeps) {
    super(CHANGE_ADDRESS_DIALOG, deps);
    const render = (context: TurnContext, text: PromptText) => this.renderText(context, text);
    this.addDialog(new RenderedPrompt(ADDRESS_PROMPT, render, (prompt) => validateAddress(prompt)));
    this.addDialog(new RenderedPrompt(MOBILE_PROMPT, render, (prompt) => this.validateMobile(prompt)));
    this.useSteps([
      ...this.orderSteps(),
      (step) => this.askAddress(step),
      (step) => this.askPhone(step),
      (step) => this.confirmChange(step),
      (step) => this.submit(step),
    ]);
  }

  private addressValues(step: WaterfallStepContext): ChangeAddressValues {
    return step.values as ChangeAddressValues;
  }

  private async tell(
    step: WaterfallStepContext,
    key: ChangeAddressTextKey,
    values?: Record<string, string | number>,
  ) {
    await step.context.sendActivity(changeAddressText(key, this.language(step), values));
  }

  private async askAddress(step: WaterfallStepContext) {
    const values = this.addressValues(step);
    const order = await this.order(step);
    const language = this.language(step);
    await this.progress(step, 'address', { orderId: order.id, status: order.status });

    if (order.status === 'cancelled') {
      await this.tell(step, 'addressOrderCancelled', { orderId: order.id });
      return this.finish(step, { status: 'declined' });
    }
    if (order.status === 'shipped' || order.status === 'delivered') {
      values.asked = 'agent';
      return this.askChoice(step, this.tooLateText(order, language), AGENT_CHOICES);
    }

    values.asked = 'address';
    const rejections = (this.options(step) as ChangeAddressOptions).addressRejections ?? 0;
    if (rejections >= MAX_VALIDATION_FAILURES) {
      return this.finish(step, {
        status: 'escalate',
        reason: 'validation_failed',
        detail: 'address_rejected',
      });
    }
    const prompt: string | PromptText =
      rejections > 0
        ? changeAddressText('askNewAddressAgain', language)
        : { text: 'askNewAddress', language, orderId: order.id };
    return step.prompt(ADDRESS_PROMPT, {
      ...promptWith(prompt),
      validations: { language } satisfies AddressValidation,
    });
  }

  private async askPhone(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.addressValues(step);
    const order = await this.order(step);
    const language = this.language(step);

    if (values.asked === 'agent') {
      if (step.result === 'agent') {
        return this.finish(step, {
          status: 'escalate',
          reason: 'shopper_request',
          detail: 'address_after_shipping',
        });
      }
      await this.tell(step, 'agentDeclined');
      return this.finish(step, { status: 'declined' });
    }

    const parsed = parseAddress(String(step.result));
    // The prompt's validator has already accepted this text, so it parses.
    if (!parsed.ok) return this.finish(step, { status: 'escalate', reason: 'validation_failed' });
    values.newAddress = parsed.address;
    // A pasted "name, phone, address" block already answers the next question.
    if (parsed.address.phone) return step.next(parsed.address.phone);

    // The "Keep" answer is listed so the bot does not mistake it for a question of its own.
    await this.deps.recordProgress(step.context, {
      dialog: this.id,
      step: 'phone',
      slots: { orderId: order.id, newRegion: `${parsed.address.province} ${parsed.address.city}` },
      expecting: [KEEP_PHONE_CHOICE],
    });
    const keep = [KEEP_PHONE_CHOICE.label[language]];
    return step.prompt(MOBILE_PROMPT, {
      ...promptWith({ text: 'askPhone', language, orderId: order.id }, keep),
      validations: { language, orderId: order.id } satisfies MobileValidation,
    });
  }

  private async confirmChange(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.addressValues(step);
    const order = await this.order(step);
    const language = this.language(step);
    values.newPhone = step.result === KEEP_PHONE ? undefined : String(step.result);
    const newAddress = this.newAddress(values, order);
    await this.progress(step, 'confirm', {
      orderId: order.id,
      newRegion: `${newAddress.province} ${newAddress.city}`,
    });
    return this.confirm(step, { text: 'addressSummary', language, orderId: order.id });
  }

  /** The questions that show the order's address or phone, or the new ones, built each time they are asked. */
  protected override async renderText(context: TurnContext, text: PromptText): Promise<string> {
    const order = await this.orderOf(text);
    // The current number is shown masked: a shopper verified by four digits should not learn the other seven.
    const current = maskPhone(order.recipient.phone);
    switch (text.text) {
      case 'askNewAddress':
        return changeAddressText('askNewAddress', text.language, {
          orderId: order.id,
          current: formatAddress(order.recipient, current),
        });
      case 'askPhone':
        return changeAddressText('askPhone', text.language, { current });
      case 'addressSummary':
        return changeAddressText('addressSummary', text.language, {
          orderId: order.id,
          old: formatAddress(order.recipient, current),
          new: formatAddress(this.newAddress(this.storedValues<ChangeAddressValues>(context), order)),
        });
      default:
        return super.renderText(context, text);
    }
  }

  private async validateMobile(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { language, orderId } = prompt.options.validations as MobileValidation;
    const text = prompt.recognized.value ?? '';
    if (matchChoice(text, [KEEP_PHONE_CHOICE]) === KEEP_PHONE) {
      prompt.recognized.value = KEEP_PHONE;
      return true;
    }
    const mobile = parseMainlandMobile(text);
    if (mobile !== undefined) {
      prompt.recognized.value = mobile;
      return true;
    }
    if (giveUpAfterTooMany(prompt)) return true;
    const order = orderId === undefined ? undefined : await this.deps.orders.findOrder(orderId);
    const retry = changeAddressText('retryPhone', language, {
      current: order ? maskPhone(order.recipient.phone) : '',
    });
    await prompt.context.sendActivity(
      MessageFactory.suggestedActions([KEEP_PHONE_CHOICE.label[language]], retry, retry),
    );
    return false;
  }

  private async submit(step: WaterfallStepContext) {
    const failed = await this.tooManyFailures(step);
    if (failed) return failed;
    const values = this.addressValues(step);
    const order = await this.order(step);
    const language = this.language(step);
    if (step.result !== 'yes') {
      await this.tell(step, 'addressKept');
      return this.finish(step, { status: 'declined' });
    }
    const newAddress = this.newAddress(values, order);
    const result = await this.deps.orders.changeAddress(order.id, newAddress);
    switch (result.outcome) {
      case 'changed': {
        const ticket = result.ticket
          ? changeAddressText('ticketNote', language, { ticketId: result.ticket.id })
          : '';
        await this.tell(step, 'addressChanged', {
          orderId: order.id,
          ticket,
          new: formatAddress(result.order.recipient),
        });
        return this.finish(step, { status: 'done', ticketId: result.ticket?.id });
      }
      case 'region_not_served':
        await this.tell(step, 'addressRegionNotServed');
        return this.askAgain(step);
      case 'invalid_address': {
        const keys = result.problems
          .map((path) => FIELD_NAMES[path.split('.')[0] as keyof Address])
          .filter((key): key is ChangeAddressTextKey => key !== undefined);
        // An order system that names no field we know still gets a sentence that makes sense.
        const fields = [...new Set(keys.length > 0 ? keys : ['fieldStreet' as const])].map((key) =>
          changeAddressText(key, language),
        );
        await this.tell(step, 'addressInvalid', { fields: listOf(fields, language) });
        return this.askAgain(step);
      }
      case 'already_shipped':
      case 'order_cancelled':
        // The order moved on while the shopper was answering: start over, which explains its new state.
        return this.askAgain(step, false);
      case 'not_found':
        await this.say(step, 'offerAgent');
        return this.finish(step, { status: 'escalate', reason: 'policy_refusal', detail: result.outcome });
    }
  }

  private newAddress(values: ChangeAddressValues, order: Order): Address {
    const { phone: _typed, ...parsed } = values.newAddress as ParsedAddress;
    return { ...parsed, phone: values.newPhone ?? order.recipient.phone };
  }

  /**
   * Back to the address question for the same order, without asking again which order or for proof: the
   * order and its verification are carried in the options.
   */
  private askAgain(step: WaterfallStepContext, rejected = true) {
    const options = this.options(step) as ChangeAddressOptions;
    const orderId = this.values(step).orderId as string;
    const next: ChangeAddressOptions = {
      ...options,
      slots: { ...options.slots, orderId },
      verifiedOrders: [...new Set([...options.verifiedOrders, orderId])],
      addressRejections: (options.addressRejections ?? 0) + (rejected ? 1 : 0),
    };
    return step.replaceDialog(this.id, next);
  }

  private tooLateText(order: Order, language: Language): string {
    const { policy } = this.deps;
    const { min, max } = policy.refundProcessingDays;
    if (order.status === 'delivered') {
      const deliveredAt = order.shipment?.deliveredAt;
      return changeAddressText('addressDelivered', language, {
        orderId: order.id,
        deliveredOn: deliveredAt ? localIsoDate(new Date(deliveredAt), policy.utcOffsetMinutes) : '',
      });
    }
    return changeAddressText('addressShipped', language, {
      orderId: order.id,
      carrier: order.shipment ? policy.carriers[order.shipment.carrier].name[language] : '',
      trackingNumber: order.shipment?.trackingNumber ?? '',
      refundDays: min === max ? String(min) : `${min}–${max}`,
    });
  }
}

/** 收件人、详细地址 / recipient, street address and postal code */
function listOf(items: string[], language: Language): string {
  if (language === 'zh' || items.length < 2) return items.join('、');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

async function validateAddress(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const { language } = prompt.options.validations as AddressValidation;
  const parsed = parseAddress(prompt.recognized.value ?? '');
  if (parsed.ok) return true;
  if (giveUpAfterTooMany(prompt)) return true;
  // Say what was missing rather than a generic retry: the prompt sends nothing more once we have replied.
  await prompt.context.sendActivity(changeAddressText(RETRY_BY_PROBLEM[parsed.problem], language));
  return false;
}
