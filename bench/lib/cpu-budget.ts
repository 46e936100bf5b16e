/**
 * Whether a turn rate fits the machine's cores when the load generator shares them with the server, from the
 * CPU per turn both were measured to cost in one run. The "30% of bare node:http" asks kefu for a rate
 * the generator alone nearly fills on 2 cores; this says how much CPU per turn that leaves the server, next to
 * what a turn costs it today, so the gap reads as a budget rather than as a percentage.
 */
export interface CpuBudget {
  /** The rate asked for, turns/s. */
  rate: number;
  /** Cores the generator needs at that rate, at its measured cost per turn. */
  generatorCores: number;
  /** Server CPU per turn that still fits beside the generator (ms); 0 when the generator alone fills the cores. */
  serverBudgetMsPerTurn: number;
  /** Server CPU per turn measured (ms). */
  serverMsPerTurn: number;
  fits: boolean;
}

export function cpuBudget(input: {
  rate: number;
  cores: number;
  generatorMsPerTurn: number;
  serverMsPerTurn: number;
}): CpuBudget {
  const { rate, cores, generatorMsPerTurn, serverMsPerTurn } = input;
  const generatorCores = (generatorMsPerTurn * rate) / 1000;
  const serverBudgetMsPerTurn = Math.max(0, ((cores - generatorCores) * 1000) / rate);
  return {
    rate,
    generatorCores,
    serverBudgetMsPerTurn,
    serverMsPerTurn,
    fits: serverMsPerTurn <= serverBudgetMsPerTurn,
  };
}
