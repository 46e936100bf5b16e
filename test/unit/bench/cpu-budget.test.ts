import { cpuBudget } from '../../../bench/lib/cpu-budget';

describe('the benchmark’s CPU budget per turn', () => {
  it('leaves the server what the generator does not use of the cores at the asked rate', () => {
    // 3,000 turns/s at 0.3 ms of generator CPU a turn is 0.9 of a core; 1.1 cores left over 3,000 turns.
    const budget = cpuBudget({ rate: 3000, cores: 2, generatorMsPerTurn: 0.3 });
    expect(budget.generatorCores).toBeCloseTo(0.9);
    expect(budget.serverBudgetMsPerTurn).toBeCloseTo(1100 / 3000);
    // A server turn of 0.63 ms (kefu's, on a slow VM) does not fit.
    expect(budget.serverBudgetMsPerTurn).toBeLessThan(0.63);
  });

  it('has room for a server turn inside the budget at a lower rate', () => {
    const budget = cpuBudget({ rate: 1000, cores: 2, generatorMsPerTurn: 0.3 });
    expect(budget.serverBudgetMsPerTurn).toBeCloseTo(1.7);
    expect(budget.serverBudgetMsPerTurn).toBeGreaterThanOrEqual(0.63);
  });

  it('leaves nothing, never less, when the generator alone needs more than the cores', () => {
    const budget = cpuBudget({ rate: 10000, cores: 2, generatorMsPerTurn: 0.3 });
    expect(budget.generatorCores).toBeCloseTo(3);
    expect(budget.serverBudgetMsPerTurn).toBe(0);
  });
});
