import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { registerCaseRoutes } from '../../src/kernel/cases/routes.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import { createUser } from '../../src/kernel/identity/users.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import { computeIndicator } from '../../src/kernel/indicators/compute.js';
import { sweepExpiredClocks } from '../../src/kernel/jobs/sweep.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { registerPortalRoutes } from '../../src/kernel/portal/routes.js';
import { putSetting } from '../../src/kernel/settings.js';
import { legalAidModule } from '../../src/modules/legal-aid/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, problemOf } from './helpers.js';

/** The manifest on the real engine (today is fixed at 2021-06-30). */
const m = legalAidModule.manifest!;
let k: Kernel;
let app: App;
let nanhuCentre: string;
let cityCentre: string;
let lawyerUser: string;
let lawyerProvider: string;
let volunteerProvider: string;
let inactiveProvider: string;
const staff = actor();
let lawyer: Actor;
const users: Record<string, () => Actor> = { staff: () => staff, lawyer: () => lawyer };

async function provider(name: string, data: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const d = { name, kind: 'lawyer', regionCode: '330402', specialties: [], active: true, ...data };
  await k.db.orm.execute(sql`insert into register_entry (id, register, title, occurred_on, region_code, status, data)
    values (${id}, 'provider', ${name}, '2021-01-01', '330402', ${d.active ? 'active' : 'inactive'}, ${JSON.stringify(d)}::jsonb)`);
  return id;
}

beforeAll(async () => {
  k = await testKernel([m]);
  cityCentre = await insertAgency(k.db.orm, '嘉兴市法律援助中心', '330400', 'department', '嘉');
  nanhuCentre = await insertAgency(k.db.orm, '嘉兴市南湖区法律援助中心', '330402', 'department', '南');
  await putSetting(k.db.orm, 'intake.legal_aid.agency_id', cityCentre);
  await putSetting(k.db.orm, 'intake.legal_aid.agency.330402', nanhuCentre);
  await putSetting(k.db.orm, 'legal_aid.means_threshold.330481', 2500);
  // Agency-only with no agency: the lawyer sees exactly the cases assigned to them.
  lawyerUser = (await k.db.tx((tx) => createUser(tx, { username: 'lvshi', displayName: '李律师', password: 'Fazhi2021demo!', roles: ['aid_lawyer'], regionCode: '330400', agencyOnly: true }))).id;
  lawyer = actor({ id: lawyerUser, username: 'lvshi', roles: ['aid_lawyer'], permissions: ['case.read', 'case.attach', 'legal_aid.report_progress', 'legal_aid.close'], agencyOnly: true, agencyId: null });
  lawyerProvider = await provider('李律师', { licenceNumber: '13304202010000001', firmName: '浙江南湖律师事务所', userId: lawyerUser });
  volunteerProvider = await provider('王志愿', { kind: 'volunteer' });
  inactiveProvider = await provider('赵退休', { licenceNumber: '13304202010000009', active: false });
  app = await buildApp(k, { resolveActor: async (_k, req) => users[String(req.headers['x-test-user'] ?? '')]?.(), routes: [registerCaseRoutes, registerPortalRoutes] });
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

const application = (over: Record<string, unknown> = {}) => ({
  applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '嘉兴市南湖区某路1号' },
  matterType: 'civil',
  subject: 'wages',
  proceeding: 'arbitration',
  handlingAuthority: '嘉兴市南湖区劳动人事争议仲裁委员会',
  opposingParty: '嘉兴某纺织有限公司',
  amountClaimed: 36000,
  facts: '被拖欠工资三个月',
  channel: 'window',
  receivedOn: '2021-05-06',
  regionCode: '330402',
  householdSize: 3,
  householdMonthlyIncome: 4500,
  integrityPledge: true,
  ...over,
});

const version = new Map<string, number>();
async function create(over: Record<string, unknown> = {}) {
  const c = await k.db.tx((tx) => createCase(k, tx, { type: 'legal_aid', input: application(over), actor: staff, source: 'staff' }));
  version.set(c.id, 1);
  return c.id;
}
async function act(id: string, action: string, input: unknown, who: Actor = staff) {
  const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input, version: version.get(id) ?? 1, actor: who }));
  version.set(id, r.version);
  return r;
}
const detail = (id: string) => getCaseDetail(k, k.db.orm, id, staff);
const clock = async (id: string, key: string) => (await detail(id)).clocks.find((c) => c.key === key);
const row = (id: string) =>
  one<{ state: string; outcome: string | null; number: string | null; version: number; agency_id: string; assignee_id: string | null; closed_on: string | null; data: Record<string, any>; attrs: Record<string, any> }>(
    k.db.orm,
    sql`select state, outcome, number, version, agency_id, assignee_id, closed_on::text as closed_on, data, attrs from fz_case where id = ${id}`,
  );
const eventCount = async (id: string) => Number((await one<{ n: string }>(k.db.orm, sql`select count(*) as n from case_event where case_id = ${id}`))!.n);

describe('legal aid through the case engine', () => {
  it('routes by county, runs the means test at intake and again on supplement, then grant → assign → progress → close → rate', async () => {
    const id = await create({ householdMonthlyIncome: 7500 });
    let r = await row(id);
    expect(r?.agency_id).toBe(nanhuCentre);
    expect(r?.data.meansTest).toMatchObject({ required: true, perCapita: 2500, threshold: 2280, thresholdSource: 'legal_aid.means_threshold.default', passed: false });
    expect(r?.attrs).toMatchObject({ means_passed: false, subject: 'wages' });
    // 7 working days from Thu 6 May 2021 (Sat 8 May is a make-up working day).
    expect((await clock(id, 'review'))?.dueOn).toBe('2021-05-14');

    await act(id, 'request_material', { noticeDate: '2021-05-07', items: ['家庭成员收入证明'] });
    expect((await row(id))?.state).toBe('material_requested');
    expect((await clock(id, 'review'))?.status).toBe('paused');
    // 15 days from 7 May → Sat 22 May rolls forward to Mon 24 May.
    expect((await clock(id, 'material'))?.dueOn).toBe('2021-05-24');

    await act(id, 'supplement_material', { receivedOn: '2021-05-12', householdSize: 4, householdMonthlyIncome: 7500 });
    r = await row(id);
    expect(r?.state).toBe('applied');
    expect(r?.data.meansTest).toMatchObject({ perCapita: 1875, passed: true });
    // 8–12 May are not counted: 7, 13, 14, 17, 18, 19, 20 May.
    expect((await clock(id, 'review'))?.dueOn).toBe('2021-05-20');

    await act(id, 'grant', { decidedOn: '2021-05-14', form: 'labour_arbitration' });
    r = await row(id);
    expect(r?.state).toBe('granted');
    expect(r?.number).toBe('南援〔2021〕1号');
    expect(r?.attrs).toMatchObject({ accepted: true, reviewed: true, reviewed_on_time: true, means_override: false });
    expect((await clock(id, 'assignment'))?.dueOn).toBe('2021-05-17');

    await act(id, 'assign', { assignedOn: '2021-05-17', providerId: lawyerProvider });
    r = await row(id);
    expect(r?.state).toBe('assigned');
    expect(r?.assignee_id).toBe(lawyerUser);
    expect(r?.attrs).toMatchObject({ assigned: true, assigned_on_time: true, provider_kind: 'lawyer' });
    expect(r?.data.assignment).toMatchObject({ providerName: '李律师', firmName: '浙江南湖律师事务所' });

    // The aid lawyer reports and closes (their role has exactly these two actions).
    await act(id, 'report_progress', { reportedOn: '2021-05-25', summary: '已提交仲裁申请' }, lawyer);
    expect((await row(id))?.state).toBe('assigned');
    await act(id, 'report_progress', { reportedOn: '2021-06-01', summary: '仲裁调解结案', matterConcluded: true }, lawyer);
    expect((await row(id))?.state).toBe('concluding');
    expect((await clock(id, 'closing_report'))?.dueOn).toBe('2021-06-16');

    const negative = await problemOf(act(id, 'close', { closedOn: '2021-06-10', result: 'mediated', recoveredAmount: -5, report: '调解结案' }, lawyer));
    expect(negative.status).toBe(400);
    expect(negative.opts.errors?.map((e) => e.path)).toEqual(['recoveredAmount']);
    await act(id, 'close', { closedOn: '2021-06-10', result: 'mediated', recoveredAmount: 35000.5, report: '调解结案，对方支付工资' }, lawyer);
    r = await row(id);
    expect(r?.state).toBe('concluded');
    expect(r?.outcome).toBe('mediated');
    expect(r?.closed_on).toBe('2021-06-10');
    expect(r?.attrs).toMatchObject({ recovered_amount: 35000.5, closing_report_on_time: true });

    const party: Actor = { ...actor(), id: '00000000-0000-0000-0000-000000000000', roles: ['party'], permissions: ['legal_aid.rate'] };
    await act(id, 'rate', { satisfaction: 'satisfied', comment: '律师很负责' }, party);
    await act(id, 'quality_check', { checkedOn: '2021-06-20', method: 'file_review', rating: 'good' });
    r = await row(id);
    expect(r?.state).toBe('concluded');
    expect(r?.attrs).toMatchObject({ rated: true, satisfied: true, quality_passed: true });
  });

  it('refuses to grant on a failed means test without a reason, and writes nothing', async () => {
    const id = await create({ householdSize: 1, householdMonthlyIncome: 9000 });
    const before = await row(id);
    const p = await problemOf(act(id, 'grant', { decidedOn: '2021-05-10', form: 'litigation_agency' }));
    expect(p.status).toBe(400);
    expect(p.opts.errors?.[0]).toMatchObject({ path: 'overrideReason' });
    const after = await row(id);
    expect([after?.version, after?.state, after?.number]).toEqual([before?.version, 'applied', null]);
    expect(await eventCount(id)).toBe(1);
    await act(id, 'grant', { decidedOn: '2021-05-10', form: 'litigation_agency', overrideReason: '医疗支出巨大，实际困难' });
    expect((await row(id))?.attrs.means_override).toBe(true);
  });

  it('uses the county threshold setting and skips the test for exempt groups', async () => {
    const haining = await create({ regionCode: '330481', householdSize: 2, householdMonthlyIncome: 4900 });
    expect((await row(haining))?.data.meansTest).toMatchObject({ threshold: 2500, thresholdSource: 'legal_aid.means_threshold.330481', passed: true });
    // No county setting for 海宁's centre: the default agency handles it.
    expect((await row(haining))?.agency_id).toBe(cityCentre);
    const migrant = await create({ exemptGroup: 'migrant_worker', householdSize: 1, householdMonthlyIncome: 20000 });
    expect((await row(migrant))?.data.meansTest).toMatchObject({ required: false, passed: true, exemptBasis: { article: '第四十二条第三项' } });
  });

  it('assigns late (missed) and rejects an unknown or inactive provider with a field message', async () => {
    const id = await create({ receivedOn: '2021-06-01' });
    await act(id, 'grant', { decidedOn: '2021-06-02', form: 'litigation_agency' });
    for (const providerId of [randomUUID(), inactiveProvider]) {
      const p = await problemOf(act(id, 'assign', { assignedOn: '2021-06-03', providerId }));
      expect(p.status).toBe(400);
      expect(p.opts.errors?.map((e) => e.path)).toEqual(['providerId']);
    }
    expect((await row(id))?.state).toBe('granted');
    await act(id, 'assign', { assignedOn: '2021-06-09', providerId: volunteerProvider });
    const r = await row(id);
    expect(r?.attrs).toMatchObject({ assigned: true, assigned_on_time: false, provider_kind: 'volunteer' });
    // A volunteer without an account: nobody is the lead.
    expect(r?.assignee_id).toBeNull();
  });

  it('refusal → objection → 责令改正 → grant with a number; an upheld objection cannot be raised again', async () => {
    const id = await create({ receivedOn: '2021-06-01', householdSize: 1, householdMonthlyIncome: 9000 });
    await act(id, 'refuse', { decidedOn: '2021-06-04', grounds: ['not_in_difficulty'], reasoning: '人均收入高于标准' });
    let r = await row(id);
    expect([r?.state, r?.outcome, r?.number, r?.closed_on]).toEqual(['refused', 'refused', null, '2021-06-04']);
    await act(id, 'object', { receivedOn: '2021-06-07', reasons: '收入计算有误' });
    expect((await row(id))?.state).toBe('objection_review');
    expect((await clock(id, 'objection'))?.dueOn).toBe('2021-06-15'); // 12 June is a Saturday, 14 June 端午节
    await act(id, 'order_correction', { decidedOn: '2021-06-10', reviewer: '嘉兴市南湖区司法局', reasoning: '应扣除医疗支出' });
    r = await row(id);
    expect([r?.state, r?.closed_on]).toEqual(['granted', null]);
    expect(r?.number).toMatch(/^南援〔2021〕\d+号$/);
    expect(r?.attrs.accepted).toBe(true);
    // The correction starts a fresh assignment period (overdue by now: today is 30 June).
    expect(await clock(id, 'assignment')).toMatchObject({ startedOn: '2021-06-10', status: 'overdue' });

    const other = await create({ receivedOn: '2021-06-01' });
    await act(other, 'refuse', { decidedOn: '2021-06-04', grounds: ['no_merit'], reasoning: '缺乏依据' });
    await act(other, 'object', { receivedOn: '2021-06-07', reasons: '不服' });
    await act(other, 'uphold_decision', { decidedOn: '2021-06-09', reviewer: '嘉兴市南湖区司法局', reasoning: '决定正确' });
    expect((await row(other))?.state).toBe('refused');
    const again = await problemOf(act(other, 'object', { receivedOn: '2021-06-10', reasons: '再次不服' }));
    expect(again.code).toBe('objection-decided');
  });

  it('terminates aid (Art 48) and allows an objection to the termination', async () => {
    const id = await create({ receivedOn: '2021-06-01' });
    await act(id, 'grant', { decidedOn: '2021-06-02', form: 'litigation_agency' });
    await act(id, 'assign', { assignedOn: '2021-06-03', providerId: volunteerProvider });
    await act(id, 'terminate', { decidedOn: '2021-06-20', ground: 'own_counsel', reasoning: '受援人自行委托律师' });
    const r = await row(id);
    expect([r?.state, r?.outcome, r?.closed_on]).toEqual(['terminated', 'terminated', '2021-06-20']);
    await act(id, 'object', { receivedOn: '2021-06-21', reasons: '并未委托' });
    expect((await row(id))?.data.objection.against).toBe('terminated');
    await act(id, 'uphold_decision', { decidedOn: '2021-06-23', reviewer: '嘉兴市南湖区司法局', reasoning: '属实' });
    expect((await row(id))?.state).toBe('terminated');
  });

  it('deems an application withdrawn when the material period runs out (Art 43(2))', async () => {
    const id = await create({ receivedOn: '2021-06-01' });
    await act(id, 'request_material', { noticeDate: '2021-06-02', items: ['身份证明'] });
    const denied = await problemOf(act(id, 'deem_withdrawn', { recordedOn: '2021-06-20' }, { ...staff, permissions: ['legal_aid.*'] }));
    expect(denied.status).toBe(403);
    await sweepExpiredClocks(k);
    const r = await row(id);
    expect([r?.state, r?.outcome, r?.closed_on]).toEqual(['withdrawn', 'deemed_withdrawn', '2021-06-17']);
    expect(r?.attrs.accepted).toBeUndefined();
  });
});

describe('legal aid over HTTP', () => {
  const post = (url: string, payload: unknown, user?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: { ...(user ? { 'x-test-user': user } : {}), ...headers } });

  it('an aid lawyer (agency-only, no agency) sees only the cases assigned to them', async () => {
    const mine = await create({ receivedOn: '2021-06-01' });
    await act(mine, 'grant', { decidedOn: '2021-06-02', form: 'litigation_agency' });
    await act(mine, 'assign', { assignedOn: '2021-06-03', providerId: lawyerProvider });
    const notMine = await create({ receivedOn: '2021-06-01' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/cases/${mine}`, headers: { 'x-test-user': 'lawyer' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/cases/${notMine}`, headers: { 'x-test-user': 'lawyer' } })).statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/cases?type=legal_aid', headers: { 'x-test-user': 'lawyer' } });
    const ids = (list.json().items ?? list.json()).map((c: { id: string }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(notMine);
    const grant = await post(`/api/v1/cases/${notMine}/actions/grant`, { version: 1, input: { decidedOn: '2021-06-02', form: 'litigation_agency' } }, 'lawyer');
    expect(grant.statusCode).toBe(404);
    const progress = await post(`/api/v1/cases/${mine}/actions/report_progress`, { version: version.get(mine), input: { reportedOn: '2021-06-10', summary: '已会见' } }, 'lawyer');
    expect(progress.statusCode).toBe(200);
  });

  it('portal application with a 查询码, then the applicant rates the closed case', async () => {
    const body = application({ receivedOn: undefined, channel: undefined });
    const res = await post('/api/v1/portal/cases/legal_aid', body, undefined, { 'idempotency-key': randomUUID() });
    expect(res.statusCode).toBe(201);
    const code = res.json().trackingCode as string;
    const c = await one<{ id: string; data: Record<string, unknown> }>(k.db.orm, sql`select id, data from fz_case where tracking_code = ${code}`);
    expect(c?.data.channel).toBe('online');
    const id = c!.id;
    version.set(id, 1);
    await act(id, 'grant', { decidedOn: '2021-06-30', form: 'labour_arbitration' });
    await act(id, 'assign', { assignedOn: '2021-06-30', providerId: lawyerProvider });
    await act(id, 'close', { closedOn: '2021-06-30', result: 'won', recoveredAmount: 12000, report: '裁决支持' });
    const tooEarly = await post('/api/v1/portal/actions/follow_up', { trackingCode: code, contact: '13800138000', input: { visitedOn: '2021-06-30', satisfaction: 'satisfied' } });
    expect(tooEarly.statusCode).toBe(404);
    const rated = await post('/api/v1/portal/actions/rate', { trackingCode: code, contact: '13800138000', input: { satisfaction: 'dissatisfied' } });
    expect(rated.statusCode).toBe(200);
    expect((await row(id))?.attrs).toMatchObject({ rated: true, satisfied: false, satisfaction: 'dissatisfied' });
  });
});

describe('legal aid indicators on a small hand-made dataset (桐乡, 2021)', () => {
  it('counts accepted, concluded, terminated; sums recovered amounts; rates on time and satisfaction', async () => {
    const tx = (over: Record<string, unknown> = {}) => create({ regionCode: '330483', receivedOn: '2021-05-06', ...over });
    // A: granted, assigned on time, closed won 10000.25, rated satisfied.
    const a = await tx();
    await act(a, 'grant', { decidedOn: '2021-05-10', form: 'litigation_agency' });
    await act(a, 'assign', { assignedOn: '2021-05-11', providerId: volunteerProvider });
    await act(a, 'close', { closedOn: '2021-06-01', result: 'won', recoveredAmount: 10000.25, report: '胜诉' });
    await act(a, 'follow_up', { visitedOn: '2021-06-05', satisfaction: 'basically_satisfied' });
    // B: provisional aid, assigned late, closed lost with 0, rated dissatisfied.
    const b = await tx();
    await act(b, 'provide_provisionally', { decidedOn: '2021-05-07', ground: 'limitation_near', deadline: '2021-05-12' });
    await act(b, 'assign', { assignedOn: '2021-05-17', providerId: volunteerProvider });
    await act(b, 'close', { closedOn: '2021-06-02', result: 'lost', recoveredAmount: 0, report: '败诉' });
    await act(b, 'follow_up', { visitedOn: '2021-06-05', satisfaction: 'dissatisfied' });
    // C: granted late in review (after 7 working days), assigned on time, terminated.
    const c = await tx();
    await act(c, 'grant', { decidedOn: '2021-05-25', form: 'litigation_agency' });
    await act(c, 'assign', { assignedOn: '2021-05-26', providerId: volunteerProvider });
    await act(c, 'terminate', { decidedOn: '2021-06-10', ground: 'recipient_request', reasoning: '受援人要求' });
    // D: refused (reviewed on time, never accepted). E: open application.
    const d = await tx();
    await act(d, 'refuse', { decidedOn: '2021-05-07', grounds: ['not_in_scope'], reasoning: '不属于援助范围' });
    await tx();

    const q = { from: '2021-01-01', to: '2021-12-31', region: '330483' };
    const get = async (key: string) => {
      const r = await computeIndicator(k.db.orm, k.registry, m.indicators!.find((i) => i.key === key)!, q, staff);
      return [r.value, r.numerator, r.denominator];
    };
    expect(await get('legal_aid.applications')).toEqual([5, 5, null]);
    expect(await get('legal_aid.accepted')).toEqual([3, 3, null]);
    expect(await get('legal_aid.concluded')).toEqual([2, 2, null]);
    expect(await get('legal_aid.recovered')).toEqual([10000.25, 10000.25, null]);
    expect(await get('legal_aid.terminated')).toEqual([1, 1, null]);
    expect(await get('legal_aid.assigned_on_time_rate')).toEqual([66.67, 2, 3]);
    expect(await get('legal_aid.review_on_time_rate')).toEqual([75, 3, 4]);
    expect(await get('legal_aid.satisfaction_rate')).toEqual([50, 1, 2]);
  });
});
