import type { Language } from '../../src/nlu/types';

/** What an after-sales dialog was started with: the shopper's language, who they are, what they said. */
export interface AfterSalesOptions {
  language: Language;
  /** The channel-identified customer, if any. */
  customerId?: string;
  /** Orders this conversation has already proven ownership of (phone digits). */
  verifiedOrders: string[];
  /** Slots filled from the first message ("订单202311150001衣服小了想换L码"). */
  slots: Slots;
}

export interface Slots {
  orderId?: string;
  size?: string;
  color?: string;
  taxId?: string;
  email?: string;
  reason?: string;
}

/** How a dialog ended, for the bot to act on. */
export type DialogOutcome =
  | { status: 'done'; ticketId?: string; verifiedOrderId?: string }
  | { status: 'declined'; verifiedOrderId?: string }
  | {
      status: 'escalate';
      reason: 'validation_failed' | 'policy_refusal' | 'verification_failed' | 'shopper_request';
      detail?: string;
      verifiedOrderId?: string;
    };

/** Marks a prompt answer that failed validation too often: the step after it hands over to a person. */
export const TOO_MANY_FAILURES = '\u0000kefu:too-many-failures';

export const MAX_VALIDATION_FAILURES = 3;
