import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoOrg } from '../../src/demo/city.js';
import type { DemoPartResult } from '../../src/demo/context.js';
import { generateLegalServicesDemo, LEGAL_SERVICES_VOLUME } from '../../src/demo/legal-services.js';
import { rng } from '../../src/demo/random.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { computeRegisterIndicator } from '../../src/kernel/indicators/register-indicators.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { registersOf } from '../../src/kernel/registers/registry.js';
import { legalServicesModule } from '../../src/modules/legal-services/index.js';
import { testKernel } from '../support/kernel.js';

/** The small demo (a tenth): every figure the report quotes comes out of the register indicators. */
let k: Kernel;
let res: DemoPartResult;
let ms: number;
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const figure = (key: string, q = {}) => computeRegisterIndicator(k.db.orm, registersOf(k), key, { ...YEAR, ...q }, SYSTEM_ACTOR);

beforeAll(async () => {
  k = await testKernel([], {}, legalServicesModule.registers);
  const org = await k.db.tx((tx) => createDemoOrg(tx));
  const t = Date.now();
  res = await generateLegalServicesDemo({ k, org, r: rng(20210101), year: 2021, today: '2021-12-31', volume: 'small' });
  ms = Date.now() - t;
  console.log(`legal-services demo (small): ${ms} ms`, res.counts);
}, 120_000);
afterAll(() => k?.db.close());

describe('legal-services demo (small volume)', () => {
  const v = LEGAL_SERVICES_VOLUME.small;
  it('produces the planned volumes through the indicators', async () => {
    expect((await figure('legal_services.consultations')).value).toBe(v.consultations);
    expect((await figure('legal_services.deliveries')).value).toBe(v.deliveries);
    expect((await figure('legal_services.health_checks')).value).toBe(v.healthChecks);
    expect(res.counts.enterprises).toBe(v.enterprises);
    expect(res.counts.pushes).toBeGreaterThan(1);
  });

  it('ratios and sums match what the generator decided', async () => {
    const readRate = await figure('legal_services.read_rate');
    expect(readRate).toMatchObject({ numerator: res.counts.deliveriesRead, denominator: v.deliveries });
    const rect = await figure('legal_services.rectification_rate');
    expect(rect).toMatchObject({ numerator: res.counts.healthChecksRectified, denominator: res.counts.healthChecksWithRisks });
    expect((await figure('legal_services.risks_found')).value).toBe(res.counts.risksFound);
  });

  it('spreads over the 7 counties and 12 months, and groups add up', async () => {
    const byCounty = await figure('legal_services.consultations', { groupBy: 'county' });
    expect(byCounty.groups!.filter((g) => g.numerator > 0)).toHaveLength(7);
    expect(byCounty.groups!.reduce((s, g) => s + g.numerator, 0)).toBe(v.consultations);
    const byTown = await figure('legal_services.health_checks', { groupBy: 'town' });
    expect(byTown.groups!.filter((g) => g.numerator > 0).length).toBe(72);
  });
});
