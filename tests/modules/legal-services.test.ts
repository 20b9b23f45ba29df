import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { makeCreditCode } from '../../src/kernel/org/validators.js';
import { registerRegisterRoutes } from '../../src/kernel/registers/routes.js';
import { legalServicesModule } from '../../src/modules/legal-services/index.js';
import { enterpriseInput, healthCheckInput } from '../../src/modules/legal-services/schemas.js';
import { actor, testKernel } from '../support/kernel.js';
import { unlabelledFields } from './helpers.js';

/** 企业法律服务: Excel import of enterprises (dry run, all or nothing), guideline pushes, export. */
const staff = actor({ permissions: ['legal_services.*'] });
const grid = actor({ permissions: ['legal_services.consultation.read', 'legal_services.consultation.write'] });
const actors: Record<string, Actor> = { staff, grid };
const TOWN = '330402007';
const code = (n: number, region = '330402') => makeCreditCode(`91${region}${String(n).padStart(8, '0')}X`);

let k: Kernel;
let app: App;
const req = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
  app.inject({ method, url, headers: { 'x-test-actor': who }, ...(payload !== undefined ? { payload: payload as object } : {}) });

function upload(url: string, csv: string, who = 'staff') {
  const boundary = '----fz';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url, headers: { 'x-test-actor': who, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

const count = async (key: string) => (await req('GET', `/api/v1/registers/${key}/count`, 'staff')).json().total as number;

beforeAll(async () => {
  k = await testKernel([], {}, legalServicesModule.registers);
  app = await buildApp(k, { resolveActor: async (_k, r) => actors[String(r.headers['x-test-actor'])], routes: [registerRegisterRoutes, ...legalServicesModule.routes!] });
});
afterAll(async () => {
  await app?.close();
  await k?.db.close();
});

describe('forms', () => {
  it('every field carries a zh title and an en label', () => {
    expect(unlabelledFields(enterpriseInput)).toEqual([]);
    expect(unlabelledFields(healthCheckInput)).toEqual([]);
  });
});

describe('import enterprises from a spreadsheet', () => {
  const header = '企业名称,统一社会信用代码,行业,规模,regionCode,联系电话';
  const good = (n: number) => `企业${n},${code(n)},manufacturing,small,${TOWN},13800138000`;

  it('a dry run reports every bad row with row number, field and both languages, and writes nothing', async () => {
    const csv = [header, good(1), `企业2,BADCODE,manufacturing,small,${TOWN},13800138000`, good(1), `企业4,${code(4)},mining,small,999999999,123`].join('\n');
    const res = await upload('/api/v1/registers/enterprise/import?dryRun=1', csv);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ dryRun: true, total: 4, ok: 1, failed: 3 });
    expect(r.rows.map((x: { row: number }) => x.row)).toEqual([3, 4, 5]);
    expect(r.rows[0].errors[0]).toMatchObject({ path: 'creditCode' });
    expect(r.rows[0].errors[0].zh).toContain('统一社会信用代码');
    expect(r.rows[1].errors[0].zh).toContain('第 1 条重复');
    expect(r.rows[2].errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['industry', 'contactPhone']));
    expect(await count('enterprise')).toBe(0);
  });

  it('a commit with a bad row writes nothing; a clean sheet writes all rows, audited', async () => {
    const bad = await upload('/api/v1/registers/enterprise/import?dryRun=0', [header, good(1), `x,BAD,manufacturing,small,${TOWN},`].join('\n'));
    expect(bad.json()).toMatchObject({ failed: 1 });
    expect(await count('enterprise')).toBe(0);
    const ok = await upload('/api/v1/registers/enterprise/import?dryRun=0', [header, ...Array.from({ length: 30 }, (_, i) => good(i + 1))].join('\n'));
    expect(ok.json()).toMatchObject({ created: 30, failed: 0 });
    expect(await count('enterprise')).toBe(30);
    const a = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from audit_log where action = 'import' and target = 'register:enterprise'`);
    expect(a!.n).toBe(1);
  });

  it('consultations import by credit code; an unknown enterprise is a row error', async () => {
    const csv = ['enterprise,channel,topic,question,answer,answeredBy,consultedOn,durationMinutes', `${code(1)},phone,labour,问题,答复,王律师,2021-03-01,15`, `${code(999)},phone,labour,问题,答复,王律师,2021-03-01,15`].join('\n');
    const r = (await upload('/api/v1/registers/consultation/import?dryRun=1', csv)).json();
    expect(r.rows).toEqual([{ row: 3, errors: [expect.objectContaining({ path: 'enterprise' })] }]);
  });

  it('403 without the register write permission', async () => {
    expect((await upload('/api/v1/registers/enterprise/import', [header, good(99)].join('\n'), 'grid')).statusCode).toBe(403);
  });
});

describe('guideline pushes', () => {
  let guideline: string;
  beforeAll(async () => {
    const g = await req('POST', '/api/v1/registers/guideline', 'staff', { title: '劳动用工指引', topic: 'labour', issuedOn: '2021-02-01', summary: '要点' });
    guideline = g.json().id;
  });

  it('previews the target set, then creates the push and one delivery per enterprise in one transaction', async () => {
    const target = { industries: ['manufacturing'], regionCodes: ['330402'] };
    expect((await req('POST', '/api/v1/legal-services/pushes/preview', 'staff', { target })).json()).toEqual({ count: 30 });
    expect((await req('POST', '/api/v1/legal-services/pushes/preview', 'staff', { target: { industries: ['tech'] } })).json()).toEqual({ count: 0 });
    const res = await req('POST', '/api/v1/legal-services/pushes', 'staff', { guideline, target, pushedOn: '2021-03-01', channel: 'sms', limit: 25 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deliveries: 25, push: { title: '劳动用工指引' } });
    const list = await req('GET', `/api/v1/registers/delivery?parent=${res.json().pushId}&limit=200`, 'staff');
    expect(list.json().items).toHaveLength(25);
    expect(list.json().items[0]).toMatchObject({ status: 'sent', regionCode: TOWN });
  });

  it('an empty target set or an unknown guideline is a 400 and writes nothing', async () => {
    const before = await count('push');
    const empty = await req('POST', '/api/v1/legal-services/pushes', 'staff', { guideline, target: { industries: ['tech'] }, pushedOn: '2021-03-01', channel: 'sms' });
    expect(empty.statusCode).toBe(400);
    const unknown = await req('POST', '/api/v1/legal-services/pushes', 'staff', { guideline: 'nope', target: {}, pushedOn: '2021-03-01', channel: 'sms' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('0.guideline');
    expect(await count('push')).toBe(before);
    expect((await req('POST', '/api/v1/legal-services/pushes', 'grid', { guideline, target: {}, pushedOn: '2021-03-01', channel: 'sms' })).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('exports the list as xlsx with personal data masked, audited', async () => {
    const res = await req('GET', '/api/v1/registers/enterprise/export.xlsx', 'staff');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.includes(Buffer.from('13800138000'))).toBe(false);
    const a = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from audit_log where action = 'export' and target = 'register:enterprise'`);
    expect(a!.n).toBe(1);
  });
});
