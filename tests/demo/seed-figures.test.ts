import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { findIndicator } from '../../src/kernel/indicators/catalog.js';
import { computeIndicator, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { generateDemo } from '../../src/demo/generate.js';
import { manifests } from '../../src/modules/index.js';
import { testKernel } from '../support/kernel.js';

/**
 * The 2021 report's three headline rates must come out of the indicator pipeline applied to the
 * generated city. The generator only decides how cases end; nowhere is a rate written down. The
 * expected values below are the report's published figures (seed/ 2021 report), not the code's.
 */
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
let k: Kernel;

beforeAll(async () => {
  k = await testKernel(
    manifests,
    { today: '2026-11-29' },
  );
  await generateDemo(k, { openCases: false });
}, 600_000);
afterAll(() => k.db.close());

async function figure(key: string, query: Record<string, unknown> = {}) {
  const def = findIndicator(k.registry, key)!.def;
  return computeIndicator(k.db.orm, k.registry, def, { ...YEAR, ...query }, SYSTEM_ACTOR);
}

describe('the demo city reproduces the 2021 report through the real pipeline', () => {
  it('复议: 审结 704, 纠错率 4.97%', async () => {
    expect((await figure('reconsideration.concluded')).value).toBe(704);
    const r = await figure('reconsideration.correction_rate');
    expect(r.value).toBe(4.97);
    expect(r.denominator).toBe(704);
  });

  it('应诉: 一审结案 644, 败诉率 4.35%, 负责人出庭率 97.78%', async () => {
    expect((await figure('litigation.first_instance_concluded')).value).toBe(644);
    expect((await figure('litigation.loss_rate')).value).toBe(4.35);
    expect((await figure('litigation.head_appearance_rate')).value).toBe(97.78);
  });

  it('every figure drills down to exactly the records behind it, and by county the parts add up', async () => {
    for (const key of ['reconsideration.correction_rate', 'litigation.loss_rate', 'litigation.head_appearance_rate']) {
      const r = await figure(key);
      for (const part of ['numerator', 'denominator'] as const) {
        const recs = await listIndicatorRecords(k.db.orm, k.registry, key, { ...YEAR, part, page: 1, pageSize: 10 }, SYSTEM_ACTOR);
        expect(recs.total).toBe(r[part]);
      }
      const byCounty = await figure(key, { groupBy: 'county' });
      expect(byCounty.groups!.reduce((s, g) => s + (g.numerator ?? 0), 0)).toBe(r.numerator);
      expect(byCounty.groups!.reduce((s, g) => s + (g.denominator ?? 0), 0)).toBe(r.denominator);
    }
  });

  it('the 口径 is a setting: the national merits-only definition gives a different, documented figure', async () => {
    await k.db.orm.execute(sql`update setting set value = '"merits"' where key = 'reconsideration.correction_rate.variant'`);
    const merits = await figure('reconsideration.correction_rate');
    expect(merits.denominator).toBeLessThan(704);
    expect(merits.numerator).toBe(35);
    await k.db.orm.execute(sql`update setting set value = '"concluded"' where key = 'reconsideration.correction_rate.variant'`);
  });

  it('the generated history is intact: every event chain verifies', async () => {
    const r = await verifyAudit(k.db.orm);
    expect(r.firstBreak).toBeNull();
    const n = await one<{ n: string }>(k.db.orm, sql`select count(*) as n from case_event`);
    expect(Number(n!.n)).toBeGreaterThan(5000);
  });
});
