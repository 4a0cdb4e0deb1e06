import { createRandom } from '../dataset/random';
import { type BootstrapOptions, checkSets, classCount, type ClassificationScores, type Interval, percentile, type ScoreName, scoresOf } from './statistics';

/**
 * One bootstrap over the test examples shared by every run of a study: each resample scores every run's
 * predictions on the same resampled examples, once. Method intervals (seed means), run intervals and paired
 * differences are then read off the same draws, so a 9-run study on 7,000 reviews costs one pass per
 * resample and run instead of one per interval.
 */
export interface SharedBootstrap {
  /** Each set's scores on all examples. */
  estimates: ClassificationScores[];
  /** resamples[r][s]: set s scored on resample r. */
  resamples: ClassificationScores[][];
  confidence: number;
  /** The percentile interval of any statistic of the per-set scores (a run's score, a seed mean, a difference). */
  interval(statistic: (scores: readonly ClassificationScores[]) => number): Interval;
}

export function sharedBootstrap(labels: readonly number[], predictionSets: readonly (readonly number[])[], options: BootstrapOptions = {}, stream = 'study'): SharedBootstrap {
  checkSets(labels, predictionSets);
  const n = labels.length;
  const classes = classCount(labels, predictionSets);
  const cellsPerSet = classes * classes;
  const cells = predictionSets.map((predictions) => Int32Array.from(predictions, (prediction, i) => labels[i] * classes + prediction));
  const counts = new Float64Array(cellsPerSet * predictionSets.length);
  const scoreAll = (indices: Int32Array | null): ClassificationScores[] => {
    counts.fill(0);
    predictionSets.forEach((_, s) => {
      const setCells = cells[s];
      const offset = s * cellsPerSet;
      if (indices) for (let k = 0; k < indices.length; k++) counts[offset + setCells[indices[k]]] += 1;
      else for (let i = 0; i < n; i++) counts[offset + setCells[i]] += 1;
    });
    return predictionSets.map((_, s) => scoresOf({ classes, counts: counts.subarray(s * cellsPerSet, (s + 1) * cellsPerSet), rows: n }));
  };

  const random = createRandom(`${stream}:${options.seed ?? 'tunelab'}`);
  const estimates = scoreAll(null);
  const resamples: ClassificationScores[][] = [];
  const indices = new Int32Array(n);
  for (let r = 0; r < (options.resamples ?? 1000); r++) {
    for (let i = 0; i < n; i++) indices[i] = random.int(n);
    resamples.push(scoreAll(indices));
  }
  const confidence = options.confidence ?? 0.95;
  const tail = (1 - confidence) / 2;
  return {
    estimates,
    resamples,
    confidence,
    interval(statistic) {
      const draws = resamples.map(statistic).sort((a, b) => a - b);
      return { estimate: statistic(estimates), low: percentile(draws, tail), high: percentile(draws, 1 - tail), confidence };
    },
  };
}

/** The mean of one score over some of the sets: a method's seed-averaged score. */
export function meanOf(indices: readonly number[], score: keyof ClassificationScores): (scores: readonly ClassificationScores[]) => number {
  return (scores) => indices.reduce((sum, index) => sum + scores[index][score], 0) / indices.length;
}

/** Percentile bootstrap of one run's score over its test examples, seeded so a report repeats. */
export function bootstrapInterval(labels: readonly number[], predictions: readonly number[], score: ScoreName, options: BootstrapOptions = {}): Interval {
  return sharedBootstrap(labels, [predictions], options, 'bootstrap').interval(meanOf([0], score));
}

/** A method's seed-averaged score: every seed's run scored on the same resampled examples. */
export function meanScoreInterval(labels: readonly number[], predictionSets: readonly (readonly number[])[], score: ScoreName, options: BootstrapOptions = {}, stream = 'mean'): Interval {
  return sharedBootstrap(labels, predictionSets, options, stream).interval(meanOf(predictionSets.map((_, i) => i), score));
}

/** Seed-averaged score of A minus that of B, both on each resample of the same examples (a paired design). */
export function meanDifferenceInterval(
  labels: readonly number[],
  setsA: readonly (readonly number[])[],
  setsB: readonly (readonly number[])[],
  score: ScoreName,
  options: BootstrapOptions = {},
  stream = 'mean-difference',
): Interval {
  const a = meanOf(setsA.map((_, i) => i), score);
  const b = meanOf(setsB.map((_, i) => setsA.length + i), score);
  return sharedBootstrap(labels, [...setsA, ...setsB], options, stream).interval((scores) => a(scores) - b(scores));
}

export function pairedDifferenceInterval(labels: readonly number[], predictionsA: readonly number[], predictionsB: readonly number[], score: ScoreName, options: BootstrapOptions = {}): Interval {
  return meanDifferenceInterval(labels, [predictionsA], [predictionsB], score, options, 'paired');
}
