/** The NLU's vocabulary, shared by every part of it and by its callers. */

export type Language = 'zh' | 'en';

export const ENTITY_TYPES = [
  'orderId',
  'trackingNumber',
  'phone',
  'email',
  'taxId',
  'amount',
  'date',
  'size',
  'color',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  type: EntityType;
  /** Canonical value: digits of an id, ISO date, `CNY 199`, upper-case size, English colour name, … */
  value: string;
  /** The characters of the (normalised) message it was found in. */
  text: string;
  /** Offsets of `text` in the normalised message. */
  start: number;
  end: number;
  /** Set for values with a checksum (taxId): false when the checksum fails, so callers can say so. */
  valid?: boolean;
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface Analysis {
  text: string;
  language: Language;
  intent: string;
  confidence: number;
  ranking: IntentScore[];
  /** -1 (very negative) … 1 (very positive). */
  sentiment: number;
  entities: Entity[];
}
