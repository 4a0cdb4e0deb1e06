import { createRandom } from '../dataset/random';

/**
 * The statistics a comparison of methods rests on (issue 6): summaries over seeds, classification metrics
 * from stored test predictions, bootstrap confidence intervals, and paired tests of two methods on the same
 * test set. Pure functions over numbers; the API and the report call them.
 */

export interface Summary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null below two values, where it does not exist. */
  std: number | null;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (!n) return { n, mean: null, std: null };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { n, mean, std: null };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { n, mean, std: Math.sqrt(variance) };
}

export interface ClassificationScores {
  accuracy: number;
  balancedAccuracy: number;
  /** The headline metric: with 85% positive reviews, accuracy flatters a model that always says "positive". */
  f1Macro: number;
}

function checkPairs(labels: readonly number[], predictions: readonly number[]): void {
  if (labels.length !== predictions.length) throw new RangeError(`labels (${labels.length}) and predictions (${predictions.length}) must pair up one to one`);
  if (!labels.length) throw new RangeError('there are no predictions to score');
}

/** Accuracy, balanced accuracy and macro-F1 over the classes present in the labels or the predictions. */
export function classificationScores(labels: readonly number[], predictions: readonly number[], indices?: readonly number[]): ClassificationScores {
  checkPairs(labels, predictions);
  const rows = indices ?? labels.map((_, i) => i);
  const classes = new Set<number>();
  const truePositive = new Map<number, number>();
  const actual = new Map<number, number>();
  const predicted = new Map<number, number>();
  let correct = 0;
  for (const i of rows) {
    const label = labels[i];
    const prediction = predictions[i];
    classes.add(label);
    classes.add(prediction);
    actual.set(label, (actual.get(label) ?? 0) + 1);
    predicted.set(prediction, (predicted.get(prediction) ?? 0) + 1);
    if (label === prediction) {
      correct += 1;
      truePositive.set(label, (truePositive.get(label) ?? 0) + 1);
    }
  }
  let recallSum = 0;
  let recallClasses = 0;
  let f1Sum = 0;
  for (const cls of classes) {
    const tp = truePositive.get(cls) ?? 0;
    const support = actual.get(cls) ?? 0;
    const predictedCount = predicted.get(cls) ?? 0;
    if (support) {
      recallSum += tp / support;
      recallClasses += 1;
    }
    const denominator = support + predictedCount;
    f1Sum += denominator ? (2 * tp) / denominator : 0;
  }
  return { accuracy: correct / rows.length, balancedAccuracy: recallClasses ? recallSum / recallClasses : 0, f1Macro: f1Sum / classes.size };
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

export type ScoreName = keyof ClassificationScores;

function percentile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: string;
}

/** Resamples n examples with replacement `resamples` times and brackets the statistic's middle `confidence`. */
function bootstrap(n: number, statistic: (indices: readonly number[]) => number, estimate: number, options: BootstrapOptions, stream: string): Interval {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const random = createRandom(`${stream}:${options.seed ?? 'tunelab'}`);
  const draws: number[] = [];
  const indices = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = random.int(n);
    draws.push(statistic(indices));
  }
  draws.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { estimate, low: percentile(draws, tail), high: percentile(draws, 1 - tail), confidence };
}

/** Percentile bootstrap over test examples, seeded so a report shows the same interval every time. */
export function bootstrapInterval(labels: readonly number[], predictions: readonly number[], score: ScoreName, options: BootstrapOptions = {}): Interval {
  checkPairs(labels, predictions);
  const estimate = classificationScores(labels, predictions)[score];
  return bootstrap(labels.length, (indices) => classificationScores(labels, predictions, indices)[score], estimate, options, 'bootstrap');
}

/** The bootstrap interval of score(A) − score(B), resampling the same examples for both (a paired design). */
export function pairedDifferenceInterval(
  labels: readonly number[],
  predictionsA: readonly number[],
  predictionsB: readonly number[],
  score: ScoreName,
  options: BootstrapOptions = {},
): Interval {
  checkPairs(labels, predictionsA);
  checkPairs(labels, predictionsB);
  const difference = (indices?: readonly number[]) => classificationScores(labels, predictionsA, indices)[score] - classificationScores(labels, predictionsB, indices)[score];
  return bootstrap(labels.length, difference, difference(), options, 'paired');
}

export interface McNemarResult {
  /** A right where B is wrong. */
  onlyA: number;
  /** B right where A is wrong. */
  onlyB: number;
  pValue: number;
  method: 'exact' | 'chi-square';
}

/** Complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = poly * Math.exp(-x * x);
  return x >= 0 ? value : 2 - value;
}

function binomialTwoSided(k: number, n: number): number {
  let tail = 0;
  let coefficient = 1;
  for (let i = 0; i <= Math.min(k, n - k); i++) {
    tail += coefficient;
    coefficient = (coefficient * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

/**
 * McNemar's test of two classifiers on the same examples: exact (binomial) when fewer than 25 examples
 * separate them, chi-square with continuity correction otherwise.
 */
export function mcnemar(labels: readonly number[], predictionsA: readonly number[], predictionsB: readonly number[]): McNemarResult {
  checkPairs(labels, predictionsA);
  checkPairs(labels, predictionsB);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < labels.length; i++) {
    const a = predictionsA[i] === labels[i];
    const b = predictionsB[i] === labels[i];
    if (a && !b) onlyA += 1;
    else if (b && !a) onlyB += 1;
  }
  const discordant = onlyA + onlyB;
  if (discordant === 0) return { onlyA, onlyB, pValue: 1, method: 'exact' };
  if (discordant < 25) return { onlyA, onlyB, pValue: binomialTwoSided(Math.min(onlyA, onlyB), discordant), method: 'exact' };
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / discordant;
  return { onlyA, onlyB, pValue: erfc(Math.sqrt(statistic / 2)), method: 'chi-square' };
}
