import { hasValidCheckSymbol } from '../../commerce/tax-id';
import { Specificity, type EntityCollector } from './collector';

/**
 * 统一社会信用代码 (unified social credit code): the checksum is the commerce layer's (GB 32100-2015), one
 * implementation for the invoice rules and for spotting codes in messages.
 */
/** True when `code` (upper-case) is 18 symbols of the alphabet whose last one is the check character. */
export const isValidTaxId: (code: string) => boolean = hasValidCheckSymbol;

/**
 * Registration authority (1st symbol) → the organisation categories (2nd symbol) it issues, from the
 * standard's table: 9 工商 issues 1 企业 / 2 个体工商户 / 3 农民专业合作社, 5 民政 issues 1/2/3/9, …
 */
const CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '1239',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** First two digits of the 6-digit administrative division: the provinces, and 10 for national bodies. */
const PROVINCES = new Set([
  10, 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

/** Authority, category and division code make sense: the code's own structure, before its checksum. */
export function isShapedLikeTaxId(code: string): boolean {
  const categories = CATEGORIES[code[0]];
  if (categories === undefined || !categories.includes(code[1])) return false;
  return PROVINCES.has(Number(code.slice(2, 4)));
}

// After a keyword, any run of 15–20 symbols is what the shopper offers as their code: report it (invalid
// unless it checks out) rather than mistake it for an order number.
const AFTER_KEYWORD =
  /(?:税号|纳税人识别号|统一社会信用代码|社会信用代码|信用代码|(?<![A-Za-z])(?:tax\s*(?:id|no\.?|number|code)|uscc))[\s:：#]*(?:(?:是|为|is)\s*[:：]?\s*)?([0-9A-Za-z]{15,20})(?![0-9A-Za-z])/gi;
const BARE = /(?<![0-9A-Za-z])[1-9ANY][1-9]\d{6}[0-9A-Z]{10}(?![0-9A-Za-z])/gi;
const LETTER = /[A-Za-z]/;

export function findTaxIds(text: string, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  AFTER_KEYWORD.lastIndex = 0;
  while ((match = AFTER_KEYWORD.exec(text)) !== null) {
    const code = match[1].toUpperCase();
    const end = match.index + match[0].length;
    out.add('taxId', code, end - code.length, end, Specificity.taxIdAfterKeyword, isValidTaxId(code));
  }
  BARE.lastIndex = 0;
  while ((match = BARE.exec(text)) !== null) {
    const code = match[0].toUpperCase();
    if (!isShapedLikeTaxId(code)) continue;
    const valid = isValidTaxId(code);
    // Order numbers are all digits: an all-digit run is a tax id only when its checksum says so.
    if (!valid && !LETTER.test(code)) continue;
    out.add('taxId', code, match.index, match.index + code.length, Specificity.taxIdByShape, valid);
  }
}
