import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCaseType } from '../../src/kernel/cases/manifest.js';
import { Registry, validateManifest } from '../../src/kernel/cases/registry.js';
import type { Db } from '../../src/kernel/db/client.js';
import { computeIndicator, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import { testDb } from '../support/db.js';
import { R, cityOfficer, hainingOfficer, insertCase, seedFixtures, testManifest } from './fixtures.js';

/** A sum indicator (挽回经济损失 in yuan, for legal aid): the amounts recorded on the closed cases. */
const aid = defineCaseType({
  ...testManifest,
  type: 'tst_aid',
  indicators: [
    {
      key: 'tst_aid.recovered',
      label: { zh: '挽回经济损失', en: 'Economic losses recovered' },
      unit: 'yuan',
      version: '1',
      dateField: 'closed_on',
      numerator: [{ kind: 'closed' }],
      sum: { attr: 'recovered_yuan' },
      definition: { zh: '结案案件记录的挽回经济损失之和', en: 'Sum of the recovered amounts of closed cases' },
      source: 'test',
    },
  ],
});
const registry = new Registry([aid]);
const def = aid.indicators![0];
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
let db: Db;

beforeAll(async () => {
  db = await testDb();
  await seedFixtures(db);
  const row = (region: string, closedOn: string | null, recovered?: number) =>
    insertCase(db, { type: 'tst_aid', region, receivedOn: '2021-01-05', closedOn, attrs: recovered === undefined ? {} : { recovered_yuan: recovered } });
  await row(R.nanhu, '2021-03-01', 60_000_000.5);
  await row(R.nanhuTown, '2021-06-01', 1_500_000);
  await row(R.haining, '2021-12-31', 58_600_000);
  await row(R.haining, '2022-01-01', 9_999); // next year
  await row(R.haining, null, 1_000); // still open
  await row(R.tongxiang, '2021-05-05'); // closed, nothing recovered
});
afterAll(() => db.close());

describe('sum indicators', () => {
  it('add up the recorded amounts of the cases in the period, beyond the 32-bit range if need be', async () => {
    const r = await computeIndicator(db.orm, registry, def, YEAR, cityOfficer);
    expect(r.value).toBe(120_100_000.5);
    expect(r.denominator).toBeNull();
    const recs = await listIndicatorRecords(db.orm, registry, def.key, { ...YEAR, part: 'numerator', page: 1, pageSize: 50 }, cityOfficer);
    expect(recs.total).toBe(4);
    const big = await computeIndicator(db.orm, registry, def, { from: '2021-01-01', to: '2022-12-31' }, cityOfficer);
    expect(big.value).toBe(120_109_999.5);
  });

  it('group by county and respect the data scope', async () => {
    const r = await computeIndicator(db.orm, registry, def, { ...YEAR, groupBy: 'county' }, cityOfficer);
    const by = Object.fromEntries(r.groups!.map((g) => [g.key, g.value]));
    expect(by[R.nanhu]).toBe(61_500_000.5);
    expect(by[R.haining]).toBe(58_600_000);
    expect(by[R.tongxiang]).toBe(0);
    const hn = await computeIndicator(db.orm, registry, def, YEAR, hainingOfficer);
    expect(hn.value).toBe(58_600_000);
  });

  it('a sum with a denominator is refused when the manifest is loaded', () => {
    expect(() => validateManifest({ ...aid, indicators: [{ ...def, denominator: [{ kind: 'closed' }] }] })).toThrow(/sum cannot have a denominator/);
  });
});
