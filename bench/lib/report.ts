import { cpuBudget } from './cpu-budget';
import type { PhaseResult } from './phase';

/** The load generator's CPU, as a share of one core, from which it rather than the server sets the pace. */
const GENERATOR_BOUND_SHARE = 0.95;

/** The issue's minimum share of the bare node:http server's closed-loop rate for the memory instance. */
const SHARE_OF_BARE_TARGET = 0.3;

/** The issue's minimum share of the memory instance's closed-loop rate for the Redis instance. */
const REDIS_SHARE_OF_MEMORY_TARGET = 0.7;

export type TargetKey = 'memory' | 'redis' | 'two' | 'bare';
export type PhaseKind = 'closed' | 'paced';

export const TARGET_LABELS: Record<TargetKey, string> = {
  memory: '(a) kefu, memory',
  redis: '(b) kefu, Redis',
  two: '(c) 2× kefu, Redis, proxy',
  bare: '(d) bare node:http',
};

/** One measured phase of one target at one concurrency, with what the servers' side says about it. */
export interface Cell {
  target: TargetKey;
  conversations: number;
  phase: PhaseKind;
  result: PhaseResult;
  /** Resident memory of each server process after the phase (kefu instances or the bare server). */
  rss: number[];
  /** CPU the server processes used during the phase, summed. */
  serverCpuMs: number;
  /** Redis commands during the phase (b and c). */
  redisCommands?: number;
  /** Redis calls during the phase by command (INFO commandstats), script-internal ones included. */
  redisCalls?: Record<string, number>;
  redisCpuMs?: number;
  /** Share of the machine's CPU time stolen by the hypervisor during the phase; undefined off Linux. */
  steal?: number;
  /** Longest event-loop delay of each kefu instance during the phase (ms); empty for the bare server. */
  loopLagMaxMs: (number | undefined)[];
}

/** Errors of a phase that mean a shopper was let down; a reply other than the script expects is counted apart. */
const NOT_AN_ERROR = ['wrong reply'];

export function errorCount(result: PhaseResult): number {
  return Object.entries(result.errors)
    .filter(([kind]) => !NOT_AN_ERROR.includes(kind))
    .reduce((sum, [, count]) => sum + count, 0);
}

const wrongCount = (result: PhaseResult) => result.errors['wrong reply'] ?? 0;

function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function whole(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

/** The load generator's CPU over a phase's window, as a share of one core. */
function generatorShare(result: PhaseResult): number {
  return result.generatorCpuMs / result.windowMs;
}

function percent(part: number, of: number | undefined): string {
  return of !== undefined && of > 0 && Number.isFinite(part) ? `${Math.round((100 * part) / of)}%` : '–';
}

/**
 * A generator busy for a whole core against the bare server measured itself, not node:http, whose own
 * ceiling is then higher than the figure. A share below the target against that figure is below it against
 * node's too (FAIL); a share at or above it proves nothing about node's (n/a), so it does not pass for progress.
 */
function generatorBound(bare: Cell | undefined): boolean {
  return bare !== undefined && generatorShare(bare.result) >= GENERATOR_BOUND_SHARE;
}

function shareOfBareVerdict(share: number | undefined, bare: Cell | undefined): boolean | undefined {
  if (share === undefined) return undefined;
  if (share < SHARE_OF_BARE_TARGET) return false;
  return generatorBound(bare) ? undefined : true;
}

function generatorBoundNote(share: number | undefined, bare: Cell | undefined): string {
  if (share === undefined || !bare || !generatorBound(bare)) return '';
  const consequence =
    share < SHARE_OF_BARE_TARGET
      ? "kefu's share of node's would be lower still"
      : 'a share of it is no measure of the target';
  return `; the load generator used ${percent(generatorShare(bare.result), 1)} of a core against the bare server, so (d) is the generator's ceiling, not node's, and ${consequence}`;
}

const mb = (bytes: number) => fixed(bytes / 1048576, 0);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export class Report {
  constructor(
    private readonly cells: readonly Cell[],
    private readonly offeredRate: number,
    /** Cores of the machine, which the generator and the servers share. */
    private readonly cores: number,
  ) {}

  find(target: TargetKey, conversations: number, phase: PhaseKind): Cell | undefined {
    return this.cells.find(
      (cell) => cell.target === target && cell.conversations === conversations && cell.phase === phase,
    );
  }

  private shared(cell: Cell): {
    vsBare: string;
    vsMemory: string;
    redisPerTurn: string;
    cpuPerTurn: string;
    generatorCpu: string;
    steal: string;
  } {
    const bare = this.find('bare', cell.conversations, cell.phase);
    const memory = this.find('memory', cell.conversations, cell.phase);
    const rate = cell.result.turnsPerSecond;
    const accepted = cell.result.latency.count;
    return {
      vsBare: cell.target === 'bare' ? '' : percent(rate, bare?.result.turnsPerSecond),
      vsMemory:
        cell.target === 'redis' || cell.target === 'two' ? percent(rate, memory?.result.turnsPerSecond) : '',
      redisPerTurn: cell.redisCommands === undefined ? '' : fixed(cell.redisCommands / accepted, 1),
      cpuPerTurn: fixed(cell.serverCpuMs / accepted, 2),
      // Near 100% the generator, not the server, sets the pace (the bare server's closed loop).
      generatorCpu: percent(generatorShare(cell.result), 1),
      steal: cell.steal === undefined ? '–' : `${Math.round(cell.steal * 100)}%`,
    };
  }

  closedTable(): string {
    return this.phaseTable('closed');
  }

  pacedTable(): string {
    return this.phaseTable('paced');
  }

  /** One row per cell of the phase; the paced table adds what was offered and what fell behind. */
  private phaseTable(phase: PhaseKind): string {
    const paced = phase === 'paced';
    const rows = this.cells
      .filter((cell) => cell.phase === phase)
      .map((cell) => {
        const { result } = cell;
        const shared = this.shared(cell);
        return [
          TARGET_LABELS[cell.target],
          String(cell.conversations),
          ...(paced ? [whole(this.offeredRate)] : []),
          whole(result.turnsPerSecond),
          shared.vsBare,
          shared.vsMemory,
          fixed(result.latency.p50),
          fixed(result.latency.p95),
          fixed(result.latency.p99),
          fixed(result.latency.max, 0),
          ...(paced ? [String(result.behind)] : []),
          String(errorCount(result)),
          String(wrongCount(result)),
          cell.rss.map(mb).join('+'),
          cell.loopLagMaxMs.map((lag) => (lag === undefined ? '–' : fixed(lag, 0))).join('+'),
          shared.cpuPerTurn,
          shared.redisPerTurn,
          shared.generatorCpu,
          shared.steal,
        ];
      });
    const headings = [
      'target',
      'N',
      ...(paced ? ['offered/s'] : []),
      'turns/s',
      '%bare',
      '%mem',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      ...(paced ? ['behind'] : []),
      'errors',
      'wrong',
      'RSS MB',
      'loop lag max ms',
      'srv CPU ms/turn',
      'Redis ops/turn',
      'gen CPU',
      'steal',
    ];
    return table(headings, rows);
  }

  /**
   * The issue's targets, each PASS, FAIL or n/a (not measured in this run, or measured against a figure
   * that is not what the target names). Figures are the measured ones.
   */
  verdicts(): string[] {
    const lines: string[] = [];
    const verdict = (ok: boolean | undefined, text: string) =>
      lines.push(`[${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL'}] ${text}`);
    const N = 500;
    const memoryClosed = this.find('memory', N, 'closed');
    const memoryPaced = this.find('memory', N, 'paced');
    const bareClosed = this.find('bare', N, 'closed');
    const redisClosed = this.find('redis', N, 'closed');
    const clean = (cell: Cell | undefined) => (cell ? errorCount(cell.result) === 0 : undefined);

    verdict(
      memoryClosed && memoryClosed.result.turnsPerSecond >= 2000 && clean(memoryClosed),
      `one instance, memory, ${N} conversations, closed loop: ${whole(memoryClosed?.result.turnsPerSecond ?? NaN)} turns/s (target ≥ 2,000, no errors: ${memoryClosed ? errorCount(memoryClosed.result) : '–'} errors)`,
    );
    const pacedOk =
      memoryPaced &&
      memoryPaced.result.latency.p99 <= 30 &&
      memoryPaced.result.behind === 0 &&
      memoryPaced.result.turnsPerSecond >= 0.95 * this.offeredRate &&
      clean(memoryPaced);
    verdict(
      memoryPaced ? pacedOk : undefined,
      `one instance, memory, ${N} conversations at ${whole(this.offeredRate)} turns/s offered: p99 ${fixed(memoryPaced?.result.latency.p99 ?? NaN)} ms (target ≤ 30 ms), achieved ${whole(memoryPaced?.result.turnsPerSecond ?? NaN)} turns/s, ${memoryPaced?.result.behind ?? '–'} turns left behind`,
    );
    // One set-up's closed-loop rate as a share of another's, against the issue's minimum share.
    const share = (part: Cell | undefined, of: Cell | undefined) =>
      part && of ? part.result.turnsPerSecond / of.result.turnsPerSecond : undefined;
    const shareText = (value: number | undefined) =>
      value === undefined ? '–' : `${Math.round(value * 100)}%`;
    const ofBare = share(memoryClosed, bareClosed);
    verdict(
      shareOfBareVerdict(ofBare, bareClosed),
      `memory instance vs bare node:http, ${N} conversations, closed loop: ${shareText(ofBare)} (target ≥ 30%; ${whole(memoryClosed?.result.turnsPerSecond ?? NaN)} vs ${whole(bareClosed?.result.turnsPerSecond ?? NaN)} turns/s${generatorBoundNote(ofBare, bareClosed)})${this.budgetAtShareOfBare(memoryClosed, bareClosed, SHARE_OF_BARE_TARGET)}`,
    );
    const ofMemory = share(redisClosed, memoryClosed);
    verdict(
      ofMemory === undefined ? undefined : ofMemory >= REDIS_SHARE_OF_MEMORY_TARGET,
      `Redis instance vs memory instance, ${N} conversations, closed loop: ${shareText(ofMemory)} (target ≥ 70%)`,
    );
    const twoCells = this.cells.filter((cell) => cell.target === 'two');
    const checked = twoCells.map((cell) => cell.result.verification).filter((v) => v !== undefined);
    const sum = (pick: (v: (typeof checked)[number]) => number) =>
      checked.reduce((total, v) => total + pick(v), 0);
    const lost =
      sum((v) => v.lost) + sum((v) => v.duplicated) + sum((v) => v.unanswered) + sum((v) => v.unexpected);
    verdict(
      checked.length === 0 ? undefined : lost === 0,
      `two instances behind the proxy, no message lost: read back ${whole(sum((v) => v.conversations))} conversations, ${whole(sum((v) => v.messages))} shopper messages: ${sum((v) => v.lost)} lost, ${sum((v) => v.duplicated)} duplicated, ${sum((v) => v.unanswered)} unanswered, ${sum((v) => v.unexpected)} unexpected`,
    );
    return lines;
  }

  /**
   * The server CPU per turn that a share of the bare server's rate would leave beside the load generator on
   * this machine, at the generator's cost per kefu turn measured in the same phase.
   */
  private budgetAtShareOfBare(kefu: Cell | undefined, bare: Cell | undefined, shareOfBare: number): string {
    if (!kefu || !bare) return '';
    const turns = kefu.result.latency.count;
    if (turns === 0) return '';
    const rate = shareOfBare * bare.result.turnsPerSecond;
    const budget = cpuBudget({
      rate,
      cores: this.cores,
      generatorMsPerTurn: kefu.result.generatorCpuMs / turns,
    });
    return `; at ${whole(rate)} turns/s the generator needs ${fixed(budget.generatorCores, 2)} of the ${this.cores} cores, which leaves kefu ${fixed(budget.serverBudgetMsPerTurn, 2)} ms of CPU per turn; it used ${fixed(kefu.serverCpuMs / turns, 2)} ms`;
  }

  /** Which Redis commands a turn costs, and the Redis CPU behind them: where (b) and (c) lose to (a). */
  redisBreakdown(): string[] {
    const lines: string[] = [];
    for (const target of ['redis', 'two'] as const) {
      const cells = this.cells.filter((cell) => cell.target === target && cell.phase === 'closed');
      const cell = cells.sort((a, b) => b.conversations - a.conversations)[0];
      if (!cell?.redisCalls) continue;
      const turns = cell.result.latency.count;
      const top = Object.entries(cell.redisCalls)
        .filter(([, calls]) => calls > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, calls]) => `${name} ${fixed(calls / turns, 1)}`);
      lines.push(
        `${TARGET_LABELS[target]}, N=${cell.conversations}: ${top.join(', ')}; redis-server CPU ${fixed((cell.redisCpuMs ?? NaN) / turns, 3)} ms/turn`,
      );
    }
    return lines;
  }

  /** What went wrong, by phase, with examples: the detail behind the errors and wrong columns. */
  problems(): string[] {
    const lines: string[] = [];
    for (const cell of this.cells) {
      const { result } = cell;
      const kinds = Object.keys(result.errors);
      const verification = result.verification;
      const verificationProblems =
        verification &&
        verification.lost + verification.duplicated + verification.unanswered + verification.unexpected > 0;
      if (kinds.length === 0 && !verificationProblems) continue;
      lines.push(`${TARGET_LABELS[cell.target]}, N=${cell.conversations}, ${cell.phase}:`);
      for (const kind of kinds) {
        const examples = result.errorExamples[kind] ?? [];
        lines.push(
          `  ${kind}: ${result.errors[kind]}${examples.length ? ` — e.g. ${examples.join(' | ')}` : ''}`,
        );
      }
      if (verificationProblems) lines.push(`  read-back: ${verification.examples.join(' | ')}`);
    }
    return lines;
  }
}
