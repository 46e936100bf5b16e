import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { intentsDir } from '../paths';
import type { Language } from './types';

export interface TrainingExample {
  text: string;
  intent: string;
  language: Language;
}

const exampleList = z.array(z.coerce.string().min(1)).default([]);

export const intentFileSchema = z.object({
  intent: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'lower-case words joined by dots, e.g. shipping.track'),
  examples: z.object({ zh: exampleList, en: exampleList }),
});

/** Every `*.yaml` directly in the folder is one intent: `{intent, examples: {zh: [...], en: [...]}}`. */
export function loadTrainingData(dir: string = intentsDir()): TrainingExample[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const examples: TrainingExample[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const result = intentFileSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (!result.success) {
      const problems = result.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new Error(`${file}: not an intent file (${problems})`);
    }
    const { intent, examples: byLanguage } = result.data;
    if (`${intent}.yaml` !== name) throw new Error(`${file}: intent "${intent}" must live in ${intent}.yaml`);
    for (const language of ['zh', 'en'] as const) {
      for (const text of byLanguage[language]) examples.push({ text, intent, language });
    }
  }
  if (examples.length === 0) throw new Error(`no training examples in ${dir}`);
  return examples;
}
