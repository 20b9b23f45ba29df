import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, sql } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { createAgency } from '../../src/kernel/org/agencies.js';
import { makeCreditCode } from '../../src/kernel/org/validators.js';
import { testDb } from '../support/db.js';
import { loginCookie, makeUser, testApp, testKernel } from '../identity/helpers.js';

let db: Db;
let app: App;
let admin: string;
let reader: string;

const CODE_A = makeCreditCode('11330481002500001');
const CODE_B = makeCreditCode('11330483002500002');

beforeAll(async () => {
  db = await testDb();
  app = await testApp(testKernel(db));
  await makeUser(db, { username: 'admin', roles: ['admin'] });
  await makeUser(db, { username: 'reader', roles: ['leader'] });
  admin = await loginCookie(app, 'admin');
  reader = await loginCookie(app, 'reader');
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const post = (payload: Record<string, unknown>, cookie = admin) => app.inject({ method: 'POST', url: '/api/v1/agencies', payload, headers: { cookie } });

describe('agencies', () => {
  let haining: string;

  it('creates an agency (201) with the region name in the answer', async () => {
    const r = await post({ name: '海宁市司法局', shortName: '海宁司法', kind: 'justice_bureau', regionCode: '330481', creditCode: CODE_A.toLowerCase(), abbr: '海' });
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ name: '海宁市司法局', shortName: '海宁司法', kind: 'justice_bureau', regionCode: '330481', regionName: '海宁市', creditCode: CODE_A, abbr: '海' });
    haining = a.id;
    const audit = await one(db.orm, sql`select action, target from audit_log where target = ${`agency:${a.id}`}`);
    expect(audit).toEqual({ action: 'agency_change', target: `agency:${a.id}` });
  });

  it('createAgency for the demo generator (no actor) defaults kind to department', async () => {
    const a = await db.tx((tx) => createAgency(tx, { name: '桐乡市市场监督管理局', regionCode: '330483', creditCode: CODE_B }));
    expect(a.kind).toBe('department');
  });

  it('duplicate credit code → 409', async () => {
    const r = await post({ name: '另一个机关', regionCode: '330481', creditCode: CODE_A });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ type: 'https://fazhi.dev/problems/duplicate-credit-code', existingId: haining });
  });

  it('same name in the same region → 409; the same name elsewhere is fine', async () => {
    expect((await post({ name: '海宁市司法局', regionCode: '330481' })).statusCode).toBe(409);
    expect((await post({ name: '海宁市司法局', regionCode: '330483' })).statusCode).toBe(201);
  });

  it('an invalid credit code, an unknown region and unknown fields are 400 field errors', async () => {
    const r = await post({ name: 'X局', regionCode: '330481', creditCode: CODE_A.slice(0, 17) + (CODE_A[17] === '0' ? '1' : '0') });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ path: 'creditCode' });
    const r2 = await post({ name: 'X局', regionCode: '999999' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors).toEqual([expect.objectContaining({ path: 'regionCode', zh: '区划代码不存在' })]);
    const r3 = await post({ name: 'X局', regionCode: '330481', colour: 'red' });
    expect(r3.statusCode).toBe(400);
    const r4 = await post({ name: '', regionCode: '330481', kind: 'castle' });
    expect(r4.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name']);
  });

  it('403 for a user without admin.agencies, 401 without a session', async () => {
    expect((await post({ name: 'Y局', regionCode: '330481' }, reader)).statusCode).toBe(403);
    const r = await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: 'Y局', regionCode: '330481' } });
    expect(r.statusCode).toBe(401);
    const p = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { abbr: 'x' }, headers: { cookie: reader } });
    expect(p.statusCode).toBe(403);
  });

  it('PATCH changes only what it names; a parent must exist and cannot be itself or below it', async () => {
    const child = (await post({ name: '海宁市司法局法律援助中心', regionCode: '330481', parentId: haining })).json();
    const r = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { abbr: '海司' }, headers: { cookie: admin } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ abbr: '海司', kind: 'justice_bureau', creditCode: CODE_A, shortName: '海宁司法' });

    const self = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { parentId: haining }, headers: { cookie: admin } });
    expect(self.statusCode).toBe(400);
    const cycle = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { parentId: child.id }, headers: { cookie: admin } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0].path).toBe('parentId');
    const ghost = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { parentId: crypto.randomUUID() }, headers: { cookie: admin } });
    expect(ghost.statusCode).toBe(400);
  });

  it('PATCH of a missing agency → 404, a credit code taken by another → 409', async () => {
    const missing = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${crypto.randomUUID()}`, payload: { abbr: 'x' }, headers: { cookie: admin } });
    expect(missing.statusCode).toBe(404);
    const notUuid = await app.inject({ method: 'PATCH', url: '/api/v1/agencies/abc', payload: { abbr: 'x' }, headers: { cookie: admin } });
    expect(notUuid.statusCode).toBe(404);
    const taken = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${haining}`, payload: { creditCode: CODE_B }, headers: { cookie: admin } });
    expect(taken.statusCode).toBe(409);
  });

  it('GET lists for any logged-in user, filtered by region subtree and text', async () => {
    expect((await app.inject({ url: '/api/v1/agencies' })).statusCode).toBe(401);
    const all = (await app.inject({ url: '/api/v1/agencies', headers: { cookie: reader } })).json() as { name: string; regionCode: string }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const hn = (await app.inject({ url: '/api/v1/agencies?region=330481', headers: { cookie: reader } })).json() as { regionCode: string }[];
    expect(hn.length).toBeGreaterThan(0);
    expect(hn.every((a) => a.regionCode.startsWith('330481'))).toBe(true);
    const city = (await app.inject({ url: '/api/v1/agencies?region=330400', headers: { cookie: reader } })).json() as unknown[];
    expect(city).toHaveLength(all.length);
    const q = (await app.inject({ url: `/api/v1/agencies?q=${encodeURIComponent('市场监督')}`, headers: { cookie: reader } })).json() as { name: string }[];
    expect(q.map((a) => a.name)).toEqual(['桐乡市市场监督管理局']);
    const pct = (await app.inject({ url: '/api/v1/agencies?q=%25', headers: { cookie: reader } })).json() as unknown[];
    expect(pct).toEqual([]);
    const byCode = (await app.inject({ url: `/api/v1/agencies?q=${CODE_B}`, headers: { cookie: reader } })).json() as { creditCode: string }[];
    expect(byCode.map((a) => a.creditCode)).toEqual([CODE_B]);
  });
});
