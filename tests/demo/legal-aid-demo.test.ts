import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../../src/kernel/db/client.js';
import { computeIndicator } from '../../src/kernel/indicators/compute.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { createDemoOrg } from '../../src/demo/city.js';
import { LEGAL_AID_ACCEPTED, generateLegalAidDemo } from '../../src/demo/legal-aid.js';
import { rng } from '../../src/demo/random.js';
import { legalAidModule } from '../../src/modules/legal-aid/index.js';
import { actor, testKernel } from '../support/kernel.js';

/** The generator at small volume (a tenth): the figures come out of the indicator code. */
const m = legalAidModule.manifest!;
let k: Kernel;
let ms = 0;
let counts: Record<string, number> = {};

beforeAll(async () => {
  k = await testKernel([m], { today: '2022-01-10' }, legalAidModule.registers);
  const org = await k.db.tx((tx) => createDemoOrg(tx));
  const t0 = Date.now();
  counts = (await generateLegalAidDemo({ k, org, r: rng(20211231), year: 2021, today: k.today(), volume: 'small' })).counts;
  ms = Date.now() - t0;
  console.log(`legal aid demo (small): ${counts.legalAidCases} cases in ${ms} ms`);
}, 600_000);
afterAll(() => k.db.close());

const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const figure = async (key: string) => (await computeIndicator(k.db.orm, k.registry, m.indicators!.find((i) => i.key === key)!, YEAR, actor({ regionPath: '/' }))).value;

describe('legal aid demo (small volume)', () => {
  it('gives a tenth of the 2021 report: 889 accepted, more than 1200万元 recovered', async () => {
    expect(await figure('legal_aid.accepted')).toBe(LEGAL_AID_ACCEPTED.small);
    expect(await figure('legal_aid.applications')).toBeGreaterThan(LEGAL_AID_ACCEPTED.small);
    expect(Number(await figure('legal_aid.recovered'))).toBeGreaterThan(12_000_000);
    expect(await figure('legal_aid.concluded')).toBeGreaterThan(800);
    expect(Number(await figure('legal_aid.assigned_on_time_rate'))).toBeGreaterThan(90);
  });

  it('leaves open cases in every open state, numbered per centre, and providers in the register', async () => {
    const states = await one<{ s: string[] }>(k.db.orm, sql`select array_agg(distinct state) as s from fz_case where type = 'legal_aid' and state_category <> 'closed'`);
    expect(new Set(states?.s)).toEqual(new Set(['applied', 'material_requested', 'granted', 'assigned', 'concluding', 'objection_review']));
    const n = await one<{ number: string }>(k.db.orm, sql`select number from fz_case where type = 'legal_aid' and number is not null order by number limit 1`);
    expect(n?.number).toMatch(/^[嘉南秀善盐宁平桐]援〔2021〕\d+号$/);
    const reg = await one<{ p: number; f: number }>(k.db.orm, sql`select count(*) filter (where register = 'provider')::int as p, count(*) filter (where register = 'firm')::int as f from register_entry`);
    expect(reg).toEqual({ p: 150, f: 30 });
    expect(counts.legalAidAccepted2021).toBe(889);
  });
});
