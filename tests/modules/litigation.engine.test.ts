import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { computeIndicator } from '../../src/kernel/indicators/compute.js';
import { sweepExpiredClocks } from '../../src/kernel/jobs/sweep.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { litigationModule } from '../../src/modules/litigation/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, problemOf } from './helpers.js';

/** The real engine running the litigation manifest (today is fixed at 2021-06-30). */
const m = litigationModule.manifest;
let k: Kernel;
let bureau: string;
const staff = actor();

beforeAll(async () => {
  k = await testKernel([m]);
  bureau = await insertAgency(k.db.orm, '嘉兴市市场监督管理局', '330400', 'department', '嘉市监');
});
afterAll(() => k.db.close());

const suit = (over: Record<string, unknown> = {}) => ({
  court: '嘉兴市南湖区人民法院',
  courtCaseNumber: '（2021）浙0402行初12号',
  plaintiff: { kind: 'person', name: '王五' },
  defendantAgencyId: bureau,
  cause: '行政处罚',
  filedOn: '2021-03-01',
  servedOn: '2021-03-04',
  ...over,
});

const version = new Map<string, number>();
async function create(over: Record<string, unknown> = {}) {
  const c = await k.db.tx((tx) => createCase(k, tx, { type: 'litigation', input: suit(over), actor: staff, source: 'staff' }));
  version.set(c.id, 1);
  return c.id;
}
async function act(id: string, action: string, input: unknown) {
  const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input, version: version.get(id)!, actor: staff }));
  version.set(id, r.version);
  return r;
}
const clock = async (id: string, key: string) => (await getCaseDetail(k, k.db.orm, id, staff)).clocks.find((c) => c.key === key);
const row = (id: string) =>
  one<{ state: string; state_category: string; outcome: string | null; closed_on: string | null; attrs: Record<string, unknown> }>(
    k.db.orm,
    sql`select state, state_category, outcome, closed_on::text as closed_on, attrs from fz_case where id = ${id}`,
  );
const principal = { name: '赵六', post: '局长', category: 'principal' };

describe('litigation through the case engine', () => {
  let a: string;
  let b: string;
  let c: string;

  it('defends a first-instance case, records the head in court, closes on the served judgment and takes effect after the appeal period', async () => {
    a = await create();
    // 15 days from service on Thu 4 March → Fri 19 March; 6 months → Sat 4 September → Mon 6 September.
    expect((await clock(a, 'defence'))?.dueOn).toBe('2021-03-19');
    expect((await clock(a, 'first_instance'))?.dueOn).toBe('2021-09-06');

    await act(a, 'file_defence', { filedOn: '2021-03-15', evidenceFiledOn: '2021-03-15', normativeBasisSubmitted: true });
    expect((await clock(a, 'defence'))?.status).toBe('met');
    await act(a, 'plan_appearance', { plannedOn: '2021-04-01', hearingDate: '2021-04-20', plannedPerson: principal });
    expect((await row(a))?.state).toBe('hearing_scheduled');
    await act(a, 'record_hearing', { heldOn: '2021-04-20', appearingPerson: principal, proofSubmittedBeforeHearing: true, staffPresent: true });
    expect((await row(a))?.attrs).toMatchObject({ heard: true, head_appeared: true, head_appeared_in_person: true, hearings: 1 });

    await act(a, 'judge', { judgmentType: 'revoke', judgedOn: '2021-05-10', servedOn: '2021-05-14' });
    let r = await row(a);
    expect([r?.state, r?.state_category, r?.outcome, r?.closed_on]).toEqual(['judged', 'closed', 'revoke', '2021-05-14']);
    // 15 days from Fri 14 May → Sat 29 May → Mon 31 May.
    expect((await clock(a, 'appeal_window'))?.dueOn).toBe('2021-05-31');

    await sweepExpiredClocks(k);
    r = await row(a);
    expect(r?.state).toBe('effective');
    expect(r?.outcome).toBe('revoke');
    expect(r?.closed_on).toBe('2021-05-14');
  });

  it('keeps 负责人出庭 once it happened: a head without proof does not count, a later online appearance does', async () => {
    b = await create({ courtCaseNumber: '（2021）浙0402行初13号' });
    await act(b, 'record_hearing', {
      heldOn: '2021-04-01',
      appearingPerson: { name: '钱七', post: '副局长', category: 'deputy' },
      proofSubmittedBeforeHearing: false,
      staffPresent: true,
    });
    expect((await row(b))?.attrs).toMatchObject({ heard: true, head_appeared: false });
    await act(b, 'record_hearing', {
      heldOn: '2021-04-15',
      online: true,
      appearingPerson: { name: '孙八', post: '分管副局长', category: 'in_charge_deputy' },
      proofSubmittedBeforeHearing: true,
      staffPresent: true,
    });
    expect((await row(b))?.attrs).toMatchObject({ head_appeared: true, head_appeared_in_person: false, hearings: 2 });
    await act(b, 'record_hearing', { heldOn: '2021-04-29', proofSubmittedBeforeHearing: false, staffPresent: true, headAbsenceReason: 'irreplaceable_duty' });
    expect((await row(b))?.attrs).toMatchObject({ head_appeared: true, hearings: 3 });
    await act(b, 'withdraw', { ruledOn: '2021-05-06', kind: 'withdrawal_permitted', agencyChangedAct: true });
    const r = await row(b);
    expect([r?.state, r?.outcome, r?.attrs.agency_changed_act]).toEqual(['withdrawn', 'withdrawal_permitted', true]);
  });

  it('refuses a second-instance result in a first instance; a ruling has a 10-day appeal period and an appeal keeps the first closing date', async () => {
    c = await create({ courtCaseNumber: '（2021）浙0402行初14号' });
    const wrong = await problemOf(act(c, 'judge', { judgmentType: 'appeal_dismissed', judgedOn: '2021-05-28', servedOn: '2021-06-01' }));
    expect([wrong.status, wrong.code]).toEqual([409, 'second-instance-only']);
    await act(c, 'judge', { judgmentType: 'ruling_dismissed', judgedOn: '2021-05-28', servedOn: '2021-06-01' });
    expect((await clock(c, 'appeal_window_ruling'))?.dueOn).toBe('2021-06-11');
    expect(await clock(c, 'appeal_window')).toBeUndefined();
    await act(c, 'appeal', { appealedOn: '2021-06-08', appellant: 'plaintiff' });
    const r = await row(c);
    expect([r?.state, r?.closed_on, r?.outcome]).toEqual(['appealed', '2021-06-01', 'ruling_dismissed']);
    expect((await clock(c, 'appeal_window_ruling'))?.status).toBe('met');
    await act(c, 'record_appeal_result', { decidedOn: '2021-06-25', result: 'appeal_dismissed' });
    expect((await row(c))?.attrs.appeal_result).toBe('appeal_dismissed');
    const late = await problemOf(act(c, 'file_defence', { filedOn: '2021-06-26', evidenceFiledOn: '2021-06-26', normativeBasisSubmitted: true }));
    expect(late.code).toBe('invalid-transition');
  });

  it('a second-instance case has no defence clock, a 3-month limit, and its judgment is final', async () => {
    const d = await create({ instance: 'second', courtCaseNumber: '（2021）浙04行终3号', filedOn: '2021-06-05', servedOn: '2021-06-07', firstInstanceCaseId: c });
    expect(await clock(d, 'defence')).toBeUndefined();
    expect((await clock(d, 'second_instance'))?.dueOn).toBe('2021-09-07');
    await act(d, 'judge', { judgmentType: 'appeal_dismissed', judgedOn: '2021-06-18', servedOn: '2021-06-20' });
    const r = await row(d);
    expect([r?.state, r?.outcome]).toEqual(['effective', 'appeal_dismissed']);
    expect(await clock(d, 'appeal_window')).toBeUndefined();
  });

  it('simple procedure: 45 days, then 6 months after the court converts it', async () => {
    const e = await create({ courtCaseNumber: '（2021）浙0402行初15号', procedure: 'simple', filedOn: '2021-03-30', servedOn: '2021-04-01' });
    // 45 days from 1 April → Sun 16 May → Mon 17 May.
    expect((await clock(e, 'first_instance_simple'))?.dueOn).toBe('2021-05-17');
    await act(e, 'change_procedure', { ruledOn: '2021-04-10' });
    expect((await row(e))?.state).toBe('served');
    expect(await clock(e, 'first_instance_simple')).toBeUndefined();
    // 6 months from 1 April → 1 October (National Day) → Fri 8 October.
    expect((await clock(e, 'first_instance'))?.dueOn).toBe('2021-10-08');
    const again = await problemOf(act(e, 'change_procedure', { ruledOn: '2021-04-11' }));
    expect(again.code).toBe('not-simple-procedure');
  });

  it('feeds 一审结案数, 败诉率 and 出庭率 with their 口径 variants', async () => {
    const q = { from: '2021-01-01', to: '2021-12-31' };
    const get = (key: string) => computeIndicator(k.db.orm, k.registry, m.indicators!.find((i) => i.key === key)!, q, staff);
    // First instances concluded: a (revoke), b (withdrawn), c (ruling, appealed); the second-instance case and the open one are not.
    expect((await get('litigation.first_instance_concluded')).value).toBe(3);
    expect((await get('litigation.lost')).value).toBe(1);
    const loss = await get('litigation.loss_rate');
    expect([loss.numerator, loss.denominator]).toEqual([1, 3]);
    await k.db.orm.execute(sql`insert into setting (key, value) values ('litigation.loss_rate.variant', '"judgments_only"'::jsonb)`);
    const judgments = await get('litigation.loss_rate');
    expect([judgments.numerator, judgments.denominator]).toEqual([1, 1]);
    // Heard first instances: a (in person) and b (online); c was never heard.
    const heads = await get('litigation.head_appearance_rate');
    expect([heads.numerator, heads.denominator]).toEqual([2, 2]);
    await k.db.orm.execute(sql`insert into setting (key, value) values ('litigation.head_appearance_rate.variant', '"in_person_only"'::jsonb)`);
    const inPerson = await get('litigation.head_appearance_rate');
    expect([inPerson.numerator, inPerson.denominator]).toEqual([1, 2]);
  });
});
