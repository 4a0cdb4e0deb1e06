import { describe, expect, it } from 'vitest';
import { analyzeStudy, majorityBaseline } from './study-analysis';
import { FIXTURE_METHODS, fixtureRun, fixtureStudyRuns, fixtureTestLabelCounts } from './study.fixture';

describe('majorityBaseline', () => {
  it('scores always predicting the most frequent label: 70/30 → accuracy 0.7, macro-F1 (1.4/1.7)/2', () => {
    const baseline = majorityBaseline([
      { label: 0, count: 30 },
      { label: 1, count: 70 },
    ]);
    expect(baseline).toMatchObject({ label: 1, testRows: 100, accuracy: 0.7, balancedAccuracy: 0.5 });
    expect(baseline!.f1Macro).toBeCloseTo(1.4 / 1.7 / 2, 12);
  });

  it('is null without test rows and breaks a tie towards the lower label', () => {
    expect(majorityBaseline([{ label: 1, count: 0 }])).toBeNull();
    expect(majorityBaseline([{ label: 1, count: 5 }, { label: 0, count: 5 }])!.label).toBe(0);
  });
});

describe('analyzeStudy', () => {
  const analysis = analyzeStudy(fixtureStudyRuns(), majorityBaseline(fixtureTestLabelCounts()));

  it('compares only succeeded runs on one protocol and says why the others are left out', () => {
    expect(analysis.cohortRunIds).toEqual(['full-s1', 'full-s2', 'lora-s1', 'lora-s2', 'mamba-s1', 'mamba-s2']);
    expect(analysis.excluded).toEqual([
      { runId: 'full-s3', method: 'full', seed: 3, reason: 'not finished (FAILED)' },
      { runId: 'lora-s3', method: 'lora', seed: 3, reason: 'not comparable with the 6 runs compared: splitFingerprint split-b instead of split-a' },
    ]);
    expect(analysis.comparability).toMatchObject({ comparable: false, reason: expect.stringContaining('splitFingerprint differs') });
  });

  it('orders methods by mean macro-F1 with the spread over seeds and seed-averaged intervals', () => {
    expect(analysis.methods.map((method) => method.method)).toEqual(['full', 'lora', 'mamba']);
    const [full] = analysis.methods;
    const runs = fixtureStudyRuns().filter((run) => run.method === 'full' && run.status === 'SUCCEEDED');
    const values = runs.map((run) => run.finalMetrics!['eval/f1_macro']);
    expect(full.quality.mean).toBeCloseTo((values[0] + values[1]) / 2, 12);
    expect(full.quality.std).toBeCloseTo(Math.abs(values[0] - values[1]) / Math.SQRT2, 12);
    const f1 = full.intervals.find((entry) => entry.score === 'f1Macro')!;
    expect(f1.runs).toBe(2);
    expect(f1.estimate).toBeCloseTo(full.quality.mean!, 12);
    expect(f1.low).toBeLessThan(f1.estimate);
    expect(f1.high).toBeGreaterThan(f1.estimate);
    expect(full.costs.find((cost) => cost.axis === 'trainSeconds')).toMatchObject({ n: 2, mean: 1260, max: 1273 });
  });

  it('tells a close pair from a clear one, with McNemar for each shared seed', () => {
    const [loraVsFull, mambaVsFull] = analysis.comparisons;
    expect(loraVsFull).toMatchObject({ methodA: 'lora', methodB: 'full', significant: false });
    expect(loraVsFull.verdict).toMatch(/^LoRA vs Full FT: −0\.\d macro-F1, 95% CI \[−\d\.\d, \+\d\.\d\], not significant$/);
    expect(mambaVsFull).toMatchObject({ methodA: 'mamba', methodB: 'full', significant: true });
    expect(mambaVsFull.mcnemar.map((test) => test.seed)).toEqual([1, 2]);
    expect(mambaVsFull.mcnemar.every((test) => test.pValue < 0.001)).toBe(true);
  });

  it('puts LoRA and full fine-tuning on the Pareto front and Mamba behind LoRA', () => {
    expect(analysis.pareto.methods.map((entry) => [entry.method, entry.dominatedBy])).toEqual([
      ['lora', null],
      ['full', null],
      ['mamba', 'lora'],
    ]);
  });

  it('measures time to target from the per-epoch evaluations, defaulting to a level every method reached on average', () => {
    const mamba = analysis.methods.find((method) => method.method === 'mamba')!;
    expect(analysis.timeToTarget!.target).toBe(Math.floor(mamba.quality.mean! * 1000) / 1000);
    const explicit = analyzeStudy(fixtureStudyRuns(), null, { target: 0.8 }).timeToTarget!;
    expect(explicit.methods.find((entry) => entry.method === 'mamba')).toMatchObject({ reached: 0, medianSeconds: null });
    expect(explicit.methods.find((entry) => entry.method === 'full')!.reached).toBe(2);
  });

  it('reports no intervals or tests when no run stored predictions, and refuses a lower-is-better quality metric', () => {
    const bare = analyzeStudy(fixtureStudyRuns().map((run) => ({ ...run, predictions: null })), null);
    expect(bare.methods.every((method) => method.intervals.length === 0)).toBe(true);
    expect(bare.comparisons[0]).toMatchObject({ difference: null, significant: null, verdict: 'LoRA vs Full FT: no stored test predictions to compare' });
    expect(() => analyzeStudy([], null, { qualityMetric: 'eval/loss' })).toThrow(/lower-is-better/);
    expect(() => analyzeStudy([], null, { paretoCosts: [] })).toThrow(/one or two/);
  });

  it('keeps predictions over a different test set out of the paired tests', () => {
    const runs = [fixtureRun(FIXTURE_METHODS[0], 1), fixtureRun(FIXTURE_METHODS[0], 2), fixtureRun(FIXTURE_METHODS[1], 1)];
    runs[2] = { ...runs[2], predictions: { ...runs[2].predictions!, examplesKey: 'another-test-set' } };
    const analysis = analyzeStudy(runs, null);
    expect(analysis.methods.find((method) => method.method === 'lora')!.intervals).toEqual([]);
    expect(analysis.comparisons[0].significant).toBeNull();
  });
});
