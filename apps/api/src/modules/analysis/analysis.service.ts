import type { EntityManager } from '@mikro-orm/knex';
import {
  type AnalysisOptions,
  type AnalysisRun,
  analysisOptionsProblem,
  analyzeStudy,
  checkComparability,
  type Comparability as CoreComparability,
  ENERGY_METRIC_KEY,
  HEADLINE_METRIC,
  isCostAxis,
  majorityBaseline,
  metricKeyProblem,
  type QualityReport,
  recommendMethod,
  type RecommendationConstraints,
  renderStudyReport,
  type ReportFormat,
  runCosts,
  type StudyAnalysis,
} from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { Dataset } from '../dataset/dataset.entity';
import { MetricPoint } from '../metric/metric-point.entity';
import { RunPredictions } from '../run/run-predictions.entity';
import { Run } from '../run/run.entity';
import type { RunService } from '../run/run.service';
import type { StudyService } from '../study/study.service';
import { Study } from '../study/study.entity';
import type { AnalysisOptionsInput, Comparability } from './analysis.types';

const TRAIN_SECONDS_KEY = 'time/train_seconds';
const CACHE_SIZE = 32;

/**
 * Loads what the analysis of a study needs — runs, stored predictions, per-epoch evaluations, the dataset's
 * test labels — and hands it to packages/core. The bootstrap is the expensive part, so results are cached
 * until any run of the study changes (status, metrics or stored predictions).
 */
export class AnalysisService {
  private readonly cache = new Map<string, StudyAnalysis>();

  constructor(
    private readonly studies: StudyService,
    private readonly runs: RunService,
  ) {}

  async analyze(em: EntityManager, viewer: Viewer, studyId: string, input: AnalysisOptionsInput = {}): Promise<{ study: Study; dataset: Dataset; analysis: StudyAnalysis }> {
    const study = await this.studies.get(em, viewer, studyId);
    const options = analysisOptions(input);
    const dataset = await em.findOneOrFail(Dataset, study.dataset.id);
    const runs = await this.runs.repository.listInStudy(em, study.id);
    const stored = await em.find(RunPredictions, { run: { $in: runs.map((run) => run.id) }, split: 'test' }, { fields: ['id', 'run', 'examplesKey', 'createdAt'] });
    const stamp = JSON.stringify([options, runs.map((run) => [run.id, run.status, run.finishedAt?.getTime() ?? null]), stored.map((entry) => [entry.id, entry.createdAt.getTime()])]);
    const key = `${study.id}:${stamp}`;
    const cached = this.cache.get(key);
    if (cached) return { study, dataset, analysis: cached };
    const analysis = analyzeStudy(await this.analysisRuns(em, study, dataset, runs), baselineOf(dataset), options);
    this.remember(key, analysis);
    return { study, dataset, analysis };
  }

  async recommend(em: EntityManager, viewer: Viewer, studyId: string, constraints: RecommendationConstraints, options?: AnalysisOptionsInput) {
    const issues = Object.entries(constraints)
      .filter(([, value]) => value !== null && value !== undefined && (!Number.isFinite(value) || value < 0))
      .map(([field, value]) => ({ field: `constraints.${field}`, message: `must be a finite number of at least 0 (got ${value}); leave it out for no limit` }));
    if (issues.length) throw badInput(issues);
    const { analysis } = await this.analyze(em, viewer, studyId, options);
    return recommendMethod(analysis, constraints);
  }

  async report(em: EntityManager, viewer: Viewer, studyId: string, format: ReportFormat, options?: AnalysisOptionsInput) {
    const { study, dataset, analysis } = await this.analyze(em, viewer, studyId, options);
    return renderStudyReport(
      format,
      {
        study: { id: study.id, name: study.name, description: study.description, maxSeqLength: study.maxSeqLength, createdAt: study.createdAt.toISOString() },
        dataset: { id: dataset.id, name: dataset.name, labelRule: dataset.labelRule, textRule: dataset.textRule, quality: dataset.qualityReport as QualityReport | null },
        generatedAt: new Date().toISOString(),
      },
      analysis,
    );
  }

  /** Any runs the viewer can see, from any studies: comparable only on the same split under the same rules. */
  async compareRuns(em: EntityManager, viewer: Viewer, runIds: string[]): Promise<Comparability> {
    if (runIds.length < 2 || runIds.length > 100) throw badInput([{ field: 'runIds', message: `give 2 to 100 run ids (got ${runIds.length})` }]);
    const runs = await Promise.all([...new Set(runIds)].map((id) => this.runs.get(em, viewer, id)));
    const protocols = await Promise.all(runs.map(async (run) => ({ runId: run.id, ...(await protocolOf(em, run)) })));
    return toComparability(checkComparability(protocols));
  }

  private async analysisRuns(em: EntityManager, study: Study, dataset: Dataset, runs: Run[]): Promise<AnalysisRun[]> {
    const ids = runs.map((run) => run.id);
    const predictions = new Map(
      (await em.find(RunPredictions, { run: { $in: ids }, split: 'test' }, { populate: ['labels', 'predictions'] })).map((entry) => [entry.run.id, entry]),
    );
    const evaluations = await this.evaluations(em, ids);
    const energy = await this.lastValues(em, ids, ENERGY_METRIC_KEY);
    return runs.map((run) => {
      const stored = predictions.get(run.id);
      return {
        id: run.id,
        method: run.method,
        seed: run.seed,
        status: run.status,
        protocol: { splitFingerprint: run.splitFingerprint, labelRule: dataset.labelRule, textRule: dataset.textRule, maxSeqLength: study.maxSeqLength },
        finalMetrics: run.finalMetrics,
        costs: runCosts({ ...run, finalMetrics: run.finalMetrics, energyJoules: energy.get(run.id) ?? null }),
        predictions: stored ? { examplesKey: stored.examplesKey, labels: stored.labels, predictions: stored.predictions } : null,
        evaluations: evaluations.get(run.id) ?? [],
      };
    });
  }

  /** Per-epoch evaluations: every eval/* point at a step where the engine also logged its training time. */
  private async evaluations(em: EntityManager, runIds: string[]): Promise<Map<string, AnalysisRun['evaluations']>> {
    const points = await em.find(
      MetricPoint,
      { run: { $in: runIds }, $or: [{ key: TRAIN_SECONDS_KEY }, { key: { $like: 'eval/%' } }] },
      { fields: ['run', 'key', 'step', 'epoch', 'value'], orderBy: { step: 'asc' } },
    );
    const byRun = new Map<string, Map<number, { epoch: number; trainSeconds: number | null; metrics: Record<string, number> }>>();
    for (const point of points) {
      const steps = byRun.get(point.run.id) ?? new Map();
      byRun.set(point.run.id, steps);
      const entry = steps.get(point.step) ?? { epoch: Math.round(point.epoch ?? 0), trainSeconds: null, metrics: {} };
      steps.set(point.step, entry);
      if (point.key === TRAIN_SECONDS_KEY) entry.trainSeconds = point.value;
      else entry.metrics[point.key] = point.value;
    }
    return new Map(
      [...byRun.entries()].map(([runId, steps]) => [
        runId,
        [...steps.values()].filter((entry) => entry.trainSeconds !== null).map((entry) => ({ epoch: entry.epoch, trainSeconds: entry.trainSeconds!, metrics: entry.metrics })),
      ]),
    );
  }

  private async lastValues(em: EntityManager, runIds: string[], key: string): Promise<Map<string, number>> {
    const points = await em.find(MetricPoint, { run: { $in: runIds }, key }, { fields: ['run', 'step', 'value'], orderBy: { step: 'asc' } });
    return new Map(points.map((point) => [point.run.id, point.value]));
  }

  private remember(key: string, analysis: StudyAnalysis): void {
    this.cache.delete(key);
    this.cache.set(key, analysis);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}

function analysisOptions(input: AnalysisOptionsInput): AnalysisOptions {
  const qualityMetric = input.qualityMetric ?? HEADLINE_METRIC;
  const keyProblem = metricKeyProblem(qualityMetric, 'options.qualityMetric');
  if (keyProblem) throw badInput([{ field: 'options.qualityMetric', message: keyProblem }]);
  const paretoCosts = input.paretoCosts ?? undefined;
  if (paretoCosts && (paretoCosts.length < 1 || paretoCosts.length > 2 || !paretoCosts.every((axis) => isCostAxis(axis)))) {
    throw badInput([{ field: 'options.paretoCosts', message: `give one or two cost axes (got ${paretoCosts.length}), e.g. [TRAIN_SECONDS, TRAINABLE_PARAMETERS]` }]);
  }
  if (input.target !== null && input.target !== undefined && !Number.isFinite(input.target)) throw badInput([{ field: 'options.target', message: 'must be a finite number such as 0.85' }]);
  const problem = analysisOptionsProblem({ qualityMetric, paretoCosts });
  if (problem) throw badInput([{ field: 'options', message: problem }]);
  return { qualityMetric, paretoCosts, target: input.target ?? null };
}

function baselineOf(dataset: Dataset) {
  const report = dataset.qualityReport as QualityReport | null;
  const test = report?.splits?.find((split) => split.name === 'test');
  return test ? majorityBaseline(test.labels) : null;
}

async function protocolOf(em: EntityManager, run: Run) {
  const study = await em.findOneOrFail(Study, run.study.id);
  const dataset = await em.findOneOrFail(Dataset, study.dataset.id);
  return { splitFingerprint: run.splitFingerprint, labelRule: dataset.labelRule, textRule: dataset.textRule, maxSeqLength: study.maxSeqLength };
}

export function toComparability(result: CoreComparability): Comparability {
  if (result.comparable) return { comparable: true, reason: null, differences: [] };
  return {
    comparable: false,
    reason: result.reason,
    differences: result.differences.map((difference) => ({ field: difference.field, values: difference.values.map((entry) => ({ value: entry.value === null ? null : String(entry.value), runIds: entry.runIds })) })),
  };
}
