import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { computeIndicator } from '../../src/kernel/indicators/compute.js';
import { sweepExpiredClocks } from '../../src/kernel/jobs/sweep.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, problemOf } from './helpers.js';

/** The real engine running the manifest (today is fixed at 2021-06-30 by testKernel). */
const m = reconsiderationModule.manifest;
let k: Kernel;
let gov: string;
let bureau: string;
const staff = actor();

beforeAll(async () => {
  k = await testKernel([m]);
  gov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  bureau = await insertAgency(k.db.orm, '嘉兴市市场监督管理局', '330400', 'department', '嘉市监');
});
afterAll(() => k.db.close());

const application = (over: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '嘉兴市南湖区某路1号' },
  respondentAgencyId: bureau,
  agencyId: gov,
  act: { description: '行政处罚决定', actDate: '2021-03-01', knownOn: '2021-03-03' },
  request: '撤销行政处罚决定',
  factsAndReasons: '事实不清',
  channel: 'in_person',
  receivedOn: '2021-04-28',
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  return k.db.tx((tx) => createCase(k, tx, { type: 'reconsideration', input: application(over), actor: staff, source: 'staff' }));
}
let version = new Map<string, number>();
async function act(id: string, action: string, input: unknown, who = staff) {
  const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input, version: version.get(id) ?? 1, actor: who }));
  version.set(id, r.version);
  return r;
}
const detail = (id: string) => getCaseDetail(k, k.db.orm, id, staff);
const clock = async (id: string, key: string) => (await detail(id)).clocks.find((c) => c.key === key);
const row = (id: string) =>
  one<{ state: string; outcome: string | null; closed_on: string | null; number: string | null; attrs: Record<string, unknown> }>(
    k.db.orm,
    sql`select state, outcome, closed_on::text as closed_on, number, attrs from fz_case where id = ${id}`,
  );

describe('reconsideration through the case engine', () => {
  let id: string;

  it('runs the full ordinary path: correction, simple acceptance, conversion, suspension, extension, decision, service', async () => {
    id = (await create()).id;
    version = new Map([[id, 1]]);
    // 5 working days from Wed 28 April 2021 over the May Day holiday (Sat 8 May is a make-up workday).
    expect((await clock(id, 'acceptance_review'))?.dueOn).toBe('2021-05-08');

    await act(id, 'request_correction', { noticeDate: '2021-04-29', items: ['身份证明复印件'] });
    expect((await row(id))?.state).toBe('correction_requested');
    expect((await clock(id, 'acceptance_review'))?.status).toBe('paused');
    // 10 working days from 29 April: 4/30, 5/6, 5/7, 5/8 (调休), 5/10 … 5/14, 5/17.
    expect((await clock(id, 'correction_period'))?.dueOn).toBe('2021-05-17');

    await act(id, 'receive_correction', { receivedOn: '2021-05-10' });
    // A fresh review of 5 working days from 10 May.
    expect((await clock(id, 'acceptance_review'))?.dueOn).toBe('2021-05-17');
    expect((await clock(id, 'correction_period'))?.status).toBe('met');

    await act(id, 'accept', { acceptedOn: '2021-05-12', procedure: 'simple', simpleProcedureGround: 'small_amount' });
    let r = await row(id);
    expect(r?.state).toBe('accepted');
    expect(r?.number).toBe('嘉复〔2021〕1号');
    expect(r?.attrs.accepted).toBe(true);
    // 30 calendar days from 12 May → Fri 11 June; copy to respondent within 3 working days → 17 May.
    expect((await clock(id, 'decision_simple'))?.dueOn).toBe('2021-06-11');
    expect((await clock(id, 'notify_respondent_simple'))?.dueOn).toBe('2021-05-17');
    expect(await clock(id, 'decision')).toBeUndefined();

    await act(id, 'notify_respondent', { sentOn: '2021-05-13', method: 'electronic' });
    expect((await clock(id, 'answer_simple'))?.dueOn).toBe('2021-05-20');

    await act(id, 'convert_to_ordinary', { approvedOn: '2021-05-20', approver: '复议机构负责人', reason: '案情复杂' });
    r = await row(id);
    expect(r?.state).toBe('respondent_notified');
    expect(await clock(id, 'decision_simple')).toBeUndefined();
    // Default after conversion: 60 days from acceptance → Sun 11 July rolls forward to Mon 12 July.
    expect((await clock(id, 'decision_converted'))?.dueOn).toBe('2021-07-12');
    // The answer period becomes the ordinary 10 working days from 13 May.
    expect((await clock(id, 'answer'))?.dueOn).toBe('2021-05-27');

    await act(id, 'submit_answer', { answeredOn: '2021-05-25', evidenceSubmitted: true });
    expect((await clock(id, 'answer'))?.status).toBe('met');

    await act(id, 'suspend', { suspendedOn: '2021-06-01', ground: 'awaiting_other_case' });
    expect((await row(id))?.state).toBe('suspended');
    await act(id, 'resume', { resumedOn: '2021-06-11' });
    // 2 June … 11 June (10 days) are not counted: 12 May + 70 days = Wed 21 July.
    expect((await clock(id, 'decision_converted'))?.dueOn).toBe('2021-07-21');

    await act(id, 'extend', { approvedOn: '2021-06-15', days: 30, approver: '复议机构负责人', reason: '案情复杂' });
    expect((await row(id))?.state).toBe('under_review');
    expect((await clock(id, 'decision_converted'))?.dueOn).toBe('2021-08-20');
    const tooLong = await problemOf(act(id, 'extend', { approvedOn: '2021-06-16', days: 1, approver: '复议机构负责人', reason: '再延' }));
    expect(tooLong.status).toBe(400);

    await act(id, 'decide', {
      decidedOn: '2021-06-20',
      decisionType: 'revoke',
      orderRemake: true,
      periodDays: 30,
      findings: '查明……',
      reasoning: '主要事实不清、证据不足',
      approvedBy: 'head',
    });
    r = await row(id);
    expect(r?.state).toBe('decided');
    expect(r?.outcome).toBe('revoke');
    expect(r?.closed_on).toBeNull();
    expect(r?.attrs.decision_converted_met).toBe(true);
    expect((await clock(id, 'decision_converted'))?.status).toBe('met');

    await act(id, 'serve', { servedOn: '2021-06-25', method: 'direct' });
    r = await row(id);
    expect(r?.state).toBe('concluded');
    expect(r?.closed_on).toBe('2021-06-25');

    await act(id, 'publish', { publishedOn: '2021-06-28', url: 'https://www.jiaxing.gov.cn/fy/1.html', copiedToSuperior: true });
    await act(id, 'issue_opinion_letter', { issuedOn: '2021-06-29', addressee: bureau, content: '执法程序不规范' });
    r = await row(id);
    expect(r?.state).toBe('concluded');
    expect(r?.closed_on).toBe('2021-06-25');
    // 60 days from 29 June → Sat 28 August rolls forward to Mon 30 August.
    expect((await clock(id, 'opinion_feedback'))?.dueOn).toBe('2021-08-30');
  });

  it('refuses an extension under the simple procedure, a decision before the respondent is notified, and out-of-order actions', async () => {
    const c = (await create({ receivedOn: '2021-05-06' })).id;
    version.set(c, 1);
    await act(c, 'accept', { acceptedOn: '2021-05-07', procedure: 'simple', simpleProcedureGround: 'disclosure' });
    const ext = await problemOf(act(c, 'extend', { approvedOn: '2021-05-10', days: 10, approver: 'x', reason: 'y' }));
    expect(ext.status).toBe(409);
    expect(ext.code).toBe('no-extension-simple');
    const early = await problemOf(
      act(c, 'decide', { decidedOn: '2021-05-10', decisionType: 'uphold', findings: 'a', reasoning: 'b', approvedBy: 'head' }),
    );
    expect(early.code).toBe('invalid-transition');
    const again = await problemOf(act(c, 'accept', { acceptedOn: '2021-05-07', procedure: 'ordinary' }));
    expect(again.code).toBe('invalid-transition');
    const beforeReceipt = await problemOf(act(c, 'notify_respondent', { sentOn: '2021-05-01', method: 'mail' }));
    expect(beforeReceipt.status).toBe(400);
  });

  it("lets the respondent's legal officer answer but not decide", async () => {
    const c = (await create({ receivedOn: '2021-05-06' })).id;
    version.set(c, 1);
    await act(c, 'accept', { acceptedOn: '2021-05-07', procedure: 'ordinary' });
    await act(c, 'notify_respondent', { sentOn: '2021-05-08', method: 'electronic' });
    const officer = actor({ id: '22222222-2222-4222-8222-222222222222', permissions: ['case.read', 'reconsideration.submit_answer'], agencyId: bureau, agencyOnly: true });
    await act(c, 'submit_answer', { answeredOn: '2021-05-14', evidenceSubmitted: true }, officer);
    const denied = await problemOf(act(c, 'decide', { decidedOn: '2021-06-01', decisionType: 'uphold', findings: 'a', reasoning: 'b', approvedBy: 'head' }, officer));
    expect(denied.status).toBe(403);
  });

  it('deems an application accepted when the 5-working-day review lapses (Art 30)', async () => {
    const c = (await create({ receivedOn: '2021-06-01' })).id;
    version.set(c, 1);
    expect((await clock(c, 'acceptance_review'))?.dueOn).toBe('2021-06-08');
    await sweepExpiredClocks(k);
    const r = await row(c);
    expect(r?.state).toBe('accepted');
    expect(r?.attrs).toMatchObject({ accepted: true, deemed_accepted: true });
    expect(r?.number).toMatch(/^嘉复〔2021〕\d+号$/);
    const d = await detail(c);
    expect(d.events.at(-1)?.action).toBe('deem_accepted');
    expect(d.events.at(-1)?.effectiveOn).toBe('2021-06-08');
    // Deemed acceptance runs the ordinary procedure: 60 days from 8 June → Sat 7 August → Mon 9 August.
    expect((await clock(c, 'decision'))?.dueOn).toBe('2021-08-09');
  });

  it('feeds the indicators: 审结, 纠错率 (merits and all-审结 口径) and 调撤率', async () => {
    const uphold = (await create({ receivedOn: '2021-05-06' })).id;
    version.set(uphold, 1);
    await act(uphold, 'accept', { acceptedOn: '2021-05-07', procedure: 'ordinary' });
    await act(uphold, 'notify_respondent', { sentOn: '2021-05-08', method: 'electronic' });
    await act(uphold, 'decide', { decidedOn: '2021-06-10', decisionType: 'uphold', findings: 'a', reasoning: 'b', approvedBy: 'collective' });
    await act(uphold, 'serve', { servedOn: '2021-06-12', method: 'mail' });

    const withdrawn = (await create({ receivedOn: '2021-05-06' })).id;
    version.set(withdrawn, 1);
    await act(withdrawn, 'accept', { acceptedOn: '2021-05-07', procedure: 'ordinary' });
    await act(withdrawn, 'withdraw', { approvedOn: '2021-05-20', reason: '被申请人已撤销处罚', respondentChangedAct: true, voluntary: true });

    const rejected = (await create({ receivedOn: '2021-05-06' })).id;
    version.set(rejected, 1);
    await act(rejected, 'reject', { decidedOn: '2021-05-08', grounds: ['out_of_scope'], reasoning: '属于内部行政行为' });
    expect((await row(rejected))?.number).toBeNull();

    // Closed in the period: the revoked case of the first test, `uphold`, `withdrawn` (accepted), and `rejected` (never accepted).
    const q = { from: '2021-01-01', to: '2021-12-31' };
    const get = (key: string) => computeIndicator(k.db.orm, k.registry, m.indicators!.find((i) => i.key === key)!, q, staff);
    expect((await get('reconsideration.concluded')).value).toBe(3);
    expect((await get('reconsideration.corrected')).value).toBe(1);
    const rate = await get('reconsideration.correction_rate');
    expect([rate.numerator, rate.denominator]).toEqual([1, 2]);
    await k.db.orm.execute(sql`insert into setting (key, value) values ('reconsideration.correction_rate.variant', '"concluded"'::jsonb)`);
    const broad = await get('reconsideration.correction_rate');
    expect([broad.numerator, broad.denominator]).toEqual([1, 3]);
    const mw = await get('reconsideration.mediated_withdrawn_rate');
    expect([mw.numerator, mw.denominator]).toEqual([1, 3]);
  });
});
