import { expectedCalibrationError, type CalibrationBin } from './classifier/calibration';
import type { IntentScore, Language } from './types';

export interface LabelledText {
  text: string;
  intent: string;
  language?: Language;
}

export interface Prediction {
  item: LabelledText;
  predicted: IntentScore;
}

export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
  examples: string[];
}

export interface EvaluationReport {
  count: number;
  accuracy: number;
  accuracyByLanguage: Partial<Record<Language, { accuracy: number; count: number }>>;
  macroF1: number;
  perIntent: IntentMetrics[];
  confusions: Confusion[];
  ece: number;
  calibration: CalibrationBin[];
  outOfScope: { precision: number; recall: number };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function scorePredictions(
  predictions: Prediction[],
  outOfScopeIntent = 'out_of_scope',
): EvaluationReport {
  const intents = [
    ...new Set(predictions.flatMap(({ item, predicted }) => [item.intent, predicted.intent])),
  ].sort();
  const truePositives = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const expectedCount = new Map<string, number>();
  const confusions = new Map<string, Confusion>();
  const byLanguage: Partial<Record<Language, { correct: number; count: number }>> = {};
  let correct = 0;

  for (const { item, predicted } of predictions) {
    const hit = item.intent === predicted.intent;
    expectedCount.set(item.intent, (expectedCount.get(item.intent) ?? 0) + 1);
    predictedCount.set(predicted.intent, (predictedCount.get(predicted.intent) ?? 0) + 1);
    if (item.language) {
      const entry = (byLanguage[item.language] ??= { correct: 0, count: 0 });
      entry.count += 1;
      if (hit) entry.correct += 1;
    }
    if (hit) {
      correct += 1;
      truePositives.set(item.intent, (truePositives.get(item.intent) ?? 0) + 1);
    } else {
      const key = `${item.intent} → ${predicted.intent}`;
      const confusion = confusions.get(key) ?? {
        expected: item.intent,
        predicted: predicted.intent,
        count: 0,
        examples: [],
      };
      confusion.count += 1;
      if (confusion.examples.length < 3) confusion.examples.push(item.text);
      confusions.set(key, confusion);
    }
  }

  const perIntent = intents
    .filter((intent) => (expectedCount.get(intent) ?? 0) > 0)
    .map((intent) => {
      const tp = truePositives.get(intent) ?? 0;
      const precision = ratio(tp, predictedCount.get(intent) ?? 0);
      const recall = ratio(tp, expectedCount.get(intent) ?? 0);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { intent, precision, recall, f1, support: expectedCount.get(intent) ?? 0 };
    });
  const calibration = expectedCalibrationError(
    predictions.map(({ item, predicted }) => ({
      confidence: predicted.confidence,
      correct: item.intent === predicted.intent,
    })),
  );
  const oosTp = truePositives.get(outOfScopeIntent) ?? 0;
  const accuracyByLanguage: EvaluationReport['accuracyByLanguage'] = {};
  for (const [language, entry] of Object.entries(byLanguage) as [
    Language,
    { correct: number; count: number },
  ][]) {
    accuracyByLanguage[language] = { accuracy: ratio(entry.correct, entry.count), count: entry.count };
  }
  return {
    count: predictions.length,
    accuracy: ratio(correct, predictions.length),
    accuracyByLanguage,
    macroF1: ratio(
      perIntent.reduce((sum, metrics) => sum + metrics.f1, 0),
      perIntent.length,
    ),
    perIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
    ece: calibration.ece,
    calibration: calibration.bins,
    outOfScope: {
      precision: ratio(oosTp, predictedCount.get(outOfScopeIntent) ?? 0),
      recall: ratio(oosTp, expectedCount.get(outOfScopeIntent) ?? 0),
    },
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatReport(title: string, report: EvaluationReport, maxConfusions = 15): string {
  const lines = [`## ${title}`, ''];
  const languages = Object.entries(report.accuracyByLanguage)
    .map(([language, entry]) => `${language} ${pct(entry.accuracy)} (${entry.count})`)
    .join(', ');
  lines.push(`messages: ${report.count}`);
  lines.push(`accuracy: ${pct(report.accuracy)}${languages ? `  [${languages}]` : ''}`);
  lines.push(`macro-F1: ${report.macroF1.toFixed(3)}`);
  lines.push(`expected calibration error: ${report.ece.toFixed(3)}`);
  lines.push(
    `out_of_scope: precision ${pct(report.outOfScope.precision)}, recall ${pct(report.outOfScope.recall)}`,
  );
  lines.push('', '| intent | precision | recall | F1 | support |', '|---|---|---|---|---|');
  for (const m of report.perIntent) {
    lines.push(
      `| ${m.intent} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} | ${m.f1.toFixed(3)} | ${m.support} |`,
    );
  }
  lines.push('', 'calibration (confidence bin: mean confidence → accuracy, count):');
  for (const bin of report.calibration) {
    if (bin.count === 0) continue;
    lines.push(
      `  ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${bin.meanConfidence.toFixed(2)} → ${bin.accuracy.toFixed(2)} (${bin.count})`,
    );
  }
  lines.push('', `confusion pairs (expected → predicted), top ${maxConfusions}:`);
  if (report.confusions.length === 0) lines.push('  none');
  for (const confusion of report.confusions.slice(0, maxConfusions)) {
    lines.push(
      `  ${confusion.expected} → ${confusion.predicted}: ${confusion.count}   e.g. ${confusion.examples.map((text) => JSON.stringify(text)).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
