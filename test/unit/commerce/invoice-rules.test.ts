import {
  canReissue,
  invoiceHistory,
  invoiceProblemMessages,
  invoiceRequestProblems,
  isInvoiceable,
} from '../../../src/commerce/invoice-rules';
import { defaultPolicy, parseShopPolicy } from '../../../src/commerce/policy';
import { invoiceRequestSchema, type InvoiceRequest } from '../../../src/commerce/requests';
import { isValidUnifiedSocialCreditCode, taxIdProblem } from '../../../src/commerce/tax-id';
import type { Ticket } from '../../../src/commerce/types';

const company: InvoiceRequest = {
  orderId: '202311150001',
  type: 'normal',
  titleType: 'company',
  title: '示例科技有限公司',
  taxId: '91110000600037341L',
  email: 'finance@example.com',
};

describe('isValidUnifiedSocialCreditCode', () => {
  it('accepts codes whose check symbol is right, in any case and spacing', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidUnifiedSocialCreditCode('91110000600037341L')).toBe(true);
    expect(isValidUnifiedSocialCreditCode('9135 0100 m000 100y43')).toBe(true);
  });

  it('rejects a wrong check symbol, a wrong length and letters outside the alphabet', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidUnifiedSocialCreditCode('91350100M000100O43')).toBe(false);
  });
});

describe('taxIdProblem', () => {
  it('says what is wrong, so the shopper can be told what to fix', () => {
    expect(taxIdProblem('91350100M000100Y43')).toBeUndefined();
    expect(taxIdProblem('9135 0100 m000 100y43')).toBeUndefined();
    expect(taxIdProblem('91350100M000100Y4')).toEqual({ problem: 'length', length: 17 });
    expect(taxIdProblem('91350100M000100O4S')).toEqual({ problem: 'symbols', symbols: ['O', 'S'] });
    expect(taxIdProblem('91350100M000100Y44')).toEqual({ problem: 'checksum' });
  });
});

describe('invoiceRequestProblems', () => {
  it('accepts personal normal invoices and company invoices with a valid tax id', () => {
    expect(
      invoiceRequestProblems({ ...company, titleType: 'personal', taxId: undefined }, defaultPolicy),
    ).toEqual([]);
    expect(invoiceRequestProblems(company, defaultPolicy)).toEqual([]);
    expect(invoiceRequestProblems({ ...company, type: 'special' }, defaultPolicy)).toEqual([]);
  });

  it('keeps special VAT invoices for companies and requires a valid tax id from them', () => {
    expect(
      invoiceRequestProblems({ ...company, type: 'special', titleType: 'personal' }, defaultPolicy),
    ).toEqual(['special_requires_company']);
    expect(invoiceRequestProblems({ ...company, taxId: '' }, defaultPolicy)).toEqual(['tax_id_required']);
    expect(invoiceRequestProblems({ ...company, taxId: '91110000600037341M' }, defaultPolicy)).toEqual([
      'tax_id_invalid',
    ]);
  });

  it('follows a policy that offers normal invoices only', () => {
    const policy = parseShopPolicy({
      ...defaultPolicy,
      invoice: { ...defaultPolicy.invoice, types: ['normal'] },
    });
    expect(invoiceRequestProblems({ ...company, type: 'special' }, policy)).toEqual(['type_not_offered']);
  });

  it('explains every problem in both languages', () => {
    for (const message of Object.values(invoiceProblemMessages)) {
      expect(message.zh).toMatch(/\p{Script=Han}/u);
      expect(message.en).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(invoiceProblemMessages).sort()).toEqual([
      'special_requires_company',
      'tax_id_invalid',
      'tax_id_required',
      'type_not_offered',
    ]);
  });
});

describe('invoiceRequestSchema', () => {
  it('rejects a malformed e-mail address', () => {
    expect(invoiceRequestSchema.safeParse(company).success).toBe(true);
    const parsed = invoiceRequestSchema.safeParse({ ...company, email: 'not-an-email' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['email']);
  });
});

describe('invoice history and reissues', () => {
  const ticket = (id: string, orderId: string, details: Record<string, unknown>): Ticket => ({
    id,
    kind: 'invoice',
    customerId: 'demo-alice',
    orderId,
    status: 'open',
    createdAt: '2026-11-22T06:00:00.000Z',
    updatedAt: '2026-11-22T06:00:00.000Z',
    details,
    summary: { zh: '发票', en: 'Invoice' },
  });

  it('finds the newest invoice of the order and counts its reissues', () => {
    const tickets = [
      ticket('T20261122-0001', '202311150001', {}),
      ticket('T20261122-0002', '202311210099', {}),
      ticket('T20261122-0003', '202311150001', { reissue: true, reissueOf: 'T20261122-0001' }),
    ];
    const history = invoiceHistory(tickets, '202311150001');
    expect(history.latest?.id).toBe('T20261122-0003');
    expect(history.reissues).toBe(1);
    expect(canReissue(history, defaultPolicy)).toBe(false);
    expect(canReissue(invoiceHistory(tickets.slice(0, 2), '202311150001'), defaultPolicy)).toBe(true);
    expect(invoiceHistory(tickets, '20231102558736')).toEqual({ latest: undefined, reissues: 0 });
  });

  it('invoices paid, shipped and delivered orders only', () => {
    expect(isInvoiceable({ status: 'paid' })).toBe(true);
    expect(isInvoiceable({ status: 'delivered' })).toBe(true);
    expect(isInvoiceable({ status: 'unpaid' })).toBe(false);
    expect(isInvoiceable({ status: 'cancelled' })).toBe(false);
  });
});
