import type { Shipment, TrackingEvent } from './types';

/**
 * Whether a parcel looks stuck. Shoppers ask "where is my order" most when it is late; an overdue parcel
 * is worth a proactive apology and, in the bot, a claim ticket or an agent.
 */

/** A parcel with no new scan for this many days is treated as stuck (carriers scan at every hub). */
export const STALE_TRACKING_DAYS = 3;

const DAY_MS = 86_400_000;

export type OverdueReason = 'no_recent_scan' | 'past_estimated_delivery';

/** The newest scan, or undefined before the carrier has scanned anything. */
export function latestEvent(shipment: Shipment): TrackingEvent | undefined {
  // Listed newest first by contract, but a shop's system may not sort: pick the latest by time.
  return shipment.events.reduce<TrackingEvent | undefined>(
    (latest, event) =>
      latest === undefined || Date.parse(event.time) > Date.parse(latest.time) ? event : latest,
    undefined,
  );
}

/** Why an undelivered shipment is overdue at `now`; empty when it is on time or delivered. */
export function overdueReasons(
  shipment: Shipment,
  now: Date,
  staleAfterDays = STALE_TRACKING_DAYS,
): OverdueReason[] {
  if (shipment.deliveredAt !== undefined) return [];
  const reasons: OverdueReason[] = [];
  const lastActivity = latestEvent(shipment)?.time ?? shipment.shippedAt;
  if (now.getTime() - Date.parse(lastActivity) >= staleAfterDays * DAY_MS) reasons.push('no_recent_scan');
  if (now.getTime() > Date.parse(shipment.estimatedDelivery)) reasons.push('past_estimated_delivery');
  return reasons;
}

/** No scan for `staleAfterDays` (default 3) days, or past the estimated delivery, and not delivered. */
export function isOverdue(shipment: Shipment, now: Date, staleAfterDays = STALE_TRACKING_DAYS): boolean {
  return overdueReasons(shipment, now, staleAfterDays).length > 0;
}
