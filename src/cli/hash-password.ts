import { hashPassword } from '../handoff/passwords';
import type { CliCommand } from './command';
import { readLines } from './jsonl';

const MIN_LENGTH = 8;

/** Reads a line from the terminal without echoing it (the password must not end up on screen). */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    let typed = '';
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003') return finish(new Error('cancelled'));
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}

async function firstLine(): Promise<string | undefined> {
  for await (const { line } of readLines(process.stdin)) return line;
  return undefined;
}

export const hashPasswordCommand: CliCommand = {
  name: 'hash-password',
  summary: 'print a scrypt hash of an agent password, for KEFU_AGENTS',
  help: `Usage: kefu hash-password

Asks for a password twice (without showing it) and prints its scrypt hash, to put into an
agent account of KEFU_AGENTS. Not in a terminal, it reads the password from the first line of
standard input instead:

  printf '%s\\n' "$PASSWORD" | kefu hash-password

The password is never taken from the command line, where it would stay in the shell history.
Example account (one JSON array for all agents):

  KEFU_AGENTS='[{"username":"li.na","displayName":"李娜 Li Na","passwordHash":"scrypt$...","maxConcurrentChats":5}]'`,
  async run() {
    let password: string | undefined;
    if (process.stdin.isTTY) {
      password = await promptHidden('Password / 密码: ');
      const again = await promptHidden('Again / 再输入一次: ');
      if (again !== password) {
        process.stderr.write('kefu hash-password: the two passwords differ / 两次输入的密码不一致\n');
        return 1;
      }
    } else {
      password = await firstLine();
    }
    if (password === undefined || [...password].length < MIN_LENGTH) {
      process.stderr.write(
        `kefu hash-password: use at least ${MIN_LENGTH} characters / 密码至少 ${MIN_LENGTH} 个字符\n`,
      );
      return 1;
    }
    process.stdout.write(`${await hashPassword(password)}\n`);
    return 0;
  },
};
