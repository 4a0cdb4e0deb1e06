import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types the trainer's operations (src/api/operations.ts) from the committed SDL. Output is committed. */
const config: CodegenConfig = {
  schema: '../../packages/schema/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*', '!src/bench/**/*'],
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' } },
    },
  },
  silent: true,
};

export default config;
