import { Specificity, type EntityCollector } from './collector';
import { scaleDecimal } from './numbers';

/**
 * One pass finds every number with an optional currency before it, an optional 万 / k multiplier and an
 * optional currency word after it; a number with neither currency mark is not an amount. ￥ (U+FFE5) is
 * listed next to ¥ (U+00A5) for text that skipped normalisation.
 */
const AMOUNT =
  /(?:(?<![A-Za-z])(US\$|USD|RMB|CNY|\$|¥|￥)\s?)?(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万|k(?![A-Za-z]))?(?:\s?(块钱|元|块|人民币|rmb|cny|yuan|美元|美金|dollars?|bucks?|usd)(?![A-Za-z]))?/gi;

const USD_MARKS = new Set(['us$', 'usd', '$', '美元', '美金', 'dollar', 'dollars', 'buck', 'bucks']);

export function findAmounts(text: string, out: EntityCollector): void {
  AMOUNT.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = AMOUNT.exec(text)) !== null) {
    const prefix = match[1];
    const suffix = match[5];
    if (prefix === undefined && suffix === undefined) continue;
    const multiplier = match[4];
    // Reached only with a currency mark: a bare 万 or k is a count ("1.5万人"), not money.
    const power = multiplier === undefined ? 0 : multiplier === '万' ? 4 : 3;
    const number = scaleDecimal(match[2] + (match[3] ?? ''), power);
    const mark = (prefix ?? suffix ?? '').toLowerCase();
    const currency = USD_MARKS.has(mark) ? 'USD' : 'CNY';
    out.add(
      'amount',
      `${currency} ${number}`,
      match.index,
      match.index + match[0].length,
      Specificity.amount,
    );
  }
}
