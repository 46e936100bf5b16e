import { loadTrainingData } from '../nlu/training-data';
import type { CliCommand } from './command';
import { writeJsonLine } from './jsonl';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the training examples as JSONL',
  help: `Usage: kefu export > examples.jsonl

Writes every training example of intents/ as one {"text","intent","language"} line.`,
  async run() {
    for (const example of loadTrainingData()) await writeJsonLine(example);
    return 0;
  },
};
