import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('index', () => {
  it('exports the contract used by the API', () => {
    for (const name of [
      'formatIssues',
      'METHODS',
      'isMethod',
      'METHOD_LABELS',
      'defaultHyperparameters',
      'resolveHyperparameters',
      'metricKeyProblem',
      'metricDirection',
      'DEFAULT_STUDY_METRICS',
      'planStudy',
      'validateDatasetSpec',
      'RUN_STATUSES',
      'TERMINAL_RUN_STATUSES',
      'ACTIVE_RUN_STATUSES',
      'isTerminal',
      'canTransition',
      'transitionProblem',
      'LEASE_SECONDS',
      'HEARTBEAT_SECONDS',
      'leaseExpiry',
      'isLeaseExpired',
      'MAX_METRIC_BATCH',
      'normalizeMetricPoints',
      'bucketIndex',
      'bucketBounds',
      'downsample',
      'validateMaxPoints',
      'rankRuns',
      'encodeCursor',
      'decodeCursor',
      'generateTokenSecret',
      'hashTokenSecret',
      'tokenPrefix',
      'parseBearer',
      'nameProblem',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
  });
});
