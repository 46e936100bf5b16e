import type { CliCommand } from './command';

/** A command of DESIGN.md §4 whose part of kefu is not built yet: says so instead of pretending. */
export function notYetAvailable(name: string, summary: string, needs: string): CliCommand {
  return {
    name,
    summary,
    help: `Usage: kefu ${name}\n\n${summary}.\nNot available in this version: it needs ${needs}.`,
    async run() {
      process.stderr.write(`kefu ${name}: not available in this version yet (it needs ${needs}).\n`);
      return 1;
    },
  };
}
