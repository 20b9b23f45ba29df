import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKernel } from '../../src/kernel/boot.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { testConfig } from '../../src/kernel/config.js';
import { one, rows, sql } from '../../src/kernel/db/client.js';
import { renderDocx } from '../../src/kernel/documents/docx.js';
import { formatChineseDate } from '../../src/kernel/documents/docx.js';
import { computeIndicator, listIndicatorRecords } from '../../src/kernel/indicators/compute.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import { sweepExpiredClocks } from '../../src/kernel/jobs/sweep.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { insertEntries } from '../../src/kernel/registers/insert-entries.js';
import { createCommittee } from '../../src/modules/mediation/committees.js';
import { buildAgreement } from '../../src/modules/mediation/documents.js';
import { mediationModule } from '../../src/modules/mediation/index.js';
import { route } from '../../src/modules/mediation/routing.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { testDb } from '../support/db.js';
import { actor } from '../support/kernel.js';
import { insertAgency, problemOf } from './helpers.js';

/** The mediation case type on the real engine (today fixed at 2021-06-30). */
const m = mediationModule.manifest!;
let k: Kernel;
const staff = actor();
const TOWN_A = '330402007'; // 建设街道, 南湖区
const TOWN_B = '330402008'; // 解放街道, 南湖区
let townA: string;
let townB: string;
let centre: string;
let property: string;
const med: Record<string, string> = {};
const users: Record<string, string> = {};

async function mediators(list: { name: string; committee: string; specialties?: string[]; region?: string; userId?: string; capacity?: number }[]) {
  const ids = await k.db.tx((tx) =>
    insertEntries(
      k,
      tx,
      'mediator',
      list.map((x) => ({ name: x.name, committeeAgencyId: x.committee, specialties: x.specialties ?? [], regionCode: x.region ?? TOWN_A, userId: x.userId, capacity: x.capacity })),
      staff,
    ),
  );
  list.forEach((x, i) => {
    med[x.name] = ids.ids[i];
  });
}

async function user(username: string, agencyId: string): Promise<string> {
  const id = crypto.randomUUID();
  await k.db.orm.execute(sql`insert into app_user (id, username, display_name, password_hash, roles, agency_id, region_code, agency_only)
    values (${id}, ${username}, ${username}, 'x', '{mediator}', ${agencyId}, '330402', true)`);
  users[username] = id;
  return id;
}

const mediatorActor = (name: string, agencyId: string): Actor =>
  actor({ id: users[name], username: name, displayName: name, roles: ['mediator'], permissions: ['case.read', 'case.attach', 'case.message', 'mediation.*'], regionCode: '330402', regionPath: '/330000/330400/330402/', agencyId, agencyOnly: true });

beforeAll(async () => {
  k = await createKernel(await testDb(), testConfig({ today: '2021-06-30' }), [m, reconsiderationModule.manifest], mediationModule.registers);
  await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  await k.db.tx(async (tx) => {
    townA = (await createCommittee(tx, { name: '建设街道人民调解委员会', regionCode: TOWN_A, level: 'town', abbr: '建设' })).id;
    townB = (await createCommittee(tx, { name: '解放街道人民调解委员会', regionCode: TOWN_B, level: 'town', abbr: '解放' })).id;
    centre = (await createCommittee(tx, { name: '南湖区社会矛盾纠纷调处化解中心', regionCode: '330402', level: 'county', abbr: '南湖' })).id;
    property = (await createCommittee(tx, { name: '南湖区物业纠纷人民调解委员会', regionCode: '330402', level: 'industry', industry: '物业', abbr: '南物' })).id;
  });
  const zhang = await user('zhangsan', townA);
  await user('lisi', townB);
  await mediators([
    { name: '张三', committee: townA, specialties: ['neighbour'], userId: zhang },
    { name: '王五', committee: townA, specialties: ['marriage_family'] },
    { name: '赵六', committee: townA, specialties: ['marriage_family'] },
    { name: '李四', committee: townB, userId: users.lisi },
    { name: '钱七', committee: property, specialties: ['property_mgmt'] },
    { name: '孙八', committee: centre },
  ]);
});
afterAll(() => k.db.close());

const dispute = (over: Record<string, unknown> = {}) => ({
  applicant: { name: '陈一', phone: '13800000001', idNumber: '11010519491231002X', address: '南湖区建设街道某小区1幢' },
  otherParty: { name: '周二', phone: '13800000002' },
  category: 'neighbour',
  description: '楼上漏水引发邻里纠纷，要求赔偿维修费用。',
  disputeAddress: '建设街道禾兴路1号',
  regionCode: TOWN_A,
  channel: 'window',
  receivedOn: '2021-06-01',
  ...over,
});

const versions = new Map<string, number>();
async function create(over: Record<string, unknown> = {}, source: 'staff' | 'portal' = 'staff') {
  const c = await k.db.tx((tx) => createCase(k, tx, { type: 'mediation', input: dispute(over), actor: staff, source }));
  versions.set(c.id, 1);
  return c;
}
async function act(id: string, action: string, input: unknown, who: Actor = staff) {
  const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input, version: versions.get(id)!, actor: who }));
  versions.set(id, r.version);
  return r;
}
const row = (id: string) =>
  one<{ state: string; outcome: string | null; number: string | null; agency_id: string; assignee_id: string | null; data: Record<string, any>; attrs: Record<string, any>; closed_on: string | null }>(
    k.db.orm,
    sql`select state, outcome, number, agency_id, assignee_id, data, attrs, closed_on::text from fz_case where id = ${id}`,
  );

describe('routing', () => {
  it('sends an ordinary dispute to the town committee of its town and explains why', async () => {
    const r = await route(k.db.orm, { category: 'neighbour', regionCode: TOWN_A });
    expect(r.committeeId).toBe(townA);
    expect(r.mediatorName).toBe('张三');
    expect(r.reasons.map((x) => x.zh).join(' ')).toMatch(/按纠纷发生地「建设街道」交建设街道人民调解委员会/);
    expect(r.reasons.at(-1)?.zh).toMatch(/调解员张三：擅长邻里纠纷、当前在办 0 件（最少）/);
  });

  it('sends a property dispute (and its sub-category) to the county property committee', async () => {
    for (const category of ['property_mgmt', 'property_fee']) {
      const r = await route(k.db.orm, { category, regionCode: TOWN_B });
      expect(r.committeeId, category).toBe(property);
      expect(r.level).toBe('industry');
      expect(r.reasons[0].zh).toMatch(/按类别「物业(费)?纠纷」规则交南湖区物业纠纷人民调解委员会/);
      expect(r.mediatorName).toBe('钱七');
    }
  });

  it('falls through a rule with no committee (no medical committee) to the town, and to the county centre where no town committee exists', async () => {
    const medical = await route(k.db.orm, { category: 'medical', regionCode: TOWN_A });
    expect(medical.committeeId).toBe(townA);
    expect(medical.reasons[0].zh).toMatch(/未找到可受理的调委会/);
    const noTown = await route(k.db.orm, { category: 'neighbour', regionCode: '330402009' });
    expect(noTown.committeeId).toBe(centre);
    expect(noTown.escalatable).toBe(false);
    expect(noTown.reasons.map((x) => x.zh).join(' ')).toMatch(/兜底/);
  });

  it('prefers a specialist, then the lighter workload, then ties by name', async () => {
    // 王五 and 赵六 both know family disputes and have no cases: 王 < 赵 by code point.
    const first = await route(k.db.orm, { category: 'marriage_divorce', regionCode: TOWN_A });
    expect(first.mediatorName).toBe('王五');
    await create({ category: 'marriage_divorce' });
    const second = await route(k.db.orm, { category: 'marriage_divorce', regionCode: TOWN_A });
    expect(second.mediatorName).toBe('赵六');
    expect(second.reasons.at(-1)?.zh).toMatch(/当前在办 0 件/);
  });

  it('rejects an unknown category or town with field messages', async () => {
    expect((await problemOf(route(k.db.orm, { category: 'nope', regionCode: TOWN_A }))).opts.errors?.[0].path).toBe('category');
    expect((await problemOf(route(k.db.orm, { category: 'neighbour', regionCode: '999999999' }))).opts.errors?.[0].path).toBe('regionCode');
  });
});

describe('mediation through the case engine', () => {
  it('routes at intake, records why on the timeline, and flags a similar open dispute', async () => {
    const a = await create();
    const r = await row(a.id);
    expect(r?.agency_id).toBe(townA);
    expect(r?.assignee_id).toBe(users.zhangsan);
    expect(r?.data.routing.committeeName).toBe('建设街道人民调解委员会');
    const d = await getCaseDetail(k, k.db.orm, a.id, staff);
    expect(JSON.stringify(d.events[0].payload)).toMatch(/调解员张三/);
    expect(d.clocks.find((c) => c.key === 'routing_acceptance')?.dueOn).toBe('2021-06-04');
    // Same phone (other party's number given as the applicant's) → flagged, with the reason.
    const b = await create({ applicant: { name: '周二', phone: '13800000002' }, otherParty: { name: '陈一' }, disputeAddress: '别处' });
    const similar = (await row(b.id))?.data.similar;
    expect(similar.map((x: { caseId: string }) => x.caseId)).toContain(a.id);
    expect(similar.find((x: { caseId: string }) => x.caseId === a.id).reasons[0].zh).toBe('当事人联系电话相同');
    // Same place in the same town, written differently.
    const c = await create({ applicant: { name: '吴三', phone: '13900000003' }, otherParty: { name: '郑四' }, disputeAddress: '建设街道 禾兴路1号' });
    expect((await row(c.id))?.data.similar.some((x: { reasons: { zh: string }[] }) => x.reasons.some((y) => y.zh.includes('同一纠纷发生地点')))).toBe(true);
    // No personal data in the stored facts or the event.
    expect(JSON.stringify(r?.data)).not.toMatch(/13800000001|11010519491231002X/);
  });

  it('runs the full path: portal intake → accept → sessions → written agreement → online signature → 司法确认 → performed → rated', async () => {
    const p = await create({ channel: 'portal' }, 'portal');
    expect(p.trackingCode).toMatch(/^[2-9A-Z]{10}$/);
    const id = p.id;
    // The lead mediator's colleague in another committee joins as co-mediator (no account needed).
    await act(id, 'accept', { acceptedOn: '2021-06-02', mediatorIds: [med['张三'], med['王五']], extraUserIds: [users.lisi] });
    let r = await row(id);
    expect(r?.state).toBe('mediating');
    expect(r?.number).toBe('建设调〔2021〕1号');
    expect(r?.assignee_id).toBe(users.zhangsan);
    expect(r?.attrs.assignees).toEqual([users.zhangsan, users.lisi]);
    expect(r?.attrs.routing_acceptance_met).toBe(true);
    const detail = await getCaseDetail(k, k.db.orm, id, staff);
    expect(detail.clocks.find((c) => c.key === 'mediation_duration')?.dueOn).toBe('2021-07-02');

    await act(id, 'record_session', { heldOn: '2021-06-05', mode: 'in_person', participants: ['陈一', '周二', '张三'], record: '双方陈述意见。' });
    await act(id, 'record_session', { heldOn: '2021-06-08', mode: 'online', participants: ['陈一', '周二'], record: '在线调解室协商赔偿数额。' });
    expect((await row(id))?.data.sessions).toBe(2);

    await act(id, 'record_agreement', {
      effectiveOn: '2021-06-10',
      form: 'written',
      terms: '周二赔偿陈一维修费人民币三千元。',
      performanceManner: '银行转账',
      performanceDeadline: '2021-06-30',
      signatures: [{ party: '陈一', signedOn: '2021-06-10', method: 'signature' }],
      mediatorSigned: true,
      confirmationIntended: true,
    });
    r = await row(id);
    expect(r?.state).toBe('agreement_reached');
    expect(r?.data.agreement.pendingSignatures).toEqual(['周二']);
    expect(r?.attrs.agreement_effective).toBe(false);
    expect(r?.attrs.mediated_on_time).toBe(true);

    // The other party confirms online (as the portal does: a party actor with only mediation.sign).
    const party: Actor = { ...staff, id: '00000000-0000-0000-0000-000000000000', roles: ['party'], permissions: ['mediation.sign'] };
    const wrong = await problemOf(act(id, 'sign', { party: '路人甲', method: 'online' }, party));
    expect(wrong.status).toBe(400);
    await act(id, 'sign', { party: '周二', method: 'online' }, party);
    r = await row(id);
    expect(r?.attrs.agreement_effective).toBe(true);
    expect((await problemOf(act(id, 'sign', { party: '周二', method: 'online' }, party))).code).toBe('nothing-to-sign');

    expect((await problemOf(act(id, 'record_confirmation', { ruledOn: '2021-06-12', ruling: 'valid' }))).code).toBe('no-pending-confirmation');
    await act(id, 'apply_confirmation', { appliedOn: '2021-06-11', court: '嘉兴市南湖区人民法院', jointApplication: true });
    let clocks = (await getCaseDetail(k, k.db.orm, id, staff)).clocks;
    expect(clocks.find((c) => c.key === 'confirmation_window')?.status).toBe('met');
    expect(clocks.find((c) => c.key === 'court_confirmation')?.dueOn).toBe('2021-07-12');
    await act(id, 'record_confirmation', { ruledOn: '2021-06-20', ruling: 'valid' });
    clocks = (await getCaseDetail(k, k.db.orm, id, staff)).clocks;
    expect(clocks.find((c) => c.key === 'court_confirmation')?.status).toBe('met');

    await act(id, 'record_follow_up', { followedUpOn: '2021-06-25', performance: 'partial' });
    expect((await row(id))?.state).toBe('agreement_reached');
    await act(id, 'record_follow_up', { followedUpOn: '2021-06-29', performance: 'full' });
    r = await row(id);
    expect(r?.state).toBe('performed');
    expect(r?.outcome).toBe('performed');
    expect(r?.closed_on).toBe('2021-06-29');

    const rater: Actor = { ...party, permissions: ['mediation.rate'] };
    await act(id, 'rate', { level: 'basically_satisfied', comment: '调解员耐心' }, rater);
    expect((await row(id))?.attrs.satisfied).toBe(true);
    expect((await problemOf(act(id, 'rate', { level: 'satisfied' }, rater))).code).toBe('already-rated');
    await act(id, 'archive', { archivedOn: '2021-06-30', fileNumber: 'JS-2021-001' });

    // The agreement renders with the parties, terms, performance and signature lines (第29条).
    const d = await getCaseDetail(k, k.db.orm, id, staff);
    const content = buildAgreement({
      caseNumber: d.number ?? null,
      title: d.title,
      data: d.data,
      agencyName: '建设街道人民调解委员会',
      subjectAgencyName: null,
      parties: [{ role: 'applicant', name: '陈一' }, { role: 'other_party', name: '周二' }],
      events: (d.events as { action: string; effectiveOn?: string; effective_on?: string; payload: Record<string, unknown> }[]).map((e) => ({ action: e.action, effectiveOn: String(e.effectiveOn ?? e.effective_on).slice(0, 10), payload: e.payload })),
      today: '2021-06-30',
      formatDate: formatChineseDate,
    });
    const text = content.paragraphs.join('\n');
    expect(text).toMatch(/周二赔偿陈一维修费人民币三千元/);
    expect(text).toMatch(/履行方式：银行转账；履行期限：二〇二一年六月三十日前/);
    expect(text).toMatch(/当事人：周二（在线确认|当事人：周二（签名/);
    expect(text).toMatch(/人民调解员：张三、王五/);
    const buf = await renderDocx(content);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
  });

  it('stops tracking the 司法确认 window once performance is followed up: a closed file is nobody’s deadline', async () => {
    const { id } = await create();
    await act(id, 'accept', { acceptedOn: '2021-06-02', mediatorIds: [med['张三']] });
    await act(id, 'record_agreement', {
      effectiveOn: '2021-06-03',
      form: 'written',
      terms: '一次性补偿一千元。',
      performanceManner: '现金',
      signatures: [
        { party: '陈一', signedOn: '2021-06-03', method: 'signature' },
        { party: '周二', signedOn: '2021-06-03', method: 'signature' },
      ],
      mediatorSigned: true,
      confirmationIntended: true,
    });
    expect((await getCaseDetail(k, k.db.orm, id, staff)).clocks.find((c) => c.key === 'confirmation_window')?.status).toMatch(/^(running|due_soon)$/);
    await act(id, 'record_follow_up', { followedUpOn: '2021-06-20', performance: 'full' });
    const d = await getCaseDetail(k, k.db.orm, id, staff);
    expect(d.category).toBe('closed');
    expect(['running', 'overdue', 'due_soon']).not.toContain(d.clocks.find((c) => c.key === 'confirmation_window')?.status);
  });

  it('declines up the tree (town → county centre) and the centre cannot decline further', async () => {
    const c = await create({ category: 'contract_loan', regionCode: TOWN_B, applicant: { name: '冯五', phone: '13700000005' }, otherParty: { name: '卫六' }, disputeAddress: '解放街道1号' });
    expect((await row(c.id))?.agency_id).toBe(townB);
    await act(c.id, 'decline', { declinedOn: '2021-06-02', reason: '涉及金额较大，超出本会能力' });
    const r = await row(c.id);
    expect(r?.agency_id).toBe(centre);
    // 孙八 has no account: nobody leads until the centre accepts.
    expect(r?.assignee_id).toBeNull();
    expect(r?.data.routing.mediatorName).toBe('孙八');
    expect(r?.data.routing.reasons[0].zh).toMatch(/上移至南湖区社会矛盾纠纷调处化解中心/);
    // No acceptance clock at the top level.
    expect((await getCaseDetail(k, k.db.orm, c.id, staff)).clocks.find((x) => x.key === 'routing_acceptance')).toBeUndefined();
    expect((await problemOf(act(c.id, 'decline', { declinedOn: '2021-06-03', reason: '再退' }))).code).toBe('no-higher-level');
  });

  it('escalates by itself when a committee lets the acceptance period lapse', async () => {
    const c = await create({ category: 'neighbour_noise', regionCode: TOWN_B, receivedOn: '2021-06-21', applicant: { name: '蒋七', phone: '13700000007' }, otherParty: { name: '沈八' }, disputeAddress: '解放街道2号' });
    // 3 working days from Mon 21 June → Thu 24 June; today is 30 June.
    expect(await sweepExpiredClocks(k)).toBeGreaterThanOrEqual(1);
    const r = await row(c.id);
    expect(r?.agency_id).toBe(centre);
    expect(r?.attrs.escalated).toBe(true);
    const ev = await rows<{ action: string; effective_on: string }>(k.db.orm, sql`select action, effective_on::text from case_event where case_id = ${c.id} order by n`);
    expect(ev.at(-1)).toEqual({ action: 'escalate', effective_on: '2021-06-24' });
    // A person cannot run the system's escalation.
    expect((await problemOf(act(c.id, 'escalate', { escalatedOn: '2021-06-30' }, actor({ permissions: ['case.read', 'mediation.*'] })))).status).toBe(403);
  });

  it('records a refusal (第17条) and a failure with the exits told (第26条)', async () => {
    const a = await create({ applicant: { name: '韩一', phone: '13600000001' }, otherParty: { name: '杨二' }, disputeAddress: 'A1' });
    await act(a.id, 'refuse_mediation', { recordedOn: '2021-06-02', refusedBy: 'other_party' });
    expect((await row(a.id))?.outcome).toBe('refused');
    const b = await create({ applicant: { name: '朱一', phone: '13600000002' }, otherParty: { name: '秦二' }, disputeAddress: 'B1' });
    await act(b.id, 'accept', { acceptedOn: '2021-06-02' });
    const noExit = await problemOf(act(b.id, 'fail', { endedOn: '2021-06-20', ground: 'no_prospect', exitsTold: [] }));
    expect(noExit.status).toBe(400);
    expect(noExit.opts.errors?.[0]).toMatchObject({ path: 'exitsTold' });
    expect(noExit.opts.errors?.[0].zh).toMatch(/第二十六条/);
    await act(b.id, 'fail', { endedOn: '2021-06-20', ground: 'no_prospect', exitsTold: ['litigation', 'arbitration'] });
    const r = await row(b.id);
    expect(r?.state).toBe('failed');
    expect(r?.data.failure.exitsTold).toEqual(['litigation', 'arbitration']);
    // The suggested mediator (张三) led it: accept without naming anyone takes the suggestion.
    expect(r?.assignee_id).toBe(users.zhangsan);
  });

  it('rejects bad input with field messages in both languages', async () => {
    const bad = await problemOf(create({ applicant: { name: '', phone: '123' }, regionCode: '330402', channel: 'court_referral' }));
    expect(bad.status).toBe(400);
    const paths = bad.opts.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['applicant.name', 'applicant.phone', 'regionCode']));
    const referral = await problemOf(create({ channel: 'court_referral' }));
    expect(referral.opts.errors?.[0]).toMatchObject({ path: 'referral' });
    expect(referral.opts.errors?.[0].en).toMatch(/referring court/);
    const unknown = await problemOf(create({ category: 'made_up' }));
    expect(unknown.opts.errors?.[0].path).toBe('category');
    const c = await create({ applicant: { name: '许一', phone: '13500000001' }, otherParty: { name: '何二' }, disputeAddress: 'C1' });
    const oral = await problemOf(act(c.id, 'accept', { acceptedOn: '2021-06-02', mediatorIds: ['6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'] }));
    expect(oral.opts.errors?.[0].path).toBe('mediatorIds.0');
  });

  it('keeps a committee mediator to their own committee’s disputes, plus those assigned to them', async () => {
    const inB = await create({ regionCode: TOWN_B, applicant: { name: '吕一', phone: '13500000002' }, otherParty: { name: '施二' }, disputeAddress: 'D1' });
    const zhang = mediatorActor('zhangsan', townA);
    const lisi = mediatorActor('lisi', townB);
    expect((await problemOf(getCaseDetail(k, k.db.orm, inB.id, zhang))).status).toBe(404);
    expect((await getCaseDetail(k, k.db.orm, inB.id, lisi)).id).toBe(inB.id);
    // Assigned as co-mediator on a committee-A dispute, 李四 (committee B) sees it.
    const inA = await create({ applicant: { name: '张甲', phone: '13500000003' }, otherParty: { name: '孔乙' }, disputeAddress: 'E1' });
    expect((await problemOf(getCaseDetail(k, k.db.orm, inA.id, lisi))).status).toBe(404);
    await act(inA.id, 'accept', { acceptedOn: '2021-06-02', mediatorIds: [med['张三'], med['李四']] }, zhang);
    expect((await getCaseDetail(k, k.db.orm, inA.id, lisi)).id).toBe(inA.id);
  });
});

describe('indicators on a small hand-made dataset', () => {
  it('computes received, mediated, success, performance, confirmation, on-time, satisfaction and hand-offs', async () => {
    // A fresh kernel so the other tests' cases do not count.
    const k2 = await createKernel(await testDb(), testConfig({ today: '2021-12-31' }), [m, reconsiderationModule.manifest], mediationModule.registers);
    await insertAgency(k2.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
    const committee = await k2.db.tx((tx) => createCommittee(tx, { name: '建设街道人民调解委员会', regionCode: TOWN_A, level: 'town', abbr: '建设' }));
    const ids = await k2.db.tx((tx) => insertEntries(k2, tx, 'mediator', [{ name: '张三', committeeAgencyId: committee.id, regionCode: TOWN_A }], staff));
    expect(ids.ids).toHaveLength(1);
    const v = new Map<string, number>();
    const run = async (id: string, action: string, input: unknown) => {
      const r = await k2.db.tx((tx) => performAction(k2, tx, { caseId: id, action, input, version: v.get(id)!, actor: staff }));
      v.set(id, r.version);
    };
    let n = 0;
    const one_ = async (path: string[], category = 'neighbour') => {
      n++;
      const c = await k2.db.tx((tx) => createCase(k2, tx, { type: 'mediation', input: dispute({ applicant: { name: `甲${n}`, phone: `1380000${String(1000 + n)}` }, otherParty: { name: `乙${n}` }, disputeAddress: `地点${n}`, receivedOn: '2021-03-01', category }), actor: staff, source: 'staff' }));
      v.set(c.id, 1);
      for (const step of path) {
        if (step === 'accept') await run(c.id, 'accept', { acceptedOn: '2021-03-02' });
        if (step === 'written') await run(c.id, 'record_agreement', { effectiveOn: '2021-03-20', form: 'written', terms: 't', performanceManner: 'm', signatures: [{ party: `甲${n}`, signedOn: '2021-03-20', method: 'signature' }, { party: `乙${n}`, signedOn: '2021-03-20', method: 'seal' }], mediatorSigned: true });
        if (step === 'late_oral') await run(c.id, 'record_agreement', { effectiveOn: '2021-04-20', form: 'oral', terms: 't', performanceManner: 'm', oralRecord: '口头' });
        if (step === 'apply') await run(c.id, 'apply_confirmation', { appliedOn: '2021-03-25', court: '法院', jointApplication: true });
        if (step === 'performed') await run(c.id, 'record_follow_up', { followedUpOn: '2021-05-01', performance: 'full' });
        if (step === 'unperformed') await run(c.id, 'record_follow_up', { followedUpOn: '2021-05-01', performance: 'none', closeUnperformed: true });
        if (step === 'fail') await run(c.id, 'fail', { endedOn: '2021-03-25', ground: 'no_prospect', exitsTold: ['litigation'] });
        if (step === 'refuse') await run(c.id, 'refuse_mediation', { recordedOn: '2021-03-02', refusedBy: 'both' });
        if (step === 'petition') await run(c.id, 'hand_off', { handedOffOn: '2021-03-05', channel: 'petition', reason: '属信访事项' });
        if (step.startsWith('rate:')) await run(c.id, 'rate', { ratedOn: '2021-05-02', level: step.slice(5) });
      }
    };
    // 6 received; 4 mediated; agreements: 3 (2 written, 1 oral late); 1 failed; 1 refused; 1 handed off.
    await one_(['accept', 'written', 'apply', 'performed', 'rate:satisfied']);
    await one_(['accept', 'written', 'unperformed', 'rate:dissatisfied']);
    await one_(['accept', 'late_oral', 'performed', 'rate:basically_satisfied']);
    await one_(['accept', 'fail']);
    await one_(['refuse'], 'consumer');
    await one_(['petition'], 'consumer');
    const q = { from: '2021-01-01', to: '2021-12-31' };
    const fig = async (key: string) => {
      const def = m.indicators!.find((i) => i.key === key)!;
      const r = await computeIndicator(k2.db.orm, k2.registry, def, q, staff);
      return [r.numerator, r.denominator, r.value];
    };
    expect(await fig('mediation.received')).toEqual([6, null, 6]);
    expect(await fig('mediation.mediated')).toEqual([4, null, 4]);
    expect(await fig('mediation.succeeded')).toEqual([3, null, 3]);
    expect(await fig('mediation.success_rate')).toEqual([3, 4, 75]);
    expect(await fig('mediation.success_rate_accepted')).toEqual([3, 4, 75]);
    expect(await fig('mediation.performance_rate')).toEqual([2, 3, 66.67]);
    expect(await fig('mediation.confirmation_rate')).toEqual([1, 2, 50]);
    // The oral agreement came after the one-month period (2 March + 1 month = 2 April).
    expect(await fig('mediation.on_time_rate')).toEqual([3, 4, 75]);
    expect(await fig('mediation.satisfaction_rate')).toEqual([2, 3, 66.67]);
    expect(await fig('mediation.handed_off')).toEqual([1, null, 1]);
    expect(await fig('mediation.handed_off.petition')).toEqual([1, null, 1]);
    expect(await fig('mediation.handed_off.reconsideration')).toEqual([0, null, 0]);

    // By category (纠纷类别), named from the category table, largest first; the parts add up and drill down.
    const received = m.indicators!.find((i) => i.key === 'mediation.received')!;
    const byCat = await computeIndicator(k2.db.orm, k2.registry, received, { ...q, groupBy: 'dimension' }, staff);
    expect(byCat.groups!.map((g) => [g.key, g.label, g.numerator])).toEqual([
      ['neighbour', '邻里纠纷', 4],
      ['consumer', '消费纠纷', 2],
    ]);
    const rate = m.indicators!.find((i) => i.key === 'mediation.success_rate')!;
    const rateByCat = await computeIndicator(k2.db.orm, k2.registry, rate, { ...q, groupBy: 'dimension' }, staff);
    expect(rateByCat.groups!.find((g) => g.key === 'neighbour')).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    const recs = await listIndicatorRecords(k2.db.orm, k2.registry, 'mediation.received', { ...q, part: 'numerator', group: 'consumer', groupBy: 'dimension', page: 1, pageSize: 10 }, staff);
    expect(recs.total).toBe(2);
    // A type without a dimension refuses the grouping with a field message.
    const recon = reconsiderationModule.manifest!.indicators!.find((i) => i.key === 'reconsideration.received')!;
    await expect(computeIndicator(k2.db.orm, k2.registry, recon, { ...q, groupBy: 'dimension' }, staff)).rejects.toMatchObject({ status: 400 });
    await k2.db.close();
  });
});
