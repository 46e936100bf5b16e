import { addDays, isoDate, isoForMonthDay, isoFromParts, weekdayIndex } from './calendar';
import { Specificity, type EntityCollector } from './collector';
import { parseSmallNumber } from './numbers';
import { HAS_CJK, HAS_DIGIT, HAS_LATIN } from './text-traits';

const ZH_DAY_OFFSETS: Readonly<Record<string, number>> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};
const ZH_WEEK_OFFSETS: Readonly<Record<string, number>> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 };
const ZH_WEEKDAYS = '一二三四五六日';

// The lookbehinds keep words that merely contain 前天/后天 (提前天数, 之后天气) out; (?!气) does the
// same for 这周天气 (this week's weather).
const ZH =
  /(大前天|(?<![提之以目当向往])前天|昨天|昨日|今天|今日|明天|明日|大后天|(?<![之以然最落])后天)|(\d{1,3}|[一二两三四五六七八九十]{1,3})天(前|后)|(上上|上|这|本|下)个?(?:周|星期|礼拜)([一二三四五六日天])(?!气)/g;

const NUMERIC =
  /(?<![\d/.])(?:(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?|(\d{1,2})月(\d{1,2})[日号]?|(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?)(?![\d/])/g;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS =
  'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
const EN = new RegExp(
  '(?<![A-Za-z0-9])(?:' +
    '(?<relative>today|tonight|yesterday|tomorrow|(?:the\\s+)?day\\s+(?:before\\s+yesterday|after\\s+tomorrow))' +
    '|(?<count>\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\\s+couple\\s+of)\\s+days?\\s+ago' +
    `|(?<which>last|this|next)\\s+(?<weekday>${WEEKDAYS})` +
    `|(?<month1>${MONTHS})(?:\\.\\s*|\\s+)(?<day1>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<year1>\\d{4}))?` +
    `|(?<day2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<month2>${MONTHS})\\.?(?:,?\\s+(?<year2>\\d{4}))?` +
    ')(?![A-Za-z0-9])',
  'gi',
);
const EN_COUNTS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const EN_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Words saying the dated thing already happened; they decide the year of a bare month and day. */
const PAST_CUE =
  /了|过|买的|下单|下的单|拍的|收到|签收|到货|发货|付款|付的|(?<![A-Za-z])(?:ago|bought|ordered|received|got|paid|placed|delivered|shipped|arrived|came|was|were|did)(?![A-Za-z])/i;

/** Day `weekday` (Monday = 0) of the week `weeks` away from `now`'s Monday-to-Sunday week. */
function dayOfWeek(now: Date, weeks: number, weekday: number): string {
  return isoDate(addDays(now, weeks * 7 + weekday - weekdayIndex(now)));
}

/** "the day before yesterday" and "day after tomorrow" are two days away; the single words one or none. */
function englishDayOffset(phrase: string): number {
  const word = phrase.toLowerCase();
  const distance = word.includes(' ') ? 2 : word === 'today' || word === 'tonight' ? 0 : 1;
  return word.endsWith('yesterday') ? -distance : distance;
}

function findChineseDates(text: string, now: Date | undefined, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  ZH.lastIndex = 0;
  while ((match = ZH.exec(text)) !== null) {
    const clock = now ?? new Date();
    let iso: string | undefined;
    if (match[1] !== undefined) iso = isoDate(addDays(clock, ZH_DAY_OFFSETS[match[1]]));
    else if (match[2] !== undefined) {
      const days = parseSmallNumber(match[2]);
      if (Number.isFinite(days)) iso = isoDate(addDays(clock, match[3] === '前' ? -days : days));
    } else {
      const weekday = match[5] === '天' ? 6 : ZH_WEEKDAYS.indexOf(match[5]);
      iso = dayOfWeek(clock, ZH_WEEK_OFFSETS[match[4]], weekday);
    }
    if (iso !== undefined) out.add('date', iso, match.index, match.index + match[0].length, Specificity.date);
  }
}

function findNumericDates(text: string, now: Date | undefined, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  NUMERIC.lastIndex = 0;
  while ((match = NUMERIC.exec(text)) !== null) {
    let iso: string | undefined;
    if (match[1] !== undefined) iso = isoFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
    else if (match[8] !== undefined) iso = isoFromParts(Number(match[8]), Number(match[6]), Number(match[7]));
    else {
      const month = Number(match[4] ?? match[6]);
      const day = Number(match[5] ?? match[7]);
      iso = isoForMonthDay(now ?? new Date(), month, day, PAST_CUE.test(text));
    }
    if (iso !== undefined) out.add('date', iso, match.index, match.index + match[0].length, Specificity.date);
  }
}

function findEnglishDates(text: string, now: Date | undefined, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  EN.lastIndex = 0;
  while ((match = EN.exec(text)) !== null) {
    const clock = now ?? new Date();
    const groups = match.groups ?? {};
    let iso: string | undefined;
    if (groups.relative !== undefined) iso = isoDate(addDays(clock, englishDayOffset(groups.relative)));
    else if (groups.count !== undefined) {
      const word = groups.count.toLowerCase();
      const days = word.includes('couple') ? 2 : (EN_COUNTS[word] ?? Number(word));
      iso = isoDate(addDays(clock, -days));
    } else if (groups.which !== undefined) {
      const weekday = EN_WEEKDAYS.indexOf(groups.weekday.slice(0, 3).toLowerCase());
      const which = groups.which.toLowerCase();
      // "last": the most recent such day strictly before today, 1–7 days back.
      if (which === 'last') iso = isoDate(addDays(clock, -((weekdayIndex(clock) - weekday + 6) % 7) - 1));
      else iso = dayOfWeek(clock, which === 'next' ? 1 : 0, weekday);
    } else {
      const month = EN_MONTHS.indexOf((groups.month1 ?? groups.month2).slice(0, 3).toLowerCase()) + 1;
      const day = Number(groups.day1 ?? groups.day2);
      const year = groups.year1 ?? groups.year2;
      iso =
        year !== undefined
          ? isoFromParts(Number(year), month, day)
          : isoForMonthDay(clock, month, day, PAST_CUE.test(text));
    }
    if (iso !== undefined) out.add('date', iso, match.index, match.index + match[0].length, Specificity.date);
  }
}

/**
 * Dates in the message as ISO YYYY-MM-DD on the local calendar of `now` (the clock when not given).
 * Chinese weeks (上周一, 这周五, 下周一) and English "this/next Friday" name a day of the previous,
 * current or next Monday-to-Sunday week; English "last Monday" is read as the most recent Monday before
 * today, its usual everyday meaning.
 */
export function findDates(text: string, traits: number, now: Date | undefined, out: EntityCollector): void {
  if (traits & HAS_CJK) findChineseDates(text, now, out);
  if (traits & HAS_DIGIT) findNumericDates(text, now, out);
  if (traits & HAS_LATIN) findEnglishDates(text, now, out);
}
