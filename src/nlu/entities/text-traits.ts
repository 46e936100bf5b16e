/**
 * What kinds of characters a message holds, found in one pass so that whole recogniser families can be
 * skipped: most messages have no digit, many have no Latin letter.
 */
export const HAS_DIGIT = 1;
export const HAS_LATIN = 2;
export const HAS_CJK = 4;
export const HAS_AT = 8;

export function textTraits(text: string): number {
  let traits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) traits |= HAS_DIGIT;
    else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) traits |= HAS_LATIN;
    else if (code >= 0x2e80) traits |= HAS_CJK;
    else if (code === 64) traits |= HAS_AT;
  }
  return traits;
}

/** A Chinese character (CJK ideograph), not CJK punctuation. */
export function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

export function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
