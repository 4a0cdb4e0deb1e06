import { defineConfig } from 'vitest/config';

/**
 * The long fault tests (`npm run test:faults` at the repo root): SIGKILLs of the real engine, the API and the daemon,
 * a full disk, a corrupt checkpoint. Minutes each on a small machine, so kept out of `npm test` (vitest.config.mts
 * includes only *.test.ts and *.spec.ts).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
