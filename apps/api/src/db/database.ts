import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { type DatabaseTarget, ormOptions } from './orm-config';

export interface Database {
  orm: MikroORM;
  target: DatabaseTarget;
  /** A fresh unit of work: one per request, so identity maps never leak between requests. */
  fork(): EntityManager;
  close(): Promise<void>;
}

/** Connects and applies pending migrations. Never drops or recreates anything: stored data is kept. */
export async function openDatabase(target: DatabaseTarget, options: { logSql?: boolean; poolMax?: number } = {}): Promise<Database> {
  const orm = await MikroORM.init(ormOptions(target, options));
  await orm.getMigrator().up();
  return {
    orm,
    target,
    fork: () => orm.em.fork() as EntityManager,
    close: () => orm.close(true),
  };
}
