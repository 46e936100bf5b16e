import { chatCommand } from './chat';
import { classifyCommand } from './classify';
import type { CliCommand } from './command';
import { evalCommand } from './eval';
import { exportCommand } from './export';
import { hashPasswordCommand } from './hash-password';
import { startCommand } from './start';

export const commands: CliCommand[] = [
  startCommand,
  chatCommand,
  classifyCommand,
  evalCommand,
  exportCommand,
  hashPasswordCommand,
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
