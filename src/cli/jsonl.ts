import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';

/** Lines of a stream or file, without their line ends; numbers start at 1. */
export async function* readLines(
  source: Readable | string,
): AsyncGenerator<{ line: string; number: number }> {
  const input = typeof source === 'string' ? createReadStream(source, 'utf8') : source;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    yield { line, number };
  }
}

/** Writes one JSON line to stdout, waiting when the pipe is full so that large inputs do not pile up. */
export async function writeJsonLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(value)}\n`)) await once(process.stdout, 'drain');
}
