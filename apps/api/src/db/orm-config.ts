import path from 'node:path';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { type Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { postgresqlMigrations } from './migrations/postgresql';
import { sqliteMigrations } from './migrations/sqlite';

export type DatabaseDialect = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  dialect: DatabaseDialect;
  /** The SQLite file, or the PostgreSQL URL. */
  location: string;
}

/** DATABASE_URL picks PostgreSQL (postgres://) or a SQLite file (sqlite://path); unset = SQLite in the data dir. */
export function resolveDatabaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  if (!databaseUrl) return { dialect: 'sqlite', location: path.join(dataDir, 'tunelab.sqlite') };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { dialect: 'postgresql', location: databaseUrl };
  return { dialect: 'sqlite', location: path.resolve(databaseUrl.replace(/^sqlite:\/\//, '')) };
}

/** Describes where the database is without leaking a password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `SQLite ${target.location}`;
  const url = new URL(target.location);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

interface SqliteConnection {
  pragma(sql: string): unknown;
}

function sqliteOptions(file: string): Options {
  return {
    driver: BetterSqliteDriver,
    dbName: file,
    pool: {
      // WAL lets readers (dashboards, subscriptions) run while the trainer writes metrics.
      afterCreate: (connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) => {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('foreign_keys = ON');
        done(null, connection);
      },
    },
    migrations: { migrationsList: sqliteMigrations, transactional: true, snapshot: false, silent: true },
  };
}

function postgresqlOptions(url: string, poolMax: number): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    // Per API replica: N replicas open up to N × poolMax connections; keep that under max_connections.
    pool: { min: 0, max: poolMax },
    migrations: { migrationsList: postgresqlMigrations, transactional: true, snapshot: false, silent: true },
  };
}

export function ormOptions(target: DatabaseTarget, options: { logSql?: boolean; poolMax?: number } = {}): Options {
  return {
    ...(target.dialect === 'sqlite' ? sqliteOptions(target.location) : postgresqlOptions(target.location, options.poolMax ?? 10)),
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    forceUndefined: false,
    debug: options.logSql ?? false,
    allowGlobalContext: false,
  };
}
