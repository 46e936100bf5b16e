import { z } from 'zod';

/**
 * The shop's vocabulary: products, orders, shipments and tickets. Every shape has a zod schema because
 * a shop's order system is foreign input: an `OrderService` can parse what it gets before handing it on.
 * Money is in CNY yuan as plain numbers; times are ISO 8601 strings so that the values survive JSON and Redis.
 */

export const languageSchema = z.enum(['zh', 'en']);
/** The shopper's language; the same two the NLU detects. */
export type Language = z.infer<typeof languageSchema>;

export const localizedTextSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
/** Text a shopper may read, in both languages, so the bot can answer in whichever one they write. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const isoTimeSchema = z.iso.datetime({ offset: true });
const yuanSchema = z.number().min(0).finite();

export const addressSchema = z.object({
  name: z.string().trim().min(1).max(50),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s-]{6,20}$/, 'a phone number'),
  /** Province-level region as written by the shopper: 广东 / 广东省 / Guangdong, 香港, … */
  province: z.string().trim().min(1).max(30),
  city: z.string().trim().min(1).max(30),
  district: z.string().trim().min(1).max(30),
  street: z.string().trim().min(1).max(120),
  // Mainland codes have 6 digits, Taiwan's 3–6; Hong Kong and Macau have none.
  postalCode: z
    .string()
    .regex(/^\d{3,6}$/)
    .optional(),
});
export type Address = z.infer<typeof addressSchema>;

/**
 * Lower-case slug (`apparel`, `shoes`, `electronics`, `beauty`, `underwear`, `food`, `custom`, …). A string
 * rather than an enum so a shop can add its own; the policy names the ones it treats specially.
 */
export const productCategorySchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case category slug');
export type ProductCategory = z.infer<typeof productCategorySchema>;

export const productVariantSchema = z.object({
  sku: z.string().min(1),
  /** Upper-case letter size (S … XXL) or a number (waist 30, shoe 42), as the NLU's size entity reports it. */
  size: z.string().min(1).optional(),
  /** English colour name (`black`, `navy`), as the NLU's colour entity reports it; see `colorName`. */
  color: z.string().min(1).optional(),
  stock: z.number().int().min(0),
});
export type ProductVariant = z.infer<typeof productVariantSchema>;

export const productSchema = z.object({
  id: z.string().min(1),
  name: localizedTextSchema,
  category: productCategorySchema,
  price: yuanSchema,
  variants: z.array(productVariantSchema).min(1),
});
export type Product = z.infer<typeof productSchema>;

export const orderItemSchema = z.object({
  sku: z.string().min(1),
  productId: z.string().min(1),
  name: localizedTextSchema,
  /** Copied from the product when ordered, so return rules never depend on a catalogue that has since changed. */
  category: productCategorySchema,
  size: z.string().min(1).optional(),
  color: z.string().min(1).optional(),
  quantity: z.number().int().min(1),
  unitPrice: yuanSchema,
  /** Units already returned (or with a return under way); a line with all units returned cannot be returned again. */
  returnedQuantity: z.number().int().min(0).optional(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const CARRIER_CODES = ['SF', 'ZTO', 'YTO', 'STO', 'YUNDA'] as const;
/** SF Express 顺丰 and the 三通一达: ZTO 中通, YTO 圆通, STO 申通, Yunda 韵达. */
export const carrierCodeSchema = z.enum(CARRIER_CODES);
export type CarrierCode = z.infer<typeof carrierCodeSchema>;

export const trackingEventSchema = z.object({
  time: isoTimeSchema,
  location: localizedTextSchema,
  description: localizedTextSchema,
});
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

export const shipmentSchema = z.object({
  carrier: carrierCodeSchema,
  trackingNumber: z.string().min(1),
  shippedAt: isoTimeSchema,
  estimatedDelivery: isoTimeSchema,
  /** Newest first, as carriers list them and shoppers read them. */
  events: z.array(trackingEventSchema),
  deliveredAt: isoTimeSchema.optional(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

export const ORDER_STATUSES = ['unpaid', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    /** The buyer's phone: its last four digits are how a shopper proves the order is theirs. */
    phone: z.string().min(4),
    recipient: addressSchema,
    status: orderStatusSchema,
    createdAt: isoTimeSchema,
    paidAt: isoTimeSchema.optional(),
    items: z.array(orderItemSchema).min(1),
    shippingFee: yuanSchema,
    total: yuanSchema,
    /** 运费险: return-shipping insurance bought with the order; it pays the postage of a no-reason return. */
    shippingInsurance: z.boolean(),
    shipment: shipmentSchema.optional(),
    /** When an unpaid order is cancelled automatically. */
    paymentDueAt: isoTimeSchema.optional(),
  })
  .superRefine((order, context) => {
    // Return windows count from delivery and tracking needs a shipment: catch a shop's incomplete data at the door.
    if ((order.status === 'shipped' || order.status === 'delivered') && order.shipment === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['shipment'],
        message: `a ${order.status} order needs a shipment`,
      });
    }
    if (order.status === 'delivered' && order.shipment?.deliveredAt === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['shipment', 'deliveredAt'],
        message: 'a delivered order needs shipment.deliveredAt',
      });
    }
  });
export type Order = z.infer<typeof orderSchema>;

export const AFTER_SALE_REASONS = ['size', 'quality', 'not_as_described', 'changed_mind', 'other'] as const;
/** Why a shopper returns or exchanges: `quality` and `not_as_described` are the shop's fault, the rest are not. */
export const afterSaleReasonSchema = z.enum(AFTER_SALE_REASONS);
export type AfterSaleReason = z.infer<typeof afterSaleReasonSchema>;

/** The shop's fault: longer window, the shop pays return postage, and hygiene categories still qualify. */
export function isShopFault(reason: AfterSaleReason): boolean {
  return reason === 'quality' || reason === 'not_as_described';
}

export const INVOICE_TYPES = ['normal', 'special'] as const;
/** `normal` 普通电子发票; `special` 增值税专用发票, which lets a VAT-registered company deduct input tax. */
export const invoiceTypeSchema = z.enum(INVOICE_TYPES);
export type InvoiceType = z.infer<typeof invoiceTypeSchema>;

export const TICKET_KINDS = [
  'return',
  'exchange',
  'invoice',
  'cancel',
  'address_change',
  'claim',
  'message',
] as const;
export const ticketKindSchema = z.enum(TICKET_KINDS);
export type TicketKind = z.infer<typeof ticketKindSchema>;

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'rejected'] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketSchema = z.object({
  id: z.string().min(1),
  kind: ticketKindSchema,
  customerId: z.string().min(1),
  orderId: z.string().min(1).optional(),
  status: ticketStatusSchema,
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** What the agent needs to act on it: sku, reason, refund amount, invoice title, … */
  details: z.record(z.string(), z.unknown()),
  /** One line for the shopper's ticket list and the agent's queue. */
  summary: localizedTextSchema,
});
export type Ticket = z.infer<typeof ticketSchema>;

export const newTicketSchema = ticketSchema
  .omit({ id: true, createdAt: true, updatedAt: true, status: true })
  .extend({ status: ticketStatusSchema.default('open') });
/** What a caller supplies; the store assigns id and times. */
export type NewTicket = z.input<typeof newTicketSchema>;
