import { addDays, calendarDaysBetween, localIsoDate } from './calendar';
import type { ShopPolicy } from './policy';
import { isShopFault, type AfterSaleReason, type Order, type OrderItem } from './types';

/**
 * Whether an item may be returned or exchanged, and on what terms. Pure functions of the order, the clock
 * and the policy, so a dialog can explain a refusal precisely ("delivered 9 days ago; the window is 7 days").
 */

export type ReturnEligibilityCode =
  'ok' | 'not_delivered' | 'outside_window' | 'non_returnable_category' | 'already_returned';

export interface ReturnEligibility {
  eligible: boolean;
  code: ReturnEligibilityCode;
  /** The window that applies to this reason. */
  windowDays: number;
  /** Shop-local calendar days since delivery; null before delivery. */
  daysSinceDelivery: number | null;
  /** Last shop-local date (`YYYY-MM-DD`) a return is accepted; null before delivery. */
  lastDay: string | null;
  /** Who bears the postage. With 运费险 this is `shop`: the buyer is reimbursed by the insurance. */
  returnShippingPaidBy: 'buyer' | 'shop';
  /** The order's 运费险 is what pays, so the dialog can tell the shopper to claim it. */
  coveredByShippingInsurance: boolean;
}

export type ExchangeEligibilityCode =
  'ok' | 'not_delivered' | 'outside_window' | 'non_exchangeable_category' | 'already_returned';

export interface ExchangeEligibility {
  eligible: boolean;
  code: ExchangeEligibilityCode;
  windowDays: number;
  daysSinceDelivery: number | null;
  lastDay: string | null;
}

interface DeliveryAge {
  daysSinceDelivery: number;
  lastDay: string;
}

function deliveryAge(order: Order, windowDays: number, now: Date, policy: ShopPolicy): DeliveryAge | null {
  const deliveredAt = order.status === 'delivered' ? order.shipment?.deliveredAt : undefined;
  if (deliveredAt === undefined) return null;
  const delivered = new Date(deliveredAt);
  return {
    daysSinceDelivery: calendarDaysBetween(delivered, now, policy.utcOffsetMinutes),
    lastDay: localIsoDate(addDays(delivered, windowDays), policy.utcOffsetMinutes),
  };
}

function fullyReturned(item: OrderItem): boolean {
  return (item.returnedQuantity ?? 0) >= item.quantity;
}

function returnPostage(order: Order, reason: AfterSaleReason, policy: ShopPolicy) {
  if (isShopFault(reason)) {
    return { returnShippingPaidBy: policy.returnShipping.shopFaultPaidBy, coveredByShippingInsurance: false };
  }
  if (order.shippingInsurance && policy.returnShipping.shippingInsuranceCoversNoReason) {
    return { returnShippingPaidBy: 'shop' as const, coveredByShippingInsurance: true };
  }
  return { returnShippingPaidBy: policy.returnShipping.noReasonPaidBy, coveredByShippingInsurance: false };
}

/**
 * Can `item` of `order` be returned for `reason` at `now`? A shop fault (quality, not as described) gets the
 * longer window, free postage, and is accepted even in non-returnable categories; other reasons are
 * 七天无理由 returns.
 */
export function returnEligibility(
  order: Order,
  item: OrderItem,
  reason: AfterSaleReason,
  now: Date,
  policy: ShopPolicy,
): ReturnEligibility {
  const shopFault = isShopFault(reason);
  const windowDays = shopFault ? policy.qualityReturnWindowDays : policy.returnWindowDays;
  const age = deliveryAge(order, windowDays, now, policy);
  const terms = {
    windowDays,
    daysSinceDelivery: age?.daysSinceDelivery ?? null,
    lastDay: age?.lastDay ?? null,
    ...returnPostage(order, reason, policy),
  };
  const verdict = (code: ReturnEligibilityCode): ReturnEligibility => ({
    eligible: code === 'ok',
    code,
    ...terms,
  });

  if (age === null) return verdict('not_delivered');
  if (fullyReturned(item)) return verdict('already_returned');
  if (!shopFault && policy.nonReturnableCategories.includes(item.category))
    return verdict('non_returnable_category');
  if (age.daysSinceDelivery > windowDays) return verdict('outside_window');
  return verdict('ok');
}

/**
 * Can `order` (or, given `item`, that line of it) be exchanged for another size or colour at `now`?
 * Stock is not checked here: that needs the catalogue, see `OrderService.checkStock`.
 */
export function exchangeEligibility(
  order: Order,
  now: Date,
  policy: ShopPolicy,
  item?: OrderItem,
): ExchangeEligibility {
  const windowDays = policy.exchangeWindowDays;
  const age = deliveryAge(order, windowDays, now, policy);
  const verdict = (code: ExchangeEligibilityCode): ExchangeEligibility => ({
    eligible: code === 'ok',
    code,
    windowDays,
    daysSinceDelivery: age?.daysSinceDelivery ?? null,
    lastDay: age?.lastDay ?? null,
  });

  if (age === null) return verdict('not_delivered');
  if (item !== undefined && fullyReturned(item)) return verdict('already_returned');
  if (item !== undefined && policy.nonExchangeableCategories.includes(item.category)) {
    return verdict('non_exchangeable_category');
  }
  if (age.daysSinceDelivery > windowDays) return verdict('outside_window');
  return verdict('ok');
}
