import { z } from 'zod';
import { afterSaleReasonSchema, invoiceTypeSchema } from './types';

/**
 * What a dialog asks an `OrderService` to do after a conversation. Schemas, because the same requests may
 * also arrive over HTTP from an agent console. The customer is the order's, so it is not repeated here:
 * callers check ownership (`isOwner`) before asking.
 */

const orderIdSchema = z.string().trim().min(1);
const quantitySchema = z.number().int().min(1);
const descriptionSchema = z.string().trim().max(500).optional();

export const returnRequestSchema = z.object({
  orderId: orderIdSchema,
  /** The order line, by its sku. */
  sku: z.string().min(1),
  quantity: quantitySchema,
  reason: afterSaleReasonSchema,
  /** The shopper's own words, for the agent. */
  description: descriptionSchema,
});
export type ReturnRequest = z.infer<typeof returnRequestSchema>;

export const exchangeRequestSchema = z
  .object({
    orderId: orderIdSchema,
    sku: z.string().min(1),
    quantity: quantitySchema,
    /** Wanted size; the current one when only the colour changes. */
    size: z.string().min(1).optional(),
    /** Wanted colour; the current one when only the size changes. */
    color: z.string().min(1).optional(),
    reason: afterSaleReasonSchema,
    description: descriptionSchema,
  })
  .refine((request) => request.size !== undefined || request.color !== undefined, {
    message: 'an exchange needs a new size or colour',
    path: ['size'],
  });
export type ExchangeRequest = z.infer<typeof exchangeRequestSchema>;

export const invoiceRequestSchema = z.object({
  orderId: orderIdSchema,
  type: invoiceTypeSchema,
  /** 个人 or 单位: who the invoice is made out to. */
  titleType: z.enum(['personal', 'company']),
  /** 发票抬头: the person's or company's name. */
  title: z.string().trim().min(1).max(100),
  /** 税号 (统一社会信用代码), needed for company titles. */
  taxId: z.string().trim().optional(),
  /** Electronic invoices are sent here. */
  email: z.email(),
  /** 重开: this replaces an invoice already issued for the order (wrong title, personal → company, …). */
  reissue: z.boolean().optional(),
  /** The ticket of the invoice being replaced, when the shop has one; implies `reissue`. */
  reissueOf: z.string().trim().min(1).optional(),
});
export type InvoiceRequest = z.infer<typeof invoiceRequestSchema>;
