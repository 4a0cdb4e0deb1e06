/** The GraphQL documents the CLI sends, written as any script would write them (see packages/schema/schema.graphql). */

export const RUN_FIELDS = `id method baseModel seed status attempt errorCode errorMessage finalMetrics trainSeconds createdAt startedAt finishedAt
  progress { epoch step totalSteps samplesPerSecond etaSeconds }`;

export const VIEWER = `query Cli_Viewer { viewer { tokenName siteAdmin team { name } } }`;

export const PROJECTS = `query Cli_Projects { projects { id name datasets { id name source labelRule textRule split { seed trainFraction validationFraction testFraction } imported } studies { id name } } }`;

export const CREATE_PROJECT = `mutation Cli_CreateProject($input: CreateProjectInput!) { createProject(input: $input) { id name } }`;

export const DATASET_FIELDS = `id name source format labelRule textRule synthetic imported fingerprint rowCounts
  split { seed trainFraction validationFraction testFraction }
  splits { name rows sha256 }
  quality {
    rowsRead rowsKept rowsDropped synthetic labelRule textRule
    dropped { reason count description lines }
    keptPerLabel { label count }
    majorityClass { label accuracy testAccuracy }
    scoreMentions { rows share stripped }
    textLength { unit min mean p50 p90 p95 p99 max }
    gradeAgreement { threshold compared disagreements share }
    unusableLabels { value count }
  }`;

export const REGISTER_DATASET = `mutation Cli_RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ${DATASET_FIELDS} } }`;

export const DATASET = `query Cli_Dataset($id: ID!) { dataset(id: $id) { ${DATASET_FIELDS} project { name } } }`;

export const DATASET_IMPORTS = `query Cli_DatasetImports { datasetImports { id name phase bytesRead totalBytes rowsRead rowsKept } }`;

export const CREATE_STUDY = `mutation Cli_CreateStudy($input: CreateStudyInput!) { createStudy(input: $input) { id name primaryMetric maxSeqLength seeds runs { id method seed status baseModel } } }`;

export const STUDY = `query Cli_Study($id: ID!) { study(id: $id) { id name primaryMetric metrics project { name } dataset { name } runs { ${RUN_FIELDS} } } }`;

export const RUN = `query Cli_Run($id: ID!) { run(id: $id) {
  ${RUN_FIELDS} device splitFingerprint trainableParameters totalParameters peakMemoryBytes evalSeconds metricKeys leaseExpiresAt
  hyperparameters { learningRate batchSize epochs weightDecay warmupRatio gradientAccumulationSteps loraR loraAlpha loraDropout loraTargetModules pooling }
  retries { at attempt code reason batchSize gradientAccumulationSteps }
  checkpoints { epoch step bytes createdAt }
  worker { name host }
  study { id name primaryMetric }
} }`;

export const RUNS = `query Cli_Runs($filter: RunFilter, $first: Int!, $after: String) { runs(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { ${RUN_FIELDS} study { id name primaryMetric } } }
} }`;

export const CANCEL_RUN = `mutation Cli_CancelRun($runId: ID!) { cancelRun(runId: $runId) { id status } }`;

export const LEADERBOARD = `query Cli_Leaderboard($studyId: ID!) { leaderboard(studyId: $studyId) { metric direction rows { rank method seed value run { id } } excluded { reason run { id method seed } } } }`;

export const STUDY_ANALYSIS = `query Cli_StudyAnalysis($studyId: ID!) { studyAnalysis(studyId: $studyId) {
  qualityMetric
  methods { method label seeds quality { key mean std n } costs { axis mean std n } }
  comparisons { verdict }
  baseline { accuracy f1Macro }
} }`;

export const EXPORT_REPORT = `query Cli_Export($studyId: ID!, $format: ReportFormat!) { exportStudyReport(studyId: $studyId, format: $format) { filename contentType content } }`;

export const API_TOKENS = `query Cli_ApiTokens { apiTokens { id name prefix siteAdmin createdAt lastUsedAt revokedAt } }`;

export const CREATE_API_TOKEN = `mutation Cli_CreateApiToken($name: String!) { createApiToken(name: $name) { id name secret } }`;

export const REVOKE_API_TOKEN = `mutation Cli_RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id name revokedAt } }`;

export interface AuditEventNode {
  id: string;
  createdAt: string;
  tokenId: string | null;
  tokenName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

export const AUDIT_LOG = `query Cli_AuditLog($limit: Int!, $before: String) { auditLog(limit: $limit, before: $before) {
  events { id createdAt tokenId tokenName action targetType targetId details } pageInfo { hasNextPage endCursor } } }`;

export const RUN_EVENTS = `subscription Cli_RunEvents($runId: ID!) { runEvents(runId: $runId) {
  kind runId status
  points { key step value }
  run { ${RUN_FIELDS} }
} }`;

export interface RunProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface RunNode {
  id: string;
  method: string;
  baseModel: string;
  seed: number;
  status: string;
  attempt: number;
  errorCode: string | null;
  errorMessage: string | null;
  finalMetrics: Record<string, number> | null;
  trainSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: RunProgress | null;
}

export interface StudyNode {
  id: string;
  name: string;
  primaryMetric: string;
  metrics: string[];
  project: { name: string };
  dataset: { name: string };
  runs: RunNode[];
}

export interface ProjectNode {
  id: string;
  name: string;
  datasets: { id: string; name: string; source: string; labelRule: string; textRule: string | null; split: Record<string, number>; imported: boolean }[];
  studies: { id: string; name: string }[];
}
