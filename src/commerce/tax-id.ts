/**
 * 统一社会信用代码 (unified social credit code, the tax id on company invoices), GB 32100-2015:
 * 18 symbols from a 31-symbol alphabet (no I, O, S, V, Z); symbol i of the first 17 weighs 3^i mod 31 and
 * the 18th is the symbol for 31 − (sum mod 31), 31 wrapping to 0.
 * The NLU has its own copy for spotting codes in messages; commerce may not import the NLU (DESIGN.md §9).
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % 31;
  return weight;
});

/** True for a well-formed code with a correct check symbol; lower case and spaces are tolerated. */
export function isValidUnifiedSocialCreditCode(input: string): boolean {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return false;
  const values = [...code].map((symbol) => ALPHABET.indexOf(symbol));
  if (values.some((value) => value < 0)) return false;
  const sum = values.slice(0, 17).reduce((total, value, i) => total + value * WEIGHTS[i], 0);
  return values[17] === (31 - (sum % 31)) % 31;
}
