import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoOrg } from '../../src/demo/city.js';
import { generateMediationDemo } from '../../src/demo/mediation.js';
import { rng } from '../../src/demo/random.js';
import { createKernel } from '../../src/kernel/boot.js';
import { testConfig } from '../../src/kernel/config.js';
import { one, rows, sql } from '../../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { computeIndicator } from '../../src/kernel/indicators/compute.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { mediationModule } from '../../src/modules/mediation/index.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { testDb } from '../support/db.js';

/** The mediation part of the demo city, small volume: figures come from the indicator code. */
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
let k: Kernel;
let counts: Record<string, number>;
const m = mediationModule.manifest!;

beforeAll(async () => {
  k = await createKernel(await testDb(), testConfig({ today: '2026-11-27' }), [m, reconsiderationModule.manifest], mediationModule.registers);
  const org = await k.db.tx((tx) => createDemoOrg(tx));
  const res = await generateMediationDemo({ k, org, r: rng(7), year: 2021, today: k.today(), volume: 'small' });
  counts = res.counts;
  expect(res.logins.map((l) => l.username)).toEqual(expect.arrayContaining(['tiaojie', 'mtzx', 'faguan', 'wangge']));
}, 600_000);
afterAll(() => k.db.close());

const figure = async (key: string) => computeIndicator(k.db.orm, k.registry, m.indicators!.find((i) => i.key === key)!, YEAR, SYSTEM_ACTOR);

describe('mediation demo', () => {
  it('sets up a committee in every town, county centres and industry committees, with mediators', async () => {
    const c = await one<{ towns: number; committees: number; county: number; industry: number }>(
      k.db.orm,
      sql`select (select count(*)::int from region where level = 'town') as towns, count(*) filter (where level = 'town')::int as committees,
            count(*) filter (where level = 'county')::int as county, count(*) filter (where level = 'industry')::int as industry from mediation_committee`,
    );
    expect(c?.committees).toBe(c?.towns);
    expect(c?.county).toBe(7);
    expect(c?.industry).toBe(28);
    expect(counts.mediators).toBeGreaterThanOrEqual(2 * counts.committees);
    // 网格+调解: every town has its grids and grid workers; the demo grid worker is linked to a grid.
    const g = await one<{ towns: number; wangge: string | null }>(
      k.db.orm,
      sql`select count(distinct region_code)::int as towns,
            max(e.data->>'gridName') filter (where e.data->>'userId' = (select id::text from app_user where username = 'wangge')) as wangge
          from register_entry e where register = 'grid_worker'`,
    );
    expect(g?.towns).toBe(c?.towns);
    expect(g?.wangge).toMatch(/第1网格$/);
  });

  it('yields 2021 figures through the indicator pipeline: ~96% success, ~3% hand-offs', async () => {
    const received = await figure('mediation.received');
    expect(received.value).toBe(240);
    const rate = (await figure('mediation.success_rate')).value!;
    expect(rate).toBeGreaterThan(90);
    expect(rate).toBeLessThan(100);
    expect((await figure('mediation.handed_off')).value).toBeGreaterThan(0);
    expect((await figure('mediation.satisfaction_rate')).value).toBeGreaterThan(80);
  });

  it('leaves 2021 复议 untouched and hands off to 复议 only around today, with open disputes in every open state', async () => {
    const recon = await rows<{ received_on: string }>(k.db.orm, sql`select received_on::text from fz_case where type = 'reconsideration'`);
    expect(recon.length).toBeGreaterThan(0);
    for (const r of recon) expect(r.received_on > '2026-01-01').toBe(true);
    const states = await rows<{ state: string }>(k.db.orm, sql`select distinct state from fz_case where type = 'mediation' and state_category = 'open'`);
    expect(states.map((s) => s.state).sort()).toEqual(['agreement_reached', 'mediating', 'routed']);
  });
});
