/**
 * The CPU per turn a turn rate leaves the server when the load generator shares the machine's cores with it,
 * from what a turn was measured to cost the generator. The "30% of bare node:http" asks kefu for a rate
 * the generator alone nearly fills on 2 cores; set beside what a turn costs the server today, the gap reads
 * as a budget rather than as a percentage.
 */
export interface CpuBudget {
  /** Cores the generator needs at that rate, at its measured cost per turn. */
  generatorCores: number;
  /** Server CPU per turn that still fits beside the generator (ms); 0 when the generator alone fills the cores. */
  serverBudgetMsPerTurn: number;
}

export function cpuBudget(input: { rate: number; cores: number; generatorMsPerTurn: number }): CpuBudget {
  const { rate, cores, generatorMsPerTurn } = input;
  const generatorCores = (generatorMsPerTurn * rate) / 1000;
  return { generatorCores, serverBudgetMsPerTurn: Math.max(0, ((cores - generatorCores) * 1000) / rate) };
}
