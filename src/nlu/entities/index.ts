import type { Entity } from '../types';
import { findAmounts } from './amounts';
import { EntityCollector } from './collector';
import { findDates } from './dates';
import { findIds } from './ids';
import { findSizesAndColors } from './sizes-colors';
import { findTaxIds } from './tax-id';
import { HAS_DIGIT, textTraits } from './text-traits';

export { isValidTaxId } from './tax-id';

// Extraction is synchronous, so one collector serves every call without its scratch arrays being shared.
const collector = new EntityCollector();

/**
 * The entities in a normalised message (half-width, Simplified), sorted by `start`, none overlapping:
 * where candidates overlap, the more specific kind wins (a phone or tracking number over an order id),
 * then the longer match. `now` anchors relative dates ("昨天", "last Monday"); it defaults to the clock.
 */
export function extractEntities(text: string, now?: Date): Entity[] {
  if (text.length === 0) return [];
  const traits = textTraits(text);
  collector.reset(text);
  findIds(text, traits, collector);
  if (traits & HAS_DIGIT) {
    findTaxIds(text, collector);
    findAmounts(text, collector);
  }
  findDates(text, traits, now, collector);
  findSizesAndColors(text, traits, collector);
  return collector.resolve();
}
