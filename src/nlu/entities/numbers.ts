const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A small count in Arabic digits or Chinese numerals up to 九十九 (三, 十, 十二, 二十, 二十五); NaN otherwise.
 * Counts in messages ("三天前") never need more.
 */
export function parseSmallNumber(text: string): number {
  if (text.length === 0) return NaN;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return Number(text);
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? (CHINESE_DIGITS[text] ?? NaN) : NaN;
  const tens = ten === 0 ? 1 : ten === 1 ? (CHINESE_DIGITS[text[0]] ?? NaN) : NaN;
  const rest = text.slice(ten + 1);
  const ones = rest.length === 0 ? 0 : rest.length === 1 ? (CHINESE_DIGITS[rest] ?? NaN) : NaN;
  return tens * 10 + ones;
}

/**
 * A decimal string (digits, optional thousands commas and fraction) times 10^power, written as a plain
 * decimal: string arithmetic, because 1.1 × 10000 in floating point is 11000.000000000002.
 */
export function scaleDecimal(decimal: string, power: number): string {
  const plain = decimal.includes(',') ? decimal.replace(/,/g, '') : decimal;
  const point = plain.indexOf('.');
  let whole = point < 0 ? plain : plain.slice(0, point);
  let fraction = point < 0 ? '' : plain.slice(point + 1);
  if (power > 0) {
    const moved = fraction.padEnd(power, '0');
    whole += moved.slice(0, power);
    fraction = moved.slice(power);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
}
