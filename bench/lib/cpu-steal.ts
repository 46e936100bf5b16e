import { readFileSync } from 'node:fs';

/** The machine's CPU time counters (all cores), in clock ticks, as Linux's /proc/stat gives them. */
export interface CpuTimes {
  total: number;
  /** Time the hypervisor ran other guests while this VM wanted the CPU. */
  steal: number;
}

/** Undefined where there is no /proc/stat (not Linux): the benchmark then shows no steal figure. */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 8 || fields.some((value) => !Number.isFinite(value))) return undefined;
    // guest time is already counted in user time.
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { total, steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * The share of the machine's CPU time stolen between two readings. On a shared VM this says how much of a
 * slow run was the machine's neighbours rather than the code: at 15% steal even a bare node:http server
 * misses its usual latency.
 */
export function stealShare(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return (after.steal - before.steal) / (after.total - before.total);
}
