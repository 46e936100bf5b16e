/**
 * A deep copy of plain data — objects, arrays, strings, numbers, booleans, null — which is all an order, a
 * shipment or a ticket holds. The demo shop and the in-memory ticket store hand out copies so a caller cannot
 * change their state behind their back; structuredClone did that at several times the cost (it serialises
 * and deserialises), which was a visible share of every tracking turn.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain((value as Record<string, unknown>)[key]);
  return copy as T;
}
