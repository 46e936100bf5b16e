/** Latency figures of one phase. Milliseconds throughout. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Keeps every sample rather than a histogram: a phase holds at most a few hundred thousand turns, and exact
 * percentiles leave no doubt about bucket rounding when a figure sits right at a target such as 30 ms.
 */
export class LatencyRecorder {
  private samples = new Float64Array(4096);
  private size = 0;

  add(milliseconds: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = milliseconds;
  }

  get count(): number {
    return this.size;
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.size).sort();
    const at = (fraction: number) =>
      sorted.length === 0
        ? NaN
        : sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    let total = 0;
    for (const value of sorted) total += value;
    return {
      count: sorted.length,
      mean: sorted.length === 0 ? NaN : total / sorted.length,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
    };
  }
}

/** Counts of what went wrong, by kind (`http 500`, `socket`, `missing reply`, …), with a few examples each. */
export class ErrorTally {
  readonly counts: Record<string, number> = {};
  readonly examples: Record<string, string[]> = {};

  add(kind: string, example?: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (example === undefined) return;
    const list = (this.examples[kind] ??= []);
    // A handful is enough to recognise a pattern; more would flood the report.
    if (list.length < 3 && !list.includes(example)) list.push(example);
  }

  total(except: readonly string[] = []): number {
    return Object.entries(this.counts)
      .filter(([kind]) => !except.includes(kind))
      .reduce((sum, [, count]) => sum + count, 0);
  }
}
