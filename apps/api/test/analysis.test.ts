import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classificationScores, createRandom, generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CLAIM_RUN, COMPLETE_RUN, CREATE_STUDY, LOG_METRIC_SERIES, START_RUN } from './kit/documents';
import { seed } from './kit/seed';

const RECORD_PREDICTIONS = `mutation ($runId: ID!, $input: PredictionsInput!) { recordPredictions(runId: $runId, input: $input) { split count examplesKey confusionMatrix } }`;
const ANALYSIS = `query ($studyId: ID!, $options: AnalysisOptionsInput) { studyAnalysis(studyId: $studyId, options: $options) {
  qualityMetric cohortRunIds excluded { runId reason } baseline { accuracy f1Macro testRows }
  comparability { comparable reason differences { field values { value runIds } } }
  methods { method label seeds quality { mean std n } intervals { score estimate low high runs } costs { axis mean max } runs { runId seed quality intervals { score low high } costs { trainSeconds trainableParameters } } }
  comparisons { methodA methodB significant verdict difference { estimate low high } mcnemar { seed onlyA onlyB pValue method } }
  pareto { costAxes runs { key method quality costs dominatedBy } methods { key quality costs dominatedBy } unplaced }
  timeToTarget { metric target methods { method runs reached medianSeconds } } } }`;
const RECOMMEND = `query ($studyId: ID!, $constraints: RecommendationConstraintsInput) { recommendMethod(studyId: $studyId, constraints: $constraints) {
  decision method summary reasons tiedWith evidence { runId measure value } candidates { method eligible failed } } }`;
const REPORT = `query ($studyId: ID!, $format: ReportFormat!) { exportStudyReport(studyId: $studyId, format: $format) { format filename contentType content } }`;
const COMPARE = `query ($runIds: [ID!]!) { compareRuns(runIds: $runIds) { comparable reason differences { field values { value runIds } } } }`;
const TEST_PREDICTIONS = `query ($id: ID!) { run(id: $id) { testPredictions { split count confusionMatrix } } }`;

interface TestExample {
  id: string;
  label: number;
}

/** What each method gets right: full and LoRA close, both errors mostly on the same hard reviews. */
const SKILL: Record<string, number> = { full: 0.93, lora: 0.92 };
const TRAIN_SECONDS: Record<string, number> = { full: 120, lora: 70 };
const TRAINABLE: Record<string, number> = { full: 110_000, lora: 4_000 };

function predict(examples: TestExample[], method: string, seedValue: number): number[] {
  const difficulty = createRandom('hardness');
  const noise = createRandom(`${method}:${seedValue}`);
  return examples.map((example) => (difficulty.float() + (noise.float() - 0.5) * 0.05 > SKILL[method] ? 1 - example.label : example.label));
}

describe(`study analysis, recommendations and the report (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let studyId: string;
  let test: TestExample[];
  const runIds: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-analysis-')), 'reviews.jsonl');
    fs.writeFileSync(file, [...generateSyntheticReviews({ n: 1000, seed: 5 })].map(syntheticReviewLine).join(''));
    const projectId = await seed(client).project();
    const dataset = await seed(client).registeredDataset(projectId, file);
    const split = await fetch(`${api.url.replace(/\/graphql$/, '')}/datasets/${dataset.id}/splits/test.jsonl`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    test = (await split.text()).trim().split('\n').map((line) => JSON.parse(line) as TestExample);

    const study = await client.request(CREATE_STUDY, {
      input: { projectId, datasetId: dataset.id, name: 'analysis', methods: [{ method: 'full', baseModel: 'm' }, { method: 'lora', baseModel: 'm' }], seeds: [1, 2] },
    });
    studyId = study.createStudy.id;
    const workerId = await seed(client).worker();
    for (let i = 0; i < 4; i++) {
      const runId = (await client.request(CLAIM_RUN, { workerId })).claimRun.run.id as string;
      const run = study.createStudy.runs.find((candidate: { id: string }) => candidate.id === runId);
      runIds[`${run.method}-${run.seed}`] = runId;
      await client.request(START_RUN, { runId, workerId, input: { trainableParameters: TRAINABLE[run.method], totalParameters: 110_000 + (run.method === 'lora' ? 4_000 : 0), device: 'cpu' } });
      const predictions = predict(test, run.method, run.seed);
      const labels = test.map((example) => example.label);
      const scores = classificationScores(labels, predictions);
      const seconds = TRAIN_SECONDS[run.method] + run.seed;
      await client.request(LOG_METRIC_SERIES, {
        runId,
        series: [
          { key: 'eval/f1_macro', steps: [10, 20], values: [scores.f1Macro - 0.1, scores.f1Macro] },
          { key: 'time/train_seconds', steps: [10, 20], values: [seconds / 2, seconds] },
        ],
      });
      await client.request(RECORD_PREDICTIONS, { runId, input: { ids: test.map((example) => example.id), labels, predictions } });
      await client.request(COMPLETE_RUN, {
        runId,
        workerId,
        input: {
          finalMetrics: { 'eval/accuracy': scores.accuracy, 'eval/balanced_accuracy': scores.balancedAccuracy, 'eval/f1_macro': scores.f1Macro, 'eval/f1_weighted': scores.accuracy },
          trainSeconds: seconds,
          peakMemoryBytes: run.method === 'lora' ? 2e9 : 3e9,
          trainableParameters: TRAINABLE[run.method],
          totalParameters: 110_000 + (run.method === 'lora' ? 4_000 : 0),
        },
      });
    }
  });
  afterAll(() => api?.stop());

  it('stores test predictions and shows their confusion matrix on the run', async () => {
    const { run } = await client.request(TEST_PREDICTIONS, { id: runIds['full-1'] });
    expect(run.testPredictions).toMatchObject({ split: 'test', count: test.length });
    expect(run.testPredictions.confusionMatrix.flat().reduce((sum: number, count: number) => sum + count, 0)).toBe(test.length);
  });

  it('refuses predictions that do not pair up, naming the field', async () => {
    const error = await client.expectError(RECORD_PREDICTIONS, { runId: runIds['full-1'], input: { ids: ['a', 'b'], labels: [1], predictions: [1, 7000] } });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0].extensions?.issues?.map((issue) => issue.field)).toEqual(['input.labels', 'input.predictions[1]']);
  });

  it('analyses the study: seeds, intervals from the stored predictions, a paired verdict, the Pareto front and time-to-target', async () => {
    const { studyAnalysis: analysis } = await client.request(ANALYSIS, { studyId });
    expect(analysis.comparability).toMatchObject({ comparable: true, differences: [] });
    expect(analysis.cohortRunIds).toHaveLength(4);
    expect(analysis.baseline.testRows).toBe(test.length);
    expect(analysis.methods.map((method: { method: string }) => method.method).sort()).toEqual(['full', 'lora']);
    for (const method of analysis.methods) {
      expect(method.seeds).toEqual([1, 2]);
      expect(method.quality.n).toBe(2);
      expect(method.intervals.map((interval: { score: string }) => interval.score)).toEqual(['accuracy', 'balancedAccuracy', 'f1Macro']);
      const f1 = method.intervals[2];
      expect(f1.low).toBeLessThan(f1.estimate);
      expect(f1.estimate).toBeCloseTo(method.quality.mean, 10);
      expect(method.runs.every((run: { intervals: unknown[] }) => run.intervals.length === 3)).toBe(true);
    }
    const [comparison] = analysis.comparisons;
    expect(comparison.verdict).toMatch(/^(LoRA vs Full FT|Full FT vs LoRA): [−+]?\d+\.\d macro-F1, 95% CI \[[−+]?\d+\.\d, [−+]?\d+\.\d\], (not )?significant$/);
    expect(comparison.mcnemar.map((test: { seed: number }) => test.seed)).toEqual([1, 2]);
    expect(analysis.pareto.costAxes).toEqual(['TRAIN_SECONDS', 'TRAINABLE_PARAMETERS']);
    expect(analysis.pareto.runs).toHaveLength(4);
    expect(analysis.pareto.methods.find((entry: { key: string }) => entry.key === 'lora').dominatedBy).toBeNull();
    expect(analysis.timeToTarget.methods.map((entry: { runs: number }) => entry.runs)).toEqual([2, 2]);
    // Both evaluations of every run clear 0.5: the first one counts, at half the training time.
    const early = (await client.request(ANALYSIS, { studyId, options: { target: 0.5 } })).studyAnalysis.timeToTarget;
    const lora = early.methods.find((entry: { method: string }) => entry.method === 'lora');
    expect(lora).toMatchObject({ runs: 2, reached: 2, medianSeconds: (71 / 2 + 72 / 2) / 2 });
  });

  it('takes a quality metric and cost axes, and refuses a lower-is-better quality metric', async () => {
    const { studyAnalysis } = await client.request(ANALYSIS, { studyId, options: { qualityMetric: 'eval/accuracy', paretoCosts: ['PEAK_MEMORY_BYTES'] } });
    expect(studyAnalysis.qualityMetric).toBe('eval/accuracy');
    expect(studyAnalysis.pareto.runs[0].costs).toHaveLength(1);
    const error = await client.expectError(ANALYSIS, { studyId, options: { qualityMetric: 'eval/loss' } });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/lower-is-better/);
  });

  it('recommends under constraints with reasons and evidence, and says when nothing fits', async () => {
    const budget = await client.request(RECOMMEND, { studyId, constraints: { timeBudgetSeconds: 100 } });
    expect(budget.recommendMethod).toMatchObject({ method: 'lora', decision: 'RECOMMENDED' });
    expect(budget.recommendMethod.reasons.join('\n')).toMatch(/Full FT excluded: train time \(slowest seed\) 2 min 2 s exceeds the budget of 1 min 40 s/);
    expect(budget.recommendMethod.evidence.map((entry: { runId: string }) => entry.runId)).toContain(runIds['lora-1']);
    const none = await client.request(RECOMMEND, { studyId, constraints: { trainableParameterBudget: 100 } });
    expect(none.recommendMethod).toMatchObject({ decision: 'NONE_ELIGIBLE', method: null });
    const bad = await client.expectError(RECOMMEND, { studyId, constraints: { gpuMemoryBytes: -1 } });
    expect(bad.errors[0].extensions?.issues?.[0].field).toBe('constraints.gpuMemoryBytes');
  });

  it('exports the report as Markdown, CSV and JSON', async () => {
    const markdown = (await client.request(REPORT, { studyId, format: 'MARKDOWN' })).exportStudyReport;
    expect(markdown).toMatchObject({ format: 'MARKDOWN', filename: 'analysis-report.md', contentType: 'text/markdown; charset=utf-8' });
    for (const heading of ['## Conclusions', '## Results per method', '## Statistics', '## Trade-offs', '## Recommendations', '## Data', '## Comparability', '## Runs']) {
      expect(markdown.content).toContain(heading);
    }
    expect(markdown.content).toContain('**Synthetic data**');
    expect(markdown.content).toContain('| Majority-class baseline |');
    const csv = (await client.request(REPORT, { studyId, format: 'CSV' })).exportStudyReport.content as string;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 2 + 4 + 1);
    const json = JSON.parse((await client.request(REPORT, { studyId, format: 'JSON' })).exportStudyReport.content);
    expect(json.dataset.quality.synthetic).toBe(true);
    expect(json.analysis.cohortRunIds).toHaveLength(4);
  });

  it('says which runs are comparable across studies and what differs', async () => {
    expect((await client.request(COMPARE, { runIds: [runIds['full-1'], runIds['lora-2']] })).compareRuns).toEqual({ comparable: true, reason: null, differences: [] });
    const other = await seed(client).runningRun();
    const result = (await client.request(COMPARE, { runIds: [runIds['full-1'], other.runId] })).compareRuns;
    expect(result.comparable).toBe(false);
    expect(result.differences.map((difference: { field: string }) => difference.field)).toContain('splitFingerprint');
    expect((await client.expectError(COMPARE, { runIds: [runIds['full-1']] })).code).toBe('BAD_USER_INPUT');
  });
});
