import { describe, expect, it } from 'vitest';
import { recommendMethod } from './recommendation';
import { analyzeStudy } from './study-analysis';
import { FIXTURE_METHODS, fixtureRun, fixtureStudyRuns } from './study.fixture';

const analysis = analyzeStudy(fixtureStudyRuns(), null);
const [full, lora, mamba] = FIXTURE_METHODS;

describe('recommendMethod', () => {
  it('picks the cheaper of two methods whose quality cannot be told apart', () => {
    const recommendation = recommendMethod(analysis);
    expect(recommendation).toMatchObject({ decision: 'TIED_ON_QUALITY', method: 'lora', tiedWith: ['full'] });
    expect(recommendation.reasons.join('\n')).toMatch(/cannot be told apart .* LoRA chosen because it trains 1\.6× faster/);
    expect(recommendation.evidence.map((entry) => entry.runId)).toContain('full-s1');
  });

  it('recommends firmly when the best method is significantly better than every other eligible one', () => {
    const onlyFullAndMamba = analyzeStudy(fixtureStudyRuns().filter((run) => run.method !== 'lora'), null);
    const recommendation = recommendMethod(onlyFullAndMamba);
    expect(recommendation).toMatchObject({ decision: 'RECOMMENDED', method: 'full', tiedWith: [] });
    expect(recommendation.reasons).toContain('Full FT is significantly better than Mamba (Mamba vs Full FT: −9.4 macro-F1, 95% CI [−12.4, −6.4], significant)');
  });

  it('applies a time budget to the slowest seed, inclusive at the boundary', () => {
    const slowestFull = Math.max(...fixtureStudyRuns().filter((run) => run.method === 'full' && run.status === 'SUCCEEDED').map((run) => run.costs.trainSeconds!));
    const onlyFull = analyzeStudy(fixtureStudyRuns().filter((run) => run.method === 'full'), null);
    expect(recommendMethod(onlyFull, { timeBudgetSeconds: slowestFull }).method).toBe('full');
    const tooTight = recommendMethod(onlyFull, { timeBudgetSeconds: slowestFull - 1 });
    expect(tooTight).toMatchObject({ decision: 'NONE_ELIGIBLE', method: null });
    expect(tooTight.candidates[0].failed[0]).toMatch(/train time \(slowest seed\) 21 min 13 s exceeds the budget of 21 min 12 s/);
  });

  it('applies minimum quality to the seed mean, inclusive at the boundary', () => {
    const mean = analysis.methods.find((method) => method.method === 'full')!.quality.mean!;
    expect(recommendMethod(analysis, { minQuality: mean })).toMatchObject({ method: 'full', decision: 'RECOMMENDED' });
    expect(recommendMethod(analysis, { minQuality: mean + 1e-9 }).decision).toBe('NONE_ELIGIBLE');
  });

  it('excludes a method whose constrained value was never measured', () => {
    const recommendation = recommendMethod(analysis, { latencyBudgetMs: 50 });
    expect(recommendation.decision).toBe('NONE_ELIGIBLE');
    expect(recommendation.candidates.every((candidate) => /inference latency .* not measured/.test(candidate.failed[0]))).toBe(true);
  });

  it('applies memory and trainable-parameter budgets to the highest seed', () => {
    expect(recommendMethod(analysis, { gpuMemoryBytes: Math.round(lora.peakMemoryBytes) }).method).toBe('lora');
    expect(recommendMethod(analysis, { gpuMemoryBytes: Math.round(lora.peakMemoryBytes) - 1 }).decision).toBe('NONE_ELIGIBLE');
    expect(recommendMethod(analysis, { trainableParameterBudget: mamba.trainableParameters }).method).toBe('lora');
    const noLora = analyzeStudy(fixtureStudyRuns().filter((run) => run.method !== 'lora'), null);
    expect(recommendMethod(noLora, { trainableParameterBudget: mamba.trainableParameters }).method).toBe('mamba');
    expect(recommendMethod(noLora, { trainableParameterBudget: mamba.trainableParameters - 1 }).decision).toBe('NONE_ELIGIBLE');
  });

  it('says the data is too thin with a single seed, and when differences cannot be tested', () => {
    const oneSeed = analyzeStudy([fixtureRun(full, 1), fixtureRun(mamba, 1), fixtureRun(mamba, 2)], null);
    const thin = recommendMethod(oneSeed);
    expect(thin).toMatchObject({ decision: 'TOO_THIN', method: 'full' });
    expect(thin.summary).toMatch(/^Provisional pick: .* too thin to decide\.$/);
    expect(thin.reasons.join('\n')).toMatch(/only one seed of Full FT/);
    const untested = analyzeStudy(fixtureStudyRuns().map((run) => ({ ...run, predictions: null })), null);
    expect(recommendMethod(untested)).toMatchObject({ decision: 'TOO_THIN' });
  });

  it('has nothing to recommend without runs', () => {
    expect(recommendMethod(analyzeStudy([], null))).toMatchObject({ decision: 'NO_DATA', method: null });
  });
});
