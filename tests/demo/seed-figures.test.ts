import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { findIndicator } from '../../src/kernel/indicators/catalog.js';
import { computeIndicator, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { generateDemo } from '../../src/demo/generate.js';
import { computeRegisterIndicator } from '../../src/kernel/indicators/register-indicators.js';
import { registersOf } from '../../src/kernel/registers/registry.js';
import { manifests, registers } from '../../src/modules/index.js';
import { testKernel } from '../support/kernel.js';

/**
 * The 2021 report's three headline rates must come out of the indicator pipeline applied to the
 * generated city. The generator only decides how cases end; nowhere is a rate written down. The
 * expected values below are the report's published figures (seed/ 2021 report), not the code's.
 */
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
let k: Kernel;

beforeAll(async () => {
  k = await testKernel(manifests, { today: '2026-11-29' }, registers);
  await generateDemo(k, { openCases: false });
}, 600_000);
afterAll(() => k.db.close());

/** A register figure (consultations, pushes, health checks) through the same indicator pipeline. */
function registerFigure(key: string, query: Record<string, unknown> = {}) {
  return computeRegisterIndicator(k.db.orm, registersOf(k), key, { ...YEAR, ...query }, SYSTEM_ACTOR);
}

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

  it('法律援助: 受理 8890 件, 挽回经济损失超 1.2 亿元; drill-down lists exactly the summed cases', async () => {
    const accepted = await figure('legal_aid.accepted');
    expect(accepted.value).toBe(8890);
    const recovered = await figure('legal_aid.recovered');
    expect(Number(recovered.value)).toBeGreaterThan(120_000_000);
    const recs = await listIndicatorRecords(k.db.orm, k.registry, 'legal_aid.recovered', { ...YEAR, part: 'numerator', page: 1, pageSize: 10 }, SYSTEM_ACTOR);
    // A sum drills down to the concluded cases whose recorded amounts it adds up.
    expect(recs.total).toBeGreaterThan(8000);
    expect(recs.total).toBeLessThanOrEqual((await figure('legal_aid.concluded')).value!);
    const byCounty = await figure('legal_aid.accepted', { groupBy: 'county' });
    expect(byCounty.groups!.reduce((s, g) => s + g.numerator, 0)).toBe(8890);
  });

  it('企业法律服务: 法律咨询 20347 次, 推送法律服务指引 9155 次, 法治体检 20000 余次', async () => {
    expect((await registerFigure('legal_services.consultations')).value).toBe(20347);
    expect((await registerFigure('legal_services.deliveries')).value).toBe(9155);
    const checks = (await registerFigure('legal_services.health_checks')).value!;
    expect(checks).toBeGreaterThan(20000);
    expect(checks).toBeLessThan(21000);
  });

  it('人民调解: disputes across 2021 in every town, most mediated to agreement, hand-offs counted', async () => {
    const received = await figure('mediation.received');
    expect(received.value).toBeGreaterThan(2000);
    const success = await figure('mediation.success_rate');
    expect(success.value).toBeGreaterThan(85);
    expect(success.value).toBeLessThan(100);
    const byTown = await figure('mediation.received', { groupBy: 'town' });
    expect(byTown.groups!.filter((g) => g.numerator > 0).length).toBeGreaterThan(60);
    expect((await figure('mediation.handed_off')).value).toBeGreaterThan(0);
  });

  it('the generated history is intact: every event chain verifies', async () => {
    const r = await verifyAudit(k.db.orm);
    expect(r.firstBreak).toBeNull();
    const n = await one<{ n: string }>(k.db.orm, sql`select count(*) as n from case_event`);
    expect(Number(n!.n)).toBeGreaterThan(5000);
  });
});
