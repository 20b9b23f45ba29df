import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import type { App } from '../../src/kernel/http/app.js';
import { createUser } from '../../src/kernel/identity/users.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { manifests } from '../../src/modules/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency } from './fixtures.js';

/**
 * Data scope on every route that can reveal a case: a 海宁市 officer sees 海宁市 and below, never
 * 桐乡市; an agency-only 法制员 sees only cases of their agency. Out of scope reads as not found.
 */
let k: Kernel;
let app: App;
const PASSWORD = 'scope-test-2026';
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  k = await testKernel(manifests);
  const hnGov = await insertAgency(k.db.orm, '海宁市人民政府', '330481', 'government', '宁');
  const txGov = await insertAgency(k.db.orm, '桐乡市人民政府', '330483', 'government', '桐');
  const hnBureau = await insertAgency(k.db.orm, '海宁市市场监督管理局', '330481', 'department', '宁市监');
  const hnPolice = await insertAgency(k.db.orm, '嘉兴市公安局海宁市分局', '330481', 'department', '宁公');
  const system = actor();
  const recon = (agencyId: string, respondentAgencyId: string, name: string) =>
    k.db.tx((tx) =>
      createCase(k, tx, {
        type: 'reconsideration',
        input: {
          applicant: { kind: 'person', name, idNumber: '11010519491231002X', phone: '13800138000', address: '某路1号' },
          respondentAgencyId,
          agencyId,
          act: { description: '行政处罚决定', actDate: '2021-05-01', knownOn: '2021-05-02' },
          request: '撤销',
          factsAndReasons: '事实不清',
          channel: 'mail',
          receivedOn: '2021-06-01',
        },
        actor: system,
        source: 'staff',
      }),
    );
  ids.haining = (await recon(hnGov, hnBureau, '海宁申请人')).id;
  ids.hainingPolice = (await recon(hnGov, hnPolice, '海宁另案')).id;
  ids.tongxiang = (await recon(txGov, txGov, '桐乡申请人')).id;
  await k.db.tx(async (tx) => {
    await createUser(tx, { username: 'haining1', displayName: '海宁', password: PASSWORD, roles: ['reconsideration_staff'], regionCode: '330481' });
    await createUser(tx, { username: 'officer', displayName: '法制员', password: PASSWORD, roles: ['legal_officer'], regionCode: '330481', agencyId: hnBureau, agencyOnly: true });
  });
  app = await createApp(k);
  for (const u of ['haining1', 'officer']) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } });
    cookies[u] = String(r.headers['set-cookie']).split(';')[0];
  }
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });

describe('scope on every route that can reveal a case', () => {
  it('lists, to-do and export show only the officer’s subtree', async () => {
    const list = (await get('haining1', '/api/v1/cases?pageSize=200')).json();
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.haining, ids.hainingPolice].sort());
    const todo = (await get('haining1', '/api/v1/todo')).json();
    expect(todo.items.map((i: { id: string }) => i.id)).not.toContain(ids.tongxiang);
    const search = (await get('haining1', '/api/v1/cases?q=%E6%A1%90%E4%B9%A1')).json();
    expect(search.total).toBe(0);
    const xlsx = await get('haining1', '/api/v1/cases/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(3); // header + the two 海宁 cases
    expect(JSON.stringify(wb.worksheets[0].getSheetValues())).not.toContain('桐乡');
  });

  it('a case out of scope is not found — page, action, document, attachment, link', async () => {
    expect((await get('haining1', `/api/v1/cases/${ids.tongxiang}`)).statusCode).toBe(404);
    expect((await get('haining1', `/api/v1/cases/${ids.tongxiang}/documents/acceptance_notice`)).statusCode).toBe(404);
    expect((await get('haining1', `/api/v1/cases/${ids.tongxiang}/attachments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const action = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids.tongxiang}/actions/accept`,
      headers: { cookie: cookies.haining1 },
      payload: { version: 1, input: { acceptedOn: '2021-06-02', procedure: 'ordinary' } },
    });
    expect(action.statusCode).toBe(404);
    const link = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids.haining}/links`,
      headers: { cookie: cookies.haining1 },
      payload: { toCaseId: ids.tongxiang, relation: 'followed_by_suit' },
    });
    expect(link.statusCode).toBe(404);
    expect((await get('haining1', `/api/v1/cases/${ids.tongxiang}`)).body).not.toContain('桐乡申请人');
  });

  it('indicator figures and their records count only what the officer may see', async () => {
    const r = (await get('haining1', '/api/v1/indicators/reconsideration.applications?from=2021-01-01&to=2021-12-31')).json();
    expect(r.value).toBe(2);
    const recs = (await get('haining1', '/api/v1/indicators/reconsideration.applications/records?part=numerator&from=2021-01-01&to=2021-12-31')).json();
    expect(recs.items.map((i: { id: string }) => i.id)).not.toContain(ids.tongxiang);
  });

  it('an agency-only 法制员 sees the cases of their agency and nothing else in the same county', async () => {
    const list = (await get('officer', '/api/v1/cases?pageSize=200')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([ids.haining]);
    expect((await get('officer', `/api/v1/cases/${ids.hainingPolice}`)).statusCode).toBe(404);
    expect((await get('officer', `/api/v1/cases/${ids.haining}`)).statusCode).toBe(200);
  });
});
