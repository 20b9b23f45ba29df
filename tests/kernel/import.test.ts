import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { importCases, importColumns, readRows, templateWorkbook } from '../../src/kernel/cases/import.js';
import { one, sql } from '../../src/kernel/db/client.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { makeCreditCode } from '../../src/kernel/org/validators.js';
import { registerImportRoutes } from '../../src/kernel/cases/import-routes.js';
import { buildApp } from '../../src/kernel/http/app.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency } from './fixtures.js';

/** Bulk import of historical cases: the spreadsheet follows the create form; `_actions` replays history. */
let k: Kernel;
let gov: string;
let bureau: string;
const staff = actor();

beforeAll(async () => {
  k = await testKernel([reconsiderationModule.manifest]);
  gov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  bureau = await insertAgency(k.db.orm, '嘉兴市市场监督管理局', '330400', 'department', '嘉市监');
});
afterAll(() => k.db.close());

const count = async () => Number((await one<{ n: string }>(k.db.orm, sql`select count(*) as n from fz_case`))!.n);

function csv(rows: Record<string, string>[]): Buffer {
  const cols = importColumns(k, 'reconsideration').map((c) => c.path);
  const esc = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return Buffer.from([cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c] ?? '')).join(','))].join('\n'));
}

const person = (over: Record<string, string> = {}) => ({
  'applicant.kind': 'person',
  'applicant.name': '张三',
  'applicant.idNumber': '11010519491231002X',
  'applicant.phone': '13800138000',
  'applicant.address': '嘉兴市南湖区某路1号',
  respondentAgencyId: bureau,
  agencyId: gov,
  'act.description': '行政处罚决定',
  'act.actDate': '2020-11-01',
  'act.knownOn': '2020-11-03',
  request: '撤销行政处罚决定',
  factsAndReasons: '事实不清',
  channel: 'mail',
  receivedOn: '2020-11-20',
  ...over,
});
const company = { 'applicant.kind': 'org', 'applicant.name': '嘉兴市某某有限公司', 'applicant.creditCode': makeCreditCode('91330400MA2B00001'), 'applicant.legalRepresentative': '李四', 'applicant.phone': '13900139000', 'applicant.address': '嘉兴市某路2号' };

/** A company applicant: the person-only columns stay empty, as they would in a real sheet. */
const companyRow = (over: Record<string, string> = {}) => {
  const { 'applicant.idNumber': _id, ...rest } = person();
  return { ...rest, ...company, ...over };
};

const concludedHistory = JSON.stringify([
  { action: 'accept', input: { acceptedOn: '2020-11-23', procedure: 'ordinary' } },
  { action: 'notify_respondent', input: { sentOn: '2020-11-24', method: 'electronic' } },
  { action: 'submit_answer', input: { answeredOn: '2020-12-02', evidenceSubmitted: true } },
  { action: 'decide', input: { decidedOn: '2021-01-05', decisionType: 'uphold', findings: '原行政行为事实清楚。', reasoning: '原行政行为合法适当。', approvedBy: 'head' } },
  { action: 'serve', input: { servedOn: '2021-01-07', method: 'mail' } },
]);

describe('import of historical cases', () => {
  it('offers a template whose columns follow the create form, both kinds of applicant included', async () => {
    const cols = importColumns(k, 'reconsideration').map((c) => c.path);
    expect(cols).toEqual(expect.arrayContaining(['applicant.kind', 'applicant.idNumber', 'applicant.creditCode', 'act.knownOn', 'receivedOn', '_actions']));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook(k, 'reconsideration')) as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0].getRow(1).getCell(1).text)).toContain('[applicant.kind]');
  });

  it('dry run reports each row with its field errors and writes nothing', async () => {
    const before = await count();
    const rows = await readRows('cases.csv', csv([person(), { ...person(), 'applicant.idNumber': '110105194912310021' }, companyRow({ _actions: '[oops' })]));
    const r = await importCases(k, 'reconsideration', rows, staff, true);
    expect(r).toMatchObject({ dryRun: true, total: 3, ok: 1, failed: 2 });
    expect(r.rows[1]).toMatchObject({ row: 3, ok: false });
    expect(r.rows[1].errors.map((e) => e.path)).toContain('applicant.idNumber');
    expect(r.rows[2].errors[0].path).toBe('_actions');
    expect(await count()).toBe(before);
  });

  it('a commit is all or nothing', async () => {
    const before = await count();
    const rows = await readRows('cases.csv', csv([person(), { ...person(), receivedOn: '2020-02-30' }]));
    const r = await importCases(k, 'reconsideration', rows, staff, false);
    expect(r.failed).toBe(1);
    expect(r.created).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('imports open and concluded cases, replaying their history through the engine', async () => {
    const rows = await readRows('cases.csv', csv([person(), companyRow({ _actions: concludedHistory })]));
    const r = await importCases(k, 'reconsideration', rows, staff, false);
    expect(r.rows.flatMap((x) => x.errors)).toEqual([]);
    expect(r).toMatchObject({ ok: 2, failed: 0, created: 2 });
    const done = await one<{ state: string; outcome: string; closed_on: string; number: string }>(
      k.db.orm,
      sql`select state, outcome, closed_on::text, number from fz_case where id = ${r.rows[1].caseId}`,
    );
    expect(done).toMatchObject({ state: 'concluded', outcome: 'uphold', closed_on: '2021-01-07' });
    expect(done!.number).toMatch(/^嘉复〔2020〕\d+号$/);
    expect((await verifyAudit(k.db.orm)).ok).toBe(true);
  });

  it('over HTTP: multipart upload, dry run by default, clear errors for the wrong file', async () => {
    const app = await buildApp(k, { resolveActor: async () => staff, routes: [registerImportRoutes] });
    const upload = (name: string, content: Buffer, q = '') => {
      const b = '----fzimport';
      const payload = Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return app.inject({ method: 'POST', url: `/api/v1/import/reconsideration${q}`, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    };
    const before = await count();
    const dry = await upload('cases.csv', csv([person()]));
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, ok: 1, failed: 0 });
    expect(await count()).toBe(before);
    expect((await upload('cases.pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(415);
    expect((await app.inject({ method: 'POST', url: '/api/v1/import/reconsideration', payload: { a: 1 } })).statusCode).toBe(415);
    expect((await app.inject({ method: 'GET', url: '/api/v1/import/nope/template.xlsx' })).statusCode).toBe(404);
    await app.close();
  });
});
