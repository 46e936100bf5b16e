import type { Address } from './types';

/**
 * Personal data as it may be shown to someone not (yet) proven to own an order: enough to recognise one's
 * own order ("138****5678, 广东省深圳市南山区"), too little to find the person.
 */

const MAINLAND_MOBILE = /^(?:86)?(1[3-9]\d{9})$/;

/** `13812345678` (or `+86 138…`) → `138****5678`; other numbers keep only their last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const mobile = MAINLAND_MOBILE.exec(digits)?.[1];
  if (mobile !== undefined) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** `张三丰` → `张**`; `Alice Wang` → `A*** W***`. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (/\s/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((word) => `${[...word][0]}***`)
      .join(' ');
  }
  const characters = [...trimmed];
  return characters[0] + '*'.repeat(Math.max(1, characters.length - 1));
}

/** Keeps the regions (province, city, district) and postal code; hides the person and the street. */
export function maskAddress(address: Address): Address {
  return {
    ...address,
    name: maskName(address.name),
    phone: maskPhone(address.phone),
    street: '****',
  };
}
