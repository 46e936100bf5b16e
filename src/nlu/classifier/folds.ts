import { seededRandom, shuffleInPlace } from './random';

/** Splits example indices into k folds with each label spread evenly across them. */
export function stratifiedFolds(labels: readonly (string | number)[], k: number, seed = 11): number[][] {
  const byLabel = new Map<string | number, number[]>();
  labels.forEach((label, index) => {
    const list = byLabel.get(label) ?? [];
    list.push(index);
    byLabel.set(label, list);
  });
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const indices of byLabel.values()) {
    for (const index of shuffleInPlace([...indices], random)) {
      folds[next % k].push(index);
      next += 1;
    }
  }
  return folds;
}
