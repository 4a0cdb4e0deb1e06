import type { EntityManager } from '@mikro-orm/knex';
import type { MetricPointRecord, RollupBlock } from '@tunelab/core';

/**
 * Stores a batch of points and folds the new ones into the rollups, atomically. One implementation per
 * database: this is the ingest hot path, and each database has its own fastest way to take a batch.
 */
export interface MetricWriter {
  /** Returns the points stored now; points already stored (same run, key and step) are ignored. */
  write(em: EntityManager, runId: string, points: MetricPointRecord[], rollup: (stored: MetricPointRecord[]) => RollupBlock[]): Promise<MetricPointRecord[]>;
}
