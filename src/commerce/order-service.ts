import type { ExchangeEligibility, ReturnEligibility } from './eligibility';
import type { InvoiceProblem } from './invoice-rules';
import type { ExchangeRequest, InvoiceRequest, ReturnRequest } from './requests';
import type {
  Address,
  NewTicket,
  Order,
  OrderStatus,
  Product,
  ProductVariant,
  Shipment,
  Ticket,
} from './types';

/**
 * What the bot needs from a shop's order system. A shop implements it against its own back end; the demo
 * shop (`DemoOrderService`) implements it in memory. Every outcome a shopper must hear about is a value,
 * not an exception, so each dialog can answer each case in the shopper's language. Callers check ownership
 * (`isOwner`) first: these methods act on whatever order they are given.
 */
export interface OrderService {
  findOrder(orderId: string): Promise<Order | undefined>;
  /** The customer's orders, newest first. */
  listOrders(customerId: string): Promise<Order[]>;
  /** The order's shipment, or undefined when the order is unknown or not shipped yet. */
  getTracking(orderId: string): Promise<Shipment | undefined>;
  cancelOrder(orderId: string): Promise<CancelOrderResult>;
  changeAddress(orderId: string, address: Address): Promise<ChangeAddressResult>;
  getProduct(productId: string): Promise<Product | undefined>;
  /** Variants with stock, optionally only those of `size` and/or `color`; empty for an unknown product. */
  checkStock(productId: string, size?: string, color?: string): Promise<ProductVariant[]>;
  createReturn(request: ReturnRequest): Promise<CreateReturnResult>;
  createExchange(request: ExchangeRequest): Promise<CreateExchangeResult>;
  createInvoiceRequest(request: InvoiceRequest): Promise<CreateInvoiceResult>;
  /** A ticket for anything else: a message left outside service hours, a delivery claim, … */
  createTicket(ticket: NewTicket): Promise<Ticket>;
  /** The customer's tickets, newest first. */
  listTickets(customerId: string): Promise<Ticket[]>;
  getTicket(ticketId: string): Promise<Ticket | undefined>;
}

export type CancelOrderResult =
  /** `refundAmount` is what goes back to the buyer: the total of a paid order, 0 of an unpaid one. */
  | { outcome: 'cancelled'; order: Order; refundAmount: number; ticket?: Ticket }
  /** Shipped or delivered: too late to cancel; the shopper can refuse the parcel or return it. */
  | { outcome: 'already_shipped'; order: Order }
  | { outcome: 'already_cancelled'; order: Order }
  | { outcome: 'not_found' };

export type ChangeAddressResult =
  | { outcome: 'changed'; order: Order; ticket?: Ticket }
  | { outcome: 'already_shipped'; order: Order }
  | { outcome: 'order_cancelled'; order: Order }
  /** The new address is somewhere the shop does not deliver (abroad, or not recognised). */
  | { outcome: 'region_not_served' }
  /** The new address is incomplete or malformed; `problems` name the fields. */
  | { outcome: 'invalid_address'; problems: string[] }
  | { outcome: 'not_found' };

/** Outcomes shared by the after-sales requests, which all name an order line. */
type OrderLineProblem = { outcome: 'not_found' } | { outcome: 'item_not_in_order' };

export type CreateReturnResult =
  | { outcome: 'created'; ticket: Ticket; refundAmount: number; eligibility: ReturnEligibility }
  | { outcome: 'not_eligible'; eligibility: ReturnEligibility }
  /** More units than are left to return on that line. */
  | { outcome: 'invalid_quantity'; returnableQuantity: number }
  | OrderLineProblem;

export type CreateExchangeResult =
  | { outcome: 'created'; ticket: Ticket; eligibility: ExchangeEligibility; newVariant: ProductVariant }
  | { outcome: 'not_eligible'; eligibility: ExchangeEligibility }
  /** The wanted size/colour exists but not enough are in stock; `available` lists what is. */
  | { outcome: 'out_of_stock'; available: ProductVariant[] }
  /** The product is not made in the wanted size/colour; `available` lists what is in stock. */
  | { outcome: 'no_such_variant'; available: ProductVariant[] }
  | { outcome: 'invalid_quantity'; exchangeableQuantity: number }
  | OrderLineProblem;

export type CreateInvoiceResult =
  | { outcome: 'created'; ticket: Ticket }
  /** The request breaks the invoice rules; `invoiceProblemMessages` explains each problem. */
  | { outcome: 'invalid'; problems: InvoiceProblem[] }
  /** Unpaid and cancelled orders have nothing to invoice. */
  | { outcome: 'not_invoiceable'; status: OrderStatus }
  /** A reissue beyond `policy.invoice.reissuesAllowed`: an agent has to decide. */
  | { outcome: 'reissue_limit'; reissuesAllowed: number }
  | { outcome: 'not_found' };
