/**
 * 统一社会信用代码 (unified social credit code, the tax id on company invoices), GB 32100-2015:
 * 18 symbols from a 31-symbol alphabet (no I, O, S, V, Z); symbol i of the first 17 weighs 3^i mod 31 and
 * the 18th is the symbol for 31 − (sum mod 31), 31 wrapping to 0.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % 31;
  return weight;
});

/** True for a well-formed code with a correct check symbol; lower case and spaces are tolerated. */
export function isValidUnifiedSocialCreditCode(input: string): boolean {
  return taxIdProblem(input) === undefined;
}

/**
 * Why a code is not valid, so a shopper can be told what to fix instead of just "invalid": the length is
 * off (a symbol dropped or doubled), it holds symbols the standard never uses, or the check symbol does not
 * match (a symbol mistyped).
 */
export type TaxIdProblem =
  { problem: 'length'; length: number } | { problem: 'symbols'; symbols: string[] } | { problem: 'checksum' };

/** What is wrong with a code, or undefined when it is valid; lower case and spaces are tolerated. */
export function taxIdProblem(input: string): TaxIdProblem | undefined {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { problem: 'length', length: code.length };
  const foreign = [...new Set([...code].filter((symbol) => !ALPHABET.includes(symbol)))];
  if (foreign.length > 0) return { problem: 'symbols', symbols: foreign };
  const values = [...code].map((symbol) => ALPHABET.indexOf(symbol));
  const sum = values.slice(0, 17).reduce((total, value, i) => total + value * WEIGHTS[i], 0);
  return values[17] === (31 - (sum % 31)) % 31 ? undefined : { problem: 'checksum' };
}
