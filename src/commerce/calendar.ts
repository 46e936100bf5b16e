/**
 * Shop-local calendar arithmetic. Return windows are counted in calendar days of the shop's time zone
 * (China: UTC+8, no daylight saving), so a parcel signed for at 23:50 has used up one day at midnight —
 * as the shopper sees it — not 24 hours later. A fixed offset is enough for Chinese shops and needs no tz data.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** China Standard Time, the default of every policy. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

function localDayNumber(time: Date, utcOffsetMinutes: number): number {
  return Math.floor((time.getTime() + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** Whole calendar days from `from` to `to` in the shop's zone: 0 the same day, 1 the next day, … */
export function calendarDaysBetween(from: Date, to: Date, utcOffsetMinutes: number): number {
  return localDayNumber(to, utcOffsetMinutes) - localDayNumber(from, utcOffsetMinutes);
}

function shiftedToLocal(time: Date, utcOffsetMinutes: number): Date {
  return new Date(time.getTime() + utcOffsetMinutes * MINUTE_MS);
}

/** `YYYY-MM-DD` of the shop-local date. */
export function localIsoDate(time: Date, utcOffsetMinutes: number): string {
  return shiftedToLocal(time, utcOffsetMinutes).toISOString().slice(0, 10);
}

/** `YYYYMMDD` of the shop-local date, as used in ticket ids. */
export function localDateStamp(time: Date, utcOffsetMinutes: number): string {
  return localIsoDate(time, utcOffsetMinutes).replace(/-/g, '');
}

/** Minutes since shop-local midnight. */
export function localMinuteOfDay(time: Date, utcOffsetMinutes: number): number {
  const local = shiftedToLocal(time, utcOffsetMinutes);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** `HH:MM` (24-hour) to minutes since midnight. */
export function minutesOfClockTime(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

export function addDays(time: Date, days: number): Date {
  return new Date(time.getTime() + days * DAY_MS);
}
