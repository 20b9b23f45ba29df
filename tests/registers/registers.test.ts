import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import { registerIndicatorRoutes } from '../../src/kernel/indicators/routes.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { makeCreditCode } from '../../src/kernel/org/validators.js';
import { insertEntries } from '../../src/kernel/registers/insert-entries.js';
import { RegisterRegistry } from '../../src/kernel/registers/registry.js';
import { registerRegisterRoutes } from '../../src/kernel/registers/routes.js';
import { legalServicesModule } from '../../src/modules/legal-services/index.js';
import { actor, testKernel } from '../support/kernel.js';

/** The register service over HTTP, on the enterprise legal-services registers. */
const NANHU_TOWN = '330402007';
const HAINING_TOWN = '330481001';
const city = actor({ permissions: ['legal_services.*', 'indicator.read'] });
const nanhu = actor({ id: '22222222-2222-4222-8222-222222222222', permissions: ['legal_services.*', 'indicator.read'], regionCode: '330402', regionPath: '/330000/330400/330402/' });
const reader = actor({ permissions: ['legal_services.enterprise.read'] });
const actors: Record<string, Actor> = { city, nanhu, reader };

let k: Kernel;
let app: App;
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: unknown) =>
  app.inject({ method, url, headers: who ? { 'x-test-actor': who } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
const code = (n: number, region = '330402') => makeCreditCode(`91${region}${String(n).padStart(8, '0')}X`);
const enterprise = (n: number, over: Record<string, unknown> = {}) => ({
  name: `嘉兴测试${n}有限公司`,
  creditCode: code(n),
  industry: 'manufacturing',
  scale: 'small',
  regionCode: NANHU_TOWN,
  contactName: '张三丰',
  contactPhone: '13800138000',
  address: '嘉兴市南湖区中山路1号',
  ...over,
});

beforeAll(async () => {
  k = await testKernel([], {}, legalServicesModule.registers);
  app = await buildApp(k, { resolveActor: async (_k, r) => actors[String(r.headers['x-test-actor'])], routes: [registerRegisterRoutes, registerIndicatorRoutes] });
});
afterAll(async () => {
  await app?.close();
  await k?.db.close();
});

describe('registry', () => {
  it('rejects unknown parents, refs and statuses at start-up', () => {
    const base = legalServicesModule.registers![1];
    expect(() => new RegisterRegistry([base])).toThrow(/unknown register enterprise/);
    expect(() => new RegisterRegistry([{ ...base, key: 'x', refs: undefined, regionFrom: undefined, parent: { register: 'nope', label: { zh: '', en: '' } } }])).toThrow(/parent register nope/);
    expect(() => new RegisterRegistry([{ ...base, key: 'x', refs: undefined, regionFrom: undefined, statuses: { a: { zh: 'a', en: 'a' } }, transitions: { a: ['b'] } }])).toThrow(/undeclared status b/);
  });
});

describe('create, read, update', () => {
  let id: string;
  it('creates with 201, masks personal data and keeps it encrypted at rest', async () => {
    const res = await req('POST', '/api/v1/registers/enterprise', 'city', enterprise(1));
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    id = e.id;
    expect(e).toMatchObject({ version: 1, title: '嘉兴测试1有限公司', regionCode: NANHU_TOWN, naturalKey: code(1) });
    expect(e.data.contactPhone).toBe('138****8000');
    expect(e.data.contactName).toBe('张*丰');
    expect(e.history).toHaveLength(1);
    const raw = await one<{ data: string }>(k.db.orm, sql`select data::text as data from register_entry where id = ${id}`);
    expect(raw!.data).not.toContain('13800138000');
    expect(raw!.data).not.toContain('张三丰');
  });

  it('400 with bilingual field messages', async () => {
    const res = await req('POST', '/api/v1/registers/enterprise', 'city', enterprise(2, { creditCode: '91330402MA28XXXXX1', regionCode: '3304', industry: 'x' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['creditCode', 'regionCode', 'industry']));
    expect(res.json().errors[0].zh).toBeTruthy();
  });

  it('409 for a credit code already registered, in Chinese', async () => {
    const res = await req('POST', '/api/v1/registers/enterprise', 'city', enterprise(1, { name: '另一家' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().title_zh).toContain('已存在');
    expect(res.json().errors[0].path).toBe('creditCode');
  });

  it('PATCH with the current version updates and records history; a stale version is 409', async () => {
    const ok = await req('PATCH', `/api/v1/registers/enterprise/${id}`, 'city', { version: 1, scale: 'medium' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, data: { scale: 'medium', contactPhone: '138****8000' } });
    const stale = await req('PATCH', `/api/v1/registers/enterprise/${id}`, 'city', { version: 1, scale: 'large' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2 });
    const h = await req('GET', `/api/v1/registers/enterprise/${id}/history`, 'city');
    expect(h.json().map((x: { action: string }) => x.action)).toEqual(['create', 'update']);
    expect(h.json()[1].change).toEqual({ data: { scale: 'medium' } });
    const bad = await req('PATCH', `/api/v1/registers/enterprise/${id}`, 'city', { version: 2, scale: 'giant' });
    expect(bad.statusCode).toBe(400);
    const noVersion = await req('PATCH', `/api/v1/registers/enterprise/${id}`, 'city', { scale: 'large' });
    expect(noVersion.statusCode).toBe(400);
  });

  it('reveal shows personal data in clear and is audited; without write permission it is 403', async () => {
    const r = await req('GET', `/api/v1/registers/enterprise/${id}?reveal=1`, 'city');
    expect(r.json().data.contactPhone).toBe('13800138000');
    const a = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from audit_log where action = 'read_personal_data' and target = ${`register:enterprise:${id}`}`);
    expect(a!.n).toBe(1);
    expect((await req('GET', `/api/v1/registers/enterprise/${id}?reveal=1`, 'reader')).statusCode).toBe(403);
  });

  it('status changes follow the declared transitions', async () => {
    const ent = await req('POST', '/api/v1/registers/enterprise', 'city', enterprise(3));
    const check = {
      enterprise: ent.json().naturalKey,
      checkedOn: '2021-03-01',
      checkedBy: '李律师',
      items: [{ item: '劳动合同', result: 'risk' }],
      risks: [{ area: '劳动用工', level: 'high', description: '未签书面劳动合同' }],
    };
    const c = await req('POST', '/api/v1/registers/health_check', 'city', check);
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ status: 'checked', regionCode: NANHU_TOWN, refs: { enterprise: ent.json().id } });
    const noFollowUp = await req('PATCH', `/api/v1/registers/health_check/${c.json().id}`, 'city', { version: 1, status: 'rectified' });
    expect(noFollowUp.statusCode).toBe(400);
    expect(noFollowUp.json().errors[0].path).toBe('rectification');
    const done = await req('PATCH', `/api/v1/registers/health_check/${c.json().id}`, 'city', { version: 1, status: 'rectified', rectification: { date: '2021-04-01', note: '已补签' } });
    expect(done.json()).toMatchObject({ status: 'rectified', version: 2 });
    expect(done.json().history[1].action).toBe('update');
    const back = await req('PATCH', `/api/v1/registers/health_check/${c.json().id}`, 'city', { version: 2, status: 'rectifying' });
    expect(back.statusCode).toBe(409);
    expect(back.json().type).toContain('invalid-transition');
  });
});

describe('scope and permissions', () => {
  let hainingId: string;
  beforeAll(async () => {
    const r = await req('POST', '/api/v1/registers/enterprise', 'city', enterprise(10, { regionCode: HAINING_TOWN, creditCode: code(10, '330481') }));
    hainingId = r.json().id;
  });

  it('a county user does not see another county’s entry: 404 on get, absent from list and count', async () => {
    expect((await req('GET', `/api/v1/registers/enterprise/${hainingId}`, 'nanhu')).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/registers/enterprise/${hainingId}`, 'city')).statusCode).toBe(200);
    const list = await req('GET', '/api/v1/registers/enterprise?limit=200', 'nanhu');
    expect(list.json().items.map((e: { id: string }) => e.id)).not.toContain(hainingId);
    const all = (await req('GET', '/api/v1/registers/enterprise/count', 'city')).json().total;
    const mine = (await req('GET', '/api/v1/registers/enterprise/count', 'nanhu')).json().total;
    expect(all - mine).toBe(1);
    const patch = await req('PATCH', `/api/v1/registers/enterprise/${hainingId}`, 'nanhu', { version: 1, scale: 'large' });
    expect(patch.statusCode).toBe(404);
  });

  it('a county user cannot create an entry outside their county', async () => {
    const r = await req('POST', '/api/v1/registers/enterprise', 'nanhu', enterprise(11, { regionCode: HAINING_TOWN, creditCode: code(11, '330481') }));
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('regionCode');
  });

  it('401 without a session, 403 without the register permission, 404 for an unknown register', async () => {
    expect((await req('GET', '/api/v1/registers/enterprise')).statusCode).toBe(401);
    expect((await req('POST', '/api/v1/registers/enterprise', 'reader', enterprise(12))).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/registers/consultation', 'reader')).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/registers/nope', 'city')).statusCode).toBe(404);
    const defs = (await req('GET', '/api/v1/registers', 'reader')).json();
    expect(defs.map((d: { key: string }) => d.key)).toEqual(['enterprise']);
  });

  it('rejects bad filters with 400', async () => {
    expect((await req('GET', '/api/v1/registers/enterprise?status=x', 'city')).statusCode).toBe(400);
    expect((await req('GET', '/api/v1/registers/enterprise?ref.nope=1', 'city')).statusCode).toBe(400);
    expect((await req('GET', '/api/v1/registers/enterprise?cursor=zzz', 'city')).statusCode).toBe(400);
    expect((await req('GET', '/api/v1/registers/enterprise?from=2021-02-30', 'city')).statusCode).toBe(400);
    expect((await req('GET', '/api/v1/registers/enterprise?bogus=1', 'city')).statusCode).toBe(400);
  });
});

describe('bulk path, keyset pagination, filters and indicators', () => {
  const ents: string[] = [];
  beforeAll(async () => {
    await k.db.tx(async (tx) => {
      const r = await insertEntries(
        k,
        tx,
        'enterprise',
        Array.from({ length: 40 }, (_, i) => enterprise(100 + i, { regionCode: i % 4 === 0 ? HAINING_TOWN : NANHU_TOWN, creditCode: code(100 + i, i % 4 === 0 ? '330481' : '330402') })),
        city,
      );
      ents.push(...r.ids);
      const topics = ['labour', 'contract', 'tax'];
      await insertEntries(
        k,
        tx,
        'consultation',
        Array.from({ length: 120 }, (_, i) => ({
          enterprise: ents[i % 40],
          channel: 'phone',
          topic: topics[i % 3],
          question: `问题${i}`,
          answer: '答复',
          answeredBy: '王律师',
          // Many share a date so the keyset tie-break on id is exercised.
          consultedOn: `2021-${String((i % 12) + 1).padStart(2, '0')}-15`,
          durationMinutes: 10,
        })),
        city,
      );
    });
  });

  it('pages through every row exactly once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let prev: { d: string; id: string } | null = null;
    do {
      const url = `/api/v1/registers/consultation?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string; occurredOn: string }[]; nextCursor: string | null } = (await req('GET', url, 'city')).json();
      for (const e of page.items) {
        if (prev) expect(e.occurredOn < prev.d || (e.occurredOn === prev.d && e.id < prev.id)).toBe(true);
        prev = { d: e.occurredOn, id: e.id };
        seen.push(e.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('filters: q, period, region subtree, ref; count agrees with the list', async () => {
    const count = async (qs: string) => (await req('GET', `/api/v1/registers/consultation/count?${qs}`, 'city')).json().total;
    expect(await count('q=劳动用工')).toBe(40);
    expect(await count('from=2021-01-01&to=2021-03-31')).toBe(30);
    expect(await count('region=330481')).toBe(30);
    expect(await count(`ref.enterprise=${ents[1]}`)).toBe(3);
    const list = await req('GET', `/api/v1/registers/consultation?ref.enterprise=${ents[1]}`, 'city');
    expect(list.json().items).toHaveLength(3);
    expect((await req('GET', '/api/v1/registers/consultation/count', 'nanhu')).json().total).toBe(90);
  });

  it('bulk insert is all or nothing and reports every bad row', async () => {
    const before = (await req('GET', '/api/v1/registers/enterprise/count', 'city')).json().total;
    await expect(
      k.db.tx((tx) => insertEntries(k, tx, 'enterprise', [enterprise(500), enterprise(501, { creditCode: 'bad' }), enterprise(500)], city)),
    ).rejects.toMatchObject({ status: 400, opts: { errors: expect.arrayContaining([expect.objectContaining({ path: '1.creditCode' }), expect.objectContaining({ path: '2.creditCode' })]) } });
    expect((await req('GET', '/api/v1/registers/enterprise/count', 'city')).json().total).toBe(before);
  });

  it('register indicators: listed, computed by county and month, and drilled down to the entries', async () => {
    const list = (await req('GET', '/api/v1/indicators', 'city')).json();
    expect(list.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['legal_services.consultations', 'legal_services.read_rate']));
    const r = (await req('GET', '/api/v1/indicators/legal_services.consultations?from=2021-01-01&to=2021-12-31&groupBy=county', 'city')).json();
    expect(r).toMatchObject({ numerator: 120, value: 120, dateField: 'occurred_on' });
    expect(r.groups.find((g: { key: string }) => g.key === '330481').value).toBe(30);
    expect(r.groups.find((g: { key: string }) => g.key === '330402').value).toBe(90);
    const m = (await req('GET', '/api/v1/indicators/legal_services.consultations?groupBy=month', 'city')).json();
    expect(m.groups).toHaveLength(12);
    expect(m.groups.every((g: { value: number }) => g.value === 10)).toBe(true);
    const recs = (await req('GET', '/api/v1/indicators/legal_services.consultations/records?part=numerator&group=330481&pageSize=5', 'city')).json();
    expect(recs.total).toBe(30);
    expect(recs.items).toHaveLength(5);
    expect((await req('GET', '/api/v1/indicators/legal_services.consultations', 'nanhu')).json().value).toBe(90);
    expect((await req('GET', '/api/v1/indicators/legal_services.consultations?groupBy=agency', 'city')).statusCode).toBe(400);
    expect((await req('GET', '/api/v1/indicators/legal_services.consultations/records?part=denominator', 'city')).statusCode).toBe(400);
  });
});
