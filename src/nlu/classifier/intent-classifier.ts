import type { IntentScore } from '../types';
import { fitTemperature } from './calibration';
import { stratifiedFolds } from './folds';
import {
  DEFAULT_TRAINING,
  SoftmaxRegression,
  softmaxInPlace,
  type LabelledVector,
  type SoftmaxTrainingOptions,
} from './softmax-regression';
import { Vocabulary } from './vocabulary';

export interface LabelledFeatures {
  features: string[];
  intent: string;
}

export interface IntentClassifierOptions {
  training?: SoftmaxTrainingOptions;
  /** Folds used to fit the temperature on scores of examples the model did not see; 0 skips calibration. */
  calibrationFolds?: number;
  minFeatureCount?: number;
}

/** Intent ranking with calibrated confidences: vocabulary + softmax regression + temperature. */
export class IntentClassifier {
  private readonly scratch: Float64Array;

  private constructor(
    readonly intents: string[],
    private readonly vocabulary: Vocabulary,
    private readonly model: SoftmaxRegression,
    readonly temperature: number,
  ) {
    this.scratch = new Float64Array(intents.length);
  }

  static train(examples: LabelledFeatures[], options: IntentClassifierOptions = {}): IntentClassifier {
    const training = options.training ?? DEFAULT_TRAINING;
    const intents = [...new Set(examples.map((example) => example.intent))].sort();
    const labelOf = new Map(intents.map((intent, index) => [intent, index]));
    const labels = examples.map((example) => labelOf.get(example.intent) ?? -1);

    const fit = (indices: number[]) => {
      const vocabulary = Vocabulary.build(
        indices.map((i) => examples[i].features),
        options.minFeatureCount ?? 1,
      );
      const data: LabelledVector[] = indices.map((i) => ({
        features: vocabulary.encode(examples[i].features),
        label: labels[i],
      }));
      return { vocabulary, model: SoftmaxRegression.train(data, intents.length, vocabulary.size, training) };
    };

    let temperature = 1;
    const folds = options.calibrationFolds ?? 4;
    if (folds > 1) {
      const outOfFoldLogits: Float64Array[] = [];
      const outOfFoldLabels: number[] = [];
      const foldIndices = stratifiedFolds(labels, folds);
      foldIndices.forEach((heldOut, f) => {
        const trainIndices = foldIndices.filter((_, g) => g !== f).flat();
        const { vocabulary, model } = fit(trainIndices);
        for (const i of heldOut) {
          outOfFoldLogits.push(
            model.logits(vocabulary.encode(examples[i].features), new Float64Array(intents.length)),
          );
          outOfFoldLabels.push(labels[i]);
        }
      });
      temperature = fitTemperature(outOfFoldLogits, outOfFoldLabels);
    }
    const { vocabulary, model } = fit(examples.map((_, index) => index));
    return new IntentClassifier(intents, vocabulary, model, temperature);
  }

  get featureCount(): number {
    return this.vocabulary.size;
  }

  /** Every intent with its calibrated confidence, best first. */
  rank(features: string[]): IntentScore[] {
    const probabilities = this.model.logits(this.vocabulary.encode(features), this.scratch);
    softmaxInPlace(probabilities, this.temperature);
    const ranking: IntentScore[] = this.intents.map((intent, index) => ({
      intent,
      confidence: probabilities[index],
    }));
    return ranking.sort((a, b) => b.confidence - a.confidence);
  }
}
