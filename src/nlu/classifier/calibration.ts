import { softmaxInPlace } from './softmax-regression';

/**
 * Temperature scaling (Guo et al., 2017): one number that softens or sharpens every prediction so that a
 * 0.9 is right about 90% of the time. Fitted on out-of-fold scores by minimising the log loss.
 */
export function fitTemperature(logits: Float64Array[], labels: number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let temperature = 0.2; temperature <= 5.0001; temperature += 0.05) {
    let loss = 0;
    const scratch = new Float64Array(logits[0]?.length ?? 0);
    for (let i = 0; i < logits.length; i++) {
      scratch.set(logits[i]);
      softmaxInPlace(scratch, temperature);
      loss -= Math.log(Math.max(scratch[labels[i]], 1e-12));
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return Math.round(best * 100) / 100;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Expected calibration error over equal-width confidence bins, and the bins themselves. */
export function expectedCalibrationError(
  predictions: { confidence: number; correct: boolean }[],
  binCount = 10,
): { ece: number; bins: CalibrationBin[] } {
  const bins: CalibrationBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: i / binCount,
    to: (i + 1) / binCount,
    count: 0,
    meanConfidence: 0,
    accuracy: 0,
  }));
  for (const { confidence, correct } of predictions) {
    const bin = bins[Math.min(binCount - 1, Math.floor(confidence * binCount))];
    bin.count += 1;
    bin.meanConfidence += confidence;
    bin.accuracy += correct ? 1 : 0;
  }
  let ece = 0;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    bin.meanConfidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / predictions.length) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return { ece, bins };
}
