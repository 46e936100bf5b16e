import path from 'node:path';
import { IntentClassifier, type IntentClassifierOptions } from './classifier/intent-classifier';
import { extractEntities } from './entities';
import { FeatureExtractor } from './features';
import { detectLanguage } from './language';
import { normalize } from './normalize';
import { sentiment } from './sentiment';
import { loadTrainingData, type TrainingExample } from './training-data';
import type { Analysis } from './types';
import { ChineseTokenizer } from './zh/tokenizer';
import { intentsDir } from '../paths';

export interface NluOptions {
  /** Folder of intent YAML files and userdict.txt; kefu's own intents/ by default. */
  intentsDir?: string;
  /** Train on these instead of the folder's files (cross-validation, tests). */
  examples?: TrainingExample[];
  classifier?: IntentClassifierOptions;
}

/**
 * Longer messages are analysed by their first part only: what a shopper wants is said early, and a bound
 * keeps one pasted novel from costing more than a normal turn.
 */
export const MAX_ANALYZED_CHARACTERS = 1000;

/** Text in, analysis out: language, intent ranking, sentiment and entities. Pure: no I/O after creation. */
export class Nlu {
  private constructor(
    private readonly extractor: FeatureExtractor,
    readonly classifier: IntentClassifier,
    readonly trainingExamples: readonly TrainingExample[],
  ) {}

  static create(options: NluOptions = {}): Nlu {
    const dir = options.intentsDir ?? intentsDir();
    const extractor = new FeatureExtractor(ChineseTokenizer.fromFile(path.join(dir, 'userdict.txt')));
    const examples = options.examples ?? loadTrainingData(dir);
    const classifier = IntentClassifier.train(
      examples.map((example) => ({
        features: extractor.features(normalize(example.text).folded),
        intent: example.intent,
      })),
      options.classifier,
    );
    return new Nlu(extractor, classifier, examples);
  }

  /** The tokenizer the classifier uses (jieba + user dictionary, stemmed English), for retrieval to share. */
  get tokenSource(): FeatureExtractor {
    return this.extractor;
  }

  get intents(): readonly string[] {
    return this.classifier.intents;
  }

  /** Tokens of a message after normalisation (jieba / stemmed English), for retrieval over FAQ entries. */
  tokens(text: string): string[] {
    return this.extractor.tokens(normalize(text.slice(0, MAX_ANALYZED_CHARACTERS)).folded);
  }

  analyze(text: string, now: Date = new Date()): Analysis {
    const { text: normalized, folded } = normalize(text.slice(0, MAX_ANALYZED_CHARACTERS));
    const language = detectLanguage(normalized);
    const ranking = this.classifier.rank(this.extractor.features(folded));
    return {
      text,
      language,
      intent: ranking[0].intent,
      confidence: ranking[0].confidence,
      ranking,
      sentiment: sentiment(normalized, language),
      entities: extractEntities(normalized, now),
    };
  }
}
