import type { Trainer_ClaimRunMutation } from '../gql/graphql';

export type ClaimedRun = NonNullable<Trainer_ClaimRunMutation['claimRun']>['run'];

export interface SplitFiles {
  train: string;
  test: string;
  validation?: string | null;
}

/** Drops the nulls GraphQL gives for fields a method does not use: the engine refuses keys that do not apply. */
function presentFields(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => value !== null && value !== undefined && key !== '__typename'));
}

/**
 * The engine's run spec (docs/engine-protocol.md) for a claimed run: the study's protocol, the run's
 * hyperparameters — with the batch a retry shrank, same effective batch — and where to read and write.
 */
export function buildRunSpec(run: ClaimedRun, splits: SplitFiles, outputDir: string): Record<string, unknown> {
  const hyperparameters = presentFields({ ...run.hyperparameters, ...presentFields(run.effectiveHyperparameters ?? {}) });
  return {
    version: 1,
    runId: run.id,
    method: run.method,
    baseModel: run.baseModel,
    data: presentFields({ train: splits.train, test: splits.test, validation: splits.validation }),
    outputDir,
    maxLength: run.study.maxSeqLength,
    seed: run.seed,
    hyperparameters,
    checkpoint: { everySteps: 0, keepLast: 2 },
  };
}

/** Half the batch, twice the accumulation: the same effective batch in less memory. Null when it cannot shrink. */
export function smallerBatch(run: ClaimedRun): { batchSize: number; gradientAccumulationSteps: number } | null {
  const batchSize = run.effectiveHyperparameters?.batchSize ?? run.hyperparameters.batchSize;
  const accumulation = run.effectiveHyperparameters?.gradientAccumulationSteps ?? run.hyperparameters.gradientAccumulationSteps;
  if (batchSize <= 1) return null;
  const half = Math.floor(batchSize / 2);
  return { batchSize: half, gradientAccumulationSteps: Math.ceil((accumulation * batchSize) / half) };
}

/**
 * How many DDP processes a run's attempt uses: the most, up to the GPUs it may have, that divide its batch size
 * (the engine gives each process batchSize / N examples and refuses a remainder).
 */
export function processesForBatch(batchSize: number, gpus: number): number {
  for (let n = Math.max(1, Math.min(gpus, batchSize)); n > 1; n--) if (batchSize % n === 0) return n;
  return 1;
}
