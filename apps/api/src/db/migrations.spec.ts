import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../test/kit/databases';
import { type DatabaseTarget, ormOptions, resolveDatabaseTarget } from './orm-config';

const FIX = 'run `node dist/scripts/create-migration.js sqlite` and `… postgresql <scratch-url>` in apps/api, then rebuild';

async function withOrm<T>(target: DatabaseTarget, use: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(target));
  try {
    return await use(orm);
  } finally {
    await orm.close(true);
  }
}

/**
 * Tables, columns, indexes and foreign keys as SQLite reports them. MikroORM's SQLite diff reports
 * table rebuilds where nothing differs, so for SQLite the migrated schema is compared to a generated one.
 */
async function sqliteStructure(orm: MikroORM): Promise<unknown> {
  const run = (sql: string) => orm.em.getConnection().execute(sql, [], 'all') as Promise<Record<string, unknown>[]>;
  const tables = await run(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != 'mikro_orm_migrations' order by name`);
  const structure: Record<string, unknown> = {};
  for (const { name } of tables) {
    const indexes = await run(`pragma index_list(\`${name}\`)`);
    structure[name as string] = {
      // By name, not position: a column added by a later migration comes last in the table.
      columns: (await run(`pragma table_info(\`${name}\`)`))
        .map(({ name: column, type, notnull, dflt_value, pk }) => ({ column, type, notnull, dflt_value, pk }))
        .sort((a, b) => String(a.column).localeCompare(String(b.column))),
      foreignKeys: (await run(`pragma foreign_key_list(\`${name}\`)`)).map(({ table, from, to, on_delete }) => ({ table, from, to, on_delete })),
      indexes: await Promise.all(
        indexes
          .filter((index) => index.origin !== 'pk')
          .sort((a, b) => String(a.name).localeCompare(String(b.name)))
          .map(async (index) => ({ name: index.name, unique: index.unique, columns: (await run(`pragma index_info(\`${index.name}\`)`)).map((column) => column.name) })),
      ),
    };
  }
  return structure;
}

describe('committed migrations', () => {
  it('bring an empty database to exactly the schema of the entities', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-migrations-'));
    const target = resolveDatabaseTarget(await freshDatabaseUrl(), dataDir);
    if (target.dialect === 'postgresql') {
      const pending = await withOrm(target, async (orm) => {
        await orm.getMigrator().up();
        return orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      });
      expect(pending.trim(), `the PostgreSQL migrations are stale; ${FIX}:\n${pending}`).toBe('');
      return;
    }
    const migrated = await withOrm(target, async (orm) => {
      await orm.getMigrator().up();
      return sqliteStructure(orm);
    });
    const generated = await withOrm({ dialect: 'sqlite', location: path.join(dataDir, 'generated.sqlite') }, async (orm) => {
      await orm.getSchemaGenerator().createSchema();
      return sqliteStructure(orm);
    });
    expect(migrated, `the SQLite migrations are stale; ${FIX}`).toEqual(generated);
  });
});
