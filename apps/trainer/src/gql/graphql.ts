/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

export type AnalysisOptionsInput = {
  /** One or two axes for the Pareto front; default TRAIN_SECONDS and TRAINABLE_PARAMETERS. */
  paretoCosts?: InputMaybe<Array<CostAxis>>;
  /** A higher-is-better final metric; default eval/f1_macro. */
  qualityMetric?: InputMaybe<Scalars['String']['input']>;
  /** Quality for time-to-target; default the lowest method mean. */
  target?: InputMaybe<Scalars['Float']['input']>;
};

/** An API token of a team. Only a hash of the secret is stored; the secret is shown once, at creation. */
export type ApiToken = {
  __typename?: 'ApiToken';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  name: Scalars['String']['output'];
  /** The first characters of the secret, to tell tokens apart. */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** May create teams: only the token made on first start has it. */
  siteAdmin: Scalars['Boolean']['output'];
};

/** A file a run produced: a model export, predictions, a tokenizer. */
export type Artifact = {
  __typename?: 'Artifact';
  bytes: Scalars['Float']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** e.g. onnx, tokenizer, predictions. */
  kind: Scalars['String']['output'];
  path: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
};

export type ArtifactInput = {
  bytes: Scalars['Float']['input'];
  kind: Scalars['String']['input'];
  path: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
};

export type CandidateAssessment = {
  __typename?: 'CandidateAssessment';
  eligible: Scalars['Boolean']['output'];
  failed: Array<Scalars['String']['output']>;
  method: Scalars['String']['output'];
  quality?: Maybe<Scalars['Float']['output']>;
};

/** A saved training state a crashed run resumes from. */
export type Checkpoint = {
  __typename?: 'Checkpoint';
  bytes: Scalars['Float']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  epoch: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  metrics?: Maybe<Scalars['JSONObject']['output']>;
  path: Scalars['String']['output'];
  step: Scalars['Int']['output'];
};

export type CheckpointInput = {
  bytes: Scalars['Float']['input'];
  epoch: Scalars['Int']['input'];
  metrics?: InputMaybe<Scalars['JSONObject']['input']>;
  path: Scalars['String']['input'];
  step: Scalars['Int']['input'];
};

/** Whether runs were evaluated on the same examples under the same rules, and if not what differs. */
export type Comparability = {
  __typename?: 'Comparability';
  comparable: Scalars['Boolean']['output'];
  differences: Array<ProtocolDifference>;
  reason?: Maybe<Scalars['String']['output']>;
};

export type CompleteRunInput = {
  evalSeconds?: InputMaybe<Scalars['Float']['input']>;
  /** Final metrics by key, e.g. {"eval/f1_macro": 0.91}. */
  finalMetrics: Scalars['JSONObject']['input'];
  peakMemoryBytes?: InputMaybe<Scalars['Float']['input']>;
  totalParameters?: InputMaybe<Scalars['Float']['input']>;
  trainSeconds: Scalars['Float']['input'];
  trainableParameters?: InputMaybe<Scalars['Float']['input']>;
};

export type ConfidenceInterval = {
  __typename?: 'ConfidenceInterval';
  confidence: Scalars['Float']['output'];
  estimate: Scalars['Float']['output'];
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
};

/** A lower-is-better cost of a run. */
export type CostAxis =
  | 'ENERGY_JOULES'
  | 'GPU_HOURS'
  | 'INFERENCE_LATENCY_MS'
  | 'PEAK_MEMORY_BYTES'
  | 'TOTAL_PARAMETERS'
  | 'TRAINABLE_PARAMETERS'
  | 'TRAIN_SECONDS';

export type CostSummary = {
  __typename?: 'CostSummary';
  /** A CostAxis value in camelCase, or inferenceThroughput. */
  axis: Scalars['String']['output'];
  max?: Maybe<Scalars['Float']['output']>;
  mean?: Maybe<Scalars['Float']['output']>;
  n: Scalars['Int']['output'];
  std?: Maybe<Scalars['Float']['output']>;
};

export type CreateDatasetInput = {
  /** Set by the importer: a hash of the exact split. */
  fingerprint?: InputMaybe<Scalars['String']['input']>;
  /** Default 'grade3'. */
  labelRule?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
  qualityReport?: InputMaybe<Scalars['JSONObject']['input']>;
  rowCounts?: InputMaybe<Scalars['JSONObject']['input']>;
  /** A local path or hf://datasets/<owner>/<name>/<file>. */
  source: Scalars['String']['input'];
  split?: InputMaybe<DatasetSplitInput>;
  textRule?: InputMaybe<Scalars['String']['input']>;
};

export type CreateProjectInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

/** A study queues one run per method and seed. */
export type CreateStudyInput = {
  datasetId: Scalars['ID']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** Default 256. */
  maxSeqLength?: InputMaybe<Scalars['Int']['input']>;
  methods: Array<StudyMethodInput>;
  /** Default eval/f1_macro and eval/accuracy. */
  metrics?: InputMaybe<Array<Scalars['String']['input']>>;
  name: Scalars['String']['input'];
  /** Default eval/f1_macro. */
  primaryMetric?: InputMaybe<Scalars['String']['input']>;
  projectId: Scalars['ID']['input'];
  /** Default [42]. */
  seeds?: InputMaybe<Array<Scalars['Int']['input']>>;
};

export type CreatedTeam = {
  __typename?: 'CreatedTeam';
  adminToken: CreatedToken;
  team: Team;
};

/** A newly created token. The secret is shown only here, once: store it now. */
export type CreatedToken = {
  __typename?: 'CreatedToken';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  secret: Scalars['String']['output'];
};

/** A labelled text dataset with a fixed split, shared by every run of a study. */
export type Dataset = {
  __typename?: 'Dataset';
  columns?: Maybe<DatasetColumns>;
  /** SHA-256 of every kept example in source order, before splitting. */
  contentFingerprint?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** SHA-256 of the split manifest: the exact examples of each split, the rules and the split parameters. Runs record it. */
  fingerprint?: Maybe<Scalars['String']['output']>;
  /** Null for a dataset recorded with createDataset. */
  format?: Maybe<DatasetFormat>;
  id: Scalars['ID']['output'];
  /** The source was imported and the split files exist. */
  imported: Scalars['Boolean']['output'];
  /** When registerDataset imported the source; null for datasets recorded with createDataset. */
  importedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** How labels are made: 'grade3', 'grade10>=N' or 'custom:{...}'. */
  labelRule: Scalars['String']['output'];
  name: Scalars['String']['output'];
  project: Project;
  /** The data-quality report of the import; null until imported. */
  quality?: Maybe<DatasetQualityReport>;
  /** The data-quality report as stored (see `quality` for the typed view). */
  qualityReport?: Maybe<Scalars['JSONObject']['output']>;
  /** Row counts per split and of dropped rows. */
  rowCounts?: Maybe<Scalars['JSONObject']['output']>;
  /** A local path or hf://datasets/<owner>/<name>/<file>. */
  source: Scalars['String']['output'];
  /** Size of the source file in bytes. */
  sourceBytes?: Maybe<Scalars['Float']['output']>;
  /** SHA-256 of the source file as imported. */
  sourceSha256?: Maybe<Scalars['String']['output']>;
  split: DatasetSplit;
  /** The split files in train, validation, test order; empty until imported. */
  splits: Array<DatasetSplitFile>;
  /** Generated by the synthetic review generator: not real reviews. */
  synthetic: Scalars['Boolean']['output'];
  /** A rule applied to the text, e.g. 'strip-score-mentions'. */
  textRule?: Maybe<Scalars['String']['output']>;
};

/** Which source columns held the text, the label and the id. */
export type DatasetColumns = {
  __typename?: 'DatasetColumns';
  id?: Maybe<Scalars['String']['output']>;
  label: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

/** Which source columns hold what. JSONL defaults to Kinopoisk: content, review_id, and grade3 or grade10 by rule. */
export type DatasetColumnsInput = {
  /** A unique row id (optional); rows without one are numbered by line. */
  id?: InputMaybe<Scalars['String']['input']>;
  /** The raw label the rule reads. Required for CSV and Parquet. */
  label?: InputMaybe<Scalars['String']['input']>;
  /** The review text. Required for CSV and Parquet. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** JSONL (Kinopoisk layout by default), CSV with a header row, or Parquet. */
export type DatasetFormat =
  | 'CSV'
  | 'JSONL'
  | 'PARQUET';

/** A registerDataset import in progress: poll datasetImports for a progress bar. */
export type DatasetImport = {
  __typename?: 'DatasetImport';
  bytesRead: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** queued (another import runs), reading, splitting or done. */
  phase: Scalars['String']['output'];
  projectId: Scalars['ID']['output'];
  rowsKept: Scalars['Int']['output'];
  rowsRead: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  startedAt: Scalars['DateTimeISO']['output'];
  totalBytes: Scalars['Float']['output'];
};

/** What an import read, kept and dropped, and what the data looks like. */
export type DatasetQualityReport = {
  __typename?: 'DatasetQualityReport';
  /** Every reason, in pipeline order, including those with no rows. */
  dropped: Array<DroppedRows>;
  /** Null when the source has no grade3/grade10 fields. */
  gradeAgreement?: Maybe<GradeAgreement>;
  keptPerLabel: Array<LabelCount>;
  labelRule: Scalars['String']['output'];
  majorityClass: MajorityClassBaseline;
  rowsDropped: Scalars['Int']['output'];
  rowsKept: Scalars['Int']['output'];
  /** Non-blank lines (or rows) read; rowsKept + rowsDropped. */
  rowsRead: Scalars['Int']['output'];
  scoreMentions: ScoreMentionStats;
  splits: Array<SplitLabelCounts>;
  /** Any row came from the synthetic generator. */
  synthetic: Scalars['Boolean']['output'];
  textLength: TextLengthStats;
  textRule?: Maybe<Scalars['String']['output']>;
  /** In tokens, once a tokenizer is known (null at import). */
  tokenLength?: Maybe<TextLengthStats>;
  /** Raw labels the rule could not use (top 10): material for a custom mapping. */
  unusableLabels: Array<LabelValueCount>;
};

/** How a dataset is split; the same seed and fractions give the same split. */
export type DatasetSplit = {
  __typename?: 'DatasetSplit';
  seed: Scalars['Int']['output'];
  testFraction: Scalars['Float']['output'];
  trainFraction: Scalars['Float']['output'];
  validationFraction: Scalars['Float']['output'];
};

/** One split file, ready for the engine: JSON Lines of {"id","text","label"}. */
export type DatasetSplitFile = {
  __typename?: 'DatasetSplitFile';
  labels: Array<LabelCount>;
  /** train, validation or test. */
  name: Scalars['String']['output'];
  /** Absolute path on the API machine. */
  path: Scalars['String']['output'];
  /** Relative to the data directory: datasets/<fingerprint>/<name>.jsonl. */
  relativePath: Scalars['String']['output'];
  rows: Scalars['Int']['output'];
  /** SHA-256 of the file's bytes: the split's fingerprint. */
  sha256: Scalars['String']['output'];
};

/** Omitted fields: seed 42, 80% train, 0% validation, 20% test. */
export type DatasetSplitInput = {
  seed?: InputMaybe<Scalars['Int']['input']>;
  testFraction?: InputMaybe<Scalars['Float']['input']>;
  trainFraction?: InputMaybe<Scalars['Float']['input']>;
  validationFraction?: InputMaybe<Scalars['Float']['input']>;
};

/** Rows dropped for one reason. */
export type DroppedRows = {
  __typename?: 'DroppedRows';
  count: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  /** The first 20 line (or row) numbers in the source. */
  lines: Array<Scalars['Int']['output']>;
  /** malformedLine, invalidUtf8, emptyText, neutral, missingOrInvalidGrade, unmappedLabel, duplicateId or duplicateText. */
  reason: Scalars['String']['output'];
};

export type Evidence = {
  __typename?: 'Evidence';
  measure: Scalars['String']['output'];
  method: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  seed: Scalars['Int']['output'];
  value: Scalars['Float']['output'];
};

export type ExcludedRun = {
  __typename?: 'ExcludedRun';
  method: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  seed: Scalars['Int']['output'];
};

export type FailRunInput = {
  /** OOM, NAN_LOSS, SPEC_INVALID, MODEL_NOT_FOUND, DATA_INVALID, CANCELLED, … */
  code: Scalars['String']['input'];
  message: Scalars['String']['input'];
};

/** A GPU of a worker. */
export type Gpu = {
  __typename?: 'Gpu';
  index: Scalars['Int']['output'];
  memoryBytes: Scalars['Float']['output'];
  name: Scalars['String']['output'];
};

export type GpuInput = {
  index: Scalars['Int']['input'];
  memoryBytes: Scalars['Float']['input'];
  name: Scalars['String']['input'];
};

/** How often Kinopoisk's grade3 (Good/Bad) contradicts its grade10 (1–10) at a threshold. */
export type GradeAgreement = {
  __typename?: 'GradeAgreement';
  badAtOrAboveThreshold: Scalars['Int']['output'];
  /** Rows with a Good or Bad grade3 and a grade10 from 1 to 10. */
  compared: Scalars['Int']['output'];
  disagreements: Scalars['Int']['output'];
  goodBelowThreshold: Scalars['Int']['output'];
  /** The first 20 disagreeing lines. */
  lines: Array<Scalars['Int']['output']>;
  share: Scalars['Float']['output'];
  /** grade10 at or above this counts as positive. */
  threshold: Scalars['Float']['output'];
};

export type HeartbeatResult = {
  __typename?: 'HeartbeatResult';
  /** The run was cancelled: stop the engine. */
  cancelRequested: Scalars['Boolean']['output'];
  leaseExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  worker: Worker;
};

/** The resolved hyperparameters of a run (defaults of its method filled in). */
export type Hyperparameters = {
  __typename?: 'Hyperparameters';
  batchSize: Scalars['Int']['output'];
  epochs: Scalars['Int']['output'];
  gradientAccumulationSteps: Scalars['Int']['output'];
  learningRate: Scalars['Float']['output'];
  loraAlpha?: Maybe<Scalars['Float']['output']>;
  loraDropout?: Maybe<Scalars['Float']['output']>;
  loraR?: Maybe<Scalars['Int']['output']>;
  loraTargetModules?: Maybe<Array<Scalars['String']['output']>>;
  /** 'last-token' or 'mean' (Mamba methods). */
  pooling?: Maybe<Scalars['String']['output']>;
  warmupRatio: Scalars['Float']['output'];
  weightDecay: Scalars['Float']['output'];
};

/** Hyperparameters of a method; omitted fields take the method defaults. */
export type HyperparametersInput = {
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  epochs?: InputMaybe<Scalars['Int']['input']>;
  gradientAccumulationSteps?: InputMaybe<Scalars['Int']['input']>;
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  loraAlpha?: InputMaybe<Scalars['Float']['input']>;
  loraDropout?: InputMaybe<Scalars['Float']['input']>;
  loraR?: InputMaybe<Scalars['Int']['input']>;
  loraTargetModules?: InputMaybe<Array<Scalars['String']['input']>>;
  pooling?: InputMaybe<Scalars['String']['input']>;
  warmupRatio?: InputMaybe<Scalars['Float']['input']>;
  weightDecay?: InputMaybe<Scalars['Float']['input']>;
};

export type LabelCount = {
  __typename?: 'LabelCount';
  count: Scalars['Int']['output'];
  /** 0 or 1. */
  label: Scalars['Int']['output'];
};

export type LabelValueCount = {
  __typename?: 'LabelValueCount';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

/** Succeeded runs of a study ranked by one metric, best first; only runs evaluated on the same split. */
export type Leaderboard = {
  __typename?: 'Leaderboard';
  /** DESC when higher is better. */
  direction: SortDirection;
  /** Succeeded runs not ranked, with why (e.g. another split). */
  excluded: Array<LeaderboardExclusion>;
  metric: Scalars['String']['output'];
  rows: Array<LeaderboardRow>;
};

/** A succeeded run left off a leaderboard because it cannot be compared with the ranked ones. */
export type LeaderboardExclusion = {
  __typename?: 'LeaderboardExclusion';
  reason: Scalars['String']['output'];
  run: Run;
};

export type LeaderboardRow = {
  __typename?: 'LeaderboardRow';
  method: Scalars['String']['output'];
  /** Competition ranking: equal values share a rank. */
  rank: Scalars['Int']['output'];
  run: Run;
  seed: Scalars['Int']['output'];
  value: Scalars['Float']['output'];
};

export type LengthBucket = {
  __typename?: 'LengthBucket';
  count: Scalars['Int']['output'];
  from: Scalars['Int']['output'];
  /** Exclusive; null for the last bucket. */
  to?: Maybe<Scalars['Int']['output']>;
};

export type LogMetricsResult = {
  __typename?: 'LogMetricsResult';
  /** Points stored now. */
  accepted: Scalars['Int']['output'];
  /** Points already stored (a replayed batch), ignored. */
  duplicates: Scalars['Int']['output'];
};

export type MajorityBaseline = {
  __typename?: 'MajorityBaseline';
  accuracy: Scalars['Float']['output'];
  balancedAccuracy: Scalars['Float']['output'];
  f1Macro: Scalars['Float']['output'];
  label: Scalars['Int']['output'];
  testRows: Scalars['Int']['output'];
};

/** Always predicting the most frequent label: the accuracy any model must beat. */
export type MajorityClassBaseline = {
  __typename?: 'MajorityClassBaseline';
  /** On all kept rows. */
  accuracy: Scalars['Float']['output'];
  label: Scalars['Int']['output'];
  /** On the test split. */
  testAccuracy?: Maybe<Scalars['Float']['output']>;
};

export type MethodStatistics = {
  __typename?: 'MethodStatistics';
  costs: Array<CostSummary>;
  /** Seed-averaged bootstrap intervals; empty without stored predictions. */
  intervals: Array<ScoreInterval>;
  label: Scalars['String']['output'];
  method: Scalars['String']['output'];
  metrics: Array<MetricSummary>;
  quality: MetricSummary;
  runIds: Array<Scalars['ID']['output']>;
  runs: Array<RunStatistics>;
  seeds: Array<Scalars['Int']['output']>;
  shortLabel: Scalars['String']['output'];
};

export type MethodTimeToTarget = {
  __typename?: 'MethodTimeToTarget';
  medianSeconds?: Maybe<Scalars['Float']['output']>;
  method: Scalars['String']['output'];
  perRun: Array<RunTimeToTarget>;
  reached: Scalars['Int']['output'];
  runs: Scalars['Int']['output'];
};

/** Steps grouped into one bucket of a downsampled series; min and max keep the extremes visible. */
export type MetricBucket = {
  __typename?: 'MetricBucket';
  count: Scalars['Int']['output'];
  last: Scalars['Float']['output'];
  lastStep: Scalars['Int']['output'];
  max: Scalars['Float']['output'];
  min: Scalars['Float']['output'];
  stepEnd: Scalars['Int']['output'];
  stepStart: Scalars['Int']['output'];
};

/** One logged value of a metric at a training step. */
export type MetricPoint = {
  __typename?: 'MetricPoint';
  epoch?: Maybe<Scalars['Float']['output']>;
  /** split/name in snake case, e.g. train/loss. */
  key: Scalars['String']['output'];
  step: Scalars['Int']['output'];
  value: Scalars['Float']['output'];
  /** Seconds since the Unix epoch. */
  wallTime: Scalars['Float']['output'];
};

export type MetricPointInput = {
  epoch?: InputMaybe<Scalars['Float']['input']>;
  key: Scalars['String']['input'];
  step: Scalars['Int']['input'];
  value: Scalars['Float']['input'];
  /** Seconds since the Unix epoch; default: when the API received it. */
  wallTime?: InputMaybe<Scalars['Float']['input']>;
};

export type MetricSeries = {
  __typename?: 'MetricSeries';
  buckets: Array<MetricBucket>;
  key: Scalars['String']['output'];
  totalPoints: Scalars['Int']['output'];
};

/** One metric in columns: point i is (key, steps[i], values[i], epochs[i], wallTimes[i]). The compact ingest form. */
export type MetricSeriesInput = {
  epochs?: InputMaybe<Array<InputMaybe<Scalars['Float']['input']>>>;
  key: Scalars['String']['input'];
  steps: Array<Scalars['Int']['input']>;
  values: Array<Scalars['Float']['input']>;
  /** Seconds since the Unix epoch; default: when the API received them. */
  wallTimes?: InputMaybe<Array<InputMaybe<Scalars['Float']['input']>>>;
};

export type MetricSummary = {
  __typename?: 'MetricSummary';
  key: Scalars['String']['output'];
  mean?: Maybe<Scalars['Float']['output']>;
  n: Scalars['Int']['output'];
  /** Sample standard deviation; null below two seeds. */
  std?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Trains a held run with a smaller micro-batch and more accumulation (same effective batch), e.g. after a memory pre-flight; same attempt. */
  adjustBatch: Run;
  /** Stops a queued or running run; its worker learns it at the next heartbeat. */
  cancelRun: Run;
  /** Atomically takes the next queued run; null when none is waiting. */
  claimRun?: Maybe<RunClaim>;
  completeRun: Run;
  createApiToken: CreatedToken;
  /** Records a dataset definition without importing it; registerDataset imports a source and materialises its splits. */
  createDataset: Dataset;
  createProject: Project;
  /** Creates a study and queues one run per method and seed. */
  createStudy: Study;
  /** Site admin only: a new team and its first token. */
  createTeam: CreatedTeam;
  failRun: Run;
  heartbeat: HeartbeatResult;
  /** logMetrics with the points in columns per metric: the same result, about 4x less server time per point. Trainers use this. */
  logMetricSeries: LogMetricsResult;
  /** Stores a batch of points (up to 10,000); a replayed batch stores nothing twice. */
  logMetrics: LogMetricsResult;
  recordArtifact: Artifact;
  recordCheckpoint: Checkpoint;
  /** Stores a run's predictions on a split (replacing earlier ones): the evidence for its confidence intervals and paired tests. */
  recordPredictions: RunPredictionsSummary;
  /** Imports a source (local file or hf://) with label and text rules into fingerprinted train/validation/test files and stores the dataset with its quality report. Bad input or a failed import stores nothing. */
  registerDataset: Dataset;
  registerWorker: Worker;
  /** Gives a held run back to the queue (the worker is shutting down); the next claim resumes it. */
  releaseRun: Run;
  /** Step, epoch, speed and ETA of the run; extends the lease. */
  reportProgress: Run;
  /** Starts a new attempt of a run the worker holds (after an engine crash or out of memory). */
  retryRun: Run;
  revokeApiToken: ApiToken;
  startRun: Run;
};


export type MutationAdjustBatchArgs = {
  input: RetryRunInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationCancelRunArgs = {
  runId: Scalars['ID']['input'];
};


export type MutationClaimRunArgs = {
  workerId: Scalars['ID']['input'];
};


export type MutationCompleteRunArgs = {
  input: CompleteRunInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationCreateApiTokenArgs = {
  name: Scalars['String']['input'];
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


export type MutationCreateStudyArgs = {
  input: CreateStudyInput;
};


export type MutationCreateTeamArgs = {
  name: Scalars['String']['input'];
};


export type MutationFailRunArgs = {
  input: FailRunInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationHeartbeatArgs = {
  runId?: InputMaybe<Scalars['ID']['input']>;
  workerId: Scalars['ID']['input'];
};


export type MutationLogMetricSeriesArgs = {
  runId: Scalars['ID']['input'];
  series: Array<MetricSeriesInput>;
};


export type MutationLogMetricsArgs = {
  points: Array<MetricPointInput>;
  runId: Scalars['ID']['input'];
};


export type MutationRecordArtifactArgs = {
  input: ArtifactInput;
  runId: Scalars['ID']['input'];
};


export type MutationRecordCheckpointArgs = {
  input: CheckpointInput;
  runId: Scalars['ID']['input'];
};


export type MutationRecordPredictionsArgs = {
  input: PredictionsInput;
  runId: Scalars['ID']['input'];
};


export type MutationRegisterDatasetArgs = {
  input: RegisterDatasetInput;
};


export type MutationRegisterWorkerArgs = {
  input: RegisterWorkerInput;
};


export type MutationReleaseRunArgs = {
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationReportProgressArgs = {
  input: RunProgressInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationRetryRunArgs = {
  input: RetryRunInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStartRunArgs = {
  input: StartRunInput;
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as after to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PairedComparison = {
  __typename?: 'PairedComparison';
  /** score(A) − score(B), paired bootstrap. */
  difference?: Maybe<ConfidenceInterval>;
  mcnemar: Array<SeedMcNemar>;
  methodA: Scalars['String']['output'];
  methodB: Scalars['String']['output'];
  score: Scalars['String']['output'];
  significant?: Maybe<Scalars['Boolean']['output']>;
  /** e.g. "LoRA vs Full FT: −0.4 macro-F1, 95% CI [−1.1, +0.3], not significant". */
  verdict: Scalars['String']['output'];
};

export type ParetoAnalysis = {
  __typename?: 'ParetoAnalysis';
  costAxes: Array<CostAxis>;
  methods: Array<ParetoEntry>;
  qualityMetric: Scalars['String']['output'];
  runs: Array<ParetoEntry>;
  /** Runs missing the quality metric or a cost, left off the plot. */
  unplaced: Array<Scalars['ID']['output']>;
};

export type ParetoEntry = {
  __typename?: 'ParetoEntry';
  /** One value per cost axis, in the order asked for. */
  costs: Array<Scalars['Float']['output']>;
  /** The key of an entry that beats this one on every axis; null on the front. */
  dominatedBy?: Maybe<Scalars['String']['output']>;
  /** The run id, or the method for method means. */
  key: Scalars['String']['output'];
  method: Scalars['String']['output'];
  quality: Scalars['Float']['output'];
  runId?: Maybe<Scalars['ID']['output']>;
};

/** A run's predictions on one split, one entry per example in split-file order. */
export type PredictionsInput = {
  /** Example ids from the split file, in order. */
  ids: Array<Scalars['String']['input']>;
  /** True label ids. */
  labels: Array<Scalars['Int']['input']>;
  /** Predicted label ids. */
  predictions: Array<Scalars['Int']['input']>;
  split?: Scalars['String']['input'];
};

/** A body of work of a team: its datasets and studies. */
export type Project = {
  __typename?: 'Project';
  createdAt: Scalars['DateTimeISO']['output'];
  datasets: Array<Dataset>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  studies: Array<Study>;
  team: Team;
};

export type ProtocolDifference = {
  __typename?: 'ProtocolDifference';
  /** splitFingerprint, labelRule, textRule or maxSeqLength. */
  field: Scalars['String']['output'];
  values: Array<ProtocolValue>;
};

export type ProtocolValue = {
  __typename?: 'ProtocolValue';
  runIds: Array<Scalars['ID']['output']>;
  /** The value as text. */
  value?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Your team's tokens (never their secrets). */
  apiTokens: Array<ApiToken>;
  /** Whether any 2–100 runs the caller can see are comparable, and exactly what differs if not. */
  compareRuns: Comparability;
  dataset: Dataset;
  /** Your team's registerDataset imports in progress. */
  datasetImports: Array<DatasetImport>;
  datasets: Array<Dataset>;
  /** The study report: summary table, statistics, Pareto front, recommendations and data quality. */
  exportStudyReport: StudyReport;
  leaderboard: Leaderboard;
  /** Each series downsampled to at most maxPoints buckets, each keeping its min, max and last value. */
  metricHistory: Array<MetricSeries>;
  project: Project;
  /** Your team's projects, newest first. */
  projects: Array<Project>;
  /** The method to pick under the given constraints, by explicit rules over the measured runs. */
  recommendMethod: Recommendation;
  run: Run;
  /** Your team's runs, filtered, sorted and paged. */
  runs: RunConnection;
  studies: Array<Study>;
  study: Study;
  /** Statistics, paired comparisons, the Pareto front and time-to-target of a study, over its comparable runs. */
  studyAnalysis: StudyAnalysis;
  viewer: Viewer;
  /** Your team's workers, most recently seen first. */
  workers: Array<Worker>;
};


export type QueryCompareRunsArgs = {
  runIds: Array<Scalars['ID']['input']>;
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetsArgs = {
  projectId: Scalars['ID']['input'];
};


export type QueryExportStudyReportArgs = {
  format: ReportFormat;
  options?: InputMaybe<AnalysisOptionsInput>;
  studyId: Scalars['ID']['input'];
};


export type QueryLeaderboardArgs = {
  metric?: InputMaybe<Scalars['String']['input']>;
  studyId: Scalars['ID']['input'];
};


export type QueryMetricHistoryArgs = {
  keys: Array<Scalars['String']['input']>;
  maxPoints?: Scalars['Int']['input'];
  runId: Scalars['ID']['input'];
};


export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecommendMethodArgs = {
  constraints?: InputMaybe<RecommendationConstraintsInput>;
  options?: InputMaybe<AnalysisOptionsInput>;
  studyId: Scalars['ID']['input'];
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: Scalars['Int']['input'];
  sort?: InputMaybe<RunSort>;
};


export type QueryStudiesArgs = {
  projectId: Scalars['ID']['input'];
};


export type QueryStudyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStudyAnalysisArgs = {
  options?: InputMaybe<AnalysisOptionsInput>;
  studyId: Scalars['ID']['input'];
};

/** Which method to pick under constraints, with the rule that decided and the runs behind it. */
export type Recommendation = {
  __typename?: 'Recommendation';
  candidates: Array<CandidateAssessment>;
  decision: RecommendationDecision;
  evidence: Array<Evidence>;
  method?: Maybe<Scalars['String']['output']>;
  reasons: Array<Scalars['String']['output']>;
  summary: Scalars['String']['output'];
  tiedWith: Array<Scalars['String']['output']>;
};

export type RecommendationConstraintsInput = {
  gpuMemoryBytes?: InputMaybe<Scalars['Float']['input']>;
  latencyBudgetMs?: InputMaybe<Scalars['Float']['input']>;
  /** Minimum of the quality metric (macro-F1 by default). */
  minQuality?: InputMaybe<Scalars['Float']['input']>;
  timeBudgetSeconds?: InputMaybe<Scalars['Float']['input']>;
  trainableParameterBudget?: InputMaybe<Scalars['Float']['input']>;
};

export type RecommendationDecision =
  /** No method meets every constraint. */
  | 'NONE_ELIGIBLE'
  /** No succeeded, comparable runs yet. */
  | 'NO_DATA'
  /** Significantly better than every other eligible method, on two or more seeds. */
  | 'RECOMMENDED'
  /** Quality indistinguishable from another method; the cheaper one is picked. */
  | 'TIED_ON_QUALITY'
  /** A provisional pick: one seed, or differences that could not be tested. */
  | 'TOO_THIN';

export type RegisterDatasetInput = {
  columns?: InputMaybe<DatasetColumnsInput>;
  /** Default: from the file name (.jsonl, .csv, .parquet, optionally .gz for JSONL and CSV). */
  format?: InputMaybe<DatasetFormat>;
  /** Default 'grade3' (Good → 1, Bad → 0, Neutral dropped); or 'grade10>=N'; or 'custom:{"pos":1,"neg":0}'. */
  labelRule?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
  /** A file the API can read (relative paths from the API's working directory) or hf://datasets/<owner>/<name>/<file> from the Hugging Face cache. */
  source: Scalars['String']['input'];
  split?: InputMaybe<DatasetSplitInput>;
  /** 'strip-score-mentions' removes self-reported scores («9 из 10») from the texts. */
  textRule?: InputMaybe<Scalars['String']['input']>;
};

/** A worker registers again under the same name and host after a restart and keeps its id. */
export type RegisterWorkerInput = {
  cpus: Scalars['Int']['input'];
  gpus?: InputMaybe<Array<GpuInput>>;
  host: Scalars['String']['input'];
  memoryBytes: Scalars['Float']['input'];
  name: Scalars['String']['input'];
};

export type ReportFormat =
  | 'CSV'
  | 'JSON'
  | 'MARKDOWN';

/** A worker restarts the engine on the run it holds; the batch may shrink with the same effective batch. */
export type RetryRunInput = {
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  code: Scalars['String']['input'];
  gradientAccumulationSteps?: InputMaybe<Scalars['Int']['input']>;
  reason: Scalars['String']['input'];
};

/** One training of one method with one seed, inside a study. */
export type Run = {
  __typename?: 'Run';
  artifacts: Array<Artifact>;
  /** How many times a worker has claimed this run; above 1 after a crash and resume. */
  attempt: Scalars['Int']['output'];
  /** A local path or a Hugging Face model id resolved from the local cache. */
  baseModel: Scalars['String']['output'];
  checkpoints: Array<Checkpoint>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Where the engine runs it, e.g. cuda:0 or cpu. */
  device?: Maybe<Scalars['String']['output']>;
  /** What the engine runs with when a retry changed the batch (same effective batch). */
  effectiveHyperparameters?: Maybe<Hyperparameters>;
  /** OOM, NAN_LOSS, SPEC_INVALID, MODEL_NOT_FOUND, DATA_INVALID, CANCELLED, … */
  errorCode?: Maybe<Scalars['String']['output']>;
  errorMessage?: Maybe<Scalars['String']['output']>;
  evalSeconds?: Maybe<Scalars['Float']['output']>;
  /** Final metrics by key, e.g. {"eval/f1_macro": 0.91}. */
  finalMetrics?: Maybe<Scalars['JSONObject']['output']>;
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  hyperparameters: Hyperparameters;
  id: Scalars['ID']['output'];
  leaseExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** full, lora, mamba, head-only or mamba-lora. */
  method: Scalars['String']['output'];
  /** The metric keys this run has logged. */
  metricKeys: Array<Scalars['String']['output']>;
  peakMemoryBytes?: Maybe<Scalars['Float']['output']>;
  /** Where training is; null before the first report and after the run ends. */
  progress?: Maybe<RunProgress>;
  retries: Array<RunRetry>;
  seed: Scalars['Int']['output'];
  /** The fingerprint of the dataset split this run trained and evaluated on, recorded when it started. */
  splitFingerprint?: Maybe<Scalars['String']['output']>;
  startedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  status: RunStatus;
  study: Study;
  /** The stored test predictions with their confusion matrix; null until the run stored them. */
  testPredictions?: Maybe<RunPredictionsSummary>;
  totalParameters?: Maybe<Scalars['Float']['output']>;
  trainSeconds?: Maybe<Scalars['Float']['output']>;
  trainableParameters?: Maybe<Scalars['Float']['output']>;
  worker?: Maybe<Worker>;
};

/** A run a worker now holds; it must heartbeat before leaseExpiresAt. */
export type RunClaim = {
  __typename?: 'RunClaim';
  attempt: Scalars['Int']['output'];
  leaseExpiresAt: Scalars['DateTimeISO']['output'];
  run: Run;
};

export type RunConnection = {
  __typename?: 'RunConnection';
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RunCosts = {
  __typename?: 'RunCosts';
  energyJoules?: Maybe<Scalars['Float']['output']>;
  gpuHours?: Maybe<Scalars['Float']['output']>;
  inferenceLatencyMs?: Maybe<Scalars['Float']['output']>;
  inferenceThroughput?: Maybe<Scalars['Float']['output']>;
  peakMemoryBytes?: Maybe<Scalars['Float']['output']>;
  totalParameters?: Maybe<Scalars['Float']['output']>;
  trainSeconds?: Maybe<Scalars['Float']['output']>;
  trainableParameters?: Maybe<Scalars['Float']['output']>;
};

export type RunCounts = {
  __typename?: 'RunCounts';
  cancelled: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  /** Claimed or running. */
  running: Scalars['Int']['output'];
  succeeded: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type RunEdge = {
  __typename?: 'RunEdge';
  cursor: Scalars['String']['output'];
  node: Run;
};

/** Something happened to a run: new metric points, a status change, or a checkpoint. */
export type RunEvent = {
  __typename?: 'RunEvent';
  checkpoint?: Maybe<Checkpoint>;
  kind: RunEventKind;
  /** METRICS: only points stored for the first time. */
  points?: Maybe<Array<MetricPoint>>;
  /** STATUS and PROGRESS: the run as it is now (see run.progress). */
  run?: Maybe<Run>;
  runId: Scalars['ID']['output'];
  status?: Maybe<RunStatus>;
};

export type RunEventKind =
  | 'CHECKPOINT'
  | 'METRICS'
  | 'PROGRESS'
  | 'STATUS';

export type RunFilter = {
  method?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  studyId?: InputMaybe<Scalars['ID']['input']>;
};

/** What a run's stored predictions on a split say at a glance. */
export type RunPredictionsSummary = {
  __typename?: 'RunPredictionsSummary';
  /** Rows are true labels, columns predicted labels. */
  confusionMatrix: Array<Array<Scalars['Int']['output']>>;
  count: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** SHA-256 over the example ids in order: runs with equal keys were scored on the same examples. */
  examplesKey: Scalars['String']['output'];
  split: Scalars['String']['output'];
};

/** Where a running run is, as its worker last reported. */
export type RunProgress = {
  __typename?: 'RunProgress';
  /** Fractional: 1.5 is halfway through the second epoch. */
  epoch: Scalars['Float']['output'];
  /** Estimated seconds until training ends. */
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  samplesPerSecond?: Maybe<Scalars['Float']['output']>;
  step: Scalars['Int']['output'];
  tokensPerSecond?: Maybe<Scalars['Float']['output']>;
  totalSteps: Scalars['Int']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};

export type RunProgressInput = {
  epoch: Scalars['Float']['input'];
  etaSeconds?: InputMaybe<Scalars['Float']['input']>;
  samplesPerSecond?: InputMaybe<Scalars['Float']['input']>;
  step: Scalars['Int']['input'];
  tokensPerSecond?: InputMaybe<Scalars['Float']['input']>;
  totalSteps: Scalars['Int']['input'];
};

/** A restart of a run by its worker (e.g. after the engine ran out of memory) or a batch change before launch (MEMORY_PREFLIGHT). */
export type RunRetry = {
  __typename?: 'RunRetry';
  at: Scalars['DateTimeISO']['output'];
  /** The attempt that runs with this change. */
  attempt: Scalars['Int']['output'];
  batchSize?: Maybe<Scalars['Int']['output']>;
  /** Why: OOM, ENGINE_CRASHED, MEMORY_PREFLIGHT, … */
  code: Scalars['String']['output'];
  gradientAccumulationSteps?: Maybe<Scalars['Int']['output']>;
  reason: Scalars['String']['output'];
};

/** Order by a final metric (runs without it last), or by creation time when metric is omitted. */
export type RunSort = {
  /** Default: the metric's better end first (DESC for scores, ASC for losses and times); newest first without a metric. */
  direction?: InputMaybe<SortDirection>;
  /** A final metric key, e.g. eval/f1_macro. */
  metric?: InputMaybe<Scalars['String']['input']>;
};

export type RunStatistics = {
  __typename?: 'RunStatistics';
  costs: RunCosts;
  intervals: Array<ScoreInterval>;
  quality?: Maybe<Scalars['Float']['output']>;
  runId: Scalars['ID']['output'];
  seed: Scalars['Int']['output'];
};

/** QUEUED → CLAIMED (a worker holds a lease) → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
export type RunStatus =
  | 'CANCELLED'
  | 'CLAIMED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type RunTimeToTarget = {
  __typename?: 'RunTimeToTarget';
  runId: Scalars['ID']['output'];
  seconds?: Maybe<Scalars['Float']['output']>;
};

export type ScoreInterval = {
  __typename?: 'ScoreInterval';
  confidence: Scalars['Float']['output'];
  estimate: Scalars['Float']['output'];
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
  metricKey: Scalars['String']['output'];
  /** Runs (seeds) averaged. */
  runs: Scalars['Int']['output'];
  /** accuracy, balancedAccuracy or f1Macro. */
  score: Scalars['String']['output'];
};

/** Kept rows whose original text states its own score («9 из 10»): label leakage. */
export type ScoreMentionStats = {
  __typename?: 'ScoreMentionStats';
  rows: Scalars['Int']['output'];
  share: Scalars['Float']['output'];
  /** True when strip-score-mentions removed them from the texts. */
  stripped: Scalars['Boolean']['output'];
};

export type SeedMcNemar = {
  __typename?: 'SeedMcNemar';
  /** exact or chi-square. */
  method: Scalars['String']['output'];
  /** Examples A got right and B wrong. */
  onlyA: Scalars['Int']['output'];
  onlyB: Scalars['Int']['output'];
  pValue: Scalars['Float']['output'];
  runIdA: Scalars['ID']['output'];
  runIdB: Scalars['ID']['output'];
  seed: Scalars['Int']['output'];
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type SplitLabelCounts = {
  __typename?: 'SplitLabelCounts';
  labels: Array<LabelCount>;
  name: Scalars['String']['output'];
  rows: Scalars['Int']['output'];
};

/** What the engine reports when it starts: the model's size and where it runs. */
export type StartRunInput = {
  device?: InputMaybe<Scalars['String']['input']>;
  totalParameters: Scalars['Float']['input'];
  trainableParameters: Scalars['Float']['input'];
};

/** A comparison of methods on one dataset split under one evaluation protocol. */
export type Study = {
  __typename?: 'Study';
  createdAt: Scalars['DateTimeISO']['output'];
  dataset: Dataset;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  maxSeqLength: Scalars['Int']['output'];
  /** Metric keys every run reports, e.g. eval/f1_macro. */
  metrics: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The metric that ranks runs by default. */
  primaryMetric: Scalars['String']['output'];
  project: Project;
  runCounts: RunCounts;
  /** In queue order: methods, then seeds. */
  runs: Array<Run>;
  seeds: Array<Scalars['Int']['output']>;
};

/** A study's runs as evidence: comparability, per-method statistics, paired tests, Pareto front, time-to-target. */
export type StudyAnalysis = {
  __typename?: 'StudyAnalysis';
  baseline?: Maybe<MajorityBaseline>;
  /** The succeeded runs compared: one split, one set of rules. */
  cohortRunIds: Array<Scalars['ID']['output']>;
  /** Over every succeeded run of the study. */
  comparability: Comparability;
  comparisons: Array<PairedComparison>;
  excluded: Array<ExcludedRun>;
  /** Best mean quality first. */
  methods: Array<MethodStatistics>;
  pareto: ParetoAnalysis;
  qualityMetric: Scalars['String']['output'];
  timeToTarget?: Maybe<TimeToTargetAnalysis>;
};

/** A run of the study changed status or landed its final metrics. */
export type StudyEvent = {
  __typename?: 'StudyEvent';
  run: Run;
  studyId: Scalars['ID']['output'];
};

/** One method to run with every seed of the study. */
export type StudyMethodInput = {
  /** A local path or a model id in the local Hugging Face cache. */
  baseModel: Scalars['String']['input'];
  hyperparameters?: InputMaybe<HyperparametersInput>;
  /** full, lora, mamba, head-only or mamba-lora. */
  method: Scalars['String']['input'];
};

export type StudyReport = {
  __typename?: 'StudyReport';
  content: Scalars['String']['output'];
  contentType: Scalars['String']['output'];
  filename: Scalars['String']['output'];
  format: ReportFormat;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Metric points, status changes and checkpoints of one run as they happen. */
  runEvents: RunEvent;
  /** Run status changes and final metrics of a study as they land. */
  studyEvents: StudyEvent;
};


export type SubscriptionRunEventsArgs = {
  runId: Scalars['ID']['input'];
};


export type SubscriptionStudyEventsArgs = {
  studyId: Scalars['ID']['input'];
};

/** A group of people who share projects. A token sees only its own team. */
export type Team = {
  __typename?: 'Team';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** Lengths of the kept texts as the model sees them. */
export type TextLengthStats = {
  __typename?: 'TextLengthStats';
  histogram: Array<LengthBucket>;
  max: Scalars['Int']['output'];
  mean: Scalars['Float']['output'];
  min: Scalars['Int']['output'];
  p50: Scalars['Int']['output'];
  p90: Scalars['Int']['output'];
  p95: Scalars['Int']['output'];
  p99: Scalars['Int']['output'];
  /** characters (UTF-16 code units, one per Cyrillic letter). */
  unit: Scalars['String']['output'];
};

export type TimeToTargetAnalysis = {
  __typename?: 'TimeToTargetAnalysis';
  methods: Array<MethodTimeToTarget>;
  metric: Scalars['String']['output'];
  target: Scalars['Float']['output'];
};

/** Who the token in use belongs to. */
export type Viewer = {
  __typename?: 'Viewer';
  siteAdmin: Scalars['Boolean']['output'];
  team: Team;
  tokenName: Scalars['String']['output'];
};

/** A trainer daemon on one machine; it claims runs and heartbeats while it holds them. */
export type Worker = {
  __typename?: 'Worker';
  cpus: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** The run it holds now, if any. */
  currentRun?: Maybe<Run>;
  gpus: Array<Gpu>;
  host: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastHeartbeatAt: Scalars['DateTimeISO']['output'];
  memoryBytes: Scalars['Float']['output'];
  name: Scalars['String']['output'];
};

export type Trainer_RegisterWorkerMutationVariables = Exact<{
  input: RegisterWorkerInput;
}>;


export type Trainer_RegisterWorkerMutation = { __typename?: 'Mutation', registerWorker: { __typename?: 'Worker', id: string, name: string } };

export type Trainer_ClaimRunMutationVariables = Exact<{
  workerId: Scalars['ID']['input'];
}>;


export type Trainer_ClaimRunMutation = { __typename?: 'Mutation', claimRun?: { __typename?: 'RunClaim', attempt: number, leaseExpiresAt: string, run: { __typename?: 'Run', id: string, method: string, baseModel: string, seed: number, attempt: number, hyperparameters: { __typename?: 'Hyperparameters', learningRate: number, batchSize: number, epochs: number, weightDecay: number, warmupRatio: number, gradientAccumulationSteps: number, loraR?: number | null, loraAlpha?: number | null, loraDropout?: number | null, loraTargetModules?: Array<string> | null, pooling?: string | null }, effectiveHyperparameters?: { __typename?: 'Hyperparameters', batchSize: number, gradientAccumulationSteps: number } | null, study: { __typename?: 'Study', id: string, maxSeqLength: number, dataset: { __typename?: 'Dataset', id: string, name: string, fingerprint?: string | null, splits: Array<{ __typename?: 'DatasetSplitFile', name: string, sha256: string }> } } } } | null };

export type Trainer_HeartbeatMutationVariables = Exact<{
  workerId: Scalars['ID']['input'];
  runId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type Trainer_HeartbeatMutation = { __typename?: 'Mutation', heartbeat: { __typename?: 'HeartbeatResult', leaseExpiresAt?: string | null, cancelRequested: boolean } };

export type Trainer_StartRunMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: StartRunInput;
}>;


export type Trainer_StartRunMutation = { __typename?: 'Mutation', startRun: { __typename?: 'Run', id: string, status: RunStatus } };

export type Trainer_ReportProgressMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: RunProgressInput;
}>;


export type Trainer_ReportProgressMutation = { __typename?: 'Mutation', reportProgress: { __typename?: 'Run', id: string } };

export type Trainer_LogMetricSeriesMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  series: Array<MetricSeriesInput> | MetricSeriesInput;
}>;


export type Trainer_LogMetricSeriesMutation = { __typename?: 'Mutation', logMetricSeries: { __typename?: 'LogMetricsResult', accepted: number, duplicates: number } };

export type Trainer_RecordCheckpointMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  input: CheckpointInput;
}>;


export type Trainer_RecordCheckpointMutation = { __typename?: 'Mutation', recordCheckpoint: { __typename?: 'Checkpoint', id: string } };

export type Trainer_RecordArtifactMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  input: ArtifactInput;
}>;


export type Trainer_RecordArtifactMutation = { __typename?: 'Mutation', recordArtifact: { __typename?: 'Artifact', id: string } };

export type Trainer_RecordPredictionsMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  input: PredictionsInput;
}>;


export type Trainer_RecordPredictionsMutation = { __typename?: 'Mutation', recordPredictions: { __typename?: 'RunPredictionsSummary', count: number } };

export type Trainer_CompleteRunMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: CompleteRunInput;
}>;


export type Trainer_CompleteRunMutation = { __typename?: 'Mutation', completeRun: { __typename?: 'Run', id: string, status: RunStatus } };

export type Trainer_FailRunMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: FailRunInput;
}>;


export type Trainer_FailRunMutation = { __typename?: 'Mutation', failRun: { __typename?: 'Run', id: string, status: RunStatus } };

export type Trainer_RetryRunMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: RetryRunInput;
}>;


export type Trainer_RetryRunMutation = { __typename?: 'Mutation', retryRun: { __typename?: 'Run', id: string, attempt: number } };

export type Trainer_ReleaseRunMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
}>;


export type Trainer_ReleaseRunMutation = { __typename?: 'Mutation', releaseRun: { __typename?: 'Run', id: string, status: RunStatus } };

export type Trainer_AdjustBatchMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  workerId: Scalars['ID']['input'];
  input: RetryRunInput;
}>;


export type Trainer_AdjustBatchMutation = { __typename?: 'Mutation', adjustBatch: { __typename?: 'Run', id: string } };

export type Demo_ProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type Demo_ProjectsQuery = { __typename?: 'Query', projects: Array<{ __typename?: 'Project', id: string }> };

export type Demo_CreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;


export type Demo_CreateProjectMutation = { __typename?: 'Mutation', createProject: { __typename?: 'Project', id: string } };

export type Demo_RegisterDatasetMutationVariables = Exact<{
  input: RegisterDatasetInput;
}>;


export type Demo_RegisterDatasetMutation = { __typename?: 'Mutation', registerDataset: { __typename?: 'Dataset', id: string, name: string, fingerprint?: string | null, splits: Array<{ __typename?: 'DatasetSplitFile', name: string, sha256: string }> } };

export type Demo_CreateStudyMutationVariables = Exact<{
  input: CreateStudyInput;
}>;


export type Demo_CreateStudyMutation = { __typename?: 'Mutation', createStudy: { __typename?: 'Study', id: string, runs: Array<{ __typename?: 'Run', id: string }> } };


export const Trainer_RegisterWorkerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_RegisterWorker"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterWorkerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerWorker"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<Trainer_RegisterWorkerMutation, Trainer_RegisterWorkerMutationVariables>;
export const Trainer_ClaimRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_ClaimRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"leaseExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"baseModel"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"hyperparameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"learningRate"}},{"kind":"Field","name":{"kind":"Name","value":"batchSize"}},{"kind":"Field","name":{"kind":"Name","value":"epochs"}},{"kind":"Field","name":{"kind":"Name","value":"weightDecay"}},{"kind":"Field","name":{"kind":"Name","value":"warmupRatio"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"loraR"}},{"kind":"Field","name":{"kind":"Name","value":"loraAlpha"}},{"kind":"Field","name":{"kind":"Name","value":"loraDropout"}},{"kind":"Field","name":{"kind":"Name","value":"loraTargetModules"}},{"kind":"Field","name":{"kind":"Name","value":"pooling"}}]}},{"kind":"Field","name":{"kind":"Name","value":"effectiveHyperparameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}}]}},{"kind":"Field","name":{"kind":"Name","value":"study"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxSeqLength"}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"splits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<Trainer_ClaimRunMutation, Trainer_ClaimRunMutationVariables>;
export const Trainer_HeartbeatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_Heartbeat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heartbeat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaseExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequested"}}]}}]}}]} as unknown as DocumentNode<Trainer_HeartbeatMutation, Trainer_HeartbeatMutationVariables>;
export const Trainer_StartRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_StartRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<Trainer_StartRunMutation, Trainer_StartRunMutationVariables>;
export const Trainer_ReportProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_ReportProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunProgressInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Trainer_ReportProgressMutation, Trainer_ReportProgressMutationVariables>;
export const Trainer_LogMetricSeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_LogMetricSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"series"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricSeriesInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logMetricSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"series"},"value":{"kind":"Variable","name":{"kind":"Name","value":"series"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}}]}}]}}]} as unknown as DocumentNode<Trainer_LogMetricSeriesMutation, Trainer_LogMetricSeriesMutationVariables>;
export const Trainer_RecordCheckpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_RecordCheckpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCheckpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Trainer_RecordCheckpointMutation, Trainer_RecordCheckpointMutationVariables>;
export const Trainer_RecordArtifactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_RecordArtifact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ArtifactInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordArtifact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Trainer_RecordArtifactMutation, Trainer_RecordArtifactMutationVariables>;
export const Trainer_RecordPredictionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_RecordPredictions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PredictionsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPredictions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<Trainer_RecordPredictionsMutation, Trainer_RecordPredictionsMutationVariables>;
export const Trainer_CompleteRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_CompleteRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<Trainer_CompleteRunMutation, Trainer_CompleteRunMutationVariables>;
export const Trainer_FailRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_FailRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FailRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"failRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<Trainer_FailRunMutation, Trainer_FailRunMutationVariables>;
export const Trainer_RetryRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_RetryRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetryRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}}]}}]}}]} as unknown as DocumentNode<Trainer_RetryRunMutation, Trainer_RetryRunMutationVariables>;
export const Trainer_ReleaseRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_ReleaseRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<Trainer_ReleaseRunMutation, Trainer_ReleaseRunMutationVariables>;
export const Trainer_AdjustBatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Trainer_AdjustBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetryRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adjustBatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"workerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Trainer_AdjustBatchMutation, Trainer_AdjustBatchMutationVariables>;
export const Demo_ProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Demo_Projects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Demo_ProjectsQuery, Demo_ProjectsQueryVariables>;
export const Demo_CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Demo_CreateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Demo_CreateProjectMutation, Demo_CreateProjectMutationVariables>;
export const Demo_RegisterDatasetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Demo_RegisterDataset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterDatasetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerDataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"splits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]}}]} as unknown as DocumentNode<Demo_RegisterDatasetMutation, Demo_RegisterDatasetMutationVariables>;
export const Demo_CreateStudyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Demo_CreateStudy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStudyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStudy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<Demo_CreateStudyMutation, Demo_CreateStudyMutationVariables>;