import { badField, conflict, notFound } from '../../graphql/errors';

export const runErrors = {
  notFound: (id: string) => notFound('run', id),
  badField,
  transition: (runId: string, problem: string) => conflict(`run ${runId}: ${problem}`, { runId }),
  leaseNotHeld: (runId: string, workerId: string) =>
    conflict(`worker ${workerId} does not hold the lease of run ${runId} (it expired and the run was claimed again); stop working on it`, { runId, workerId }),
  cancelled: (runId: string) => conflict(`run ${runId} was cancelled; stop working on it`, { runId, cancelled: true }),
};
