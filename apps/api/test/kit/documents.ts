/** The operations the tests use, written as any client would write them. */
export const RUN_FIELDS = `id method baseModel seed status attempt finalMetrics leaseExpiresAt trainSeconds trainableParameters totalParameters errorCode errorMessage
  hyperparameters { learningRate batchSize epochs loraR loraAlpha loraTargetModules pooling }`;

export const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id name } }`;
export const CREATE_DATASET = `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id name labelRule split { seed trainFraction testFraction } } }`;
export const CREATE_STUDY = `mutation ($input: CreateStudyInput!) { createStudy(input: $input) { id name primaryMetric seeds runs { ${RUN_FIELDS} } runCounts { queued total } } }`;
export const REGISTER_WORKER = `mutation ($input: RegisterWorkerInput!) { registerWorker(input: $input) { id name } }`;
export const CLAIM_RUN = `mutation ($workerId: ID!) { claimRun(workerId: $workerId) { attempt leaseExpiresAt run { id status attempt } } }`;
export const HEARTBEAT = `mutation ($workerId: ID!, $runId: ID) { heartbeat(workerId: $workerId, runId: $runId) { leaseExpiresAt cancelRequested } }`;
export const START_RUN = `mutation ($runId: ID!, $workerId: ID!, $input: StartRunInput!) { startRun(runId: $runId, workerId: $workerId, input: $input) { id status } }`;
export const LOG_METRICS = `mutation ($runId: ID!, $points: [MetricPointInput!]!) { logMetrics(runId: $runId, points: $points) { accepted duplicates } }`;
export const COMPLETE_RUN = `mutation ($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) { completeRun(runId: $runId, workerId: $workerId, input: $input) { id status finalMetrics } }`;
export const FAIL_RUN = `mutation ($runId: ID!, $workerId: ID!, $input: FailRunInput!) { failRun(runId: $runId, workerId: $workerId, input: $input) { id status errorCode } }`;
export const CANCEL_RUN = `mutation ($runId: ID!) { cancelRun(runId: $runId) { id status } }`;
export const RECORD_CHECKPOINT = `mutation ($runId: ID!, $input: CheckpointInput!) { recordCheckpoint(runId: $runId, input: $input) { id epoch step bytes } }`;
export const LEADERBOARD = `query ($studyId: ID!, $metric: String) { leaderboard(studyId: $studyId, metric: $metric) { metric direction rows { rank method seed value run { id } } } }`;
export const METRIC_HISTORY = `query ($runId: ID!, $keys: [String!]!, $maxPoints: Int) { metricHistory(runId: $runId, keys: $keys, maxPoints: $maxPoints) { key totalPoints buckets { stepStart stepEnd lastStep min max last count } } }`;
export const RUN_EVENTS = `subscription ($runId: ID!) { runEvents(runId: $runId) { kind runId status points { key step value epoch } checkpoint { epoch step } run { id status } } }`;
export const STUDY_EVENTS = `subscription ($studyId: ID!) { studyEvents(studyId: $studyId) { studyId run { id status finalMetrics } } }`;
export const LOG_METRIC_SERIES = `mutation ($runId: ID!, $series: [MetricSeriesInput!]!) { logMetricSeries(runId: $runId, series: $series) { accepted duplicates } }`;
export const REPORT_PROGRESS = `mutation ($runId: ID!, $workerId: ID!, $input: RunProgressInput!) { reportProgress(runId: $runId, workerId: $workerId, input: $input) { id progress { step totalSteps epoch etaSeconds } } }`;
export const RETRY_RUN = `mutation ($runId: ID!, $workerId: ID!, $input: RetryRunInput!) { retryRun(runId: $runId, workerId: $workerId, input: $input) { id attempt status effectiveHyperparameters { batchSize gradientAccumulationSteps } hyperparameters { batchSize } retries { attempt code reason batchSize gradientAccumulationSteps } } }`;
export const RELEASE_RUN = `mutation ($runId: ID!, $workerId: ID!) { releaseRun(runId: $runId, workerId: $workerId) { id status attempt progress { step } } }`;
export const DATASET_FIELDS = `id name source format labelRule textRule synthetic imported fingerprint contentFingerprint sourceSha256 sourceBytes rowCounts
  columns { text label id } split { seed trainFraction validationFraction testFraction }
  splits { name path relativePath rows sha256 labels { label count } }`;
export const REGISTER_DATASET = `mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { ${DATASET_FIELDS} } }`;
