import { createRandom } from '../dataset/random';
import { runCosts } from './cost-axes';
import type { AnalysisRun } from './study-analysis';

/**
 * A study shaped like the Kinopoisk assignment, small enough to reason about: 400 test reviews, 70% positive;
 * full fine-tuning and LoRA close in quality, Mamba clearly behind, plus a failed run and one run evaluated on
 * another split. Errors fall on the same hard examples across methods, as they do with real models.
 */
export const FIXTURE_TEST_SIZE = 400;

const random = createRandom('fixture:test-set');
export const FIXTURE_LABELS: number[] = Array.from({ length: FIXTURE_TEST_SIZE }, () => (random.chance(0.7) ? 1 : 0));
const DIFFICULTY: number[] = FIXTURE_LABELS.map(() => random.float());

interface MethodShape {
  method: string;
  /** Share of examples the method gets right, before seed noise. */
  skill: number;
  trainSeconds: number;
  peakMemoryBytes: number;
  trainableParameters: number;
  totalParameters: number;
}

export const FIXTURE_METHODS: MethodShape[] = [
  { method: 'full', skill: 0.93, trainSeconds: 1260, peakMemoryBytes: 9.1 * 2 ** 30, trainableParameters: 177_854_978, totalParameters: 177_854_978 },
  { method: 'lora', skill: 0.925, trainSeconds: 780, peakMemoryBytes: 5.2 * 2 ** 30, trainableParameters: 296_450, totalParameters: 178_151_428 },
  { method: 'mamba', skill: 0.85, trainSeconds: 1710, peakMemoryBytes: 7.4 * 2 ** 30, trainableParameters: 129_137_666, totalParameters: 129_137_666 },
];

function predictionsFor(shape: MethodShape, seed: number): number[] {
  const noise = createRandom(`fixture:${shape.method}:${seed}`);
  return FIXTURE_LABELS.map((label, i) => (DIFFICULTY[i] + (noise.float() - 0.5) * 0.04 > shape.skill ? 1 - label : label));
}

function scores(labels: readonly number[], predictions: readonly number[]): Record<string, number> {
  let correct = 0;
  const tp = [0, 0];
  const support = [0, 0];
  const predicted = [0, 0];
  labels.forEach((label, i) => {
    support[label] += 1;
    predicted[predictions[i]] += 1;
    if (label === predictions[i]) (correct += 1, (tp[label] += 1));
  });
  const f1 = [0, 1].map((c) => (2 * tp[c]) / (support[c] + predicted[c]));
  return {
    'eval/accuracy': correct / labels.length,
    'eval/balanced_accuracy': (tp[0] / support[0] + tp[1] / support[1]) / 2,
    'eval/f1_macro': (f1[0] + f1[1]) / 2,
    'eval/f1_weighted': (f1[0] * support[0] + f1[1] * support[1]) / labels.length,
  };
}

export function fixtureRun(shape: MethodShape, seed: number, overrides: Partial<AnalysisRun> = {}): AnalysisRun {
  const predictions = predictionsFor(shape, seed);
  const finalMetrics = scores(FIXTURE_LABELS, predictions);
  const jitter = 1 + (seed - 1.5) * 0.02;
  const trainSeconds = Math.round(shape.trainSeconds * jitter);
  const final = finalMetrics['eval/f1_macro'];
  return {
    id: `${shape.method}-s${seed}`,
    method: shape.method,
    seed,
    status: 'SUCCEEDED',
    protocol: { splitFingerprint: 'split-a', labelRule: 'grade3', textRule: 'strip-score-mentions', maxSeqLength: 256 },
    finalMetrics,
    costs: runCosts({
      trainSeconds,
      peakMemoryBytes: Math.round(shape.peakMemoryBytes),
      trainableParameters: shape.trainableParameters,
      totalParameters: shape.totalParameters,
      device: 'cuda:0',
      finalMetrics,
      energyJoules: Math.round(trainSeconds * 250),
    }),
    predictions: { examplesKey: 'test-a', labels: FIXTURE_LABELS, predictions },
    evaluations: [1, 2, 3].map((epoch) => ({
      epoch,
      trainSeconds: Math.round((trainSeconds * epoch) / 3),
      metrics: { 'eval/f1_macro': Number((final - (3 - epoch) * 0.04).toFixed(4)) },
    })),
    ...overrides,
  };
}

/** Two seeds of each method, one failed full run and one LoRA run evaluated on a different split. */
export function fixtureStudyRuns(): AnalysisRun[] {
  const [full, lora] = FIXTURE_METHODS;
  return [
    ...FIXTURE_METHODS.flatMap((shape) => [fixtureRun(shape, 1), fixtureRun(shape, 2)]),
    { ...fixtureRun(full, 3), status: 'FAILED', finalMetrics: null, predictions: null, evaluations: [] },
    fixtureRun(lora, 3, { protocol: { splitFingerprint: 'split-b', labelRule: 'grade3', textRule: 'strip-score-mentions', maxSeqLength: 256 } }),
  ];
}

export function fixtureTestLabelCounts(): { label: number; count: number }[] {
  const positives = FIXTURE_LABELS.filter((label) => label === 1).length;
  return [
    { label: 0, count: FIXTURE_LABELS.length - positives },
    { label: 1, count: positives },
  ];
}

/** A data-quality report for the fixture, as the import stores it. */
export function fixtureQualityReport(): import('../dataset/quality-report').QualityReport {
  const [negatives, positives] = fixtureTestLabelCounts().map((entry) => entry.count);
  return {
    version: 1,
    synthetic: false,
    labelRule: 'grade3',
    textRule: 'strip-score-mentions',
    rowsRead: 2_120,
    rowsKept: 2_000,
    keptPerLabel: [
      { label: 0, count: negatives * 5 },
      { label: 1, count: positives * 5 },
    ],
    rowsDropped: 120,
    dropped: [
      { reason: 'neutral', count: 112, lines: [4, 9] },
      { reason: 'malformedLine', count: 8, lines: [77] },
    ],
    unusableLabels: [],
    gradeAgreement: { threshold: 6, compared: 2_000, disagreements: 46, share: 0.023, goodBelowThreshold: 30, badAtOrAboveThreshold: 16, lines: [] },
    scoreMentions: { rows: 160, share: 0.08, stripped: true },
    textLength: { unit: 'characters', min: 12, max: 9_811, mean: 912, p50: 702, p90: 1_804, p95: 2_390, p99: 4_870, histogram: [] },
    tokenLength: null,
    majorityClass: { label: 1, accuracy: positives / FIXTURE_TEST_SIZE, testAccuracy: positives / FIXTURE_TEST_SIZE },
    splits: [
      { name: 'train', rows: 1_600, labels: [] },
      { name: 'test', rows: FIXTURE_TEST_SIZE, labels: fixtureTestLabelCounts() as never },
    ],
  };
}
