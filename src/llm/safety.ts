/**
 * What keeps a model inside what the bot may do, whatever the shopper writes:
 * - shopper text reaches the model only inside data delimiters, with anything looking like a delimiter
 *   removed, so "ignore previous instructions" stays a quotation and cannot close the block;
 * - a model reply that promises money or an exception (a refund, compensation, a free order) is refused
 *   unless a source the model cited says the same: only people and the after-sales dialogs grant those.
 */

export const DATA_OPEN = '<shopper_message>';
export const DATA_CLOSE = '</shopper_message>';
export const TRANSCRIPT_OPEN = '<transcript>';
export const TRANSCRIPT_CLOSE = '</transcript>';

const DELIMITER_LIKE = /<\/?\s*(?:shopper_message|transcript|sources?|system|instructions?)\s*>/giu;

/** Shopper text made safe to put between delimiters: tags that could end the data block are removed. */
export function asData(text: string, maxLength = 1000): string {
  const cleaned = text.replace(DELIMITER_LIKE, ' ').trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned;
}

/**
 * Promises of money or exceptions, in zh and en. Deliberately broad: a refused answer costs a clarifying
 * question, a wrongly granted refund costs the shop money and trust.
 */
const FORBIDDEN_PROMISES: readonly RegExp[] = [
  /全额退款/u,
  /退全款/u,
  /全款退/u,
  /赔偿/u,
  /补偿/u,
  /赔付/u,
  /免单/u,
  /免费送/u,
  /破例/u,
  /特批/u,
  /(?:退|返|赔)(?:还|给)?(?:您|你)\s*[¥￥]?\s*\d+(?:\.\d+)?\s*(?:元|块)?/u,
  /(?:给|为|帮)(?:您|你)(?:办理)?(?:退款|退钱)/u,
  /(?:我们|我|本店)(?:会|将|可以|马上|立即)(?:为您|给您)?(?:全额)?退款/u,
  /full\s+refund/iu,
  /compensat(?:e|ion|ing)/iu,
  /\bwe(?:'ll|\s+will|\s+can|\s+shall)\s+(?:\w+\s+)?refund/iu,
  /\brefund\s+you\b/iu,
  /\bmoney\s+back\b/iu,
  /\bfree\s+of\s+charge\b/iu,
  /\b(?:give|offer|send)\s+you\s+(?:a\s+)?(?:discount|voucher|coupon|credit)/iu,
  /\bmake\s+an?\s+exception\b/iu,
];

/**
 * The promises in `text` that none of `sources` makes itself (compared case-insensitively, spaces ignored).
 * Empty when the reply promises nothing the shop's own answers do not already say.
 */
export function unsupportedPromises(text: string, sources: readonly string[]): string[] {
  const squash = (value: string) => value.toLowerCase().replace(/\s+/gu, '');
  const sourceText = squash(sources.join('\n'));
  const found: string[] = [];
  for (const pattern of FORBIDDEN_PROMISES) {
    const match = pattern.exec(text);
    if (match && !sourceText.includes(squash(match[0]))) found.push(match[0]);
  }
  return found;
}
