import type { EntityManager } from '@mikro-orm/knex';
import type { RunStatus } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { Run } from './run.entity';
import type { RunFilter } from './dto/run-query.input';
import type { DatabaseDialect } from '../../db/orm-config';

/**
 * PostgreSQL: the oldest claimable run of a team, locked for this transaction; rows other claimers hold are
 * skipped rather than waited for, so many trainer daemons claim different runs at once without retrying.
 * `for update of r` locks the run row only, not the shared study and project rows of the join.
 */
const CLAIM_NEXT_POSTGRES = `
  select r.id from run r
  join study s on s.id = r.study_id
  join project p on p.id = s.project_id
  where p.team_id = ? and (r.status = 'QUEUED' or (r.status in ('CLAIMED', 'RUNNING') and r.lease_expires_at < ?))
  order by r.created_at, r.position, r.id
  limit 1
  for update of r skip locked`;

/** Queries over runs. Every one is scoped to the viewer's team. */
export class RunRepository {
  constructor(private readonly dialect: DatabaseDialect = 'sqlite') {}

  /** Whether claims go through claimNextSkipLocked (PostgreSQL) or the compare-and-set loop (SQLite, one writer). */
  get skipsLockedRows(): boolean {
    return this.dialect === 'postgresql';
  }

  /** PostgreSQL only: claims the next run in one transaction with FOR UPDATE SKIP LOCKED; returns its id or null. */
  async claimNextSkipLocked(em: EntityManager, teamId: string, now: Date, changes: { workerId: string; leaseExpiresAt: Date }): Promise<string | null> {
    return em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const row = (await connection.execute(CLAIM_NEXT_POSTGRES, [teamId, now], 'get', context)) as { id: string } | undefined;
      if (!row) return null;
      await connection.execute(
        `update run set status = 'CLAIMED', attempt = attempt + 1, worker_id = ?, lease_expires_at = ? where id = ?`,
        [changes.workerId, changes.leaseExpiresAt, row.id],
        'run',
        context,
      );
      return row.id;
    });
  }

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
