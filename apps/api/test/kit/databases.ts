import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the suite also runs against, when the test set-up started one. */
export const postgresServerUrl = process.env.TEST_DATABASE_URL || undefined;

export const databaseLabel = postgresServerUrl ? 'postgresql' : 'sqlite';

/** A new empty PostgreSQL database per API process, so tests never see each other's rows; undefined = SQLite. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  if (!postgresServerUrl) return undefined;
  const name = `tunelab_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
