/**
 * @tunelab/core: the domain rules of tunelab as plain functions, shared by the API, the trainer and the
 * web app so none of them re-implements a rule. No I/O; node:crypto is the only import from outside.
 *
 * validation        FieldIssue, Validated<T>, formatIssues: the one result shape of every validator
 * names             nameProblem: display names
 * number-rules      NumberRule: numeric constraints and their wording
 * methods           METHODS, METHOD_LABELS: the fine-tuning methods compared
 * hyperparameters   per-method defaults and resolveHyperparameters
 * seeds             seed range and default
 * metric-keys       metricKeyProblem (split/name keys), metricDirection
 * study-plan        planStudy: a study request expanded into runs (method x seed)
 * label-rule        labelRuleProblem: grade3, grade10>=N, custom:{...}
 * dataset-spec      validateDatasetSpec: source, label and text rules, split fractions
 * run-status        run lifecycle and allowed transitions
 * lease             worker lease and heartbeat timing
 * metric-points     normalizeMetricPoints: the ingest hot path
 * metric-downsample bucketIndex/bucketBounds (agree with the SQL query) and a reference downsample
 * leaderboard       rankRuns: competition ranking by a final metric
 * cursor            opaque pagination cursors
 * tokens            API token secrets, hashes and Bearer parsing
 * analysis/         issue 6: statistics (bootstrap, McNemar), pareto, comparability, cost-axes,
 *                   study-analysis (analyzeStudy), recommendation (recommendMethod, explicit rules),
 *                   report-scenarios and study-report (Markdown / CSV / JSON, golden-file tested)
 */
export * from './validation';
export * from './names';
export * from './number-rules';
export * from './methods';
export * from './hyperparameters';
export * from './seeds';
export * from './metric-keys';
export * from './study-plan';
export * from './label-rule';
export * from './dataset-spec';
export * from './run-status';
export * from './lease';
export * from './metric-points';
export * from './metric-downsample';
export * from './leaderboard';
export * from './cursor';
export * from './tokens';
export * from './run-reports';
export * from './metric-rollup';
export * from './metric-series';
export * from './dataset';
export * from './memory-estimate';
export * from './analysis/statistics';
export * from './analysis/pareto';
export * from './analysis/comparability';
export * from './analysis/cost-axes';
export * from './analysis/format';
export * from './analysis/study-analysis';
export * from './analysis/recommendation';
export * from './analysis/report-scenarios';
export * from './analysis/study-report';
export * from './analysis/prediction-set';
export * from './analysis/bootstrap';
