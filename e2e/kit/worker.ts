import type { GraphqlRequest } from './graphql';

export interface MetricPointInput {
  key: string;
  step: number;
  value: number;
  epoch?: number;
}

export interface RunProgressInput {
  step: number;
  totalSteps: number;
  epoch: number;
  samplesPerSecond?: number | null;
  tokensPerSecond?: number | null;
  etaSeconds?: number | null;
}

/** Why the worker restarts the engine, and the (smaller) batch it restarts with. */
export interface RetryRunInput {
  code: string;
  reason: string;
  batchSize?: number;
  gradientAccumulationSteps?: number;
}

export interface ClaimedRun {
  attempt: number;
  leaseExpiresAt: string;
  run: { id: string; method: string; seed: number; status: string };
}

/** Plays a trainer daemon over GraphQL: register, claim, start, log, report progress, retry, complete or fail. */
export class FakeWorker {
  private constructor(
    private readonly request: GraphqlRequest,
    readonly id: string,
  ) {}

  static async register(request: GraphqlRequest, name = 'e2e-worker'): Promise<FakeWorker> {
    const data = await request<{ registerWorker: { id: string } }>(
      `mutation Worker_Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`,
      { input: { name, host: 'e2e.local', cpus: 4, memoryBytes: 8 * 1024 ** 3, gpus: [] } },
    );
    return new FakeWorker(request, data.registerWorker.id);
  }

  async claim(): Promise<ClaimedRun | null> {
    const data = await this.request<{ claimRun: ClaimedRun | null }>(
      `mutation Worker_Claim($workerId: ID!) { claimRun(workerId: $workerId) { attempt leaseExpiresAt run { id method seed status } } }`,
      { workerId: this.id },
    );
    return data.claimRun;
  }

  async start(runId: string, input = { trainableParameters: 294_912, totalParameters: 178_000_000, device: 'cpu' }): Promise<void> {
    await this.request(
      `mutation Worker_Start($runId: ID!, $workerId: ID!, $input: StartRunInput!) { startRun(runId: $runId, workerId: $workerId, input: $input) { id status } }`,
      { runId, workerId: this.id, input },
    );
  }

  async logMetrics(runId: string, points: MetricPointInput[]): Promise<{ accepted: number; duplicates: number }> {
    const data = await this.request<{ logMetrics: { accepted: number; duplicates: number } }>(
      `mutation Worker_LogMetrics($runId: ID!, $points: [MetricPointInput!]!) { logMetrics(runId: $runId, points: $points) { accepted duplicates } }`,
      { runId, points },
    );
    return data.logMetrics;
  }

  async reportProgress(runId: string, input: RunProgressInput): Promise<void> {
    await this.request(
      `mutation Worker_ReportProgress($runId: ID!, $workerId: ID!, $input: RunProgressInput!) { reportProgress(runId: $runId, workerId: $workerId, input: $input) { id } }`,
      { runId, workerId: this.id, input },
    );
  }

  /** Restarts the engine on the run it holds (a new attempt), e.g. after running out of memory. */
  async retryRun(runId: string, input: RetryRunInput): Promise<{ attempt: number }> {
    const data = await this.request<{ retryRun: { attempt: number } }>(
      `mutation Worker_RetryRun($runId: ID!, $workerId: ID!, $input: RetryRunInput!) { retryRun(runId: $runId, workerId: $workerId, input: $input) { id attempt } }`,
      { runId, workerId: this.id, input },
    );
    return data.retryRun;
  }

  async checkpoint(runId: string, input: { epoch: number; step: number; path: string; bytes: number; metrics?: Record<string, number> }): Promise<void> {
    await this.request(
      `mutation Worker_Checkpoint($runId: ID!, $input: CheckpointInput!) { recordCheckpoint(runId: $runId, input: $input) { id } }`,
      { runId, input },
    );
  }

  /** Stores the run's predictions on the test split: the evidence for intervals and paired tests. */
  async recordPredictions(runId: string, input: { ids: string[]; labels: number[]; predictions: number[] }): Promise<{ count: number; confusionMatrix: number[][] }> {
    const data = await this.request<{ recordPredictions: { count: number; confusionMatrix: number[][] } }>(
      `mutation Worker_RecordPredictions($runId: ID!, $input: PredictionsInput!) { recordPredictions(runId: $runId, input: $input) { count confusionMatrix } }`,
      { runId, input: { split: 'test', ...input } },
    );
    return data.recordPredictions;
  }

  async complete(
    runId: string,
    input: { finalMetrics: Record<string, number>; trainSeconds: number; evalSeconds?: number; peakMemoryBytes?: number; trainableParameters?: number; totalParameters?: number },
  ): Promise<void> {
    await this.request(
      `mutation Worker_Complete($runId: ID!, $workerId: ID!, $input: CompleteRunInput!) { completeRun(runId: $runId, workerId: $workerId, input: $input) { id status } }`,
      { runId, workerId: this.id, input },
    );
  }
}
