import type { ShopPolicy } from './policy';
import type { InvoiceRequest } from './requests';
import { isValidUnifiedSocialCreditCode } from './tax-id';
import type { LocalizedText, Order, Ticket } from './types';

/** The policy's invoice rules applied to a request, with the reason for each refusal in both languages. */

export type InvoiceProblem =
  'type_not_offered' | 'special_requires_company' | 'tax_id_required' | 'tax_id_invalid';

export const invoiceProblemMessages: Readonly<Record<InvoiceProblem, LocalizedText>> = {
  type_not_offered: {
    zh: '抱歉，本店不提供这种类型的发票。',
    en: 'Sorry, we do not issue this type of invoice.',
  },
  special_requires_company: {
    zh: '增值税专用发票只能开给企业（单位抬头），个人可以开普通电子发票。',
    en: 'A special VAT invoice (增值税专用发票) can only be issued to a company; individuals can get a normal electronic invoice.',
  },
  tax_id_required: {
    zh: '单位抬头的发票需要提供税号（统一社会信用代码）。',
    en: "A company invoice needs the company's tax ID (unified social credit code, 统一社会信用代码).",
  },
  tax_id_invalid: {
    zh: '这个税号不正确：统一社会信用代码应为18位，请核对后重新输入。',
    en: 'That tax ID is not valid: a unified social credit code has 18 characters. Please check it and try again.',
  },
};

/** Everything wrong with `request` under `policy`; empty when it can be issued. */
export function invoiceRequestProblems(request: InvoiceRequest, policy: ShopPolicy): InvoiceProblem[] {
  const rules = policy.invoice;
  const problems: InvoiceProblem[] = [];
  if (!rules.types.includes(request.type)) problems.push('type_not_offered');
  if (request.type === 'special' && rules.specialForCompaniesOnly && request.titleType !== 'company') {
    problems.push('special_requires_company');
  }
  if (request.titleType === 'company') {
    const taxId = request.taxId ?? '';
    if (taxId === '') {
      if (rules.companyRequiresTaxId) problems.push('tax_id_required');
    } else if (!isValidUnifiedSocialCreditCode(taxId)) {
      problems.push('tax_id_invalid');
    }
  }
  return problems;
}

/** Unpaid and cancelled orders have no payment to invoice; every other order can have one. */
export function isInvoiceable(order: Pick<Order, 'status'>): boolean {
  return order.status !== 'unpaid' && order.status !== 'cancelled';
}

/** What an order's tickets say about its invoice: whether one was requested, and how often it was reissued. */
export interface InvoiceHistory {
  /** The newest invoice ticket of the order: the invoice a reissue replaces. */
  latest?: Ticket;
  /** Reissues already requested for the order. */
  reissues: number;
}

/** The invoice history of `orderId` among a customer's tickets (as `OrderService.listTickets` gives them). */
export function invoiceHistory(tickets: readonly Ticket[], orderId: string): InvoiceHistory {
  const invoices = tickets
    .filter((ticket) => ticket.kind === 'invoice' && ticket.orderId === orderId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  return {
    latest: invoices[0],
    reissues: invoices.filter((ticket) => ticket.details.reissue === true).length,
  };
}

/** True when the policy still lets the shopper reissue the order's invoice without an agent. */
export function canReissue(history: InvoiceHistory, policy: ShopPolicy): boolean {
  return history.reissues < policy.invoice.reissuesAllowed;
}
