import { classifyCommand } from './classify';
import type { CliCommand } from './command';
import { evalCommand } from './eval';
import { exportCommand } from './export';
import { notYetAvailable } from './not-yet';
import { startCommand } from './start';

export const commands: CliCommand[] = [
  startCommand,
  notYetAvailable('chat', 'talk to the bot in the terminal, in Chinese or English', 'the shop bot'),
  classifyCommand,
  evalCommand,
  exportCommand,
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
