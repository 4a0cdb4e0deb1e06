import { defineConfig } from 'vitest/config';

// Browser tests of the built apps: one file at a time, generous timeouts
// (starting the API, `next start` and chromium takes a few seconds each).
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default'],
  },
});
