import { localMinuteOfDay, minutesOfClockTime } from '../commerce/calendar';
import type { ShopPolicy } from '../commerce/policy';

export type ServiceHoursPolicy = Pick<ShopPolicy, 'serviceHours' | 'utcOffsetMinutes'>;

/** Whether `now` falls within the shop's service hours, in the shop's own time zone (open ≤ now < close). */
export function withinServiceHours(now: Date, policy: ServiceHoursPolicy): boolean {
  const minute = localMinuteOfDay(now, policy.utcOffsetMinutes);
  return (
    minute >= minutesOfClockTime(policy.serviceHours.open) &&
    minute < minutesOfClockTime(policy.serviceHours.close)
  );
}
