import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, rows, sql } from '../../src/kernel/db/client.js';
import { assertPermission, caseScopeSql, hasPermission, inScope } from '../../src/kernel/identity/policy.js';
import { type Actor, SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { testDb } from '../support/db.js';

let db: Db;
const agency: Record<string, string> = {};
const cases: Record<string, string> = {};

async function regionPath(code: string): Promise<string> {
  return (await one<{ path: string }>(db.orm, sql`select path from region where code = ${code}`))!.path;
}

async function actor(regionCode: string, over: Partial<Actor> = {}): Promise<Actor> {
  return {
    id: randomUUID(), username: 'u', displayName: 'u', roles: [], permissions: ['case.read'],
    regionCode, regionPath: await regionPath(regionCode), agencyId: null, agencyOnly: false, ...over,
  };
}

beforeAll(async () => {
  db = await testDb();
  await db.tx(async (tx) => {
    for (const [key, region] of [['hnJustice', '330481'], ['hnTown', '330481001'], ['txJustice', '330483'], ['hnOther', '330481101']]) {
      agency[key] = randomUUID();
      await tx.execute(sql`insert into agency (id, name, region_code) values (${agency[key]}, ${key}, ${region})`);
    }
    // name: [region, handling agency, agency whose act is at issue]
    const spec: Record<string, [string, string | null, string | null]> = {
      haining: ['330481', 'hnJustice', 'hnOther'],
      hainingTownAsSubject: ['330481001', 'hnTown', 'hnJustice'],
      hainingTownOther: ['330481101', 'hnOther', 'hnTown'],
      tongxiangAgainstHaining: ['330483', 'txJustice', 'hnJustice'],
      city: ['330400', null, null],
    };
    for (const [name, [region, a, s]] of Object.entries(spec)) {
      cases[name] = randomUUID();
      await tx.execute(sql`
        insert into fz_case (id, type, title, state, state_category, region_code, agency_id, subject_agency_id, head_hash, received_on)
        values (${cases[name]}, 'test', ${name}, 'open', 'open', ${region}, ${a ? agency[a] : null}, ${s ? agency[s] : null}, 'x', '2021-06-01')`);
    }
  });
});
afterAll(async () => {
  await db.close();
});

interface CaseRow {
  id: string;
  title: string;
  regionPath: string;
  agencyId: string | null;
  subjectAgencyId: string | null;
}

async function visible(a: Actor): Promise<string[]> {
  const r = await rows<{ title: string }>(db.orm, sql`select c.title from fz_case c where ${caseScopeSql(a)} order by c.title`);
  return r.map((x) => x.title);
}

async function allCases(): Promise<CaseRow[]> {
  return rows<CaseRow>(
    db.orm,
    sql`select c.id, c.title, r.path as "regionPath", c.agency_id as "agencyId", c.subject_agency_id as "subjectAgencyId"
        from fz_case c join region r on r.code = c.region_code order by c.title`,
  );
}

describe('data scope', () => {
  it('a 海宁市 (330481) officer sees 海宁 and its towns, not 桐乡 (330483) nor city-level cases', async () => {
    const a = await actor('330481');
    expect(await visible(a)).toEqual(['haining', 'hainingTownAsSubject', 'hainingTownOther']);
  });

  it('a 桐乡市 officer sees only 桐乡', async () => {
    expect(await visible(await actor('330483'))).toEqual(['tongxiangAgainstHaining']);
  });

  it('a city officer and the system see everything', async () => {
    const all = (await allCases()).map((c) => c.title);
    expect(await visible(await actor('330400'))).toEqual(all);
    expect(await visible(SYSTEM_ACTOR)).toEqual(all);
  });

  it('an agency-only officer sees cases where their agency handles or is the subject — inside their region', async () => {
    const a = await actor('330481', { agencyOnly: true, agencyId: agency.hnJustice });
    // tongxiangAgainstHaining names the agency as subject but lies outside the officer's region.
    expect(await visible(a)).toEqual(['haining', 'hainingTownAsSubject']);
  });

  it('an agency-only officer of a town agency sees its handled and subject cases', async () => {
    const a = await actor('330481001', { agencyOnly: true, agencyId: agency.hnTown });
    expect(await visible(a)).toEqual(['hainingTownAsSubject']);
    const wide = await actor('330481', { agencyOnly: true, agencyId: agency.hnTown });
    expect(await visible(wide)).toEqual(['hainingTownAsSubject', 'hainingTownOther']);
  });

  it('agency-only without an agency sees nothing', async () => {
    const a = await actor('330481', { agencyOnly: true, agencyId: null });
    expect(await visible(a)).toEqual([]);
  });

  it('inScope agrees with caseScopeSql for every actor and case', async () => {
    const all = await allCases();
    const actors = [
      await actor('330400'),
      await actor('330481'),
      await actor('330483'),
      await actor('330481001'),
      await actor('330481', { agencyOnly: true, agencyId: agency.hnJustice }),
      await actor('330481001', { agencyOnly: true, agencyId: agency.hnTown }),
      await actor('330483', { agencyOnly: true, agencyId: agency.txJustice }),
      await actor('330481', { agencyOnly: true, agencyId: null }),
      SYSTEM_ACTOR,
    ];
    for (const a of actors) {
      const bySql = await visible(a);
      const byCode = all.filter((c) => inScope(a, c)).map((c) => c.title);
      expect(byCode, `${a.regionCode} agencyOnly=${a.agencyOnly}`).toEqual(bySql);
    }
  });

  it('the alias parameter addresses another table alias', async () => {
    const a = await actor('330483');
    const r = await rows<{ title: string }>(db.orm, sql`select k.title from fz_case k where ${caseScopeSql(a, 'k')}`);
    expect(r.map((x) => x.title)).toEqual(['tongxiangAgainstHaining']);
  });
});

describe('permissions', () => {
  it('wildcards grant their subtree only', async () => {
    const a = await actor('330400', { permissions: ['reconsideration.*', 'case.read'] });
    expect(hasPermission(a, 'reconsideration.accept')).toBe(true);
    expect(hasPermission(a, 'reconsideration')).toBe(false);
    expect(hasPermission(a, 'litigation.file_defence')).toBe(false);
    expect(hasPermission(a, 'case.read')).toBe(true);
    expect(hasPermission(a, 'case.export')).toBe(false);
    expect(hasPermission(SYSTEM_ACTOR, 'anything.at.all')).toBe(true);
  });

  it('assertPermission: 401 for nobody, 403 naming the permission otherwise', async () => {
    expect(() => assertPermission(undefined, 'case.read')).toThrow(Problem);
    try {
      assertPermission(undefined, 'case.read');
    } catch (e) {
      expect((e as Problem).status).toBe(401);
    }
    const a = await actor('330400', { permissions: ['case.read'] });
    try {
      assertPermission(a, 'admin.users');
      expect.unreachable();
    } catch (e) {
      expect((e as Problem).status).toBe(403);
      expect((e as Problem).toBody().permission).toBe('admin.users');
    }
  });
});
