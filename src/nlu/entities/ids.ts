import { Specificity, type EntityCollector } from './collector';
import { HAS_AT, HAS_DIGIT, HAS_LATIN } from './text-traits';

// What may sit between a keyword and its number: "订单号：…", "order no. #…", "单号是 …", "order number is …".
const SEPARATOR = '[\\s:：#]*(?:(?:是|为|is)\\s*[:：]?\\s*)?';

/**
 * An order number after an order keyword, or any free-standing run of 10–20 digits. 单号 after 运/递/流/货
 * belongs to 运单号, 快递单号, 物流单号, 退货单号: tracking numbers, not orders.
 */
const ORDER_ID = new RegExp(
  '(?:(?<![A-Za-z])order(?:\\s*(?:number|no\\.?|num|id|#))?|订单编号|订单号码|订单号|订单|(?<![运递流货])单号|#)' +
    SEPARATOR +
    '(\\d{10,20})(?![0-9A-Za-z])|(?<![0-9A-Za-z])(\\d{10,20})(?![0-9A-Za-z])',
  'gi',
);

/** Carriers whose numbers announce themselves: SF Express, YTO, J&T, JD Logistics, EMS/UPU S10. */
const TRACKING =
  /(?<![0-9A-Za-z])(?:SF\d{12,15}|YT\d{13}|JT\d{13}|JD[0-9A-Z]{10,15}|[A-Z]{2}\d{9}[A-Z]{2})(?![0-9A-Za-z])/gi;

/** ZTO, Yunda, STO … numbers are bare digits: only a tracking keyword tells them from an order number. */
const TRACKING_AFTER_KEYWORD = new RegExp(
  '(?:运单号|快递单号|物流单号|快递号|退货单号|(?<![A-Za-z])(?:tracking|waybill)(?:\\s*(?:number|no\\.?|num|#))?)' +
    SEPARATOR +
    '(\\d{12,15})(?![0-9A-Za-z])',
  'gi',
);

/** Mainland mobiles, optionally +86/86 and grouped 3-4-4 by one kind of separator. */
const PHONE = /(?<![0-9A-Za-z+])(?:\+?86[\s-]?)?(1[3-9]\d)([\s-]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])/g;

// The lookbehind starts matches only at the beginning of a run, so a long run without '@' costs one pass.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;

const DIGITS = /\d/g;

function countDigits(text: string): number {
  DIGITS.lastIndex = 0;
  let count = 0;
  while (DIGITS.exec(text) !== null) count++;
  return count;
}

export function findIds(text: string, traits: number, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  if (traits & HAS_DIGIT) {
    ORDER_ID.lastIndex = 0;
    while ((match = ORDER_ID.exec(text)) !== null) {
      const end = match.index + match[0].length;
      const digits = match[1] ?? match[2];
      const specificity = match[1] !== undefined ? Specificity.orderIdAfterKeyword : Specificity.orderId;
      out.add('orderId', digits, end - digits.length, end, specificity);
    }

    TRACKING_AFTER_KEYWORD.lastIndex = 0;
    while ((match = TRACKING_AFTER_KEYWORD.exec(text)) !== null) {
      const end = match.index + match[0].length;
      out.add('trackingNumber', match[1], end - match[1].length, end, Specificity.trackingNumber);
    }

    if (traits & HAS_LATIN) {
      TRACKING.lastIndex = 0;
      while ((match = TRACKING.exec(text)) !== null) {
        const code = match[0].toUpperCase();
        // JD numbers are mostly digits; without that a "JD" word followed by letters would qualify.
        if (code.startsWith('JD') && countDigits(code) < 8) continue;
        out.add('trackingNumber', code, match.index, match.index + code.length, Specificity.trackingNumber);
      }
    }

    PHONE.lastIndex = 0;
    while ((match = PHONE.exec(text)) !== null) {
      const digits = match[1] + match[3] + match[4];
      out.add('phone', digits, match.index, match.index + match[0].length, Specificity.phone);
    }
  }

  if (traits & HAS_AT) {
    EMAIL.lastIndex = 0;
    while ((match = EMAIL.exec(text)) !== null) {
      out.add('email', match[0].toLowerCase(), match.index, match.index + match[0].length, Specificity.email);
    }
  }
}
