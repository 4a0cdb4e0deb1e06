/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Trainer_RegisterWorker($input: RegisterWorkerInput!) {\n    registerWorker(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.Trainer_RegisterWorkerDocument,
    "\n  mutation Trainer_ClaimRun($workerId: ID!) {\n    claimRun(workerId: $workerId) {\n      attempt\n      leaseExpiresAt\n      run {\n        id\n        method\n        baseModel\n        seed\n        attempt\n        hyperparameters {\n          learningRate\n          batchSize\n          epochs\n          weightDecay\n          warmupRatio\n          gradientAccumulationSteps\n          loraR\n          loraAlpha\n          loraDropout\n          loraTargetModules\n          pooling\n        }\n        effectiveHyperparameters {\n          batchSize\n          gradientAccumulationSteps\n        }\n        study {\n          id\n          maxSeqLength\n          dataset {\n            id\n            name\n            fingerprint\n            splits {\n              name\n              sha256\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Trainer_ClaimRunDocument,
    "\n  mutation Trainer_Heartbeat($workerId: ID!, $runId: ID) {\n    heartbeat(workerId: $workerId, runId: $runId) {\n      leaseExpiresAt\n      cancelRequested\n    }\n  }\n": typeof types.Trainer_HeartbeatDocument,
    "\n  mutation Trainer_StartRun($runId: ID!, $workerId: ID!, $input: StartRunInput!) {\n    startRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.Trainer_StartRunDocument,
    "\n  mutation Trainer_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) {\n    reportProgress(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n": typeof types.Trainer_ReportProgressDocument,
    "\n  mutation Trainer_LogMetricSeries($runId: ID!, $series: [MetricSeriesInput!]!) {\n    logMetricSeries(runId: $runId, series: $series) {\n      accepted\n      duplicates\n    }\n  }\n": typeof types.Trainer_LogMetricSeriesDocument,
    "\n  mutation Trainer_RecordCheckpoint($runId: ID!, $input: CheckpointInput!) {\n    recordCheckpoint(runId: $runId, input: $input) {\n      id\n    }\n  }\n": typeof types.Trainer_RecordCheckpointDocument,
    "\n  mutation Trainer_RecordArtifact($runId: ID!, $input: ArtifactInput!) {\n    recordArtifact(runId: $runId, input: $input) {\n      id\n    }\n  }\n": typeof types.Trainer_RecordArtifactDocument,
    "\n  mutation Trainer_RecordPredictions($runId: ID!, $input: PredictionsInput!) {\n    recordPredictions(runId: $runId, input: $input) {\n      count\n    }\n  }\n": typeof types.Trainer_RecordPredictionsDocument,
    "\n  mutation Trainer_CompleteRun($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) {\n    completeRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.Trainer_CompleteRunDocument,
    "\n  mutation Trainer_FailRun($runId: ID!, $workerId: ID!, $input: FailRunInput!) {\n    failRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.Trainer_FailRunDocument,
    "\n  mutation Trainer_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    retryRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      attempt\n    }\n  }\n": typeof types.Trainer_RetryRunDocument,
    "\n  mutation Trainer_ReleaseRun($runId: ID!, $workerId: ID!) {\n    releaseRun(runId: $runId, workerId: $workerId) {\n      id\n      status\n    }\n  }\n": typeof types.Trainer_ReleaseRunDocument,
    "\n  mutation Trainer_AdjustBatch($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    adjustBatch(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n": typeof types.Trainer_AdjustBatchDocument,
    "\n  query Demo_Projects {\n    projects {\n      id\n    }\n  }\n": typeof types.Demo_ProjectsDocument,
    "\n  mutation Demo_CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.Demo_CreateProjectDocument,
    "\n  mutation Demo_RegisterDataset($input: RegisterDatasetInput!) {\n    registerDataset(input: $input) {\n      id\n      name\n      fingerprint\n      splits {\n        name\n        sha256\n      }\n    }\n  }\n": typeof types.Demo_RegisterDatasetDocument,
    "\n  mutation Demo_CreateStudy($input: CreateStudyInput!) {\n    createStudy(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n": typeof types.Demo_CreateStudyDocument,
};
const documents: Documents = {
    "\n  mutation Trainer_RegisterWorker($input: RegisterWorkerInput!) {\n    registerWorker(input: $input) {\n      id\n      name\n    }\n  }\n": types.Trainer_RegisterWorkerDocument,
    "\n  mutation Trainer_ClaimRun($workerId: ID!) {\n    claimRun(workerId: $workerId) {\n      attempt\n      leaseExpiresAt\n      run {\n        id\n        method\n        baseModel\n        seed\n        attempt\n        hyperparameters {\n          learningRate\n          batchSize\n          epochs\n          weightDecay\n          warmupRatio\n          gradientAccumulationSteps\n          loraR\n          loraAlpha\n          loraDropout\n          loraTargetModules\n          pooling\n        }\n        effectiveHyperparameters {\n          batchSize\n          gradientAccumulationSteps\n        }\n        study {\n          id\n          maxSeqLength\n          dataset {\n            id\n            name\n            fingerprint\n            splits {\n              name\n              sha256\n            }\n          }\n        }\n      }\n    }\n  }\n": types.Trainer_ClaimRunDocument,
    "\n  mutation Trainer_Heartbeat($workerId: ID!, $runId: ID) {\n    heartbeat(workerId: $workerId, runId: $runId) {\n      leaseExpiresAt\n      cancelRequested\n    }\n  }\n": types.Trainer_HeartbeatDocument,
    "\n  mutation Trainer_StartRun($runId: ID!, $workerId: ID!, $input: StartRunInput!) {\n    startRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": types.Trainer_StartRunDocument,
    "\n  mutation Trainer_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) {\n    reportProgress(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n": types.Trainer_ReportProgressDocument,
    "\n  mutation Trainer_LogMetricSeries($runId: ID!, $series: [MetricSeriesInput!]!) {\n    logMetricSeries(runId: $runId, series: $series) {\n      accepted\n      duplicates\n    }\n  }\n": types.Trainer_LogMetricSeriesDocument,
    "\n  mutation Trainer_RecordCheckpoint($runId: ID!, $input: CheckpointInput!) {\n    recordCheckpoint(runId: $runId, input: $input) {\n      id\n    }\n  }\n": types.Trainer_RecordCheckpointDocument,
    "\n  mutation Trainer_RecordArtifact($runId: ID!, $input: ArtifactInput!) {\n    recordArtifact(runId: $runId, input: $input) {\n      id\n    }\n  }\n": types.Trainer_RecordArtifactDocument,
    "\n  mutation Trainer_RecordPredictions($runId: ID!, $input: PredictionsInput!) {\n    recordPredictions(runId: $runId, input: $input) {\n      count\n    }\n  }\n": types.Trainer_RecordPredictionsDocument,
    "\n  mutation Trainer_CompleteRun($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) {\n    completeRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": types.Trainer_CompleteRunDocument,
    "\n  mutation Trainer_FailRun($runId: ID!, $workerId: ID!, $input: FailRunInput!) {\n    failRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n": types.Trainer_FailRunDocument,
    "\n  mutation Trainer_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    retryRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      attempt\n    }\n  }\n": types.Trainer_RetryRunDocument,
    "\n  mutation Trainer_ReleaseRun($runId: ID!, $workerId: ID!) {\n    releaseRun(runId: $runId, workerId: $workerId) {\n      id\n      status\n    }\n  }\n": types.Trainer_ReleaseRunDocument,
    "\n  mutation Trainer_AdjustBatch($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    adjustBatch(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n": types.Trainer_AdjustBatchDocument,
    "\n  query Demo_Projects {\n    projects {\n      id\n    }\n  }\n": types.Demo_ProjectsDocument,
    "\n  mutation Demo_CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.Demo_CreateProjectDocument,
    "\n  mutation Demo_RegisterDataset($input: RegisterDatasetInput!) {\n    registerDataset(input: $input) {\n      id\n      name\n      fingerprint\n      splits {\n        name\n        sha256\n      }\n    }\n  }\n": types.Demo_RegisterDatasetDocument,
    "\n  mutation Demo_CreateStudy($input: CreateStudyInput!) {\n    createStudy(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n": types.Demo_CreateStudyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_RegisterWorker($input: RegisterWorkerInput!) {\n    registerWorker(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_RegisterWorker($input: RegisterWorkerInput!) {\n    registerWorker(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_ClaimRun($workerId: ID!) {\n    claimRun(workerId: $workerId) {\n      attempt\n      leaseExpiresAt\n      run {\n        id\n        method\n        baseModel\n        seed\n        attempt\n        hyperparameters {\n          learningRate\n          batchSize\n          epochs\n          weightDecay\n          warmupRatio\n          gradientAccumulationSteps\n          loraR\n          loraAlpha\n          loraDropout\n          loraTargetModules\n          pooling\n        }\n        effectiveHyperparameters {\n          batchSize\n          gradientAccumulationSteps\n        }\n        study {\n          id\n          maxSeqLength\n          dataset {\n            id\n            name\n            fingerprint\n            splits {\n              name\n              sha256\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_ClaimRun($workerId: ID!) {\n    claimRun(workerId: $workerId) {\n      attempt\n      leaseExpiresAt\n      run {\n        id\n        method\n        baseModel\n        seed\n        attempt\n        hyperparameters {\n          learningRate\n          batchSize\n          epochs\n          weightDecay\n          warmupRatio\n          gradientAccumulationSteps\n          loraR\n          loraAlpha\n          loraDropout\n          loraTargetModules\n          pooling\n        }\n        effectiveHyperparameters {\n          batchSize\n          gradientAccumulationSteps\n        }\n        study {\n          id\n          maxSeqLength\n          dataset {\n            id\n            name\n            fingerprint\n            splits {\n              name\n              sha256\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_Heartbeat($workerId: ID!, $runId: ID) {\n    heartbeat(workerId: $workerId, runId: $runId) {\n      leaseExpiresAt\n      cancelRequested\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_Heartbeat($workerId: ID!, $runId: ID) {\n    heartbeat(workerId: $workerId, runId: $runId) {\n      leaseExpiresAt\n      cancelRequested\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_StartRun($runId: ID!, $workerId: ID!, $input: StartRunInput!) {\n    startRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_StartRun($runId: ID!, $workerId: ID!, $input: StartRunInput!) {\n    startRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) {\n    reportProgress(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) {\n    reportProgress(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_LogMetricSeries($runId: ID!, $series: [MetricSeriesInput!]!) {\n    logMetricSeries(runId: $runId, series: $series) {\n      accepted\n      duplicates\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_LogMetricSeries($runId: ID!, $series: [MetricSeriesInput!]!) {\n    logMetricSeries(runId: $runId, series: $series) {\n      accepted\n      duplicates\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_RecordCheckpoint($runId: ID!, $input: CheckpointInput!) {\n    recordCheckpoint(runId: $runId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_RecordCheckpoint($runId: ID!, $input: CheckpointInput!) {\n    recordCheckpoint(runId: $runId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_RecordArtifact($runId: ID!, $input: ArtifactInput!) {\n    recordArtifact(runId: $runId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_RecordArtifact($runId: ID!, $input: ArtifactInput!) {\n    recordArtifact(runId: $runId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_RecordPredictions($runId: ID!, $input: PredictionsInput!) {\n    recordPredictions(runId: $runId, input: $input) {\n      count\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_RecordPredictions($runId: ID!, $input: PredictionsInput!) {\n    recordPredictions(runId: $runId, input: $input) {\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_CompleteRun($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) {\n    completeRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_CompleteRun($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) {\n    completeRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_FailRun($runId: ID!, $workerId: ID!, $input: FailRunInput!) {\n    failRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_FailRun($runId: ID!, $workerId: ID!, $input: FailRunInput!) {\n    failRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    retryRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      attempt\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    retryRun(runId: $runId, workerId: $workerId, input: $input) {\n      id\n      attempt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_ReleaseRun($runId: ID!, $workerId: ID!) {\n    releaseRun(runId: $runId, workerId: $workerId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_ReleaseRun($runId: ID!, $workerId: ID!) {\n    releaseRun(runId: $runId, workerId: $workerId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Trainer_AdjustBatch($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    adjustBatch(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Trainer_AdjustBatch($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {\n    adjustBatch(runId: $runId, workerId: $workerId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Demo_Projects {\n    projects {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Demo_Projects {\n    projects {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Demo_CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Demo_CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Demo_RegisterDataset($input: RegisterDatasetInput!) {\n    registerDataset(input: $input) {\n      id\n      name\n      fingerprint\n      splits {\n        name\n        sha256\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Demo_RegisterDataset($input: RegisterDatasetInput!) {\n    registerDataset(input: $input) {\n      id\n      name\n      fingerprint\n      splits {\n        name\n        sha256\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Demo_CreateStudy($input: CreateStudyInput!) {\n    createStudy(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Demo_CreateStudy($input: CreateStudyInput!) {\n    createStudy(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;