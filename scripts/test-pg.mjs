// `npm run test:pg`: the same suite on PostgreSQL. Each run migrates a throw-away template database
// on the server and gives every test file its own copy (tests/support/global-setup.ts).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const r = spawnSync('node_modules/.bin/vitest', ['run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(r.status ?? 1);
