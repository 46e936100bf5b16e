import { commands, usage } from './cli/commands';

/**
 * Entry of the `kefu` command. Returns the exit code instead of exiting, so tests can call it and so that
 * long-running commands (start, chat) keep the process alive on their own.
 */
export async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`kefu: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`kefu ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir's emitted tree
  return (require('../../package.json') as { version: string }).version;
}
