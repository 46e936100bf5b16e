/**
 * `npm run eval`: how well the NLU understands shoppers.
 *  1. k-fold cross-validation over intents/ (every example scored by a model that never saw it);
 *  2. the held-out file test/data/holdout.jsonl, written separately from the training data;
 *  3. a comparison of candidate models on the same folds and held-out file.
 * Prints accuracy per language, macro-F1, per-intent table, confusion pairs, calibration and out-of-scope P/R.
 */
import path from 'node:path';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import { readLabelledFile } from '../src/cli/eval';
import { IntentClassifier } from '../src/nlu/classifier/intent-classifier';
import { stratifiedFolds } from '../src/nlu/classifier/folds';
import { formatReport, scorePredictions, type LabelledText, type Prediction } from '../src/nlu/evaluation';
import { FeatureExtractor } from '../src/nlu/features';
import { Nlu } from '../src/nlu/nlu';
import { normalize } from '../src/nlu/normalize';
import { loadTrainingData, type TrainingExample } from '../src/nlu/training-data';
import type { IntentScore } from '../src/nlu/types';
import { ChineseTokenizer } from '../src/nlu/zh/tokenizer';
import { intentsDir, packageRoot } from '../src/paths';

const FOLDS = 5;
const holdoutFile = path.join(packageRoot(), 'test', 'data', 'holdout.jsonl');

type Scorer = (text: string) => IntentScore;
interface Candidate {
  name: string;
  train(examples: TrainingExample[]): Scorer;
}

const tokenizer = ChineseTokenizer.fromFile(path.join(intentsDir(), 'userdict.txt'));
const withNgrams = new FeatureExtractor(tokenizer, { characterNgrams: true });
const wordsOnly = new FeatureExtractor(tokenizer, { characterNgrams: false });

function softmaxCandidate(name: string, extractor: FeatureExtractor): Candidate {
  return {
    name,
    train(examples) {
      const classifier = IntentClassifier.train(
        examples.map((e) => ({ features: extractor.features(normalize(e.text).folded), intent: e.intent })),
      );
      return (text) => classifier.rank(extractor.features(normalize(text).folded))[0];
    },
  };
}

function bayesCandidate(name: string, extractor: FeatureExtractor): Candidate {
  return {
    name,
    train(examples) {
      const bayes = new BayesClassifier();
      for (const e of examples) bayes.addDocument(extractor.features(normalize(e.text).folded), e.intent);
      bayes.train();
      return (text) => {
        const scores = bayes.getClassifications(extractor.features(normalize(text).folded));
        const total = scores.reduce((sum, s) => sum + s.value, 0);
        const best = scores[0];
        return { intent: best.label, confidence: total > 0 ? best.value / total : 0 };
      };
    },
  };
}

const candidates: Candidate[] = [
  bayesCandidate('natural BayesClassifier, words', wordsOnly),
  bayesCandidate('natural BayesClassifier, words + char n-grams', withNgrams),
  softmaxCandidate('softmax regression, words', wordsOnly),
  softmaxCandidate('softmax regression, words + char n-grams (kefu)', withNgrams),
];

function crossValidate(candidate: Candidate, examples: TrainingExample[]): Prediction[] {
  const folds = stratifiedFolds(
    examples.map((e) => e.intent),
    FOLDS,
  );
  const predictions: Prediction[] = [];
  folds.forEach((heldOut, f) => {
    const train = folds.filter((_, g) => g !== f).flatMap((fold) => fold.map((i) => examples[i]));
    const score = candidate.train(train);
    for (const i of heldOut) predictions.push({ item: examples[i], predicted: score(examples[i].text) });
  });
  return predictions;
}

async function main(): Promise<void> {
  const examples = loadTrainingData();
  if (process.argv.includes('--cv-only')) {
    // For whoever edits intents/: error analysis on the training data only keeps the held-out file unseen.
    console.log(
      formatReport(
        `${FOLDS}-fold cross-validation over intents/`,
        scorePredictions(crossValidate(candidates[candidates.length - 1], examples)),
        40,
      ),
    );
    return;
  }
  const holdout: LabelledText[] = await readLabelledFile(holdoutFile);
  console.log(
    `# kefu NLU evaluation\n\ntraining examples: ${examples.length}, held-out messages: ${holdout.length}\n`,
  );

  const started = Date.now();
  const nlu = Nlu.create();
  const trainMs = Date.now() - started;
  const holdoutPredictions = holdout.map((item) => {
    const analysis = nlu.analyze(item.text);
    return { item, predicted: { intent: analysis.intent, confidence: analysis.confidence } };
  });
  console.log(
    formatReport(
      `held-out (${path.relative(packageRoot(), holdoutFile)})`,
      scorePredictions(holdoutPredictions),
    ),
  );
  console.log(`training time (with calibration): ${trainMs} ms, temperature ${nlu.classifier.temperature}\n`);

  const comparison: string[] = [
    '| model | CV accuracy | CV macro-F1 | held-out zh | held-out en | held-out macro-F1 | held-out ECE |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const candidate of candidates) {
    const cv = scorePredictions(crossValidate(candidate, examples));
    const score = candidate.train(examples);
    const held = scorePredictions(holdout.map((item) => ({ item, predicted: score(item.text) })));
    if (candidate === candidates[candidates.length - 1])
      console.log(formatReport(`${FOLDS}-fold cross-validation over intents/`, cv));
    const pct = (v: number | undefined) => `${((v ?? 0) * 100).toFixed(1)}%`;
    comparison.push(
      `| ${candidate.name} | ${pct(cv.accuracy)} | ${cv.macroF1.toFixed(3)} | ${pct(held.accuracyByLanguage.zh?.accuracy)} | ${pct(held.accuracyByLanguage.en?.accuracy)} | ${held.macroF1.toFixed(3)} | ${held.ece.toFixed(3)} |`,
    );
  }
  console.log(`## model comparison\n\n${comparison.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
