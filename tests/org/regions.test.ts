import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, rows, sql } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { cityRegions, parseCsv, seedRegions } from '../../src/kernel/org/seed.js';
import { testDb } from '../support/db.js';
import { loginCookie, makeUser, testApp, testKernel } from '../identity/helpers.js';

let db: Db;
let app: App;
let cookie: string;

beforeAll(async () => {
  db = await testDb(); // baseline already seeded 嘉兴 (3304)
  app = await testApp(testKernel(db));
  await makeUser(db, { username: 'reader', roles: ['leader'], regionCode: '330481' });
  cookie = await loginCookie(app, 'reader');
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('seedRegions (嘉兴市, GB/T 2260 + NBS town codes)', () => {
  it('has the province, the city, 7 county-level units and 72 towns/streets', async () => {
    const byLevel = await rows<{ level: string; n: number }>(
      db.orm,
      sql`select level, count(*)::int as n from region group by level order by level`,
    );
    expect(Object.fromEntries(byLevel.map((r) => [r.level, r.n]))).toEqual({ province: 1, city: 1, county: 7, town: 72 });
    expect(await one(db.orm, sql`select name, level, parent_code as "parentCode", path from region where code = '330000'`)).toEqual({
      name: '浙江省', level: 'province', parentCode: null, path: '/330000/',
    });
    expect(await one(db.orm, sql`select name, path from region where code = '330400'`)).toEqual({ name: '嘉兴市', path: '/330000/330400/' });
    expect(await one(db.orm, sql`select name, parent_code as "parentCode", path from region where code = '330402007'`)).toEqual({
      name: '建设街道', parentCode: '330402', path: '/330000/330400/330402/330402007/',
    });
  });

  it('town counts per county match the NBS list (南湖 13, 秀洲 9, 嘉善 9, 海盐 9, 海宁 12, 平湖 9, 桐乡 11)', async () => {
    const r = await rows<{ code: string; n: number }>(
      db.orm,
      sql`select parent_code as code, count(*)::int as n from region where level = 'town' group by parent_code order by 1`,
    );
    expect(r).toEqual([
      { code: '330402', n: 13 }, { code: '330411', n: 9 }, { code: '330421', n: 9 }, { code: '330424', n: 9 },
      { code: '330481', n: 12 }, { code: '330482', n: 9 }, { code: '330483', n: 11 },
    ]);
  });

  it('is idempotent and repairs an edited name', async () => {
    const before = await one<{ n: number }>(db.orm, sql`select count(*)::int as n from region`);
    await db.tx((tx) => tx.execute(sql`update region set name = 'x' where code = '330481'`));
    await seedRegions(db, '3304');
    await seedRegions(db, '3304');
    expect(await one(db.orm, sql`select count(*)::int as n from region`)).toEqual(before);
    expect(await one(db.orm, sql`select name from region where code = '330481'`)).toEqual({ name: '海宁市' });
  });

  it('a second city adds its own subtree under the same province', async () => {
    await seedRegions(db, '3301'); // 杭州市
    const hz = await one<{ path: string; parentCode: string }>(db.orm, sql`select path, parent_code as "parentCode" from region where code = '330100'`);
    expect(hz).toEqual({ path: '/330000/330100/', parentCode: '330000' });
    const bad = await one<{ n: number }>(
      db.orm,
      sql`select count(*)::int as n from region c join region p on p.code = c.parent_code where c.path <> p.path || c.code || '/'`,
    );
    expect(bad!.n).toBe(0);
  });

  it('refuses a malformed or unknown city code', () => {
    expect(() => cityRegions('33')).toThrow(/4 digits/);
    expect(() => cityRegions('9999')).toThrow(/not in the division lists/);
  });

  it('the CSV reader handles quotes, doubled quotes and commas inside quotes', () => {
    expect(parseCsv('code,name\r\n1,"a,b"\n2,"say ""hi"""\n')).toEqual([
      { code: '1', name: 'a,b' },
      { code: '2', name: 'say "hi"' },
    ]);
  });
});

describe('GET /api/v1/regions', () => {
  it('401 without a session', async () => {
    const r = await app.inject({ url: '/api/v1/regions' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('returns the tree as a flat list, parents first', async () => {
    const r = await app.inject({ url: '/api/v1/regions', headers: { cookie } });
    expect(r.statusCode).toBe(200);
    const list = r.json() as { code: string; parentCode: string | null; level: string }[];
    const seen = new Set<string>();
    for (const n of list) {
      if (n.parentCode) expect(seen.has(n.parentCode)).toBe(true);
      seen.add(n.code);
    }
    expect(list[0]).toMatchObject({ code: '330000', level: 'province' });
  });

  it('?parent= gives direct children only', async () => {
    const r = await app.inject({ url: '/api/v1/regions?parent=330481', headers: { cookie } });
    const list = r.json() as { code: string; level: string }[];
    expect(list).toHaveLength(12);
    expect(list.every((n) => n.code.startsWith('330481') && n.level === 'town')).toBe(true);
    const none = await app.inject({ url: '/api/v1/regions?parent=999999', headers: { cookie } });
    expect(none.json()).toEqual([]);
  });
});
