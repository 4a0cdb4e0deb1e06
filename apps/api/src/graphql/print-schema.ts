import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** Sorted, so the committed file changes only when the schema does. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Generated from apps/api by \`npm run emit-schema -w @tunelab/api\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
