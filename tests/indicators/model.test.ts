import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorFilter } from '../../src/kernel/cases/manifest.js';
import { type Db, sql } from '../../src/kernel/db/client.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import { findIndicator, outcomeCodes } from '../../src/kernel/indicators/catalog.js';
import { computeIndicator, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import { testDb } from '../support/db.js';
import { AG, agencyAOfficer, cityOfficer, hainingOfficer, insertCase, R, registry, seedFixtures, testManifest } from './fixtures.js';

/**
 * The SQL against a plain in-memory model of the documented semantics, on random small datasets:
 * filters AND-ed, ratio numerator ⊆ denominator, inclusive civil-date periods, region subtree, scope.
 */
let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedFixtures(db);
});
afterAll(async () => {
  await db?.close();
});

const PATHS: Record<string, string> = {
  [R.city]: '/330000/330400/',
  [R.nanhu]: '/330000/330400/330402/',
  [R.nanhuTown]: '/330000/330400/330402/330402001/',
  [R.haining]: '/330000/330400/330481/',
  [R.hainingTown]: '/330000/330400/330481/330481001/',
  [R.tongxiang]: '/330000/330400/330483/',
};
// 2020-12-28 … 2021-01-14 around the period 2021-01-01 … 2021-01-10, so both boundaries are hit often.
const day = fc.integer({ min: 0, max: 17 }).map((n) => new Date(Date.UTC(2020, 11, 28 + n)).toISOString().slice(0, 10));
const caseArb = fc.record({
  type: fc.constantFrom('tst_review', 'tst_review', 'tst_other'),
  region: fc.constantFrom(...Object.keys(PATHS)),
  outcome: fc.constantFrom(...Object.keys(testManifest.outcomes)),
  closed: fc.boolean(),
  receivedOn: day,
  closedOn: day,
  heard: fc.constantFrom(true, false, undefined),
  head: fc.constantFrom(true, false, 'true'),
  agency: fc.constantFrom(AG.a, AG.b, null),
  subject: fc.constantFrom(AG.a, AG.b, null),
});
type C = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function matches(f: IndicatorFilter, c: C, from: string, to: string): boolean {
  switch (f.kind) {
    case 'outcome_in':
      return c.closed && outcomeCodes(testManifest, f.groups).includes(c.outcome);
    case 'attr_equals':
      return (f.attr === 'heard' ? c.heard : f.attr === 'head_appeared' ? c.head : undefined) === f.value;
    case 'closed':
      return c.closed && c.closedOn >= from && c.closedOn <= to;
    case 'received':
      return c.receivedOn >= from && c.receivedOn <= to;
  }
}

function model(key: string, cases: C[], from: string, to: string, who: Actor, region?: string) {
  const def = findIndicator(registry, key)!.def;
  const inBase = (c: C) => {
    const date = def.dateField === 'closed_on' ? (c.closed ? c.closedOn : null) : c.receivedOn;
    if (c.type !== testManifest.type || !date || date < from || date > to) return false;
    if (!PATHS[c.region].startsWith(who.regionPath)) return false;
    if (who.agencyOnly && !(who.agencyId && (c.agency === who.agencyId || c.subject === who.agencyId))) return false;
    return !region || PATHS[c.region].startsWith(PATHS[region]);
  };
  const all = (fs: IndicatorFilter[], c: C) => fs.every((f) => matches(f, c, from, to));
  const base = cases.filter(inBase);
  if (!def.denominator) return { numerator: base.filter((c) => all(def.numerator, c)).length, denominator: null };
  const den = base.filter((c) => all(def.denominator!, c));
  return { numerator: den.filter((c) => all(def.numerator, c)).length, denominator: den.length };
}

describe('indicator SQL agrees with the model', () => {
  it('on random datasets, for every indicator, actor and a region filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 0, maxLength: 40, size: 'medium' }), fc.constantFrom(R.nanhu, R.hainingTown), async (cases, someRegion) => {
        await db.orm.execute(sql`delete from fz_case`);
        for (const c of cases) {
          await insertCase(db, {
            type: c.type,
            region: c.region,
            outcome: c.closed ? c.outcome : null,
            receivedOn: c.receivedOn,
            closedOn: c.closed ? c.closedOn : null,
            attrs: { ...(c.heard === undefined ? {} : { heard: c.heard }), head_appeared: c.head },
            agency: c.agency,
            subject: c.subject,
          });
        }
        const from = '2021-01-01';
        const to = '2021-01-10';
        for (const region of [undefined, someRegion])
        for (const key of ['tst.correction_rate', 'tst.head_rate', 'tst.concluded']) {
          const def = findIndicator(registry, key)!.def;
          for (const who of [cityOfficer, hainingOfficer, agencyAOfficer]) {
            const got = await computeIndicator(db.orm, registry, def, { from, to, region, groupBy: 'county' }, who);
            const want = model(key, cases, from, to, who, region);
            expect({ key, n: got.numerator, d: got.denominator }).toEqual({ key, n: want.numerator, d: want.denominator });
            if (want.denominator !== null) {
              expect(got.value).toBe(want.denominator === 0 ? null : Math.round((want.numerator * 10000) / want.denominator) / 100);
              const recs = await listIndicatorRecords(db.orm, registry, key, { from, to, region, part: 'denominator', page: 1, pageSize: 200 }, who);
              expect(recs.total).toBe(want.denominator);
              const numRecs = await listIndicatorRecords(db.orm, registry, key, { from, to, region, part: 'numerator', page: 1, pageSize: 200 }, who);
              expect(numRecs.total).toBe(want.numerator);
            }
            const sumN = got.groups!.reduce((s, g) => s + g.numerator, 0);
            expect(sumN).toBe(want.numerator);
          }
        }
      }),
      { numRuns: 20, seed: 20211231 },
    );
  });
});
