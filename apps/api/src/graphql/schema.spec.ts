import fs from 'node:fs';
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from './print-schema';
import { createEventBus } from './pubsub';
import { buildApiSchema, SCHEMA_FILE } from './schema';

describe('the committed SDL', () => {
  it('matches the schema the code builds (run `npm run emit-schema -w @tunelab/api` after changing it)', async () => {
    const schema = await buildApiSchema(createEventBus());
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSchemaFile(schema));
  });
});
