import { existsSync } from 'node:fs';
import { z } from 'zod';
import { formatReport, scorePredictions, type LabelledText, type Prediction } from '../nlu/evaluation';
import { Nlu } from '../nlu/nlu';
import type { CliCommand } from './command';
import { readLines } from './jsonl';

const labelledLine = z.object({
  text: z.string().min(1),
  intent: z.string().min(1),
  language: z.enum(['zh', 'en']).optional(),
});

/** Reads a JSONL file of {"text","intent"} lines, naming the first bad line. */
export async function readLabelledFile(file: string): Promise<LabelledText[]> {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const items: LabelledText[] = [];
  for await (const { line, number } of readLines(file)) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${number}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const result = labelledLine.safeParse(parsed);
    if (!result.success) throw new Error(`${file}:${number}: expected {"text": "...", "intent": "..."}`);
    items.push(result.data);
  }
  return items;
}

export function predict(nlu: Nlu, items: LabelledText[]): Prediction[] {
  return items.map((item) => {
    const analysis = nlu.analyze(item.text);
    return {
      item: { ...item, language: item.language ?? analysis.language },
      predicted: { intent: analysis.intent, confidence: analysis.confidence },
    };
  });
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'score the NLU on a JSONL file of {"text","intent"}',
  help: `Usage: kefu eval FILE.jsonl [--json]

Classifies every {"text","intent"} line of FILE and prints accuracy (per language), macro-F1,
per-intent precision/recall/F1, calibration (expected calibration error) and the confusion pairs.
--json prints the report as one JSON object instead.`,
  async run(args) {
    const file = args.find((arg) => !arg.startsWith('--'));
    if (!file) {
      process.stderr.write('kefu eval: name a JSONL file, e.g. kefu eval test/data/holdout.jsonl\n');
      return 2;
    }
    const items = await readLabelledFile(file);
    const unknown = [...new Set(items.map((item) => item.intent))];
    const nlu = Nlu.create();
    const missing = unknown.filter((intent) => !nlu.intents.includes(intent));
    if (missing.length > 0)
      process.stderr.write(`kefu eval: intents the model does not know: ${missing.join(', ')}\n`);
    const report = scorePredictions(predict(nlu, items));
    process.stdout.write(
      args.includes('--json') ? `${JSON.stringify(report)}\n` : formatReport(file, report),
    );
    return 0;
  },
};
