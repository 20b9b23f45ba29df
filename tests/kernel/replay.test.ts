import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { defineCaseType } from '../../src/kernel/cases/manifest.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { type ReplayItem, replayCases } from '../../src/kernel/cases/replay.js';
import { type Orm, one, rows, sql } from '../../src/kernel/db/client.js';
import { Problem } from '../../src/kernel/http/problem.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { litigationModule } from '../../src/modules/litigation/index.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { actor, testKernel } from '../support/kernel.js';

/**
 * The fast history path must write exactly what the one-by-one path writes: the same scripted
 * histories go through createCase/performAction on one database and replayCases on another.
 */
const manifests = [reconsiderationModule.manifest, litigationModule.manifest];
const staff = actor();
// Fixed ids so that facts naming agencies compare equal across the two databases.
const CITY_GOV = 'aaaaaaaa-0000-4000-8000-000000000001';
const COUNTY_GOV = 'aaaaaaaa-0000-4000-8000-000000000002';
const BUREAU = 'aaaaaaaa-0000-4000-8000-000000000003';

async function kernel(): Promise<Kernel> {
  const k = await testKernel(manifests);
  await k.db.orm.execute(sql`insert into agency (id, name, kind, region_code, abbr) values
    (${CITY_GOV}, '嘉兴市人民政府', 'government', '330400', '嘉'),
    (${COUNTY_GOV}, '海宁市人民政府', 'government', '330481', '宁'),
    (${BUREAU}, '嘉兴市市场监督管理局', 'department', '330400', '嘉市监')`);
  return k;
}

const application = (name: string, over: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name, idNumber: '11010519491231002X', phone: '13800138000', address: '嘉兴市南湖区某路1号' },
  respondentAgencyId: BUREAU,
  agencyId: CITY_GOV,
  act: { description: '行政处罚决定', actDate: '2021-03-01', knownOn: '2021-03-03' },
  request: '撤销行政处罚决定',
  factsAndReasons: '事实不清',
  channel: 'in_person',
  receivedOn: '2021-04-28',
  ...over,
});
const suit = (name: string, over: Record<string, unknown> = {}) => ({
  court: '嘉兴市南湖区人民法院',
  courtCaseNumber: `（2021）浙0402行初${name.length}号`,
  plaintiff: { kind: 'person', name },
  defendantAgencyId: BUREAU,
  cause: '行政处罚',
  filedOn: '2021-03-01',
  servedOn: '2021-03-04',
  ...over,
});
const decide = (decidedOn: string, decisionType = 'uphold') => ({ decidedOn, decisionType, findings: '查明……', reasoning: '事实清楚', approvedBy: 'head' });
const principal = { name: '赵六', post: '局长', category: 'principal' };

/** Concluded and open histories over numbering (two organs), correction, conversion, suspension, extension, closing. */
const histories: ReplayItem[] = [
  {
    type: 'reconsideration',
    source: 'import',
    input: application('甲一'),
    actions: [
      { action: 'request_correction', input: { noticeDate: '2021-04-29', items: ['身份证明复印件'] } },
      { action: 'receive_correction', input: { receivedOn: '2021-05-10' } },
      { action: 'accept', input: { acceptedOn: '2021-05-12', procedure: 'simple', simpleProcedureGround: 'small_amount' } },
      { action: 'notify_respondent', input: { sentOn: '2021-05-13', method: 'electronic' } },
      { action: 'convert_to_ordinary', input: { approvedOn: '2021-05-20', approver: '复议机构负责人', reason: '案情复杂' } },
      { action: 'submit_answer', input: { answeredOn: '2021-05-25', evidenceSubmitted: true } },
      { action: 'suspend', input: { suspendedOn: '2021-06-01', ground: 'awaiting_other_case' } },
      { action: 'resume', input: { resumedOn: '2021-06-11' } },
      { action: 'extend', input: { approvedOn: '2021-06-15', days: 20, approver: '复议机构负责人', reason: '案情复杂' } },
      { action: 'extend', input: { approvedOn: '2021-06-16', days: 10, approver: '复议机构负责人', reason: '再延' } },
      { action: 'decide', input: decide('2021-06-20', 'revoke') },
      { action: 'serve', input: { servedOn: '2021-06-25', method: 'direct' } },
    ],
  },
  {
    type: 'reconsideration',
    source: 'import',
    input: application('乙二', { receivedOn: '2021-03-10' }),
    actions: [
      { action: 'accept', input: { acceptedOn: '2021-03-12', procedure: 'ordinary' } },
      { action: 'notify_respondent', input: { sentOn: '2021-03-15', method: 'mail' } },
      { action: 'submit_answer', input: { answeredOn: '2021-03-24', evidenceSubmitted: false } },
      // Decided late: the decision clock is missed and decided_on_time is false.
      { action: 'decide', input: decide('2021-05-20') },
      { action: 'serve', input: { servedOn: '2021-05-24', method: 'mail' } },
    ],
  },
  {
    type: 'reconsideration',
    source: 'import',
    input: application('丙三', { agencyId: COUNTY_GOV, regionCode: '330481', receivedOn: '2021-02-01', act: { description: '行政处罚决定', actDate: '2021-01-05', knownOn: '2021-01-06' } }),
    actions: [
      { action: 'accept', input: { acceptedOn: '2021-02-03', procedure: 'ordinary' } },
      { action: 'withdraw', input: { approvedOn: '2021-02-20', reason: '已和解', respondentChangedAct: true, voluntary: true } },
    ],
  },
  {
    type: 'reconsideration',
    source: 'import',
    input: application('丁四', { receivedOn: '2021-04-06' }),
    actions: [{ action: 'reject', input: { decidedOn: '2021-04-09', grounds: ['out_of_time'], reasoning: '超过申请期限' } }],
  },
  { type: 'reconsideration', source: 'import', input: application('戊五', { receivedOn: '2021-06-01' }), actions: [{ action: 'accept', input: { acceptedOn: '2021-06-02', procedure: 'ordinary' } }] },
  { type: 'reconsideration', source: 'import', input: application('己六', { receivedOn: '2021-06-28' }), actions: [] },
  {
    type: 'litigation',
    source: 'import',
    input: suit('庚七'),
    actions: [
      { action: 'file_defence', input: { filedOn: '2021-03-15', evidenceFiledOn: '2021-03-15', normativeBasisSubmitted: true } },
      { action: 'plan_appearance', input: { plannedOn: '2021-04-01', hearingDate: '2021-04-20', plannedPerson: principal } },
      { action: 'record_hearing', input: { heldOn: '2021-04-20', appearingPerson: principal, proofSubmittedBeforeHearing: true, staffPresent: true } },
      { action: 'judge', input: { judgmentType: 'revoke', judgedOn: '2021-05-10', servedOn: '2021-05-14' } },
    ],
  },
  {
    type: 'litigation',
    source: 'import',
    input: suit('辛八之诉', { filedOn: '2021-05-06', servedOn: '2021-05-08' }),
    actions: [{ action: 'file_defence', input: { filedOn: '2021-06-10', evidenceFiledOn: '2021-06-10', normativeBasisSubmitted: false } }],
  },
];

async function oneByOne(k: Kernel, items: ReplayItem[]): Promise<void> {
  for (const it of items)
    await k.db.tx(async (tx) => {
      const c = await createCase(k, tx, { type: it.type, input: it.input, actor: staff, source: it.source });
      let version = c.version;
      for (const a of it.actions) version = (await performAction(k, tx, { caseId: c.id, action: a.action, input: a.input, version, actor: staff })).version;
    });
}

/** Everything the two paths must agree on, keyed by title; ids, times and id-bearing hashes left out. */
async function snapshot(orm: Orm) {
  const cases = await rows<Record<string, unknown> & { id: string; title: string }>(
    orm,
    sql`select id, type, number, title, state, state_category, outcome, region_code, agency_id, subject_agency_id, assignee_id, version,
          received_on::text, closed_on::text, data, attrs, tracking_code, tracking_secret, source from fz_case order by title`,
  );
  const out: Record<string, unknown> = {};
  for (const { id, ...c } of cases) {
    out[c.title] = {
      ...c,
      events: await rows(orm, sql`select n, action, actor_id, actor_label, effective_on::text, state_from, state_to, payload from case_event where case_id = ${id} order by seq`),
      clocks: await rows(orm, sql`select key, status, started_on::text, due_on::text, stopped_on::text, provisional, detail from case_clock where case_id = ${id} order by key`),
      parties: await rows(orm, sql`select role, kind, name, agency_id, credit_code, id_number_hash, phone_hash, (phone_enc is not null) as phone_enc from party where case_id = ${id} order by role, name`),
      outbox: await rows(orm, sql`select topic from outbox where payload->>'caseId' = ${id} order by id`),
    };
  }
  return out;
}

async function problemOf(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

const counts = (orm: Orm) =>
  one<{ cases: number; events: number; clocks: number; parties: number; outbox: number; seqs: number }>(
    orm,
    sql`select (select count(*)::int from fz_case) as cases, (select count(*)::int from case_event) as events, (select count(*)::int from case_clock) as clocks,
      (select count(*)::int from party) as parties, (select count(*)::int from outbox) as outbox, (select coalesce(sum(next_value), 0)::int from case_number_seq) as seqs`,
  );

describe('replayCases: the fast history path', () => {
  let slow: Kernel;
  let fast: Kernel;
  beforeAll(async () => {
    [slow, fast] = await Promise.all([kernel(), kernel()]);
  });
  afterAll(async () => {
    await slow.db.close();
    await fast.db.close();
  });

  it('writes the same cases, events, clocks, numbers, facts and parties as createCase/performAction, and the chain verifies', async () => {
    await oneByOne(slow, histories);
    const replayed = await fast.db.tx((tx) => replayCases(fast, tx, histories.map((h) => ({ ...h, actor: staff }))));
    expect(replayed).toHaveLength(histories.length);
    const [a, b] = await Promise.all([snapshot(slow.db.orm), snapshot(fast.db.orm)]);
    expect(Object.keys(b)).toHaveLength(histories.length);
    expect(b).toEqual(a);
    // Spot checks that the scripts reach what they claim to.
    const first = b.甲一不服行政处罚决定 as Record<string, any>;
    expect([first.state, first.number, first.closed_on, first.outcome]).toEqual(['concluded', '嘉复〔2021〕1号', '2021-06-25', 'revoke']);
    expect(first.attrs).toMatchObject({ decided_on_time: true, extended: true, suspended: true });
    expect((b.乙二不服行政处罚决定 as Record<string, any>).number).toBe('嘉复〔2021〕2号');
    expect((b.乙二不服行政处罚决定 as Record<string, any>).attrs.decided_on_time).toBe(false);
    expect((b.丙三不服行政处罚决定 as Record<string, any>).number).toBe('宁复〔2021〕1号');
    expect(await counts(fast.db.orm)).toEqual(await counts(slow.db.orm));
    const report = await verifyAudit(fast.db.orm);
    expect(report.firstBreak).toBeNull();
    expect(report.eventsChecked).toBe(histories.reduce((n, h) => n + 1 + h.actions.length, 0));
  });

  it('continues the 案号 sequence gap-free after a replay, on both paths', async () => {
    for (const k of [slow, fast]) {
      const n = await k.db.tx(async (tx) => {
        const c = await createCase(k, tx, { type: 'reconsideration', input: application('壬九', { receivedOn: '2021-06-29' }), actor: staff, source: 'staff' });
        await performAction(k, tx, { caseId: c.id, action: 'accept', input: { acceptedOn: '2021-06-29', procedure: 'ordinary' }, version: 1, actor: staff });
        return one<{ number: string }>(tx, sql`select number from fz_case where id = ${c.id}`);
      });
      // 甲一, 乙二 and 戊五 drew 1–3 at 嘉, in script order.
      expect(n?.number).toBe('嘉复〔2021〕4号');
    }
  });

  it('refuses an invalid act naming the item and act, and writes nothing', async () => {
    const before = await counts(fast.db.orm);
    const bad: ReplayItem[] = [
      histories[1],
      { ...histories[0], actions: [...histories[0].actions.slice(0, 8), { action: 'extend', input: { approvedOn: '2021-06-15', days: 0, approver: 'x', reason: 'y' } }] },
    ];
    const p = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, bad)));
    expect(p.status).toBe(400);
    expect(p.opts.errors?.[0].path).toBe('items.1.actions.8.input.days');
    expect(p.opts.extra).toMatchObject({ item: 1, act: 8 });
    expect(await counts(fast.db.orm)).toEqual(before);
  });

  it('names the item for a bad registration, the act for a transition the state machine refuses, and caps extensions across acts', async () => {
    const before = await counts(fast.db.orm);
    const badCreate = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, [histories[4], { ...histories[5], input: application('癸十', { receivedOn: '2099-01-01' }) }])));
    expect([badCreate.status, badCreate.opts.errors?.[0].path]).toEqual([400, 'items.1.input.receivedOn']);

    const transition = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, [{ ...histories[3], actions: [...histories[3].actions, histories[1].actions[0]] }])));
    expect([transition.status, transition.code, transition.opts.errors?.[0].path]).toEqual([409, 'invalid-transition', 'items.0.actions.1']);

    const tooLong = histories[0].actions.slice(0, 10).concat({ action: 'extend', input: { approvedOn: '2021-06-17', days: 1, approver: 'x', reason: '三延' } });
    const cap = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, [{ ...histories[0], actions: tooLong }])));
    expect([cap.status, cap.opts.errors?.[0].path]).toEqual([400, 'items.0.actions.10.input.days']);

    const unknown = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, [{ ...histories[5], type: 'nope' }])));
    expect([unknown.status, unknown.opts.errors?.[0].path]).toEqual([404, 'items.0']);

    const clerk = actor({ id: '22222222-2222-4222-8222-222222222222', roles: ['clerk'], permissions: ['reconsideration.create'] });
    const denied = await problemOf(fast.db.tx((tx) => replayCases(fast, tx, [{ ...histories[4], actor: clerk }])));
    expect([denied.status, denied.opts.errors?.[0].path]).toEqual([403, 'items.0.actions.0']);
    expect(await counts(fast.db.orm)).toEqual(before);
  });
});

/** Resolvers at intake and on an act (routing that moves the case, so the 案号 takes the new organ's abbreviation), and a hand-off. */
const MEDIATOR = 'bbbbbbbb-0000-4000-8000-000000000001';
const routed = defineCaseType({
  type: 'routed',
  label: { zh: '测试分派', en: 'Test routing' },
  description: { zh: '补录测试', en: 'Replay tests' },
  initialState: 'open',
  states: { open: { label: { zh: '办理中', en: 'Open' }, category: 'open' }, done: { label: { zh: '办结', en: 'Done' }, category: 'closed' } },
  create: {
    permission: 'routed.create',
    effectiveDateField: 'receivedOn',
    input: z.strictObject({ name: z.string().min(1), kind: z.enum(['city', 'county']), receivedOn: z.iso.date() }),
    toCase: (i: { name: string; kind: string }) => ({ title: i.name, data: { kind: i.kind }, parties: [{ role: 'applicant', kind: 'person' as const, name: i.name }] }),
    resolve: async (ctx) => {
      const r = await one<{ n: number }>(ctx.tx, sql`select count(*)::int as n from agency where kind = 'government'`);
      return { agencyId: ctx.input.kind === 'city' ? CITY_GOV : COUNTY_GOV, assigneeId: MEDIATOR, note: { governments: r?.n } };
    },
  },
  actions: {
    move: {
      label: { zh: '移送', en: 'Move' },
      from: ['open'],
      to: 'open',
      permission: 'routed.move',
      input: z.strictObject({ on: z.iso.date() }),
      effectiveDateField: 'on',
      resolve: async () => ({ agencyId: COUNTY_GOV, assigneeId: null, assignees: [MEDIATOR], attrs: { moved: true } }),
    },
    close: {
      label: { zh: '办结', en: 'Close' },
      from: ['open'],
      to: 'done',
      permission: 'routed.close',
      input: z.strictObject({ on: z.iso.date(), elsewhere: z.boolean().default(false) }),
      effectiveDateField: 'on',
      assignsNumber: true,
      outcome: 'closed',
      handoff: (i: { elsewhere: boolean }) => (i.elsewhere ? { type: 'routed', relation: 'moved_to' } : null),
    },
  },
  clocks: [{ key: 'handling', label: { zh: '办理期限', en: 'Handling' }, amount: 10, unit: 'workday', startOn: ['create'], stopOn: ['close'], metAttr: 'on_time', basis: { law: '测试', article: '第一条' } }],
  outcomes: { closed: { label: { zh: '办结', en: 'Closed' }, groups: [] } },
  numbering: { pattern: '{abbr}调〔{year}〕{seq}号', scope: 'agency' },
  partyRoles: [{ role: 'applicant', label: { zh: '申请人', en: 'Applicant' } }],
  links: [{ relation: 'moved_to', label: { zh: '移至', en: 'Moved to' }, inverseLabel: { zh: '移自', en: 'Moved from' } }],
});

describe('replayCases with resolvers and hand-offs', () => {
  let slow: Kernel;
  let fast: Kernel;
  const items: ReplayItem[] = [
    { type: 'routed', source: 'demo', input: { name: '一号', kind: 'city', receivedOn: '2021-05-06' }, actions: [{ action: 'close', input: { on: '2021-05-10' } }] },
    {
      type: 'routed',
      source: 'demo',
      input: { name: '二号', kind: 'city', receivedOn: '2021-05-06' },
      actions: [
        { action: 'move', input: { on: '2021-05-07' } },
        { action: 'close', input: { on: '2021-06-10' } },
      ],
    },
    { type: 'routed', source: 'demo', input: { name: '三号', kind: 'county', receivedOn: '2021-05-06' }, actions: [{ action: 'close', input: { on: '2021-05-11' } }] },
  ];
  beforeAll(async () => {
    [slow, fast] = await Promise.all(
      [0, 1].map(async () => {
        const k = await testKernel([routed]);
        await k.db.orm.execute(sql`insert into agency (id, name, kind, region_code, abbr) values
          (${CITY_GOV}, '嘉兴市人民政府', 'government', '330400', '嘉'), (${COUNTY_GOV}, '海宁市人民政府', 'government', '330481', '宁')`);
        await k.db.orm.execute(sql`insert into app_user (id, username, display_name, password_hash, roles, region_code) values (${MEDIATOR}, 'tj', '调解员', 'x', '{}', '330481')`);
        return k;
      }),
    );
  });
  afterAll(async () => {
    await slow.db.close();
    await fast.db.close();
  });

  it('runs resolvers on both paths alike: agency, assignees, notes, facts, and the moved case numbered by its new organ', async () => {
    await oneByOne(slow, items);
    await fast.db.tx((tx) => replayCases(fast, tx, items.map((it) => ({ ...it, actor: staff }))));
    const [a, b] = await Promise.all([snapshot(slow.db.orm), snapshot(fast.db.orm)]);
    expect(b).toEqual(a);
    const moved = b.二号 as Record<string, any>;
    expect([moved.agency_id, moved.assignee_id, moved.number, moved.attrs.moved, moved.attrs.assignees, moved.attrs.on_time]).toEqual([COUNTY_GOV, null, '宁调〔2021〕1号', true, [MEDIATOR], false]);
    expect((b.三号 as Record<string, any>).number).toBe('宁调〔2021〕2号');
    expect((b.一号 as Record<string, any>).events[0].payload.governments).toBe(2);
    expect((await verifyAudit(fast.db.orm)).ok).toBe(true);
  });

  it('refuses an act that would hand the case off, and writes nothing', async () => {
    const before = await counts(fast.db.orm);
    const p = await problemOf(
      fast.db.tx((tx) => replayCases(fast, tx, [items[0], { ...items[2], actions: [{ action: 'close', input: { on: '2021-05-11', elsewhere: true } }] }])),
    );
    expect([p.status, p.code, p.opts.errors?.[0].path]).toEqual([422, 'handoff-not-replayable', 'items.1.actions.0']);
    expect(await counts(fast.db.orm)).toEqual(before);
  });
});
