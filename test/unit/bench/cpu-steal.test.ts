import { readCpuTimes, stealShare } from '../../../bench/lib/cpu-steal';

describe('the benchmark’s CPU-steal figure', () => {
  it('is the stolen share of the CPU time between two readings', () => {
    expect(stealShare({ total: 1000, steal: 10 }, { total: 3000, steal: 310 })).toBeCloseTo(0.15);
    expect(stealShare({ total: 1000, steal: 10 }, { total: 1000, steal: 10 })).toBeUndefined();
    expect(stealShare(undefined, { total: 3000, steal: 310 })).toBeUndefined();
  });

  it('reads growing counters from /proc/stat on Linux', () => {
    const first = readCpuTimes();
    if (process.platform !== 'linux') {
      expect(first).toBeUndefined();
      return;
    }
    let spin = 0;
    for (let i = 0; i < 5e6; i++) spin += i;
    const second = readCpuTimes();
    expect(spin).toBeGreaterThan(0);
    expect(first && second).toBeDefined();
    expect(second!.total).toBeGreaterThanOrEqual(first!.total);
    expect(second!.steal).toBeGreaterThanOrEqual(first!.steal);
    expect(first!.steal).toBeLessThanOrEqual(first!.total);
  });
});
