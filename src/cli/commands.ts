import type { CliCommand } from './command';
import { notYetAvailable } from './not-yet';
import { startCommand } from './start';

export const commands: CliCommand[] = [
  startCommand,
  notYetAvailable('chat', 'talk to the bot in the terminal, in Chinese or English', 'the shop bot'),
  notYetAvailable('classify', 'read messages from stdin, write their analysis as JSON lines', 'the NLU'),
  notYetAvailable('eval', 'score the NLU on a JSONL file of {"text","intent"}', 'the NLU'),
  notYetAvailable('export', 'write the training examples as JSONL', 'the NLU'),
];

export function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: kefu <command> [options]

Commands:
${lines.join('\n')}

Run \`kefu <command> --help\` for a command's options.
`;
}
