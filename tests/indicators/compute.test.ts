import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDef } from '../../src/kernel/cases/manifest.js';
import { type Db, rows, sql } from '../../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { findIndicator } from '../../src/kernel/indicators/catalog.js';
import { computeIndicator, type IndicatorGroup, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import type { IndicatorQuery } from '../../src/kernel/indicators/predicates.js';
import { setIndicatorVariant } from '../../src/kernel/indicators/variant.js';
import { putSetting } from '../../src/kernel/settings.js';
import { testDb } from '../support/db.js';
import {
  AG,
  actor,
  agencyAOfficer,
  cityOfficer,
  hainingOfficer,
  insertCase,
  R,
  registry,
  seedFixtures,
} from './fixtures.js';

let db: Db;
const ids: Record<string, string> = {};
const Y2021 = { from: '2021-01-01', to: '2021-12-31' };
const def = (key: string): IndicatorDef => findIndicator(registry, key)!.def;
const compute = (key: string, q: Partial<IndicatorQuery> = {}, who = cityOfficer) =>
  computeIndicator(db.orm, registry, def(key), { ...Y2021, ...q }, who);
const records = async (
  key: string,
  q: Partial<Parameters<typeof listIndicatorRecords>[3]> & { part: 'numerator' | 'denominator' },
  who = cityOfficer,
) => listIndicatorRecords(db.orm, registry, key, { ...Y2021, page: 1, pageSize: 200, ...q }, who);
const idsOf = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();
const named = (...names: string[]) => names.map((n) => ids[n]).sort();
const group = (gs: IndicatorGroup[] | undefined, key: string) => gs?.find((g) => g.key === key);

beforeAll(async () => {
  db = await testDb();
  await seedFixtures(db);
  // Hand-counted dataset: see the expectations below (c4, c5 fall outside 2021; c10 is open; c11 another type).
  const add = async (name: string, row: Parameters<typeof insertCase>[1]) => {
    ids[name] = await insertCase(db, row);
  };
  const yes = { accepted: true };
  await add('c1', { region: R.nanhu, outcome: 'revoke', receivedOn: '2020-12-01', closedOn: '2021-01-15', attrs: { ...yes, heard: true, head_appeared: true }, agency: AG.b, subject: AG.a });
  await add('c2', { region: R.nanhuTown, outcome: 'uphold', receivedOn: '2021-01-05', closedOn: '2021-03-10', attrs: { ...yes, heard: true, head_appeared: true }, agency: AG.b, subject: AG.b });
  await add('c3', { region: R.nanhuTown, outcome: 'change', receivedOn: '2021-02-01', closedOn: '2021-12-31', attrs: { ...yes, heard: true }, agency: AG.b, subject: AG.b });
  await add('c4', { region: R.nanhu, outcome: 'revoke', receivedOn: '2021-11-01', closedOn: '2022-01-01', attrs: { ...yes, heard: true, head_appeared: true }, subject: AG.a });
  await add('c5', { region: R.nanhu, outcome: 'uphold', receivedOn: '2020-10-01', closedOn: '2020-12-31', attrs: yes, subject: AG.a });
  await add('c6', { region: R.haining, outcome: 'uphold', receivedOn: '2021-01-10', closedOn: '2021-03-20', attrs: { ...yes, heard: true }, subject: AG.a });
  await add('c7', { region: R.hainingTown, outcome: 'confirm_void', receivedOn: '2021-02-10', closedOn: '2021-06-01', attrs: { ...yes, heard: false, head_appeared: true }, subject: AG.b });
  await add('c8', { region: R.haining, outcome: 'not_accepted', receivedOn: '2021-05-01', closedOn: '2021-06-02', attrs: { accepted: 'true' }, subject: AG.b });
  await add('c9', { region: R.tongxiang, outcome: 'revoke', receivedOn: '2021-03-03', closedOn: '2021-07-07', attrs: yes, agency: AG.a, subject: AG.b });
  await add('c10', { region: R.tongxiang, receivedOn: '2021-05-05', attrs: { ...yes, heard: true, head_appeared: true } });
  await add('c11', { type: 'tst_other', region: R.nanhu, outcome: 'revoke', receivedOn: '2021-01-01', closedOn: '2021-05-05', attrs: { ...yes, heard: true, head_appeared: true }, subject: AG.a });
  await add('c12', { region: R.city, outcome: 'uphold', receivedOn: '2021-01-20', closedOn: '2021-03-01', attrs: yes });
});

afterAll(async () => {
  await db?.close();
});

describe('formula', () => {
  it('correction rate: corrected ÷ merits, closed in the period, this type only', async () => {
    const r = await compute('tst.correction_rate');
    expect(r.numerator).toBe(3); // c1 c3 c9
    expect(r.denominator).toBe(7); // c1 c2 c3 c6 c7 c9 c12
    expect(r.value).toBe(42.86);
    expect(r.variant).toBe('standard');
    expect(r.unit).toBe('percent');
    expect(r.definition.zh).toContain('纠错');
  });

  it('counts: concluded by closed_on, accepted by received_on (JSON type must match: "true" ≠ true)', async () => {
    const concluded = await compute('tst.concluded');
    expect(concluded).toMatchObject({ value: 8, numerator: 8, denominator: null });
    const accepted = await compute('tst.accepted');
    // c2 c3 c4 c6 c7 c9 c10 c12 (c1 and c5 received in 2020, c8 has the string "true")
    expect(accepted.value).toBe(8);
  });

  it('ratio numerator is restricted to the denominator (head appeared but case not heard is excluded)', async () => {
    const r = await compute('tst.head_rate');
    expect(r).toMatchObject({ numerator: 2, denominator: 4, value: 50 }); // c1 c2 ÷ c1 c2 c3 c6; c7 excluded
    expect(idsOf(await records('tst.head_rate', { part: 'numerator' }))).toEqual(named('c1', 'c2'));
  });

  it('zero denominator → value null, not 0 and not NaN', async () => {
    const r = await compute('tst.correction_rate', { from: '2015-01-01', to: '2015-12-31' });
    expect(r).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const never = await compute('tst.never');
    expect(never).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const grouped = await compute('tst.never', { groupBy: 'month' });
    expect(grouped.value).toBeNull();
    expect(grouped.groups!.every((g) => g.value === null && g.denominator === 0)).toBe(true);
  });

  it('period boundaries are inclusive civil dates: 2021-12-31 in, 2022-01-01 out', async () => {
    const lastDay = await compute('tst.correction_rate', { from: '2021-12-31', to: '2021-12-31' });
    expect(lastDay).toMatchObject({ numerator: 1, denominator: 1, value: 100 }); // c3
    const y2022 = await compute('tst.correction_rate', { from: '2022-01-01', to: '2022-12-31' });
    expect(y2022).toMatchObject({ numerator: 1, denominator: 1 }); // c4
    const y2020 = await compute('tst.correction_rate', { from: '2020-01-01', to: '2020-12-31' });
    expect(y2020).toMatchObject({ numerator: 0, denominator: 1, value: 0 }); // c5
  });

  it('open cases have no closed_on and never count in a closed_on indicator', async () => {
    const r = await records('tst.head_rate', { part: 'denominator' });
    expect(idsOf(r)).not.toContain(ids.c10);
  });
});

describe('grouping', () => {
  it('by county: towns roll up to their county; city-level cases form their own group; groups sum to the total', async () => {
    const r = await compute('tst.correction_rate', { groupBy: 'county' });
    expect(r).toMatchObject({ numerator: 3, denominator: 7, value: 42.86, groupBy: 'county' });
    expect(group(r.groups, R.nanhu)).toMatchObject({ numerator: 2, denominator: 3, value: 66.67 });
    expect(group(r.groups, R.haining)).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    expect(group(r.groups, R.tongxiang)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(group(r.groups, R.city)).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(group(r.groups, R.nanhuTown)).toBeUndefined();
    const sum = (f: (g: IndicatorGroup) => number | null) => r.groups!.reduce((s, g) => s + (f(g) ?? 0), 0);
    expect(sum((g) => g.numerator)).toBe(3);
    expect(sum((g) => g.denominator)).toBe(7);
    // Every county-level region in scope appears, empty ones with null.
    const counties = await rows<{ code: string }>(db.orm, sql`select code from region where level = 'county' and path like '/330000/330400/%'`);
    for (const c of counties) expect(group(r.groups, c.code)).toBeDefined();
    for (const g of r.groups!) if (g.denominator === 0) expect(g.value).toBeNull();
  });

  it('by town: a case filed at county level stays with the county', async () => {
    const r = await compute('tst.correction_rate', { groupBy: 'town' });
    expect(group(r.groups, R.nanhuTown)).toMatchObject({ numerator: 1, denominator: 2, value: 50 }); // c2 c3
    expect(group(r.groups, R.nanhu)).toMatchObject({ numerator: 1, denominator: 1 }); // c1
    expect(group(r.groups, R.hainingTown)).toMatchObject({ numerator: 0, denominator: 1 }); // c7
  });

  it('by month: all twelve months, labelled, empty months null', async () => {
    const r = await compute('tst.correction_rate', { groupBy: 'month' });
    expect(r.groups!.map((g) => g.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`));
    expect(group(r.groups, '2021-01')).toMatchObject({ numerator: 1, denominator: 1, label: '2021年1月' });
    expect(group(r.groups, '2021-03')).toMatchObject({ numerator: 0, denominator: 3, value: 0 }); // c2 c6 c12
    expect(group(r.groups, '2021-12')).toMatchObject({ numerator: 1, denominator: 1 }); // c3
    expect(group(r.groups, '2021-02')).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('by agency: the subject agency by default, the handler on request, no agency as "none"', async () => {
    const subj = await compute('tst.correction_rate', { groupBy: 'agency' });
    expect(group(subj.groups, AG.a)).toMatchObject({ numerator: 1, denominator: 2, label: '甲局' }); // c1 c6
    expect(group(subj.groups, AG.b)).toMatchObject({ numerator: 2, denominator: 4 }); // c2 c3 c7 c9
    expect(group(subj.groups, 'none')).toMatchObject({ numerator: 0, denominator: 1 }); // c12
    const handler = await compute('tst.correction_rate', { groupBy: 'agency', agencyRole: 'handler' });
    expect(group(handler.groups, AG.b)).toMatchObject({ numerator: 2, denominator: 3 }); // c1 c2 c3
    expect(group(handler.groups, AG.a)).toMatchObject({ numerator: 1, denominator: 1 }); // c9
    expect(group(handler.groups, 'none')).toMatchObject({ numerator: 0, denominator: 3 }); // c6 c7 c12
  });

  it('a count indicator groups too, with null denominators', async () => {
    const r = await compute('tst.concluded', { groupBy: 'county' });
    expect(r.value).toBe(8);
    expect(group(r.groups, R.haining)).toMatchObject({ value: 3, numerator: 3, denominator: null }); // c6 c8 + c7 (its town rolls up)
  });
});

describe('filters and scope', () => {
  it('region filter takes the subtree; agency filter takes the chosen role', async () => {
    expect(await compute('tst.correction_rate', { region: R.nanhu })).toMatchObject({ numerator: 2, denominator: 3 });
    expect(await compute('tst.correction_rate', { region: R.nanhuTown })).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await compute('tst.correction_rate', { agency: AG.a })).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(await compute('tst.correction_rate', { agency: AG.a, agencyRole: 'handler' })).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('a 海宁 officer sees only 海宁 rows, whatever region they ask for', async () => {
    const r = await compute('tst.correction_rate', { groupBy: 'county' }, hainingOfficer);
    expect(r).toMatchObject({ numerator: 0, denominator: 2, value: 0 }); // c6 c7
    expect(r.groups!.map((g) => g.key)).toEqual([R.haining]);
    const outside = await compute('tst.correction_rate', { region: R.nanhu }, hainingOfficer);
    expect(outside).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const recs = await records('tst.correction_rate', { part: 'denominator' }, hainingOfficer);
    expect(idsOf(recs)).toEqual(named('c6', 'c7'));
  });

  it('an agency-only officer sees only cases where their agency handles or is the subject', async () => {
    const r = await compute('tst.correction_rate', {}, agencyAOfficer);
    expect(r).toMatchObject({ numerator: 2, denominator: 3, value: 66.67 }); // c1 c6 (subject) c9 (handler)
    const recs = await records('tst.correction_rate', { part: 'denominator' }, agencyAOfficer);
    expect(idsOf(recs)).toEqual(named('c1', 'c6', 'c9'));
  });

  it('an agency-only user without an agency sees nothing', async () => {
    const r = await compute('tst.correction_rate', {}, actor({ agencyOnly: true, agencyId: null }));
    expect(r).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('bad queries are 400 problems with the field named', async () => {
    const bad = async (q: Partial<IndicatorQuery>, path: string) => {
      const err = await compute('tst.correction_rate', q).catch((e) => e);
      expect(err.status).toBe(400);
      expect(err.opts.errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await bad({ from: '2021-02-30' }, 'from');
    await bad({ from: '2021-12-31', to: '2021-01-01' }, 'to');
    await bad({ region: '999999' }, 'region');
    await bad({ region: "330400' or 1=1" }, 'region');
    await bad({ agency: 'not-a-uuid' }, 'agency');
    await bad({ groupBy: 'year' as never }, 'groupBy');
  });
});

describe('records (drill-down)', () => {
  it('numerator and denominator records are exactly the rows behind the figure', async () => {
    const fig = await compute('tst.correction_rate');
    const num = await records('tst.correction_rate', { part: 'numerator' });
    const den = await records('tst.correction_rate', { part: 'denominator' });
    expect(num.total).toBe(fig.numerator);
    expect(den.total).toBe(fig.denominator);
    expect(idsOf(num)).toEqual(named('c1', 'c3', 'c9'));
    expect(idsOf(den)).toEqual(named('c1', 'c2', 'c3', 'c6', 'c7', 'c9', 'c12'));
    const town = den.items.find((i) => i.id === ids.c2)!;
    expect(town).toMatchObject({ regionCode: R.nanhuTown, regionName: '解放街道', outcome: 'uphold', closedOn: '2021-03-10', receivedOn: '2021-01-05' });
  });

  it('every group of every grouping drills down to as many records as it counts', async () => {
    for (const groupBy of ['county', 'town', 'month', 'agency'] as const) {
      for (const who of [cityOfficer, hainingOfficer, agencyAOfficer]) {
        const fig = await compute('tst.correction_rate', { groupBy }, who);
        for (const g of fig.groups!) {
          const num = await records('tst.correction_rate', { part: 'numerator', group: g.key, groupBy }, who);
          const den = await records('tst.correction_rate', { part: 'denominator', group: g.key, groupBy }, who);
          expect([groupBy, g.key, num.total, den.total]).toEqual([groupBy, g.key, g.numerator, g.denominator]);
        }
      }
    }
  });

  it('the grouping is inferred from the key when not given (6 digits = county)', async () => {
    expect(idsOf(await records('tst.correction_rate', { part: 'denominator', group: R.nanhu }))).toEqual(named('c1', 'c2', 'c3'));
    expect(idsOf(await records('tst.correction_rate', { part: 'denominator', group: R.nanhu, groupBy: 'town' }))).toEqual(named('c1'));
    expect(idsOf(await records('tst.correction_rate', { part: 'denominator', group: '2021-03' }))).toEqual(named('c2', 'c6', 'c12'));
    expect(idsOf(await records('tst.correction_rate', { part: 'numerator', group: AG.a }))).toEqual(named('c1'));
    expect(idsOf(await records('tst.correction_rate', { part: 'denominator', group: 'none' }))).toEqual(named('c12'));
  });

  it('paginates with a stable order and a total', async () => {
    const p1 = await records('tst.correction_rate', { part: 'denominator', pageSize: 3, page: 1 });
    const p3 = await records('tst.correction_rate', { part: 'denominator', pageSize: 3, page: 3 });
    const p4 = await records('tst.correction_rate', { part: 'denominator', pageSize: 3, page: 4 });
    expect([p1.items.length, p3.items.length, p4.items.length, p4.total]).toEqual([3, 1, 0, 7]);
    expect(p1.items[0].closedOn).toBe('2021-12-31'); // newest first
  });

  it('a count has no denominator part; bad group keys and page sizes are 400', async () => {
    const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }), (e: { status: number }) => e);
    expect((await err(records('tst.concluded', { part: 'denominator' }))).status).toBe(400);
    expect((await err(records('tst.correction_rate', { part: 'numerator', group: 'abc' }))).status).toBe(400);
    expect((await err(records('tst.correction_rate', { part: 'numerator', group: '2021-03', groupBy: 'agency' }))).status).toBe(400);
    expect((await err(records('tst.correction_rate', { part: 'numerator', pageSize: 10_000 }))).status).toBe(400);
    expect((await err(records('tst.unknown', { part: 'numerator' }))).status).toBe(404);
  });
});

describe('口径 variants', () => {
  it('switching the variant changes the figure, is audited, and a stale stored value falls back to the default', async () => {
    const admin = { ...SYSTEM_ACTOR, id: '11111111-1111-4111-8111-111111111111', displayName: '管理员' };
    await db.tx((tx) => setIndicatorVariant(tx, registry, 'tst.correction_rate', 'with_void', admin));
    const v = await compute('tst.correction_rate');
    expect(v).toMatchObject({ variant: 'with_void', numerator: 4, denominator: 7, value: 57.14 }); // + c7
    expect((await compute('tst.correction_rate', {}, hainingOfficer)).value).toBe(50);
    const recs = await records('tst.correction_rate', { part: 'numerator' });
    expect(idsOf(recs)).toEqual(named('c1', 'c3', 'c7', 'c9'));

    await db.tx((tx) => setIndicatorVariant(tx, registry, 'tst.correction_rate', 'all_concluded', admin));
    expect(await compute('tst.correction_rate')).toMatchObject({ variant: 'all_concluded', numerator: 3, denominator: 8, value: 37.5 });

    const audit = await rows<{ action: string; target: string; detail: { from: string; to: string }; actor_label: string }>(
      db.orm,
      sql`select action, target, detail, actor_label from audit_log where target = 'setting:tst.correction_rate.variant' order by seq`,
    );
    expect(audit.map((a) => [a.action, a.detail.from, a.detail.to, a.actor_label])).toEqual([
      ['setting_change', 'standard', 'with_void', '管理员'],
      ['setting_change', 'with_void', 'all_concluded', '管理员'],
    ]);

    await putSetting(db.orm, 'tst.correction_rate.variant', 'removed_option');
    expect((await compute('tst.correction_rate')).variant).toBe('standard');
  });

  it('an unknown option is a 400 and leaves nothing behind; an indicator without variants is a 409', async () => {
    const before = await rows(db.orm, sql`select seq from audit_log`);
    const e1 = await db.tx((tx) => setIndicatorVariant(tx, registry, 'tst.correction_rate', 'nope', SYSTEM_ACTOR)).catch((e) => e);
    expect(e1.status).toBe(400);
    const e2 = await db.tx((tx) => setIndicatorVariant(tx, registry, 'tst.concluded', 'x', SYSTEM_ACTOR)).catch((e) => e);
    expect(e2.status).toBe(409);
    const e3 = await db.tx((tx) => setIndicatorVariant(tx, registry, 'tst.nope', 'x', SYSTEM_ACTOR)).catch((e) => e);
    expect(e3.status).toBe(404);
    expect((await rows(db.orm, sql`select seq from audit_log`)).length).toBe(before.length);
  });
});
