import fs from 'node:fs';
import path from 'node:path';

/**
 * The tunelab GraphQL schema as SDL, emitted from apps/api and committed. Web, trainer and scripts
 * type their documents against it with GraphQL Code Generator (see codegen.ts beside this package).
 */
export const SCHEMA_PATH = path.resolve(__dirname, '../schema.graphql');

export function readSchemaSDL(): string {
  return fs.readFileSync(SCHEMA_PATH, 'utf8');
}
