/** Calendar arithmetic on local dates: shoppers mean the day on their own calendar, not a UTC instant. */

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** `now`'s calendar day moved by `days` (Date normalises month and year overflow). */
export function addDays(now: Date, days: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}

/** Monday = 0 … Sunday = 6: Chinese weeks (and most shoppers') start on Monday. */
export function weekdayIndex(date: Date): number {
  return (date.getDay() + 6) % 7;
}

/** A real calendar day (no 2 月 30 日); month is 1–12. */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(year, month, 0).getDate();
}

/** ISO form of year-month-day, or undefined when that day does not exist. */
export function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (!isValidDay(year, month, day)) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * A month and day given without a year. When the message talks about something that already happened
 * (bought, received, …), the most recent such day not after `now` (so "12月20日买的" in November is last
 * December); otherwise this year's. Deliberately simple: no guessing beyond that.
 */
export function isoForMonthDay(now: Date, month: number, day: number, past: boolean): string | undefined {
  const year = now.getFullYear();
  if (!past) return isoFromParts(year, month, day);
  const today = new Date(year, now.getMonth(), now.getDate()).getTime();
  // Eight years back always reaches a 29 February, even across a skipped leap year such as 2100.
  for (let y = year; y >= year - 8; y--) {
    if (isValidDay(y, month, day) && new Date(y, month - 1, day).getTime() <= today) {
      return isoFromParts(y, month, day);
    }
  }
  return undefined;
}
