import type { EntityManager } from '@mikro-orm/knex';
import type { RunStatus } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { Run } from './run.entity';
import type { RunFilter } from './dto/run-query.input';

/** Queries over runs. Every one is scoped to the viewer's team. */
export class RunRepository {
  findVisible(em: EntityManager, viewer: Viewer, id: string): Promise<Run | null> {
    return em.findOne(Run, { id, study: { project: { team: viewer.teamId } } });
  }

  /** The runs matching a filter. Runs number in the thousands at most, so ordering happens in memory. */
  listVisible(em: EntityManager, viewer: Viewer, filter: RunFilter | null | undefined): Promise<Run[]> {
    return em.find(Run, {
      study: filter?.studyId ? { id: filter.studyId, project: { team: viewer.teamId } } : { project: { team: viewer.teamId } },
      ...(filter?.method ? { method: filter.method } : {}),
      ...(filter?.status ? { status: filter.status } : {}),
    });
  }

  /** The runs of a study the caller has already been allowed to see. */
  listInStudy(em: EntityManager, studyId: string, status?: RunStatus): Promise<Run[]> {
    return em.find(Run, { study: studyId, ...(status ? { status } : {}) }, { orderBy: { createdAt: 'asc', position: 'asc', id: 'asc' } });
  }

  /** The next run a worker of this team may take: queued ones first in queue order, then any whose lease ran out. */
  nextClaimable(em: EntityManager, teamId: string, now: Date): Promise<Run | null> {
    return em.findOne(
      Run,
      {
        study: { project: { team: teamId } },
        $or: [{ status: 'QUEUED' }, { status: { $in: ['CLAIMED', 'RUNNING'] }, leaseExpiresAt: { $lt: now } }],
      },
      { orderBy: { createdAt: 'asc', position: 'asc', id: 'asc' } },
    );
  }

  /**
   * Compare-and-set on (status, attempt): of two workers racing for one run, exactly one update matches.
   * Returns whether this caller won.
   */
  async claimIfUnchanged(em: EntityManager, run: Run, changes: { workerId: string; leaseExpiresAt: Date }): Promise<boolean> {
    const affected = await em.nativeUpdate(
      Run,
      { id: run.id, status: run.status, attempt: run.attempt },
      { status: 'CLAIMED' satisfies RunStatus, attempt: run.attempt + 1, worker: changes.workerId, leaseExpiresAt: changes.leaseExpiresAt },
    );
    return affected === 1;
  }

  async countByStatus(em: EntityManager, studyId: string): Promise<{ status: RunStatus; count: number }[]> {
    const rows = (await em.getConnection().execute('select status, count(*) as n from run where study_id = ? group by status', [studyId], 'all')) as {
      status: RunStatus;
      n: number | string;
    }[];
    return rows.map((row) => ({ status: row.status, count: Number(row.n) }));
  }
}
