/** Writes the SDL to packages/schema/schema.graphql: `npm run emit-schema -w @tunelab/api` after a build. */
import fs from 'node:fs';
import 'reflect-metadata';
import { createEventBus } from '../graphql/pubsub';
import { buildApiSchema, SCHEMA_FILE } from '../graphql/schema';
import { printSchemaFile } from '../graphql/print-schema';

async function main(): Promise<void> {
  const schema = await buildApiSchema(createEventBus());
  fs.writeFileSync(SCHEMA_FILE, printSchemaFile(schema));
  console.error(`wrote ${SCHEMA_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
