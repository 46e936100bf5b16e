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

/** Symbol value, or -1 outside the alphabet; indexed by char code so the check allocates nothing. */
const SYMBOL_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SYMBOL_VALUE[ALPHABET.charCodeAt(i)] = i;

function symbolValue(code: number): number {
  return code < 128 ? SYMBOL_VALUE[code] : -1;
}

/**
 * The bare check on a normalised code (upper case, no spaces): 18 symbols of the alphabet whose last one is
 * the check symbol. Allocation-free, because the NLU runs it on every candidate in every message.
 */
export function hasValidCheckSymbol(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = symbolValue(code.charCodeAt(i));
    if (value < 0) return false;
    sum += value * WEIGHTS[i];
  }
  return symbolValue(code.charCodeAt(17)) === (31 - (sum % 31)) % 31;
}

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
  return hasValidCheckSymbol(code) ? undefined : { problem: 'checksum' };
}
