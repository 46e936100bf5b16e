import { copyPlain } from '../plain-copy';
import { exchangeEligibility, returnEligibility } from '../eligibility';
import { canReissue, invoiceHistory, invoiceRequestProblems, isInvoiceable } from '../invoice-rules';
import type {
  CancelOrderResult,
  ChangeAddressResult,
  CreateExchangeResult,
  CreateInvoiceResult,
  CreateReturnResult,
  OrderService,
} from '../order-service';
import { defaultPolicy, type ShopPolicy } from '../policy';
import { findRegion } from '../regions';
import type { ExchangeRequest, InvoiceRequest, ReturnRequest } from '../requests';
import {
  addressChangeTicketSummary,
  cancellationTicketSummary,
  exchangeTicketSummary,
  invoiceTicketSummary,
  returnTicketSummary,
} from '../ticket-summaries';
import { MemoryTicketStore, type TicketStore } from '../ticket-store';
import {
  addressSchema,
  type Address,
  type NewTicket,
  type Order,
  type Product,
  type ProductVariant,
  type Shipment,
  type Ticket,
} from '../types';
import { createDemoCatalog } from './catalog';
import { createDemoOrders } from './orders';

export interface DemoOrderServiceOptions {
  /** The moment the demo data is relative to; the current time by default. */
  now?: Date;
  /**
   * The time the shop acts at (return windows, ticket times). Defaults to a clock frozen at `now` when
   * `now` is given — what tests want — and to the real clock otherwise.
   */
  clock?: () => Date;
  policy?: ShopPolicy;
  ticketStore?: TicketStore;
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * The demo shop of DESIGN.md §7 as an `OrderService`, in memory: cancellations, address changes, returns,
 * exchanges (which take stock) and tickets are kept, so later calls see them. Everything handed out is a
 * copy, so a caller cannot change the shop's state behind its back.
 */
export class DemoOrderService implements OrderService {
  private readonly orders: Map<string, Order>;
  private readonly products: Map<string, Product>;
  private readonly clock: () => Date;
  private readonly policy: ShopPolicy;
  private readonly tickets: TicketStore;

  constructor(options: DemoOrderServiceOptions = {}) {
    const now = options.now;
    this.clock = options.clock ?? (now !== undefined ? () => new Date(now.getTime()) : () => new Date());
    this.policy = options.policy ?? defaultPolicy;
    this.tickets =
      options.ticketStore ??
      new MemoryTicketStore({ clock: this.clock, utcOffsetMinutes: this.policy.utcOffsetMinutes });
    const catalog = createDemoCatalog();
    this.products = new Map(catalog.map((product) => [product.id, product]));
    this.orders = new Map(createDemoOrders(now ?? this.clock(), catalog).map((order) => [order.id, order]));
  }

  async findOrder(orderId: string): Promise<Order | undefined> {
    const order = this.orders.get(orderId.trim());
    return order && copyPlain(order);
  }

  async listOrders(customerId: string): Promise<Order[]> {
    return [...this.orders.values()]
      .filter((order) => order.customerId === customerId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((order) => copyPlain(order));
  }

  async getTracking(orderId: string): Promise<Shipment | undefined> {
    const shipment = this.orders.get(orderId.trim())?.shipment;
    return shipment && copyPlain(shipment);
  }

  async cancelOrder(orderId: string): Promise<CancelOrderResult> {
    const order = this.orders.get(orderId.trim());
    if (order === undefined) return { outcome: 'not_found' };
    if (order.status === 'cancelled') return { outcome: 'already_cancelled', order: copyPlain(order) };
    if (order.status === 'shipped' || order.status === 'delivered') {
      return { outcome: 'already_shipped', order: copyPlain(order) };
    }
    const refundAmount = order.status === 'paid' ? order.total : 0;
    order.status = 'cancelled';
    delete order.paymentDueAt;
    const ticket = await this.tickets.create({
      kind: 'cancel',
      customerId: order.customerId,
      orderId: order.id,
      status: 'resolved',
      details: { refundAmount },
      summary: cancellationTicketSummary(order.id, refundAmount),
    });
    return { outcome: 'cancelled', order: copyPlain(order), refundAmount, ticket };
  }

  async changeAddress(orderId: string, address: Address): Promise<ChangeAddressResult> {
    const order = this.orders.get(orderId.trim());
    if (order === undefined) return { outcome: 'not_found' };
    if (order.status === 'cancelled') return { outcome: 'order_cancelled', order: copyPlain(order) };
    if (order.status === 'shipped' || order.status === 'delivered') {
      return { outcome: 'already_shipped', order: copyPlain(order) };
    }
    const parsed = addressSchema.safeParse(address);
    if (!parsed.success) {
      return {
        outcome: 'invalid_address',
        problems: parsed.error.issues.map((issue) => issue.path.join('.')),
      };
    }
    if (findRegion(parsed.data.province) === undefined) return { outcome: 'region_not_served' };
    // The demo keeps the shipping fee; a real shop would re-quote a move into or out of a remote region.
    const previous = order.recipient;
    order.recipient = parsed.data;
    const ticket = await this.tickets.create({
      kind: 'address_change',
      customerId: order.customerId,
      orderId: order.id,
      status: 'resolved',
      details: { from: previous, to: parsed.data },
      summary: addressChangeTicketSummary(order.id, parsed.data.province, parsed.data.city),
    });
    return { outcome: 'changed', order: copyPlain(order), ticket };
  }

  async getProduct(productId: string): Promise<Product | undefined> {
    const product = this.products.get(productId);
    return product && copyPlain(product);
  }

  async checkStock(productId: string, size?: string, color?: string): Promise<ProductVariant[]> {
    const product = this.products.get(productId);
    if (product === undefined) return [];
    return product.variants
      .filter(
        (variant) =>
          variant.stock > 0 &&
          (size === undefined || sameText(variant.size, size)) &&
          (color === undefined || sameText(variant.color, color)),
      )
      .map((variant) => ({ ...variant }));
  }

  async createReturn(request: ReturnRequest): Promise<CreateReturnResult> {
    const order = this.orders.get(request.orderId.trim());
    if (order === undefined) return { outcome: 'not_found' };
    const item = order.items.find((candidate) => candidate.sku === request.sku);
    if (item === undefined) return { outcome: 'item_not_in_order' };
    const eligibility = returnEligibility(order, item, request.reason, this.clock(), this.policy);
    if (!eligibility.eligible) return { outcome: 'not_eligible', eligibility };
    const returnableQuantity = item.quantity - (item.returnedQuantity ?? 0);
    if (request.quantity > returnableQuantity) return { outcome: 'invalid_quantity', returnableQuantity };

    const refundAmount = roundYuan(item.unitPrice * request.quantity);
    item.returnedQuantity = (item.returnedQuantity ?? 0) + request.quantity;
    const ticket = await this.tickets.create({
      kind: 'return',
      customerId: order.customerId,
      orderId: order.id,
      details: {
        sku: item.sku,
        quantity: request.quantity,
        reason: request.reason,
        description: request.description,
        refundAmount,
        returnShippingPaidBy: eligibility.returnShippingPaidBy,
        coveredByShippingInsurance: eligibility.coveredByShippingInsurance,
      },
      summary: returnTicketSummary(order.id, item, request.quantity, request.reason, refundAmount),
    });
    return { outcome: 'created', ticket, refundAmount, eligibility };
  }

  async createExchange(request: ExchangeRequest): Promise<CreateExchangeResult> {
    const order = this.orders.get(request.orderId.trim());
    if (order === undefined) return { outcome: 'not_found' };
    const item = order.items.find((candidate) => candidate.sku === request.sku);
    if (item === undefined) return { outcome: 'item_not_in_order' };
    const eligibility = exchangeEligibility(order, this.clock(), this.policy, item);
    if (!eligibility.eligible) return { outcome: 'not_eligible', eligibility };
    const exchangeableQuantity = item.quantity - (item.returnedQuantity ?? 0);
    if (request.quantity > exchangeableQuantity) return { outcome: 'invalid_quantity', exchangeableQuantity };

    const wanted = { size: request.size ?? item.size, color: request.color ?? item.color };
    const product = this.products.get(item.productId);
    const variant = product?.variants.find(
      (candidate) => sameText(candidate.size, wanted.size) && sameText(candidate.color, wanted.color),
    );
    const available = await this.checkStock(item.productId);
    if (variant === undefined) return { outcome: 'no_such_variant', available };
    if (variant.stock < request.quantity) return { outcome: 'out_of_stock', available };

    variant.stock -= request.quantity; // held for the replacement
    const ticket = await this.tickets.create({
      kind: 'exchange',
      customerId: order.customerId,
      orderId: order.id,
      details: {
        sku: item.sku,
        newSku: variant.sku,
        quantity: request.quantity,
        reason: request.reason,
        description: request.description,
      },
      summary: exchangeTicketSummary(order.id, item, request.quantity, wanted),
    });
    return { outcome: 'created', ticket, eligibility, newVariant: { ...variant } };
  }

  async createInvoiceRequest(request: InvoiceRequest): Promise<CreateInvoiceResult> {
    const order = this.orders.get(request.orderId.trim());
    if (order === undefined) return { outcome: 'not_found' };
    if (!isInvoiceable(order)) return { outcome: 'not_invoiceable', status: order.status };
    const problems = invoiceRequestProblems(request, this.policy);
    if (problems.length > 0) return { outcome: 'invalid', problems };
    const reissue = request.reissue === true || request.reissueOf !== undefined;
    if (reissue) {
      const history = invoiceHistory(await this.tickets.listByCustomer(order.customerId), order.id);
      if (!canReissue(history, this.policy)) {
        return { outcome: 'reissue_limit', reissuesAllowed: this.policy.invoice.reissuesAllowed };
      }
    }
    const ticket = await this.tickets.create({
      kind: 'invoice',
      customerId: order.customerId,
      orderId: order.id,
      details: {
        type: request.type,
        titleType: request.titleType,
        title: request.title,
        taxId: request.titleType === 'company' ? request.taxId?.replace(/\s+/g, '').toUpperCase() : undefined,
        email: request.email,
        amount: order.total,
        issueWithinWorkingDays: this.policy.invoice.issueWithinWorkingDays,
        ...(reissue ? { reissue: true, reissueOf: request.reissueOf } : {}),
      },
      summary: invoiceTicketSummary(order.id, request.type, request.title, reissue),
    });
    return { outcome: 'created', ticket };
  }

  async createTicket(ticket: NewTicket): Promise<Ticket> {
    return this.tickets.create(ticket);
  }

  async listTickets(customerId: string): Promise<Ticket[]> {
    return this.tickets.listByCustomer(customerId);
  }

  async getTicket(ticketId: string): Promise<Ticket | undefined> {
    return this.tickets.get(ticketId);
  }
}
