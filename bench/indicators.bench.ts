/**
 * Indicator benchmark: one city-year figure vs a raw GROUP BY over the whole case table, same run.
 *
 *   node_modules/.bin/tsx bench/indicators.bench.ts                      # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node_modules/.bin/tsx bench/indicators.bench.ts
 *
 * Env: BENCH_ROWS (default 1e6), BENCH_RUNS (timed runs per query, default 7),
 * BENCH_NO_INDEX=1 (drop migration 0004's indexes first, to see what they buy),
 * BENCH_ORDER=random (dates scattered over the heap instead of arriving in time order),
 * BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of each indicator's main query).
 * On PostgreSQL a throw-away database fazhi_bench_<pid> is created and dropped afterwards.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { defineCaseType, type IndicatorDef } from '../src/kernel/cases/manifest.js';
import { Registry } from '../src/kernel/cases/registry.js';
import { type Db, one, rows, sql } from '../src/kernel/db/client.js';
import { migrate } from '../src/kernel/db/migrate.js';
import type { Actor } from '../src/kernel/identity/types.js';
import { outcomeCodes } from '../src/kernel/indicators/catalog.js';
import { computeIndicator } from '../src/kernel/indicators/compute.js';
import type { IndicatorQuery } from '../src/kernel/indicators/predicates.js';
import { throwawayDb } from './util.js';

const ROWS = Math.round(Number(process.env.BENCH_ROWS ?? 1e6));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = 2;
const RANDOM_ORDER = process.env.BENCH_ORDER === 'random';
const CHUNK = 100_000;
const FIRST_YEAR = 2012;
const YEARS = 10;
const AGENCIES = 40;
/** Days from FIRST_YEAR-01-01 to the end of the last year (two leap years in 2012–2021). */
const DAYS = Math.round((Date.UTC(FIRST_YEAR + YEARS, 0, 1) - Date.UTC(FIRST_YEAR, 0, 1)) / 86_400_000);
const CITY = '330400';
const TYPE = 'bench_review';
/** Share of cases still open (no closed_on). */
const OPEN_SHARE = 0.05;

const closed = { kind: 'closed' } as const;
const manifest = defineCaseType({
  type: TYPE,
  label: { zh: '基准复议', en: 'Bench review' },
  description: { zh: '基准测试', en: 'Benchmark' },
  states: {
    open: { label: { zh: '办理中', en: 'Open' }, category: 'open' },
    concluded: { label: { zh: '审结', en: 'Concluded' }, category: 'closed' },
  },
  initialState: 'open',
  create: { input: z.object({}), permission: 'x', effectiveDateField: 'receivedOn', toCase: () => ({ title: '', data: {}, parties: [] }) },
  actions: {},
  clocks: [],
  outcomes: {
    uphold: { label: { zh: '维持', en: 'Uphold' }, groups: ['merits'] },
    reject_claim: { label: { zh: '驳回', en: 'Reject' }, groups: ['merits'] },
    revoke: { label: { zh: '撤销', en: 'Revoke' }, groups: ['merits', 'corrected'] },
    change: { label: { zh: '变更', en: 'Change' }, groups: ['merits', 'corrected'] },
    confirm_illegal: { label: { zh: '确认违法', en: 'Illegal' }, groups: ['merits', 'corrected'] },
    terminated: { label: { zh: '终止', en: 'Terminated' }, groups: ['procedural'] },
    not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, groups: ['procedural'] },
  },
  partyRoles: [],
  indicators: [
    {
      key: 'bench.correction_rate',
      label: { zh: '纠错率', en: 'Correction rate' },
      unit: 'percent',
      version: '1',
      dateField: 'closed_on',
      numerator: [closed, { kind: 'outcome_in', groups: ['corrected'] }],
      denominator: [closed, { kind: 'outcome_in', groups: ['merits'] }],
      definition: { zh: '纠错 ÷ 实体审结', en: 'Corrected ÷ merits' },
      source: 'bench',
    },
    {
      key: 'bench.head_rate',
      label: { zh: '出庭率', en: 'Head appearance rate' },
      unit: 'percent',
      version: '1',
      dateField: 'closed_on',
      numerator: [{ kind: 'attr_equals', attr: 'head_appeared', value: true }],
      denominator: [{ kind: 'attr_equals', attr: 'heard', value: true }],
      definition: { zh: '出庭 ÷ 开庭', en: 'Appeared ÷ heard' },
      source: 'bench',
    },
  ] satisfies IndicatorDef[],
});
const registry = new Registry([manifest]);
const def = (key: string) => manifest.indicators.find((d) => d.key === key)!;

const cityActor: Actor = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'bench',
  displayName: '基准',
  roles: [],
  permissions: ['indicator.read'],
  regionCode: CITY,
  regionPath: '/330000/330400/',
  agencyId: null,
  agencyOnly: false,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

async function openTarget(): Promise<{ db: Db; label: string; cleanup: () => Promise<void> }> {
  const t = await throwawayDb(process.env.DATABASE_URL || undefined, 2);
  if (!t.name) return { db: t.db, label: 'PGlite (in memory)', cleanup: t.drop };
  const version = await one<{ v: string }>(t.db.orm, sql`select current_setting('server_version') as v`);
  return { db: t.db, label: `PostgreSQL ${version?.v} (${t.name})`, cleanup: t.drop };
}

/** The baseline region tree: from the seed when it runs, else the few rows this bench needs. */
async function ensureRegions(db: Db): Promise<void> {
  try {
    const { seedBaseline } = await import('../src/kernel/seed.js');
    await seedBaseline(db);
  } catch (e) {
    console.warn(`seedBaseline unavailable (${(e as Error).message}); inserting regions directly`);
  }
  await db.execScript(`
    insert into region (code, name, level, parent_code, path) values
      ('330000','浙江省','province',null,'/330000/'),
      ('330400','嘉兴市','city','330000','/330000/330400/'),
      ('330402','南湖区','county','330400','/330000/330400/330402/'),
      ('330411','秀洲区','county','330400','/330000/330400/330411/'),
      ('330481','海宁市','county','330400','/330000/330400/330481/'),
      ('330483','桐乡市','county','330400','/330000/330400/330483/')
    on conflict (code) do nothing;`);
}

/** Deterministic (setseed) bulk load in SQL: no per-row round trips. */
async function load(db: Db): Promise<void> {
  await db.execScript(`insert into agency (id, name, kind, region_code)
    select gen_random_uuid(), '基准局' || i, 'department', '${CITY}' from generate_series(1, ${AGENCIES}) i`);
  const outcomes = Object.keys(manifest.outcomes);
  // Cases arrive, and are closed (an UPDATE writes the new row version at the end), in time order, so
  // the heap is roughly ordered by date; BENCH_ORDER=random scatters a year over every page (worst case).
  const dayExpr = RANDOM_ORDER ? `floor(r7 * ${DAYS})::int` : `least(${DAYS - 1}, floor((i - 1) * ${DAYS}.0 / ${ROWS} + r7 * 3)::int)`;
  const outcomeArr = `array[${outcomes.map((o) => `'${o}'`).join(',')}]`;
  for (let start = 0; start < ROWS; start += CHUNK) {
    const n = Math.min(CHUNK, ROWS - start);
    await db.tx(async (tx) => {
      await tx.execute(sql.raw(`select setseed(${((start / ROWS) * 0.9).toFixed(6)})`));
      await tx.execute(
        sql.raw(`
        with regs as (select array_agg(code order by code) a, count(*)::int n from region
                        where path like '/330000/330400/%'),
             ags as (select array_agg(id order by name) a from agency where name like '基准局%'),
             g as (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
                   from generate_series(${start + 1}, ${start + n}) i)
        insert into fz_case (id, type, number, title, state, state_category, outcome, region_code, subject_agency_id,
                             agency_id, head_hash, received_on, closed_on, attrs)
        select gen_random_uuid(), '${TYPE}', 'B' || i, '基准案件 ' || i,
               case when r1 < ${OPEN_SHARE} then 'open' else 'concluded' end,
               case when r1 < ${OPEN_SHARE} then 'open' else 'closed' end,
               case when r1 < ${OPEN_SHARE} then null else (${outcomeArr})[1 + floor(r2 * ${outcomes.length})::int] end,
               regs.a[1 + floor(r3 * regs.n)::int],
               ags.a[1 + floor(r4 * ${AGENCIES})::int],
               ags.a[1],
               'x',
               d - floor(r5 * 60)::int,
               case when r1 < ${OPEN_SHARE} then null else d end,
               jsonb_build_object('accepted', true, 'heard', r6 < 0.7, 'head_appeared', r6 < 0.65)
        from g, regs, ags,
             lateral (select date '${FIRST_YEAR}-01-01' + ${dayExpr} as d) dd`),
      );
    });
    process.stdout.write(`\r  loaded ${(start + n).toLocaleString('en')} / ${ROWS.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
  // Index-only scans need the visibility map; production has autovacuum, a fresh bulk load does not.
  await db.execScript('vacuum analyze');
}

/** EXPLAIN ANALYZE the last statement `fn` sends (the figure's query; earlier ones are look-ups). */
async function explain(db: Db, name: string, fn: () => Promise<unknown>): Promise<void> {
  type Exec = Db['orm']['execute'];
  const orm = db.orm as unknown as {
    execute: Exec;
    dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } };
    $client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, string>[] }> };
  };
  const original = orm.execute;
  let last: { sql: string; params: unknown[] } | undefined;
  orm.execute = ((q: unknown) => {
    last = orm.dialect.sqlToQuery(q);
    return original.call(db.orm, q as never);
  }) as Exec;
  try {
    await fn();
  } finally {
    orm.execute = original;
  }
  if (!last) return;
  const plan = await orm.$client.query(`explain (analyze, buffers) ${last.sql}`, last.params);
  console.log(`\n--- ${name}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}`);
}

async function main() {
  const { db, label, cleanup } = await openTarget();
  try {
    const t0 = performance.now();
    await migrate(db);
    await ensureRegions(db);
    if (process.env.BENCH_NO_INDEX === '1') {
      await db.execScript('drop index if exists fz_case_ind_closed_idx; drop index if exists fz_case_ind_received_idx;');
    }
    console.log(`${label}: generating ${ROWS.toLocaleString('en')} cases over ${FIRST_YEAR}–${FIRST_YEAR + YEARS - 1}…`);
    await load(db);
    const loadS = (performance.now() - t0) / 1000;

    const year: IndicatorQuery = { from: '2021-01-01', to: '2021-12-31', region: CITY };
    const corrected = outcomeCodes(manifest, ['corrected']).map((c) => `'${c}'`).join(',');
    const merits = outcomeCodes(manifest, ['merits']).map((c) => `'${c}'`).join(',');
    const baselineSql = sql.raw(`select region_code,
        count(*) filter (where state_category = 'closed' and outcome in (${corrected})) as n,
        count(*) filter (where state_category = 'closed' and outcome in (${merits})) as d
      from fz_case group by region_code`);

    const check = await computeIndicator(db.orm, registry, def('bench.correction_rate'), year, cityActor);
    const baseline = await time(() => rows(db.orm, baselineSql));
    const measured: [string, number][] = [
      ['raw GROUP BY region_code, all rows (baseline)', baseline],
      ['correction rate 2021 city-year (total)', await time(() => computeIndicator(db.orm, registry, def('bench.correction_rate'), year, cityActor))],
      ['correction rate 2021 by county (cockpit)', await time(() => computeIndicator(db.orm, registry, def('bench.correction_rate'), { ...year, groupBy: 'county' }, cityActor))],
      ['correction rate 2021 by month (cockpit)', await time(() => computeIndicator(db.orm, registry, def('bench.correction_rate'), { ...year, groupBy: 'month' }, cityActor))],
      ['head appearance rate 2021 city-year (attrs)', await time(() => computeIndicator(db.orm, registry, def('bench.head_rate'), year, cityActor))],
    ];
    if (process.env.BENCH_EXPLAIN === '1') {
      await explain(db, 'correction rate, city-year', () => computeIndicator(db.orm, registry, def('bench.correction_rate'), year, cityActor));
      await explain(db, 'correction rate by county', () =>
        computeIndicator(db.orm, registry, def('bench.correction_rate'), { ...year, groupBy: 'county' }, cityActor),
      );
      await explain(db, 'head appearance rate, city-year', () => computeIndicator(db.orm, registry, def('bench.head_rate'), year, cityActor));
    }
    const total = await one<{ n: number }>(db.orm, sql`select count(*)::int as n from fz_case`);

    console.log(`\nIndicator benchmark — ${label}`);
    console.log(`rows ${total?.n.toLocaleString('en')}, load+migrate ${loadS.toFixed(1)} s, ${RUNS} timed runs after ${WARMUP} warm-up, median`);
    console.log(`check: 2021 纠错率 = ${check.numerator}/${check.denominator} = ${check.value}%`);
    console.log(`indexes of 0004: ${process.env.BENCH_NO_INDEX === '1' ? 'DROPPED' : 'present'}; heap order: ${RANDOM_ORDER ? 'random' : 'chronological'}\n`);
    const w = Math.max(...measured.map(([n]) => n.length));
    console.log(`| ${'query'.padEnd(w)} | median ms | ratio to baseline |`);
    console.log(`|${'-'.repeat(w + 2)}|-----------|-------------------|`);
    for (const [name, ms] of measured) {
      console.log(`| ${name.padEnd(w)} | ${ms.toFixed(1).padStart(9)} | ${(ms / baseline).toFixed(3).padStart(17)} |`);
    }
    const ratio = measured[1][1] / baseline;
    console.log(`\ncity-year ratio ${ratio.toFixed(3)} (target ≤ 0.3): ${ratio <= 0.3 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await cleanup();
  }
}

await main();
