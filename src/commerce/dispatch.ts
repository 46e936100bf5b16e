import { localMinuteOfDay, minutesOfClockTime } from './calendar';
import type { ShopPolicy } from './policy';

/** Whether an order paid at `paidAt` leaves the warehouse the same day (paid before the dispatch cut-off). */
export function shipsSameDay(paidAt: Date, policy: ShopPolicy): boolean {
  return localMinuteOfDay(paidAt, policy.utcOffsetMinutes) < minutesOfClockTime(policy.dispatchCutoff);
}
