import { seededRandom, shuffleInPlace } from './random';

// Module-level aliases: inside a vm context (jest) every global lookup in a hot loop costs ~10x.
const sqrt = Math.sqrt;
const exp = Math.exp;

const NEGLIGIBLE_ERROR = 1e-3;

/** A message as the model sees it: the ids of its (binary) features. */
export type FeatureIds = Int32Array;

export interface LabelledVector {
  features: FeatureIds;
  label: number;
}

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty: keeps rare n-grams from dominating. */
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: SoftmaxTrainingOptions = { epochs: 12, learningRate: 0.5, l2: 1e-5, seed: 7 };

/**
 * Multinomial logistic regression over sparse binary features, trained with AdaGrad SGD.
 * Each message's vector is scaled to unit length, so long rambling messages do not get extreme scores.
 * Weights are laid out feature-major so that scoring one message touches contiguous memory.
 */
export class SoftmaxRegression {
  private constructor(
    readonly classCount: number,
    readonly featureCount: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(
    data: LabelledVector[],
    classCount: number,
    featureCount: number,
    options: SoftmaxTrainingOptions = DEFAULT_TRAINING,
  ): SoftmaxRegression {
    const weights = new Float32Array(featureCount * classCount);
    const bias = new Float32Array(classCount);
    const squaredGradients = new Float32Array(featureCount * classCount).fill(1e-8);
    const biasSquaredGradients = new Float32Array(classCount).fill(1e-8);
    const model = new SoftmaxRegression(classCount, featureCount, weights, bias);
    const order = data.map((_, index) => index);
    const random = seededRandom(options.seed);
    const probabilities = new Float64Array(classCount);

    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const index of order) {
        const { features, label } = data[index];
        model.logits(features, probabilities);
        softmaxInPlace(probabilities);
        const scale = vectorScale(features);
        for (let c = 0; c < classCount; c++) {
          const error = probabilities[c] - (c === label ? 1 : 0);
          // Once a class is all but ruled out for an example its update is noise-sized; skipping it
          // (and its lazy L2 step) makes later epochs several times cheaper.
          if (error > -NEGLIGIBLE_ERROR && error < NEGLIGIBLE_ERROR) continue;
          biasSquaredGradients[c] += error * error;
          bias[c] -= (options.learningRate * error) / sqrt(biasSquaredGradients[c]);
          for (let k = 0; k < features.length; k++) {
            const at = features[k] * classCount + c;
            const gradient = error * scale + options.l2 * weights[at];
            squaredGradients[at] += gradient * gradient;
            weights[at] -= (options.learningRate * gradient) / sqrt(squaredGradients[at]);
          }
        }
      }
    }
    return model;
  }

  /** Unnormalised class scores of one message, written into `out` (length classCount). */
  logits(features: FeatureIds, out: Float64Array): Float64Array {
    const classCount = this.classCount;
    for (let c = 0; c < classCount; c++) out[c] = this.bias[c];
    const scale = vectorScale(features);
    for (let k = 0; k < features.length; k++) {
      const base = features[k] * classCount;
      for (let c = 0; c < classCount; c++) out[c] += this.weights[base + c] * scale;
    }
    return out;
  }
}

function vectorScale(features: FeatureIds): number {
  return features.length === 0 ? 0 : 1 / sqrt(features.length);
}

/** Softmax with an optional temperature (calibration), in place. */
export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = exp((values[i] - max) / temperature);
    sum += values[i];
  }
  for (let i = 0; i < values.length; i++) values[i] /= sum;
  return values;
}
