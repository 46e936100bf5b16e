import type { Entity, EntityType } from '../types';

/**
 * How specific a recogniser's evidence is. When two candidates overlap, the more specific one wins and,
 * between equals, the longer one: a tracking number or a phone says more about a run of digits than
 * "10–20 digits" does, and a keyword in front says more than the digits' shape alone.
 */
export const Specificity = {
  email: 90,
  trackingNumber: 80,
  taxIdAfterKeyword: 75,
  orderIdAfterKeyword: 65,
  taxIdByShape: 62,
  phone: 50,
  orderId: 40,
  date: 30,
  amount: 30,
  size: 20,
  color: 20,
} as const;

/**
 * Gathers the candidates every recogniser proposes for one message and keeps a non-overlapping set.
 * One instance is reused for every message (extraction is synchronous), so only the results are allocated.
 */
export class EntityCollector {
  private text = '';
  private readonly candidates: Entity[] = [];
  private readonly specificity: number[] = [];
  private readonly order: number[] = [];

  reset(text: string): void {
    this.text = text;
    this.candidates.length = 0;
    this.specificity.length = 0;
  }

  add(
    type: EntityType,
    value: string,
    start: number,
    end: number,
    specificity: number,
    valid?: boolean,
  ): void {
    const entity: Entity = { type, value, text: this.text.slice(start, end), start, end };
    if (valid !== undefined) entity.valid = valid;
    this.candidates.push(entity);
    this.specificity.push(specificity);
  }

  /** The winners, by start offset. */
  resolve(): Entity[] {
    const { candidates, specificity, order } = this;
    if (candidates.length === 0) return [];
    order.length = 0;
    for (let i = 0; i < candidates.length; i++) order.push(i);
    order.sort(
      (a, b) =>
        specificity[b] - specificity[a] ||
        candidates[b].end - candidates[b].start - (candidates[a].end - candidates[a].start) ||
        candidates[a].start - candidates[b].start,
    );
    const kept: Entity[] = [];
    for (const index of order) {
      const candidate = candidates[index];
      if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end))
        kept.push(candidate);
    }
    kept.sort((a, b) => a.start - b.start);
    candidates.length = 0;
    specificity.length = 0;
    return kept;
  }
}
