import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database';
import type { TeamService } from './team.service';

/**
 * First start on an empty database: create the local team and its admin token, print it once and
 * write it to a file only this user can read. There are no default secrets.
 */
export async function bootstrapLocalTeam(database: Database, teams: TeamService, dataDir: string): Promise<{ file: string; secret: string } | null> {
  const issued = await teams.bootstrapIfEmpty(database.fork());
  if (!issued) return null;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'admin-token');
  fs.writeFileSync(file, `${issued.secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { file, secret: issued.secret };
}
