// Typed just enough for the model comparison in scripts/eval-nlu.ts (natural's root module prints to stdout).
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  class BayesClassifier {
    constructor();
    addDocument(tokens: string[], label: string): void;
    train(): void;
    getClassifications(tokens: string[]): { label: string; value: number }[];
  }
  export default BayesClassifier;
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier' {
  class LogisticRegressionClassifier {
    constructor();
    addDocument(tokens: string[], label: string): void;
    train(): void;
    getClassifications(tokens: string[]): { label: string; value: number }[];
  }
  export default LogisticRegressionClassifier;
}
