/** Feature string → dense id. Features seen fewer than `minCount` times in training are dropped as noise. */
export class Vocabulary {
  private constructor(private readonly ids: Map<string, number>) {}

  static build(featureLists: string[][], minCount = 1): Vocabulary {
    const counts = new Map<string, number>();
    for (const features of featureLists) {
      for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    }
    const ids = new Map<string, number>();
    for (const [feature, count] of counts) if (count >= minCount) ids.set(feature, ids.size);
    return new Vocabulary(ids);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Ids of the known features; unknown ones are ignored (the model has no weight for them). */
  encode(features: string[]): Int32Array {
    const encoded: number[] = [];
    for (const feature of features) {
      const id = this.ids.get(feature);
      if (id !== undefined) encoded.push(id);
    }
    return Int32Array.from(encoded);
  }
}
