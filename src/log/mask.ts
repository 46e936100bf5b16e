/**
 * Masks personal data in text that is about to leave the process in a log line.
 * Kept deliberately broad: a false positive costs a few digits of a log line, a false negative leaks a customer.
 */

// Mainland mobiles (optionally +86 / 86 prefixed, optionally spaced or dashed 3-4-4).
const MAINLAND_MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
// International style numbers: a + and 8–15 digits with optional separators.
const INTERNATIONAL_PHONE = /\+\d[\d\s-]{7,17}\d/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function maskDigitsKeepingLastFour(match: string): string {
  const digits = match.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

function maskEmail(match: string): string {
  const at = match.indexOf('@');
  return `${match[0]}***${match.slice(at)}`;
}

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, maskEmail)
    .replace(MAINLAND_MOBILE, maskDigitsKeepingLastFour)
    .replace(INTERNATIONAL_PHONE, maskDigitsKeepingLastFour);
}

/** Field names whose whole value is secret, whatever it looks like. */
const SECRET_FIELD = /pass(word)?|secret|token|authorization|api[-_]?key|cookie/i;

/** Deep copy of a log object with every string masked and secret fields replaced. Cycles are cut. */
export function maskLogObject(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskLogObject(item, seen));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskPersonalData(value.message),
      stack: value.stack && maskPersonalData(value.stack),
    };
  }
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    masked[key] = SECRET_FIELD.test(key) && field !== undefined ? '[redacted]' : maskLogObject(field, seen);
  }
  return masked;
}
