import { z } from 'zod';
import { Nlu } from '../nlu/nlu';
import type { Analysis } from '../nlu/types';
import type { CliCommand } from './command';
import { readLines, writeJsonLine } from './jsonl';

const inputLine = z.object({ text: z.string() });
const round = (value: number) => Math.round(value * 10000) / 10000;

/** The JSON line of DESIGN.md §4; the ranking is cut to the five best, which is all anyone reads. */
export function classificationLine(analysis: Analysis): Record<string, unknown> {
  return {
    text: analysis.text,
    language: analysis.language,
    intent: analysis.intent,
    confidence: round(analysis.confidence),
    ranking: analysis.ranking
      .slice(0, 5)
      .map(({ intent, confidence }) => ({ intent, confidence: round(confidence) })),
    sentiment: round(analysis.sentiment),
    entities: analysis.entities.map(({ type, value, text, valid }) =>
      valid === undefined ? { type, value, text } : { type, value, text, valid },
    ),
  };
}

/** A line is `{"text": "..."}` or plain text; a line that starts like JSON but is not valid JSON is an error. */
function textOf(line: string): { text: string } | { error: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { text: line };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  const result = inputLine.safeParse(parsed);
  return result.success ? { text: result.data.text } : { error: 'expected {"text": "..."}' };
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'read messages from stdin, write their analysis as JSON lines',
  help: `Usage: kefu classify < messages.txt

Reads one message per line from stdin, either {"text": "..."} or plain text, and writes one JSON object
per line to stdout:
  {"text","language","intent","confidence","ranking":[{"intent","confidence"}],"sentiment","entities":[{"type","value","text"}]}
A line that cannot be read gives {"error": {"line", "message"}} in its place, so output lines stay aligned
with input lines. Empty lines are skipped. Logs and errors go to stderr only.`,
  async run() {
    const nlu = Nlu.create();
    for await (const { line, number } of readLines(process.stdin)) {
      if (line.trim() === '') continue;
      const input = textOf(line);
      if ('error' in input) await writeJsonLine({ error: { line: number, message: input.error } });
      else await writeJsonLine(classificationLine(nlu.analyze(input.text)));
    }
    return 0;
  },
};
