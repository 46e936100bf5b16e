import { expectedCalibrationError, fitTemperature } from '../../../src/nlu/classifier/calibration';
import { stratifiedFolds } from '../../../src/nlu/classifier/folds';
import { IntentClassifier } from '../../../src/nlu/classifier/intent-classifier';

const toy = [
  ...['where is my parcel', 'parcel not arrived', 'track my parcel', 'parcel status', 'parcel late'].map(
    (t) => ({
      features: t.split(' '),
      intent: 'track',
    }),
  ),
  ...['i want a refund', 'refund please', 'give refund now', 'refund my money', 'need refund'].map((t) => ({
    features: t.split(' '),
    intent: 'refund',
  })),
];

describe('IntentClassifier', () => {
  it('learns to separate intents and ranks every intent with confidences summing to 1', () => {
    const classifier = IntentClassifier.train(toy, { calibrationFolds: 0 });
    const ranking = classifier.rank(['my', 'parcel']);
    expect(ranking[0].intent).toBe('track');
    expect(ranking.map((r) => r.intent).sort()).toEqual(['refund', 'track']);
    expect(ranking.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 6);
    expect(classifier.rank(['refund'])[0].intent).toBe('refund');
  });

  it('is deterministic', () => {
    const a = IntentClassifier.train(toy, { calibrationFolds: 2 }).rank(['parcel', 'refund']);
    const b = IntentClassifier.train(toy, { calibrationFolds: 2 }).rank(['parcel', 'refund']);
    expect(a).toEqual(b);
  });

  it('knows nothing of features it never saw', () => {
    const ranking = IntentClassifier.train(toy, { calibrationFolds: 0 }).rank(['weather']);
    expect(ranking[0].confidence).toBeLessThan(0.7);
  });
});

describe('calibration', () => {
  it('fits a temperature above 1 for an over-confident model and below 1 for a timid one', () => {
    // Logits that always say 95% but are right only 60% of the time: over-confident.
    const logits = Array.from({ length: 100 }, () => Float64Array.from([Math.log(19), 0]));
    const labels = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
    expect(fitTemperature(logits, labels)).toBeGreaterThan(2);
    // Logits that say 60% but are always right: timid.
    const timid = Array.from({ length: 100 }, () => Float64Array.from([Math.log(1.5), 0]));
    expect(fitTemperature(timid, new Array(100).fill(0))).toBeLessThan(0.5);
  });

  it('computes the expected calibration error', () => {
    const perfect = [
      ...Array(8).fill({ confidence: 0.75, correct: true }),
      ...Array(2).fill({ confidence: 0.75, correct: false }),
    ];
    expect(expectedCalibrationError(perfect).ece).toBeCloseTo(0.05, 6);
    const overConfident = Array(10).fill({ confidence: 0.95, correct: false });
    expect(expectedCalibrationError(overConfident).ece).toBeCloseTo(0.95, 6);
  });

  it('spreads each label over the folds', () => {
    const labels = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const folds = stratifiedFolds(labels, 2);
    for (const fold of folds) expect(fold.map((i) => labels[i]).sort()).toEqual(['a', 'a', 'b', 'b']);
  });
});
