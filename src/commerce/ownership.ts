import type { Order } from './types';

/** How the shopper is known: by the channel (a logged-in customer id) or by what they typed. */
export interface ShopperIdentity {
  customerId?: string;
  /** The last four digits of the phone on the order, as the shopper typed them. */
  phoneLast4?: string;
}

/**
 * True when the shopper may see the order's personal data and act on it: the channel says they are its
 * customer, or they know the last four digits of its phone.
 */
export function isOwner(order: Order, identity: ShopperIdentity): boolean {
  if (identity.customerId !== undefined && identity.customerId === order.customerId) return true;
  const typed = identity.phoneLast4?.replace(/\D/g, '') ?? '';
  if (typed.length !== 4) return false;
  return order.phone.replace(/\D/g, '').endsWith(typed);
}
