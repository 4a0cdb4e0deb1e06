import { LABEL_NAMES, labelName } from '../dataset/labeling';
import { DROP_REASON_LABELS, type QualityReport } from '../dataset/quality-report';
import { COST_AXIS_LABELS, type CostAxis } from './cost-axes';
import { formatBytes, formatCount, formatPercent, formatPValue, formatScore, formatSeconds, metricLabel } from './format';
import { type RecommendationScenario, reportScenarios } from './report-scenarios';
import { type CostSummary, methodCost, type MethodStatistics, type ScoreInterval, type StudyAnalysis } from './study-analysis';

/**
 * The study report (issue 6) in Markdown, CSV or JSON: the summary table the original assignment asks for,
 * the statistics, the Pareto front, recommendations by constraint and the data-quality summary, with
 * conclusions written from the numbers. Deterministic for the same analysis and context.
 */
export const REPORT_FORMATS = ['MARKDOWN', 'CSV', 'JSON'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface StudyReportContext {
  study: { id: string; name: string; description: string | null; maxSeqLength: number; createdAt: string };
  dataset: { id: string; name: string; labelRule: string; textRule: string | null; quality: QualityReport | null };
  /** ISO time; passed in so the same inputs render the same report. */
  generatedAt: string;
}

export interface RenderedReport {
  format: ReportFormat;
  filename: string;
  contentType: string;
  content: string;
}

export function renderStudyReport(format: ReportFormat, context: StudyReportContext, analysis: StudyAnalysis): RenderedReport {
  const scenarios = reportScenarios(analysis);
  const base = `${slug(context.study.name) || 'study'}-report`;
  switch (format) {
    case 'MARKDOWN':
      return { format, filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', content: renderMarkdown(context, analysis, scenarios) };
    case 'CSV':
      return { format, filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: renderCsv(analysis) };
    case 'JSON':
      return { format, filename: `${base}.json`, contentType: 'application/json', content: `${JSON.stringify(reportDocument(context, analysis, scenarios), null, 2)}\n` };
  }
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function metric(method: MethodStatistics, key: string): { mean: number | null; std: number | null } {
  return method.metrics.find((entry) => entry.key === key) ?? { mean: null, std: null };
}

function interval(method: MethodStatistics, key: string): ScoreInterval | undefined {
  return method.intervals.find((entry) => entry.metricKey === key);
}

function meanStd(value: { mean: number | null; std: number | null }): string {
  if (value.mean === null) return '—';
  return value.std === null ? formatScore(value.mean) : `${formatScore(value.mean)} ± ${formatScore(value.std)}`;
}

function formatInterval(entry: ScoreInterval | undefined): string {
  return entry ? `[${formatScore(entry.low)}, ${formatScore(entry.high)}]` : '—';
}

/** The sentences at the top of the report, each computed from the analysis. */
export function reportConclusions(analysis: StudyAnalysis, scenarios: RecommendationScenario[]): string[] {
  const { methods, baseline, qualityMetric } = analysis;
  const quality = metricLabel(qualityMetric);
  if (!methods.length) return ['No succeeded, comparable runs yet: there is nothing to conclude.'];
  const lines: string[] = [];
  const best = methods[0];
  const bestInterval = interval(best, qualityMetric);
  lines.push(`${best.label} has the highest mean ${quality}: ${meanStd(best.quality)} over ${best.quality.n} seed${best.quality.n === 1 ? '' : 's'}${bestInterval ? ` (95% CI ${formatInterval(bestInterval)})` : ''}.`);

  const baselineValue = baseline && qualityMetric === 'eval/f1_macro' ? baseline.f1Macro : baseline && qualityMetric === 'eval/accuracy' ? baseline.accuracy : null;
  if (baselineValue !== null) {
    const below = methods.filter((method) => method.quality.mean !== null && method.quality.mean <= baselineValue);
    lines.push(
      below.length
        ? `${below.map((method) => method.label).join(', ')} ${below.length === 1 ? 'does' : 'do'} not beat always predicting the majority class (${quality} ${formatScore(baselineValue)}).`
        : `Every method beats always predicting the majority class (${quality} ${formatScore(baselineValue)}, accuracy ${formatScore(baseline!.accuracy)}) — the reason ${quality}, not accuracy, is the headline.`,
    );
  }

  for (const comparison of analysis.comparisons) {
    if (comparison.significant === null) continue;
    const tail = comparison.significant ? 'a real difference on this test set.' : 'within the noise of this test set.';
    lines.push(`${comparison.verdict} — ${tail}`);
  }

  const axes = analysis.pareto.costAxes.map((axis) => COST_AXIS_LABELS[axis]).join(' and ');
  const front = analysis.pareto.methods.filter((entry) => entry.dominatedBy === null);
  const dominated = analysis.pareto.methods.filter((entry) => entry.dominatedBy !== null);
  const label = (method: string) => methods.find((entry) => entry.method === method)?.shortLabel ?? method;
  if (front.length) {
    lines.push(
      `Pareto front of ${quality} against ${axes} (method means): ${front.map((entry) => label(entry.method)).join(', ')}` +
        (dominated.length ? `; ${dominated.map((entry) => `${label(entry.method)} is dominated by ${label(entry.dominatedBy!)}`).join('; ')}.` : '; no method is dominated.'),
    );
  }

  for (const method of methods) {
    const trainable = methodCost(method, 'trainableParameters', 'max');
    const total = methodCost(method, 'totalParameters', 'max');
    if (trainable != null && total != null && total > 0 && trainable < total) {
      lines.push(`${method.label} trains ${formatPercent(trainable / total, 2)} of its ${formatCount(total)} parameters.`);
    }
  }

  const trainMean = (method: MethodStatistics) => methodCost(method, 'trainSeconds', 'mean');
  const timed = methods.filter((method) => trainMean(method) !== null);
  if (timed.length >= 2) {
    const byTime = [...timed].sort((a, b) => trainMean(a)! - trainMean(b)!);
    const fastest = byTime[0];
    const slowest = byTime[byTime.length - 1];
    const fast = trainMean(fastest)!;
    const slow = trainMean(slowest)!;
    if (fast > 0) lines.push(`${fastest.label} trains fastest (${formatSeconds(fast)} mean), ${(slow / fast).toFixed(1)}× faster than ${slowest.label} (${formatSeconds(slow)}).`);
  }

  const unconstrained = scenarios[0]?.recommendation;
  if (unconstrained) lines.push(unconstrained.summary);
  if (analysis.excluded.length) lines.push(`${analysis.excluded.length} run${analysis.excluded.length === 1 ? ' was' : 's were'} left out of the comparison (see Comparability).`);
  return lines;
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(headers: string[], rows: string[][]): string {
  const align = headers.map((_, i) => (i === 0 ? '---' : '---:'));
  return [headers, align, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

function costCell(method: MethodStatistics, axis: CostAxis, format: (value: number) => string): string {
  const value = methodCost(method, axis, 'mean');
  return value == null ? '—' : format(value);
}

function summaryTable(analysis: StudyAnalysis): string {
  const rows = analysis.methods.map((method) => [
    method.label,
    String(method.runIds.length),
    meanStd(metric(method, 'eval/accuracy')),
    meanStd(metric(method, 'eval/f1_weighted')),
    meanStd(metric(method, 'eval/f1_macro')),
    formatInterval(interval(method, 'eval/f1_macro')),
    costCell(method, 'trainSeconds', formatSeconds),
    costCell(method, 'trainableParameters', formatCount),
    costCell(method, 'totalParameters', formatCount),
    costCell(method, 'peakMemoryBytes', formatBytes),
  ]);
  if (analysis.baseline) {
    const b = analysis.baseline;
    rows.push(['Majority-class baseline', '—', formatScore(b.accuracy), '—', formatScore(b.f1Macro), '—', '—', '—', '—', '—']);
  }
  return table(['Method', 'Runs', 'Accuracy', 'F1 weighted', 'F1 macro', 'F1 macro 95% CI', 'Train time', 'Trainable params', 'Total params', 'Peak memory'], rows);
}

function statisticsSection(analysis: StudyAnalysis): string[] {
  const out: string[] = ['## Statistics', ''];
  const withIntervals = analysis.methods.filter((method) => method.intervals.length);
  if (withIntervals.length) {
    out.push('Bootstrap 95% confidence intervals over the test examples (1,000 resamples, seed-averaged across a method\'s runs):', '');
    out.push(
      table(
        ['Method', 'Accuracy', 'Balanced accuracy', 'Macro-F1'],
        withIntervals.map((method) => [
          method.label,
          ...['eval/accuracy', 'eval/balanced_accuracy', 'eval/f1_macro'].map((key) => {
            const entry = interval(method, key);
            return entry ? `${formatScore(entry.estimate)} ${formatInterval(entry)}` : '—';
          }),
        ]),
      ),
      '',
    );
  } else {
    out.push('No run stored its test predictions, so there are no confidence intervals or paired tests.', '');
  }
  if (analysis.comparisons.length) {
    out.push('Paired comparisons on the same test set (difference in macro-F1 points, paired bootstrap; McNemar per seed):', '');
    for (const comparison of analysis.comparisons) {
      const tests = comparison.mcnemar.map((test) => `seed ${test.seed}: ${test.onlyA} vs ${test.onlyB} discordant, ${formatPValue(test.pValue)}`);
      out.push(`- ${comparison.verdict}${tests.length ? ` (McNemar ${tests.join('; ')})` : ''}`);
    }
    out.push('');
  }
  return out;
}

function paretoSection(analysis: StudyAnalysis): string[] {
  const { pareto } = analysis;
  const quality = metricLabel(pareto.qualityMetric);
  const axes = pareto.costAxes.map((axis) => COST_AXIS_LABELS[axis]);
  const format = (axis: CostAxis, value: number) =>
    axis === 'trainSeconds' ? formatSeconds(value) : axis === 'peakMemoryBytes' ? formatBytes(value) : axis === 'inferenceLatencyMs' ? `${value.toFixed(1)} ms` : axis === 'gpuHours' ? value.toFixed(3) : formatCount(value);
  const label = (method: string) => analysis.methods.find((entry) => entry.method === method)?.label ?? method;
  const out = ['## Trade-offs', '', `Pareto front of ${quality} (higher is better) against ${axes.join(' and ')} (lower is better), over method means:`, ''];
  out.push(
    table(
      ['Method', quality, ...axes, 'Pareto'],
      pareto.methods.map((entry) => [
        label(entry.method),
        formatScore(entry.quality),
        ...entry.costs.map((value, i) => format(pareto.costAxes[i], value)),
        entry.dominatedBy === null ? 'on the front' : `dominated by ${label(entry.dominatedBy)}`,
      ]),
    ),
    '',
  );
  const runFront = pareto.runs.filter((entry) => entry.dominatedBy === null).map((entry) => entry.key);
  out.push(`Over single runs, ${runFront.length} of ${pareto.runs.length} are on the front: ${runFront.join(', ') || 'none'}.`, '');
  if (analysis.timeToTarget) {
    const { target, metric, methods } = analysis.timeToTarget;
    out.push(`Time to reach ${metricLabel(metric)} ${formatScore(target)} (training time at the first evaluation at or above it):`, '');
    out.push(table(['Method', 'Median time', 'Runs that reached it'], methods.map((entry) => [label(entry.method), formatSeconds(entry.medianSeconds), `${entry.reached} of ${entry.runs}`])), '');
  }
  return out;
}

function recommendationsSection(scenarios: RecommendationScenario[]): string[] {
  const out = ['## Recommendations', ''];
  for (const scenario of scenarios) {
    out.push(`### ${scenario.name}`, '', `**${scenario.recommendation.summary}**`, '');
    for (const reason of scenario.recommendation.reasons) out.push(`- ${reason}`);
    out.push('');
  }
  return out;
}

function dataSection(context: StudyReportContext): string[] {
  const { dataset } = context;
  const quality = dataset.quality;
  const out = ['## Data', '', `Dataset **${dataset.name}**, label rule \`${dataset.labelRule}\`, text rule \`${dataset.textRule ?? 'none'}\`, max sequence length ${context.study.maxSeqLength} tokens.`, ''];
  if (!quality) return [...out, 'No data-quality report is stored for this dataset.', ''];
  if (quality.synthetic) out.push('**Synthetic data**: these rows come from the generator, not from real reviews; do not read the figures as results on Kinopoisk.', '');
  const kept = quality.keptPerLabel.map((entry) => `${labelName(entry.label)} ${entry.count.toLocaleString('en-US')}`).join(', ');
  out.push(`- Rows read ${quality.rowsRead.toLocaleString('en-US')}, kept ${quality.rowsKept.toLocaleString('en-US')} (${kept}), dropped ${quality.rowsDropped.toLocaleString('en-US')}.`);
  const drops = quality.dropped.filter((entry) => entry.count > 0).map((entry) => `${DROP_REASON_LABELS[entry.reason]} ${entry.count.toLocaleString('en-US')}`);
  if (drops.length) out.push(`- Dropped by reason: ${drops.join(', ')}.`);
  out.push(`- Majority class ${LABEL_NAMES[quality.majorityClass.label] ?? quality.majorityClass.label}: accuracy ${formatScore(quality.majorityClass.accuracy)} overall${quality.majorityClass.testAccuracy === null ? '' : `, ${formatScore(quality.majorityClass.testAccuracy)} on the test split`}.`);
  out.push(`- Texts that state their own score: ${formatPercent(quality.scoreMentions.share)} (${quality.scoreMentions.stripped ? 'stripped before training' : 'kept as written'}).`);
  if (quality.gradeAgreement) out.push(`- grade3 and grade10 disagree on ${formatPercent(quality.gradeAgreement.share)} of ${quality.gradeAgreement.compared.toLocaleString('en-US')} rows compared.`);
  out.push(`- Text length: median ${quality.textLength.p50.toLocaleString('en-US')} characters, 95th percentile ${quality.textLength.p95.toLocaleString('en-US')}.`);
  const splits = quality.splits.map((split) => `${split.name} ${split.rows.toLocaleString('en-US')}`).join(', ');
  if (splits) out.push(`- Splits: ${splits}.`);
  out.push('');
  return out;
}

function comparabilitySection(analysis: StudyAnalysis): string[] {
  const out = ['## Comparability', ''];
  out.push(
    analysis.comparability.comparable
      ? `All ${analysis.cohortRunIds.length} succeeded runs share one split, label rule, text rule and maximum length.`
      : `Not every run can be compared: ${analysis.comparability.reason}. The report compares the ${analysis.cohortRunIds.length} runs that share one protocol.`,
  );
  if (analysis.excluded.length) {
    out.push('', 'Left out:', '');
    for (const run of analysis.excluded) out.push(`- ${run.runId} (${run.method}, seed ${run.seed}): ${run.reason}`);
  }
  out.push('');
  return out;
}

function runsSection(analysis: StudyAnalysis): string[] {
  const quality = metricLabel(analysis.qualityMetric);
  const rows = analysis.methods.flatMap((method) =>
    method.runs.map((run) => {
      const f1 = run.intervals.find((entry) => entry.metricKey === analysis.qualityMetric);
      return [run.runId, method.shortLabel, String(run.seed), formatScore(run.quality), f1 ? formatInterval(f1) : '—', formatSeconds(run.costs.trainSeconds), formatBytes(run.costs.peakMemoryBytes)];
    }),
  );
  return ['## Runs', '', table(['Run', 'Method', 'Seed', quality, '95% CI', 'Train time', 'Peak memory'], rows), ''];
}

function renderMarkdown(context: StudyReportContext, analysis: StudyAnalysis, scenarios: RecommendationScenario[]): string {
  const lines = [`# ${context.study.name}: study report`, '', `Study \`${context.study.id}\` · generated ${context.generatedAt} by tunelab · headline metric: ${metricLabel(analysis.qualityMetric)}`, ''];
  if (context.study.description) lines.push(context.study.description, '');
  lines.push('## Conclusions', '', ...reportConclusions(analysis, scenarios).map((line) => `- ${line}`), '');
  lines.push('## Results per method', '', 'Mean ± standard deviation over seeds; times and memory are seed means.', '', summaryTable(analysis), '');
  lines.push(...statisticsSection(analysis), ...paretoSection(analysis), ...recommendationsSection(scenarios), ...dataSection(context), ...comparabilitySection(analysis), ...runsSection(analysis));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

const CSV_COLUMNS = [
  'level', 'method', 'method_label', 'run_id', 'seed', 'runs',
  'accuracy_mean', 'accuracy_std', 'f1_weighted_mean', 'f1_weighted_std', 'f1_macro_mean', 'f1_macro_std', 'f1_macro_ci_low', 'f1_macro_ci_high',
  'train_seconds', 'gpu_hours', 'energy_joules', 'trainable_parameters', 'total_parameters', 'peak_memory_bytes', 'inference_latency_ms', 'pareto',
] as const;

function csvValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(10))) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per method (seed means), one per run, and the majority baseline: the summary table as data. */
function renderCsv(analysis: StudyAnalysis): string {
  const rows: Record<(typeof CSV_COLUMNS)[number], string | number | null>[] = [];
  const paretoOf = (entries: typeof analysis.pareto.runs, key: string) => {
    const entry = entries.find((candidate) => candidate.key === key);
    return entry ? (entry.dominatedBy === null ? 'front' : `dominated by ${entry.dominatedBy}`) : null;
  };
  for (const method of analysis.methods) {
    const f1 = interval(method, 'eval/f1_macro');
    const mean = (axis: CostSummary['axis']) => methodCost(method, axis, 'mean');
    rows.push({
      level: 'method', method: method.method, method_label: method.label, run_id: null, seed: null, runs: method.runIds.length,
      accuracy_mean: metric(method, 'eval/accuracy').mean, accuracy_std: metric(method, 'eval/accuracy').std,
      f1_weighted_mean: metric(method, 'eval/f1_weighted').mean, f1_weighted_std: metric(method, 'eval/f1_weighted').std,
      f1_macro_mean: metric(method, 'eval/f1_macro').mean, f1_macro_std: metric(method, 'eval/f1_macro').std,
      f1_macro_ci_low: f1?.low ?? null, f1_macro_ci_high: f1?.high ?? null,
      train_seconds: mean('trainSeconds'), gpu_hours: mean('gpuHours'), energy_joules: mean('energyJoules'),
      trainable_parameters: mean('trainableParameters'), total_parameters: mean('totalParameters'), peak_memory_bytes: mean('peakMemoryBytes'),
      inference_latency_ms: mean('inferenceLatencyMs'), pareto: paretoOf(analysis.pareto.methods, method.method),
    });
    for (const run of method.runs) {
      const runF1 = run.intervals.find((entry) => entry.metricKey === 'eval/f1_macro');
      const value = (key: string) => run.finalMetrics[key] ?? null;
      rows.push({
        level: 'run', method: method.method, method_label: method.label, run_id: run.runId, seed: run.seed, runs: 1,
        accuracy_mean: value('eval/accuracy'), accuracy_std: null, f1_weighted_mean: value('eval/f1_weighted'), f1_weighted_std: null,
        f1_macro_mean: value('eval/f1_macro'), f1_macro_std: null, f1_macro_ci_low: runF1?.low ?? null, f1_macro_ci_high: runF1?.high ?? null,
        train_seconds: run.costs.trainSeconds, gpu_hours: run.costs.gpuHours, energy_joules: run.costs.energyJoules,
        trainable_parameters: run.costs.trainableParameters, total_parameters: run.costs.totalParameters, peak_memory_bytes: run.costs.peakMemoryBytes,
        inference_latency_ms: run.costs.inferenceLatencyMs, pareto: paretoOf(analysis.pareto.runs, run.runId),
      });
    }
  }
  if (analysis.baseline) {
    const empty = Object.fromEntries(CSV_COLUMNS.map((column) => [column, null])) as Record<(typeof CSV_COLUMNS)[number], null>;
    rows.push({ ...empty, level: 'baseline', method: 'majority-class', method_label: 'Majority-class baseline', accuracy_mean: analysis.baseline.accuracy, f1_macro_mean: analysis.baseline.f1Macro });
  }
  return `${[CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvValue(row[column])).join(','))].join('\r\n')}\r\n`;
}

function reportDocument(context: StudyReportContext, analysis: StudyAnalysis, scenarios: RecommendationScenario[]) {
  return {
    format: 'tunelab.study-report',
    version: 1,
    generatedAt: context.generatedAt,
    study: context.study,
    dataset: { id: context.dataset.id, name: context.dataset.name, labelRule: context.dataset.labelRule, textRule: context.dataset.textRule, quality: context.dataset.quality },
    conclusions: reportConclusions(analysis, scenarios),
    recommendations: scenarios,
    analysis,
  };
}
