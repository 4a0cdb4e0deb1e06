import { graphql } from '../gql';

/** Every GraphQL operation of the trainer, typed from packages/schema/schema.graphql by `npm run codegen -w @tunelab/trainer`. */

export const RegisterWorker = graphql(`
  mutation Trainer_RegisterWorker($input: RegisterWorkerInput!) {
    registerWorker(input: $input) {
      id
      name
    }
  }
`);

export const ClaimRun = graphql(`
  mutation Trainer_ClaimRun($workerId: ID!) {
    claimRun(workerId: $workerId) {
      attempt
      leaseExpiresAt
      run {
        id
        method
        baseModel
        seed
        attempt
        hyperparameters {
          learningRate
          batchSize
          epochs
          weightDecay
          warmupRatio
          gradientAccumulationSteps
          loraR
          loraAlpha
          loraDropout
          loraTargetModules
          pooling
        }
        effectiveHyperparameters {
          batchSize
          gradientAccumulationSteps
        }
        study {
          id
          maxSeqLength
          dataset {
            id
            name
            fingerprint
            splits {
              name
              sha256
            }
          }
        }
      }
    }
  }
`);

export const Heartbeat = graphql(`
  mutation Trainer_Heartbeat($workerId: ID!, $runId: ID) {
    heartbeat(workerId: $workerId, runId: $runId) {
      leaseExpiresAt
      cancelRequested
    }
  }
`);

export const StartRun = graphql(`
  mutation Trainer_StartRun($runId: ID!, $workerId: ID!, $input: StartRunInput!) {
    startRun(runId: $runId, workerId: $workerId, input: $input) {
      id
      status
    }
  }
`);

export const ReportProgress = graphql(`
  mutation Trainer_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) {
    reportProgress(runId: $runId, workerId: $workerId, input: $input) {
      id
    }
  }
`);

export const LogMetricSeries = graphql(`
  mutation Trainer_LogMetricSeries($runId: ID!, $series: [MetricSeriesInput!]!) {
    logMetricSeries(runId: $runId, series: $series) {
      accepted
      duplicates
    }
  }
`);

export const RecordCheckpoint = graphql(`
  mutation Trainer_RecordCheckpoint($runId: ID!, $input: CheckpointInput!) {
    recordCheckpoint(runId: $runId, input: $input) {
      id
    }
  }
`);

export const RecordArtifact = graphql(`
  mutation Trainer_RecordArtifact($runId: ID!, $input: ArtifactInput!) {
    recordArtifact(runId: $runId, input: $input) {
      id
    }
  }
`);

export const RecordPredictions = graphql(`
  mutation Trainer_RecordPredictions($runId: ID!, $input: PredictionsInput!) {
    recordPredictions(runId: $runId, input: $input) {
      count
    }
  }
`);

export const CompleteRun = graphql(`
  mutation Trainer_CompleteRun($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) {
    completeRun(runId: $runId, workerId: $workerId, input: $input) {
      id
      status
    }
  }
`);

export const FailRun = graphql(`
  mutation Trainer_FailRun($runId: ID!, $workerId: ID!, $input: FailRunInput!) {
    failRun(runId: $runId, workerId: $workerId, input: $input) {
      id
      status
    }
  }
`);

export const RetryRun = graphql(`
  mutation Trainer_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {
    retryRun(runId: $runId, workerId: $workerId, input: $input) {
      id
      attempt
    }
  }
`);

export const ReleaseRun = graphql(`
  mutation Trainer_ReleaseRun($runId: ID!, $workerId: ID!) {
    releaseRun(runId: $runId, workerId: $workerId) {
      id
      status
    }
  }
`);

export const AdjustBatch = graphql(`
  mutation Trainer_AdjustBatch($runId: ID!, $workerId: ID!, $input: RetryRunInput!) {
    adjustBatch(runId: $runId, workerId: $workerId, input: $input) {
      id
    }
  }
`);
