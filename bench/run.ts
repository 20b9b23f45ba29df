// `npm run bench`: every benchmark on the embedded database, and on PostgreSQL when DATABASE_URL is set.
// Each figure is printed beside a raw baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/kernel/db/client.js';
import { migrate } from '../src/kernel/db/migrate.js';
import { seedBaseline } from '../src/kernel/seed.js';
import { benchCalendar } from './calendar.bench.js';
import { benchHttp } from './http.bench.js';
import { benchReplay } from './replay.bench.js';
import { throwawayDb } from './util.js';

async function fresh(url?: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  const t = await throwawayDb(url);
  await migrate(t.db);
  await seedBaseline(t.db);
  return t;
}

const only = process.argv[2];
if (!only || only === 'calendar') await benchCalendar();
for (const url of [undefined, process.env.DATABASE_URL].filter((u, i) => i === 0 || u)) {
  const label = url ? 'PostgreSQL' : 'PGlite (embedded)';
  if (!only || only === 'http') {
    const { db, drop } = await fresh(url);
    await benchHttp(label, db);
    await drop();
  }
  if (!only || only === 'replay') await benchReplay(label, () => fresh(url));
}
if (!only || only === 'indicators') {
  // The indicator benchmark loads 1M rows and manages its own databases: one child process per engine.
  for (const url of ['', process.env.DATABASE_URL].filter((u, i) => i === 0 || u)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./indicators.bench.ts', import.meta.url))], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: url },
    });
    if (r.status !== 0) process.exitCode = 1;
  }
}
if (!only || only === 'registers') {
  // 100k register entries per engine: its own process, like the indicator benchmark.
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./registers.bench.ts', import.meta.url))], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exitCode = 1;
}
