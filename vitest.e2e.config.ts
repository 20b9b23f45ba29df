import { defineConfig } from 'vitest/config';

// Browser tests: one worker (one Chromium), against the server started by scripts/test-e2e.mjs.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
