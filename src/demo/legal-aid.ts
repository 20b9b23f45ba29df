import { addDays } from '../kernel/calendar/civil.js';
import { createCase } from '../kernel/cases/create-case.js';
import { performAction } from '../kernel/cases/perform-action.js';
import { type ReplayItem, replayCases } from '../kernel/cases/replay.js';
import type { Orm } from '../kernel/db/client.js';
import { createUser } from '../kernel/identity/users.js';
import { type Actor, SYSTEM_ACTOR } from '../kernel/identity/types.js';
import { type Agency, createAgency } from '../kernel/org/agencies.js';
import { makeCreditCode, makeIdNumber } from '../kernel/org/validators.js';
import { putSetting } from '../kernel/settings.js';
import { agencySettingKey } from '../modules/legal-aid/index.js';
import { CONSULTATION_REGISTER, FIRM_REGISTER, PROVIDER_REGISTER } from '../modules/legal-aid/registers.js';
import { insertEntries } from '../kernel/registers/insert-entries.js';
import type { Subject } from '../modules/legal-aid/schemas.js';
import { COUNTIES } from './city.js';
import type { DemoContext, DemoPartResult } from './context.js';
import type { Rng } from './random.js';
import { DEMO_PASSWORD, type DemoLogin } from './users.js';

/**
 * 法律援助 in the demo city, 2021: one 法律援助中心 per county and the city's, ~150 aid providers in
 * 30 firms, and the year's cases through the engine (apply → grant → assign → close, the fewest
 * actions a concluded case needs). What is decided here is only the mix and the amounts; 受理数 and
 * 挽回经济损失 come out of the indicator code.
 */

/** Accepted (给予 or 先行提供) legal-aid cases received in 2021 (full volume; small is a tenth). */
export const LEGAL_AID_ACCEPTED = { full: 8890, small: 889 } as const;

/** What the accepted cases are about, with the range of what a concluded case recovers (yuan). */
const SUBJECT_MIX: { subject: Subject; share: number; matterType: string; recovered: [number, number] }[] = [
  { subject: 'wages', share: 0.3, matterType: 'civil', recovered: [2_000, 25_000] },
  { subject: 'work_injury', share: 0.12, matterType: 'civil', recovered: [13_000, 100_000] },
  { subject: 'traffic_accident', share: 0.1, matterType: 'civil', recovered: [6_000, 76_000] },
  { subject: 'marriage_family', share: 0.1, matterType: 'civil', recovered: [0, 13_000] },
  { subject: 'maintenance', share: 0.04, matterType: 'civil', recovered: [0, 19_000] },
  { subject: 'personal_injury', share: 0.04, matterType: 'civil', recovered: [3_000, 50_000] },
  { subject: 'contract', share: 0.04, matterType: 'civil', recovered: [0, 32_000] },
  { subject: 'criminal_defence', share: 0.2, matterType: 'criminal', recovered: [0, 0] },
  { subject: 'social_insurance', share: 0.02, matterType: 'administrative', recovered: [0, 19_000] },
  { subject: 'other', share: 0.04, matterType: 'non_litigation', recovered: [0, 6_000] },
];
const FIRM_WORDS = ['禾城', '南湖', '秀水', '鸳湖', '嘉善', '海盐', '海宁', '平湖', '桐乡', '运河', '梅湾', '子城', '月河', '烟雨', '乌镇'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁沈姚陆钱';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇浩然晨阳欣怡';
const BATCH = 200;

interface Ctx {
  d: DemoContext;
  staff: Actor;
  centres: Map<string, Agency>;
  providers: { id: string; region: string }[];
  seq: number;
}

export async function generateLegalAidDemo(d: DemoContext): Promise<DemoPartResult> {
  const { k } = d;
  const setup = await k.db.tx(async (tx) => {
    const centres = new Map<string, Agency>();
    const city = await createAgency(tx, { name: '嘉兴市法律援助中心', shortName: '市法援中心', kind: 'department', regionCode: '330400', abbr: '嘉', parentId: d.org.justiceBureau.id });
    centres.set('330400', city);
    for (const c of COUNTIES) {
      const county = d.org.counties.find((x) => x.code === c.code);
      centres.set(c.code, await createAgency(tx, { name: `${c.name}法律援助中心`, kind: 'department', regionCode: c.code, abbr: c.abbr, parentId: county?.gov.id }));
      await putSetting(tx, agencySettingKey(c.code), centres.get(c.code)!.id);
    }
    await putSetting(tx, 'intake.legal_aid.agency_id', city.id);
    const fayuan = await createUser(tx, { username: 'fayuan', displayName: '钱法援', password: DEMO_PASSWORD, roles: ['legal_aid_staff'], regionCode: '330400', agencyId: city.id });
    // An aid lawyer is agency-only with no agency: they see what is assigned to them.
    const lvshi = await createUser(tx, { username: 'lvshi', displayName: '沈律师', password: DEMO_PASSWORD, roles: ['aid_lawyer'], regionCode: '330400', agencyOnly: true });
    const providers = await insertProviders(k, tx, d.r, lvshi.id, SYSTEM_ACTOR);
    const logins: DemoLogin[] = [
      { username: 'fayuan', password: DEMO_PASSWORD, role: '市法律援助中心 / legal aid staff (city)', id: fayuan.id, displayName: '钱法援' },
      { username: 'lvshi', password: DEMO_PASSWORD, role: '法律援助律师 / aid lawyer', id: lvshi.id, displayName: '沈律师' },
    ];
    return { centres, providers, logins, staffId: fayuan.id };
  });
  const staff: Actor = { ...SYSTEM_ACTOR, id: setup.staffId, username: 'fayuan', displayName: '钱法援', roles: ['legal_aid_staff'] };
  const ctx: Ctx = { d, staff, centres: setup.centres, providers: setup.providers, seq: 0 };

  const accepted = LEGAL_AID_ACCEPTED[d.volume] - openAcceptedInYear(d.today, d.year);
  // Applications that were not accepted: refused, deemed withdrawn, transferred (not in 受理数).
  const notAccepted = Math.round(accepted * 0.04);
  const plan: Array<'accepted' | 'refused' | 'withdrawn' | 'transferred'> = [];
  for (let i = 0; i < accepted; i++) plan.push('accepted');
  for (let i = 0; i < notAccepted; i++) plan.push(i % 5 === 0 ? 'withdrawn' : i % 7 === 0 ? 'transferred' : 'refused');
  const order = d.r.shuffle(plan);
  // The concluded year goes through the history path: the same plan as act by act, written in batches.
  for (let b = 0; b < order.length; b += BATCH) {
    const items: ReplayItem[] = [];
    for (let i = b; i < Math.min(order.length, b + BATCH); i++) items.push(script(ctx, order[i], i / order.length));
    await k.db.tx((tx) => replayCases(k, tx, items));
  }
  const open = await k.db.tx((tx) => openCases(ctx, tx));
  const consultations = await k.db.tx((tx) => insertConsultations(ctx, tx));
  return {
    logins: setup.logins,
    counts: { legalAidConsultations: consultations, legalAidCases: order.length + open, legalAidAccepted2021: LEGAL_AID_ACCEPTED[d.volume], legalAidProviders: setup.providers.length, legalAidFirms: FIRMS },
  };
}

const FIRMS = 30;
const PROVIDERS = 150;

/** Firms and providers through the register service's bulk path: validated like an import, history recorded. */
async function insertProviders(k: DemoContext['k'], tx: Orm, r: Rng, lawyerUserId: string, actor: Actor): Promise<{ id: string; region: string }[]> {
  const regions = COUNTIES.map((c) => c.code);
  const firms = Array.from({ length: FIRMS }, (_, i) => {
    const region = i < 6 ? '330400' : regions[i % regions.length];
    const office = i % 5 === 4;
    return {
      name: office ? `${FIRM_WORDS[i % FIRM_WORDS.length]}基层法律服务所` : `浙江${FIRM_WORDS[i % FIRM_WORDS.length]}${['律师事务所', '联合律师事务所'][i % 2]}${i >= FIRM_WORDS.length ? `（${i}）` : ''}`,
      kind: office ? 'legal_service_office' : 'law_firm',
      creditCode: makeCreditCode(`31${region}${String(7000 + i).padStart(8, '0')}0`),
      regionCode: region,
      active: true,
    };
  });
  const firmIds = (await insertEntries(k, tx, FIRM_REGISTER, firms, actor, { checkPermission: false, action: 'import' })).ids;
  const providers = Array.from({ length: PROVIDERS }, (_, i) => {
    const firm = firms[i % FIRMS];
    const kind = firm.kind === 'legal_service_office' ? 'grassroots_worker' : i % 25 === 24 ? 'volunteer' : 'lawyer';
    const name = i === 0 ? '沈律师' : `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.chance(0.5) ? r.pick([...GIVEN]) : ''}`;
    return {
      name,
      kind,
      firmId: firmIds[i % FIRMS],
      firmName: firm.name,
      ...(kind === 'volunteer' ? {} : { licenceNumber: `1${firm.regionCode}${kind === 'lawyer' ? '1' : '2'}0${String(2000 + i).padStart(8, '0')}` }),
      regionCode: firm.regionCode,
      specialties: r.shuffle(SUBJECT_MIX.map((s) => s.subject)).slice(0, 3),
      ...(i === 0 ? { userId: lawyerUserId } : {}),
      active: true,
    };
  });
  const ids = (await insertEntries(k, tx, PROVIDER_REGISTER, providers, actor, { checkPermission: false, action: 'import' })).ids;
  return providers.map((p, i) => ({ id: ids[i], region: p.regionCode }));
}

function pickSubject(r: Rng) {
  let x = r.next();
  for (const s of SUBJECT_MIX) {
    x -= s.share;
    if (x < 0) return s;
  }
  return SUBJECT_MIX[0];
}

function application(ctx: Ctx, receivedOn: string, over: Record<string, unknown> = {}) {
  const r = ctx.d.r;
  ctx.seq++;
  const s = pickSubject(r);
  const county = r.pick(COUNTIES).code;
  const criminal = s.matterType === 'criminal';
  const notified = criminal && r.chance(0.7);
  const migrant = (s.subject === 'wages' || s.subject === 'work_injury') && r.chance(0.5);
  const birth = `${r.int(1955, 2000)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const size = r.int(1, 5);
  return {
    subject: s,
    input: {
      applicant: {
        name: `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.chance(0.6) ? r.pick([...GIVEN]) : ''}`,
        idNumber: makeIdNumber(`${county}${birth}${String(ctx.seq % 1000).padStart(3, '0')}`),
        phone: `1${r.pick(['3', '5', '8'])}${r.int(0, 9)}${String(20_000_000 + ((ctx.seq * 7_919) % 79_999_999)).padStart(8, '0')}`,
      },
      matterType: s.matterType,
      subject: s.subject,
      proceeding: criminal ? 'litigation' : r.pick(['litigation', 'litigation', 'arbitration', 'non_litigation']),
      facts: `${s.subject === 'criminal_defence' ? '犯罪嫌疑人、被告人没有委托辩护人' : '申请人因经济困难无力委托代理人'}，申请法律援助。`,
      channel: notified ? 'notified_by_court' : r.pick(['window', 'window', 'window', 'phone', 'online']),
      receivedOn,
      regionCode: county,
      ...(migrant ? { exemptGroup: 'migrant_worker' } : {}),
      ...(notified || migrant ? {} : { householdSize: size, householdMonthlyIncome: r.int(0, 2200) * size, integrityPledge: true }),
      ...over,
    },
  };
}

function wd(ctx: Ctx, from: string, n: number): string {
  return ctx.d.k.calendar.due(from, n, 'workday').due;
}

async function act(ctx: Ctx, tx: Orm, c: { id: string; version: number }, action: string, input: Record<string, unknown>, who = ctx.staff) {
  c.version = (await performAction(ctx.d.k, tx, { caseId: c.id, action, input, version: c.version, actor: who })).version;
}

/** One 2021 application as data; `slot` (0…1) spreads receipt over January–September so every case closes in 2021. */
function script(ctx: Ctx, path: 'accepted' | 'refused' | 'withdrawn' | 'transferred', slot: number): ReplayItem {
  const r = ctx.d.r;
  const receivedOn = wd(ctx, addDays(`${ctx.d.year}-01-04`, Math.floor(slot * 260)), 0);
  const app = application(ctx, receivedOn);
  const actions: ReplayItem['actions'] = [];
  const item: ReplayItem = { type: 'legal_aid', input: app.input, actor: ctx.staff, source: 'demo', actions };
  const act = (action: string, input: Record<string, unknown>, actor?: Actor) => actions.push({ action, input, actor });
  const decidedOn = wd(ctx, receivedOn, r.chance(0.96) ? r.int(1, 6) : r.int(8, 10));
  if (path === 'refused') {
    act('refuse', { decidedOn, grounds: [r.pick(['not_in_scope', 'not_in_difficulty', 'no_merit'])], reasoning: '经审查，不符合法律援助条件。' });
    return item;
  }
  if (path === 'transferred') {
    act('transfer', { transferredOn: decidedOn, competentCentre: '杭州市法律援助中心', reason: '办案机关不在本地（法律援助法第三十八条）' });
    return item;
  }
  if (path === 'withdrawn') {
    act('request_material', { noticeDate: wd(ctx, receivedOn, 1), items: ['家庭经济状况证明材料'] });
    act('deem_withdrawn', { recordedOn: addDays(wd(ctx, receivedOn, 1), 20) }, SYSTEM_ACTOR);
    return item;
  }
  if (r.chance(0.05)) act('provide_provisionally', { decidedOn, ground: 'limitation_near' });
  else act('grant', { decidedOn, form: app.subject.matterType === 'criminal' ? 'defence' : 'litigation_agency' });
  const provider = r.pick(ctx.providers);
  const assignedOn = addDays(decidedOn, r.chance(0.97) ? r.int(0, 3) : r.int(4, 6));
  act('assign', { assignedOn, providerId: provider.id });
  const endOn = addDays(assignedOn, r.int(20, 60));
  if (r.chance(0.02)) {
    act('terminate', { decidedOn: endOn, ground: r.pick(['own_counsel', 'recipient_request', 'proceedings_ended']), reasoning: '依法终止。' });
    return item;
  }
  const [lo, hi] = app.subject.recovered;
  const won = r.chance(0.8);
  const result = app.subject.matterType === 'criminal' ? r.pick(['defence_adopted', 'defence_partly_adopted', 'defence_not_adopted']) : won ? r.pick(['won', 'partly_won', 'mediated', 'settled']) : r.pick(['lost', 'case_withdrawn']);
  const recoveredAmount = won && hi > 0 ? r.int(lo, hi) : 0;
  act('close', { closedOn: endOn, result, recoveredAmount, report: '法律援助事项已办结，结案材料已归档。' });
  if (r.chance(0.05)) act('follow_up', { visitedOn: addDays(endOn, r.int(1, 10)), satisfaction: r.chance(0.95) ? r.pick(['very_satisfied', 'satisfied']) : 'dissatisfied' });
  return item;
}

/** 法律咨询 across the demo year (a tenth at small volume); about one in eight goes on to apply. */
async function insertConsultations(ctx: Ctx, tx: Orm): Promise<number> {
  const r = ctx.d.r;
  const n = ctx.d.volume === 'full' ? 6000 : 600;
  const inputs = Array.from({ length: n }, (_, i) => {
    const s = pickSubject(r);
    return {
      name: `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.chance(0.6) ? r.pick([...GIVEN]) : ''}`,
      channel: r.pick(['window', 'phone', 'phone', 'online']),
      subject: s.subject,
      question: '咨询能否申请法律援助及所需材料。',
      answer: '已告知申请条件、所需材料和受理机构。',
      toldOfRight: true,
      applied: r.chance(0.12),
      consultedOn: wd(ctx, addDays(`${ctx.d.year}-01-04`, Math.floor((i / n) * 355)), 0),
      regionCode: r.pick(COUNTIES).code,
    };
  });
  await insertEntries(ctx.d.k, tx, CONSULTATION_REGISTER, inputs, ctx.staff, { checkPermission: false, action: 'import' });
  return n;
}

/** Open cases around today: how many days ago each arrived and how far it got. */
type OpenStep = 'applied' | 'material' | 'granted' | 'assigned' | 'concluding' | 'objection';
const OPEN_CASES: { back: number; step: OpenStep }[] = [
  ...[0, 1, 2, 3, 0, 1, 2].map((back) => ({ back, step: 'applied' as const })),
  ...Array.from({ length: 7 }, (_, i) => ({ back: 2 + i, step: 'material' as const })),
  ...Array.from({ length: 7 }, (_, i) => ({ back: 3 + i, step: 'granted' as const })),
  ...Array.from({ length: 8 }, (_, i) => ({ back: 10 + i * 3, step: 'assigned' as const })),
  ...Array.from({ length: 6 }, (_, i) => ({ back: 20 + i * 3, step: 'concluding' as const })),
  ...Array.from({ length: 5 }, (_, i) => ({ back: 4 + i, step: 'objection' as const })),
];
const OPEN_ACCEPTED: OpenStep[] = ['granted', 'assigned', 'concluding'];

/** Open cases that were received in the demo year and accepted: the year's loop makes that many fewer. */
function openAcceptedInYear(today: string, year: number): number {
  return OPEN_CASES.filter((o) => OPEN_ACCEPTED.includes(o.step) && addDays(today, -o.back).startsWith(`${year}-`)).length;
}

/** Around today: a handful in every open state, so the to-do list and clocks have something to show. */
async function openCases(ctx: Ctx, tx: Orm): Promise<number> {
  let assignedToLawyer = 0;
  for (const o of OPEN_CASES) {
    const receivedOn = addDays(ctx.d.today, -o.back);
    const app = application(ctx, receivedOn);
    const created = await createCase(ctx.d.k, tx, { type: 'legal_aid', input: app.input, actor: ctx.staff, source: 'demo' });
    const c = { id: created.id, version: created.version };
    const day = (n: number) => addDays(receivedOn, n);
    if (o.step === 'material') await act(ctx, tx, c, 'request_material', { noticeDate: receivedOn, items: ['身份证明', '家庭经济状况证明'] });
    if (o.step === 'objection') {
      await act(ctx, tx, c, 'refuse', { decidedOn: day(1), grounds: ['not_in_difficulty'], reasoning: '家庭人均收入高于经济困难标准。' });
      await act(ctx, tx, c, 'object', { receivedOn: day(2), reasons: '申请人对收入认定有异议' });
    }
    if (!OPEN_ACCEPTED.includes(o.step)) continue;
    await act(ctx, tx, c, 'grant', { decidedOn: day(1), form: 'litigation_agency' });
    if (o.step === 'granted') continue;
    // The demo lawyer's own list: half of the cases in service.
    const provider = assignedToLawyer++ % 2 === 0 ? ctx.providers[0] : ctx.d.r.pick(ctx.providers);
    await act(ctx, tx, c, 'assign', { assignedOn: day(2), providerId: provider.id });
    if (o.step === 'concluding')
      await act(ctx, tx, c, 'report_progress', { reportedOn: day(15), summary: '案件已审结，待提交结案报告', matterConcluded: true });
  }
  return OPEN_CASES.length;
}
