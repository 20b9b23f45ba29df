import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, rows, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import { registerIndicatorRoutes } from '../../src/kernel/indicators/routes.js';
import { putSetting } from '../../src/kernel/settings.js';
import { testDb } from '../support/db.js';
import { actor, AG, cityOfficer, hainingOfficer, insertCase, R, seedFixtures, testKernel } from './fixtures.js';

let db: Db;
let app: App;
const actors: Record<string, Actor> = {
  city: cityOfficer,
  haining: hainingOfficer,
  nobody: actor({ permissions: ['case.read'] }),
  cockpit: actor({ permissions: ['cockpit.read'] }),
  admin: actor({ permissions: ['indicator.read', 'admin.settings'], displayName: '设置管理员' }),
};

const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: who ? { 'x-test-actor': who } : {} });
const put = (url: string, body: unknown, who?: string) =>
  app.inject({ method: 'PUT', url, payload: body as object, headers: who ? { 'x-test-actor': who } : {} });
const paths = (res: { json: () => { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

beforeAll(async () => {
  db = await testDb();
  await seedFixtures(db);
  // 2021: two merits decisions in 南湖 (one corrected), one in 海宁 (upheld); one concluded in 2022.
  await insertCase(db, { region: R.nanhu, outcome: 'revoke', receivedOn: '2021-01-01', closedOn: '2021-02-01', subject: AG.a });
  await insertCase(db, { region: R.nanhuTown, outcome: 'uphold', receivedOn: '2021-01-01', closedOn: '2021-05-01' });
  await insertCase(db, { region: R.haining, outcome: 'uphold', receivedOn: '2021-01-01', closedOn: '2021-05-02' });
  await insertCase(db, { region: R.haining, outcome: 'revoke', receivedOn: '2021-01-01', closedOn: '2022-01-02' });
  app = await buildApp(testKernel(db), {
    resolveActor: async (_k, req) => actors[String(req.headers['x-test-actor'])],
    routes: [registerIndicatorRoutes],
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('GET /api/v1/indicators', () => {
  it('lists every declared indicator with its current 口径 and the options', async () => {
    const res = await get('/api/v1/indicators', 'city');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { key: string; variant: string | null; variants: { key: string }[]; type: string }[];
    expect(list.map((i) => i.key)).toContain('tst.correction_rate');
    const cr = list.find((i) => i.key === 'tst.correction_rate')!;
    expect(cr).toMatchObject({ type: 'tst_review', unit: 'percent', version: '2021.1', variant: 'standard', source: '行政复议法 第六十三条至第六十七条' });
    expect(cr.variants.map((v) => v.key)).toEqual(['standard', 'with_void', 'all_concluded']);
    expect(list.find((i) => i.key === 'tst.concluded')).toMatchObject({ variant: null, variants: [] });
  });

  it('401 without a session, 403 without indicator.read', async () => {
    expect((await get('/api/v1/indicators')).statusCode).toBe(401);
    const res = await get('/api/v1/indicators', 'nobody');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /api/v1/indicators/:key', () => {
  it('computes with the query, grouped', async () => {
    const res = await get('/api/v1/indicators/tst.correction_rate?from=2021-01-01&to=2021-12-31&groupBy=county', 'city');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ key: 'tst.correction_rate', numerator: 1, denominator: 3, value: 33.33, groupBy: 'county' });
    expect(body.groups.find((g: { key: string }) => g.key === R.nanhu)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });

  it('defaults to the current calendar year (kernel today = 2021-06-01) and ignores empty params', async () => {
    const res = await get('/api/v1/indicators/tst.correction_rate?region=&groupBy=', 'city');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: '2021-01-01', to: '2021-12-31', numerator: 1, denominator: 3 });
  });

  it('scope applies: the 海宁 officer gets 海宁 only', async () => {
    const res = await get('/api/v1/indicators/tst.correction_rate?from=2021-01-01&to=2021-12-31', 'haining');
    expect(res.json()).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('400 with field errors for bad params', async () => {
    const cases: [string, string][] = [
      ['from=2021-13-01', 'from'],
      ['from=2021-02-29', 'from'],
      ['from=2021-06-01&to=2021-01-01', 'to'],
      ['groupBy=year', 'groupBy'],
      ['region=abc', 'region'],
      ['region=999999', 'region'],
      ['agency=x', 'agency'],
      ['agencyRole=boss', 'agencyRole'],
      ['colour=red', 'colour'],
    ];
    for (const [qs, path] of cases) {
      const res = await get(`/api/v1/indicators/tst.correction_rate?${qs}`, 'city');
      expect([qs, res.statusCode]).toEqual([qs, 400]);
      expect(paths(res)).toContain(path);
      expect(res.json().errors[0].zh).toBeTruthy();
    }
  });

  it('404 for an unknown key (after the permission check)', async () => {
    expect((await get('/api/v1/indicators/nope.rate', 'city')).statusCode).toBe(404);
    expect((await get('/api/v1/indicators/nope.rate', 'nobody')).statusCode).toBe(403);
  });
});

describe('GET /api/v1/indicators/:key/records', () => {
  it('lists the rows behind the numerator and denominator, per group', async () => {
    const base = '/api/v1/indicators/tst.correction_rate/records?from=2021-01-01&to=2021-12-31';
    const num = await get(`${base}&part=numerator`, 'city');
    expect(num.statusCode).toBe(200);
    expect(num.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(num.json().items[0]).toMatchObject({ regionCode: R.nanhu, outcome: 'revoke', closedOn: '2021-02-01' });
    const den = await get(`${base}&part=denominator&group=${R.nanhu}`, 'city');
    expect(den.json().total).toBe(2);
    const page = await get(`${base}&part=denominator&page=2&pageSize=2`, 'city');
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.json().items).toHaveLength(1);
  });

  it('400 on a missing or bad part, bad page, bad group; 404 unknown key', async () => {
    const base = '/api/v1/indicators/tst.correction_rate/records?from=2021-01-01&to=2021-12-31';
    expect(paths(await get(base, 'city'))).toContain('part');
    expect(paths(await get(`${base}&part=both`, 'city'))).toContain('part');
    expect(paths(await get(`${base}&part=numerator&page=0`, 'city'))).toContain('page');
    expect(paths(await get(`${base}&part=numerator&pageSize=1000`, 'city'))).toContain('pageSize');
    expect(paths(await get(`${base}&part=numerator&group=drop%20table`, 'city'))).toContain('group');
    expect(paths(await get('/api/v1/indicators/tst.concluded/records?part=denominator', 'city'))).toContain('part');
    expect((await get('/api/v1/indicators/nope/records?part=numerator', 'city')).statusCode).toBe(404);
    expect((await get(`${base}&part=numerator`, 'nobody')).statusCode).toBe(403);
  });
});

describe('PUT /api/v1/indicators/:key/variant', () => {
  it('needs admin.settings; validates; switches; audits', async () => {
    const url = '/api/v1/indicators/tst.correction_rate/variant';
    expect((await put(url, { variant: 'all_concluded' })).statusCode).toBe(401);
    expect((await put(url, { variant: 'all_concluded' }, 'city')).statusCode).toBe(403);
    expect(paths(await put(url, { variant: 'bogus' }, 'admin'))).toContain('variant');
    expect((await put(url, { variant: 'all_concluded', extra: 1 }, 'admin')).statusCode).toBe(400);
    expect((await put(url, {}, 'admin')).statusCode).toBe(400);
    expect((await put('/api/v1/indicators/nope/variant', { variant: 'x' }, 'admin')).statusCode).toBe(404);
    expect((await put('/api/v1/indicators/tst.concluded/variant', { variant: 'x' }, 'admin')).statusCode).toBe(409);

    const ok = await put(url, { variant: 'with_void' }, 'admin');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ key: 'tst.correction_rate', variant: 'with_void' });
    const fig = await get('/api/v1/indicators/tst.correction_rate?from=2021-01-01&to=2021-12-31', 'city');
    expect(fig.json()).toMatchObject({ variant: 'with_void' });
    const audit = await rows<{ actor_label: string }>(db.orm, sql`select actor_label from audit_log where action = 'setting_change'`);
    expect(audit.map((a) => a.actor_label)).toEqual(['设置管理员']);
    await put(url, { variant: 'standard' }, 'admin');
  });
});

describe('GET /api/v1/cockpit', () => {
  it('headline rates with byCounty and byMonth, plus counts, from the configured keys', async () => {
    await putSetting(db.orm, 'cockpit.keys', { headline: ['tst.correction_rate', 'missing.key'], counts: ['tst.concluded'] });
    const res = await get('/api/v1/cockpit?year=2021', 'cockpit');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2021, from: '2021-01-01', to: '2021-12-31' });
    expect(body.headline).toHaveLength(1);
    expect(body.headline[0]).toMatchObject({ key: 'tst.correction_rate', numerator: 1, denominator: 3, value: 33.33 });
    expect(body.headline[0].byMonth).toHaveLength(12);
    expect(body.headline[0].byCounty.find((g: { key: string }) => g.key === R.haining)).toMatchObject({ numerator: 0, denominator: 1 });
    expect(body.counts).toEqual([{ key: 'tst.concluded', label: { zh: '审结数', en: 'Concluded' }, unit: 'count', value: 3 }]);

    const y2022 = await get(`/api/v1/cockpit?year=2022&region=${R.haining}`, 'city');
    expect(y2022.json().headline[0]).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
  });

  it('default keys that no module declares are skipped rather than failing', async () => {
    await db.orm.execute(sql`delete from setting where key = 'cockpit.keys'`);
    const res = await get('/api/v1/cockpit', 'city');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2021, headline: [], counts: [] });
  });

  it('401 / 403 / 400', async () => {
    expect((await get('/api/v1/cockpit?year=2021')).statusCode).toBe(401);
    expect((await get('/api/v1/cockpit?year=2021', 'nobody')).statusCode).toBe(403);
    expect(paths(await get('/api/v1/cockpit?year=twenty', 'city'))).toContain('year');
    expect(paths(await get('/api/v1/cockpit?year=1066', 'city'))).toContain('year');
    expect(paths(await get('/api/v1/cockpit?region=330400x', 'city'))).toContain('region');
  });
});
