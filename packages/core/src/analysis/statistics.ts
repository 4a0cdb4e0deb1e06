
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
export function classificationScores(labels: readonly number[], predictions: readonly number[]): ClassificationScores {
  checkPairs(labels, predictions);
  return scoresOf(confusion(labels, predictions));
}

/** Counts per (true label, predicted label) of each prediction set over the same rows: one pass for all sets. */
export interface Confusion {
  classes: number;
  counts: Float64Array;
  rows: number;
}

const MAX_CLASSES = 1_000;

export function classCount(labels: readonly number[], predictionSets: readonly (readonly number[])[]): number {
  let max = 0;
  for (const values of [labels, ...predictionSets]) {
    for (const value of values) {
      if (!Number.isInteger(value) || value < 0 || value >= MAX_CLASSES) throw new RangeError(`labels and predictions must be class indices 0…${MAX_CLASSES - 1} (got ${value})`);
      if (value > max) max = value;
    }
  }
  return max + 1;
}

function confusion(labels: readonly number[], predictions: readonly number[]): Confusion {
  const classes = classCount(labels, [predictions]);
  const counts = new Float64Array(classes * classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i] * classes + predictions[i]] += 1;
  return { classes, counts, rows: labels.length };
}

/** Accuracy, balanced accuracy and macro-F1 from confusion counts (row = true label, column = predicted). */
export function scoresOf({ classes, counts, rows }: Confusion): ClassificationScores {
  let correct = 0;
  let recallSum = 0;
  let recallClasses = 0;
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    const tp = counts[c * classes + c];
    let support = 0;
    let predicted = 0;
    for (let other = 0; other < classes; other++) {
      support += counts[c * classes + other];
      predicted += counts[other * classes + c];
    }
    correct += tp;
    if (support) {
      recallSum += tp / support;
      recallClasses += 1;
    }
    // Only classes seen among the labels or the predictions count towards the macro average.
    if (support + predicted) {
      present += 1;
      f1Sum += (2 * tp) / (support + predicted);
    }
  }
  return { accuracy: correct / rows, balancedAccuracy: recallClasses ? recallSum / recallClasses : 0, f1Macro: present ? f1Sum / present : 0 };
}

/** The confusion matrix (rows true label, columns predicted) of one prediction set. */
export function confusionMatrix(labels: readonly number[], predictions: readonly number[]): number[][] {
  checkPairs(labels, predictions);
  const { classes, counts } = confusion(labels, predictions);
  return Array.from({ length: classes }, (_, row) => Array.from(counts.subarray(row * classes, (row + 1) * classes)));
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

export type ScoreName = keyof ClassificationScores;

export function percentile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: string;
}

export function checkSets(labels: readonly number[], predictionSets: readonly (readonly number[])[]): void {
  if (!predictionSets.length) throw new RangeError('there are no prediction sets to score');
  for (const predictions of predictionSets) checkPairs(labels, predictions);
}

export const SCORE_NAMES: readonly ScoreName[] = ['accuracy', 'balancedAccuracy', 'f1Macro'];

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
