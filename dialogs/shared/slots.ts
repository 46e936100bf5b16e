import type { Entity } from '../../src/nlu/types';
import { RETURN_REASONS } from '../return-dialog';
import { matchChoice } from './choices';
import type { Slots } from './outcome';

/** Slots a dialog can skip asking for, taken from the message that started it. */
export function slotsFromMessage(text: string, entities: Entity[]): Slots {
  const first = (type: Entity['type']) =>
    entities.find((entity) => entity.type === type && entity.valid !== false)?.value;
  // Only words, not a bare number: "1" in the first message is not a choice of reason.
  const reason = /^\s*\d+\s*$/.test(text)
    ? undefined
    : matchChoice(
        text,
        RETURN_REASONS.filter((r) => r.value !== 'other'),
      );
  return {
    orderId: first('orderId'),
    size: first('size'),
    color: first('color'),
    taxId: entities.find((entity) => entity.type === 'taxId')?.value,
    email: first('email'),
    reason,
  };
}
