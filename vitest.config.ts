import { defineConfig } from 'vitest/config';

// Two cores: two workers. Each test file gets its own database copied from one migrated template
// (tests/support/global-setup.ts), so files never share state.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
