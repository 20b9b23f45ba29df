/**
 * Register benchmark: 100k consultations written through the bulk path (`insertEntries`), then the
 * list's first page, a deep page via the cursor and a filtered count (year + county), each beside a
 * raw query over the same table in the same run.
 *
 *   node_modules/.bin/tsx bench/registers.bench.ts                      # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node_modules/.bin/tsx bench/registers.bench.ts
 *
 * Env: BENCH_ROWS (default 100000), BENCH_RUNS (default 7).
 */
import { performance } from 'node:perf_hooks';
import { createKernel } from '../src/kernel/boot.js';
import { testConfig } from '../src/kernel/config.js';
import { rows, sql } from '../src/kernel/db/client.js';
import { migrate } from '../src/kernel/db/migrate.js';
import { SYSTEM_ACTOR } from '../src/kernel/identity/types.js';
import { insertEntries } from '../src/kernel/registers/insert-entries.js';
import { countEntries, listEntries, parseEntryQuery } from '../src/kernel/registers/list-entries.js';
import { makeCreditCode } from '../src/kernel/org/validators.js';
import { seedBaseline } from '../src/kernel/seed.js';
import { legalServicesRegisters } from '../src/modules/legal-services/registers.js';
import { medianMs, report, throwawayDb } from './util.js';

const ROWS = Math.round(Number(process.env.BENCH_ROWS ?? 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ENTERPRISES = 2000;
const BATCH = 10_000;

async function run(url?: string) {
  const label = url ? 'PostgreSQL' : 'PGlite (embedded)';
  const { db, drop } = await throwawayDb(url);
  await migrate(db);
  await seedBaseline(db);
  const k = await createKernel(db, testConfig({ today: '2021-12-31' }), [], legalServicesRegisters);
  const towns = await rows<{ code: string }>(db.orm, sql`select code from region where level = 'town' order by code`);
  const actor = SYSTEM_ACTOR;
  const ents = await db.tx((tx) =>
    insertEntries(
      k,
      tx,
      'enterprise',
      Array.from({ length: ENTERPRISES }, (_, i) => ({
        name: `企业${i}`,
        creditCode: makeCreditCode(`91330400${String(i).padStart(8, '0')}X`),
        industry: 'manufacturing',
        scale: 'small',
        regionCode: towns[i % towns.length].code,
      })),
      actor,
    ),
  );
  const t0 = performance.now();
  for (let done = 0; done < ROWS; done += BATCH) {
    const n = Math.min(BATCH, ROWS - done);
    await db.tx((tx) =>
      insertEntries(
        k,
        tx,
        'consultation',
        Array.from({ length: n }, (_, j) => {
          const i = done + j;
          return {
            enterprise: ents.ids[i % ENTERPRISES],
            channel: 'phone',
            topic: 'labour',
            question: `问题${i}`,
            answer: '答复',
            answeredBy: '律师',
            consultedOn: `${2017 + (i % 5)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
            durationMinutes: 10,
          };
        }),
        actor,
      ),
    );
  }
  const insertMs = performance.now() - t0;
  if (db.engine === 'postgres') await db.execScript('analyze register_entry');

  const list = (q: Record<string, string>) => listEntries(k, db.orm, 'consultation', parseEntryQuery(q), actor);
  let deepCursor: string | null = null;
  let page = await list({ limit: '50' });
  for (let i = 0; i < 400 && page.nextCursor; i++) {
    deepCursor = page.nextCursor;
    page = await list({ limit: '50', cursor: deepCursor });
  }
  const filtered = parseEntryQuery({ from: '2021-01-01', to: '2021-12-31', region: '330481' });
  const results: [string, number | string][] = [
    [`bulk insert ${ROWS} entries (rows/s)`, (ROWS * 1000) / insertMs],
    ['list, first page of 50 (ms)', await medianMs(() => list({ limit: '50' }), RUNS)],
    ['  raw: select … order by occurred_on desc, id desc limit 50 (ms)', await medianMs(() => rows(db.orm, sql`select * from register_entry where register = 'consultation' order by occurred_on desc, id desc limit 50`), RUNS)],
    ['list, page 400 via cursor (ms)', await medianMs(() => list({ limit: '50', cursor: deepCursor! }), RUNS)],
    ['count, year 2021 + county 海宁 (ms)', await medianMs(() => countEntries(k, db.orm, 'consultation', filtered, actor), RUNS)],
    ['  raw: select count(*) … where register = $1 (ms)', await medianMs(() => rows(db.orm, sql`select count(*) from register_entry where register = 'consultation'`), RUNS)],
    ['count, whole register through the service (ms)', await medianMs(() => countEntries(k, db.orm, 'consultation', parseEntryQuery({}), actor), RUNS)],
  ];
  report(`Registers — ${label}, ${ROWS} consultations`, results);
  await drop();
}

await run();
if (process.env.DATABASE_URL || process.argv.includes('--pg')) await run(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
