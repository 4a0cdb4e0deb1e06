import { RUN_STATUSES, type RunStatus } from '@tunelab/core';
import { registerEnumType } from 'type-graphql';

/** The GraphQL enum mirrors the status list in @tunelab/core, the single source of truth. */
export const RunStatusEnum = Object.fromEntries(RUN_STATUSES.map((status) => [status, status])) as {
  [S in RunStatus]: S;
};

registerEnumType(RunStatusEnum, {
  name: 'RunStatus',
  description: 'QUEUED → CLAIMED (a worker holds a lease) → RUNNING → SUCCEEDED | FAILED | CANCELLED.',
});
