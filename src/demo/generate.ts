import type { Kernel } from '../kernel/kernel.js';
import { createCase } from '../kernel/cases/create-case.js';
import { performAction } from '../kernel/cases/perform-action.js';
import { type Orm, one, sql } from '../kernel/db/client.js';
import { type Actor, SYSTEM_ACTOR as SYSTEM } from '../kernel/identity/types.js';
import { makeCreditCode as makeCreditCodeLocal, makeIdNumber } from '../kernel/org/validators.js';
import { processOutbox } from '../kernel/jobs/outbox.js';
import { sweepExpiredClocks } from '../kernel/jobs/sweep.js';
import { putSetting } from '../kernel/settings.js';
import { createDemoOrg, type DemoOrg } from './city.js';
import { type DemoLogin, createDemoUsers } from './users.js';
import { addDays } from '../kernel/calendar/civil.js';
import { type Rng, rng } from './random.js';
import type { DemoContext } from './context.js';
import { generateLegalAidDemo } from './legal-aid.js';
import { generateLegalServicesDemo } from './legal-services.js';
import { generateMediationDemo } from './mediation.js';

/**
 * The demo city: 嘉兴市 in 2021, generated deterministically (seeded) through the same engine a user
 * drives — createCase and performAction, with every clock, number and event — so that the indicator
 * code, not this file, produces the report's figures. What this file decides is only how many cases
 * end which way (the mix below) and when things happened.
 */

export const DEMO_YEAR = 2021;

/** How the 2021 reconsideration cases concluded (accepted and closed in 2021). */
export const RECONSIDERATION_MIX = {
  uphold: 468,
  reject_claim: 62,
  revoke: 14,
  confirm_illegal: 9,
  order_performance: 5,
  change: 4,
  partial_revoke: 3,
  mediated: 30,
  withdrawn: 45,
  settled: 14,
  dismissed: 10,
  terminated: 12,
  deemed_then_uphold: 28,
} as const;
/** Applications closed without acceptance in 2021 (not counted as 审结). */
export const RECONSIDERATION_NOT_ACCEPTED = { not_accepted: 20, abandoned: 8 } as const;

/** First-instance lawsuits concluded in 2021: how they ended, and whether they were heard in court. */
export const LITIGATION_MIX = [
  { end: 'reject_claim', n: 380, heard: 380 },
  { end: 'revoke', n: 12, heard: 12 },
  { end: 'confirm_illegal', n: 8, heard: 8 },
  { end: 'order_performance', n: 5, heard: 5 },
  { end: 'partial_revoke', n: 3, heard: 3 },
  { end: 'ruling_dismissed', n: 60, heard: 25 },
  { end: 'ruling_not_filed', n: 10, heard: 0 },
  { end: 'withdrawal_permitted', n: 130, heard: 90 },
  { end: 'deemed_withdrawn', n: 20, heard: 5 },
  { end: 'mediation', n: 16, heard: 12 },
] as const;
/** Of the heard cases, how many had no qualifying head in court (staff only, or no identity proof). */
export const LITIGATION_HEARD_WITHOUT_HEAD = 12;

/**
 * The 口径 嘉兴市 reports with: 纠错率 over all accepted-and-concluded cases (审结), which is the
 * definition its 2021 report's figures are consistent with. A city setting, shown beside the figure.
 */
const CITY_VARIANTS: Record<string, string> = {
  'reconsideration.correction_rate.variant': 'concluded',
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇浩然晨阳欣怡梓涵子轩俊杰嘉怡雨萱宏伟志强';
const COMPANY_WORDS = ['嘉禾', '南湖', '秀水', '禾城', '运河', '梅湾', '月河', '子城', '鸳鸯', '烟雨'];
const COMPANY_KINDS = ['纺织有限公司', '机械制造有限公司', '食品有限公司', '建材有限公司', '物流有限公司', '电子科技有限公司', '餐饮管理有限公司', '置业有限公司'];
const ACTS = [
  { d: '行政处罚决定（罚款）', cause: '行政处罚' },
  { d: '责令限期拆除决定', cause: '城乡建设行政管理' },
  { d: '不予登记决定', cause: '行政登记' },
  { d: '工伤认定决定', cause: '劳动和社会保障行政管理' },
  { d: '政府信息公开答复', cause: '政府信息公开' },
  { d: '行政强制措施（查封）', cause: '行政强制' },
  { d: '责令停产整治决定', cause: '环境保护行政管理' },
  { d: '不履行法定职责', cause: '不履行法定职责' },
  { d: '土地使用权收回决定', cause: '土地行政管理' },
  { d: '道路交通安全违法行为处罚决定', cause: '公安行政管理' },
];
const COURTS = [
  { name: '嘉兴市中级人民法院', code: '浙04' },
  { name: '嘉兴市南湖区人民法院', code: '浙0402' },
  { name: '嘉兴市秀洲区人民法院', code: '浙0411' },
  { name: '嘉善县人民法院', code: '浙0421' },
  { name: '海宁市人民法院', code: '浙0481' },
  { name: '桐乡市人民法院', code: '浙0483' },
];
const LEADER_POSTS = [
  { category: 'principal', post: '局长' },
  { category: 'deputy', post: '副局长' },
  { category: 'in_charge_deputy', post: '党组成员、副局长（分管）' },
] as const;

export interface DemoResult {
  cases: number;
  logins: DemoLogin[];
}

interface Ctx {
  k: Kernel;
  r: Rng;
  org: DemoOrg;
  staff: Actor;
  litigationStaff: Actor;
  today: string;
  personSeq: number;
  caseSeq: number;
}

export async function generateDemo(
  k: Kernel,
  opts: { seed?: number; openCases?: boolean; volume?: DemoContext['volume']; progress?: (line: string) => void } = {},
): Promise<DemoResult> {
  const progress = opts.progress ?? (() => {});
  let lap = Date.now();
  const done = (what: string) => {
    progress(`  ${what} (${((Date.now() - lap) / 1000).toFixed(1)} s)`);
    lap = Date.now();
  };
  const r = rng(opts.seed ?? 20211231);
  const { org, logins } = await k.db.tx(async (tx) => {
    const o = await createDemoOrg(tx);
    const l = await createDemoUsers(tx, o);
    for (const [key, value] of Object.entries(CITY_VARIANTS)) await putSetting(tx, key, value);
    // Portal applications go to the city government as 复议机关.
    await putSetting(tx, 'intake.reconsideration.agency_id', o.cityGov.id);
    return { org: o, logins: l };
  });
  const asActor = (login: DemoLogin): Actor => ({
    id: login.id,
    username: login.username,
    displayName: login.displayName,
    roles: [],
    permissions: ['*'],
    regionCode: '330400',
    regionPath: '/',
    agencyId: null,
    agencyOnly: false,
  });
  const ctx: Ctx = {
    k,
    r,
    org,
    staff: asActor(logins.find((l) => l.username === 'fuyi')!),
    litigationStaff: asActor(logins.find((l) => l.username === 'yingsu')!),
    today: k.today(),
    personSeq: 0,
    caseSeq: 0,
  };
  const upheld = await generateReconsideration2021(ctx);
  await generateLitigation2021(ctx, upheld);
  if (opts.openCases !== false) await generateOpenCases(ctx);
  done('行政复议、行政应诉 / reconsideration and litigation');
  // Each mechanism's part draws from its own seeded stream, so adding one never reshuffles another.
  const seed = opts.seed ?? 20211231;
  const part = (n: number): DemoContext => ({ k, org, r: rng(seed + n), year: DEMO_YEAR, today: k.today(), volume: opts.volume ?? 'full' });
  const mediation = await generateMediationDemo(part(1));
  done(`人民调解 / mediation: ${mediation.counts.disputes} disputes`);
  const legalAid = await generateLegalAidDemo(part(2));
  done(`法律援助 / legal aid: ${legalAid.counts.legalAidCases} cases`);
  const services = await generateLegalServicesDemo(part(3));
  done(`企业法律服务 / enterprise legal services: ${Object.entries(services.counts).filter(([key]) => ['consultations', 'deliveries', 'healthChecks'].includes(key)).map(([key, n]) => `${n} ${key}`).join(', ')}`);
  const parts = [mediation, legalAid, services];
  for (const p of parts) logins.push(...p.logins);
  ctx.caseSeq += (parts[0].counts.disputes ?? 0) + (parts[1].counts.legalAidCases ?? 0);
  // What the scheduler would have done by now: appeal periods that ran out, silent reviews.
  while ((await sweepExpiredClocks(k)) > 0);
  await processOutbox(k, 5000);
  // PGlite never runs autovacuum's analyse: without statistics the indicator queries read the table.
  await k.db.execScript('analyze');
  return { cases: ctx.caseSeq, logins };
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

function personName(r: Rng): string {
  return r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
}

function applicant(ctx: Ctx) {
  const r = ctx.r;
  ctx.personSeq++;
  if (r.chance(0.25)) {
    const name = `嘉兴市${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_KINDS)}`;
    return {
      kind: 'org' as const,
      name,
      creditCode: makeCreditCodeFor(ctx.personSeq),
      legalRepresentative: personName(r),
      phone: phone(ctx),
      address: `浙江省嘉兴市南湖区${r.pick(COMPANY_WORDS)}路${r.int(1, 999)}号`,
    };
  }
  const county = r.pick(['330402', '330411', '330421', '330424', '330481', '330482', '330483']);
  const birth = `${r.int(1955, 2000)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  return {
    kind: 'person' as const,
    name: personName(r),
    idNumber: makeIdNumber(`${county}${birth}${String(r.int(100, 999))}`),
    phone: phone(ctx),
    address: `浙江省嘉兴市${r.pick(['南湖区', '秀洲区', '海宁市', '桐乡市', '平湖市', '嘉善县', '海盐县'])}${r.pick(COMPANY_WORDS)}小区${r.int(1, 30)}幢${r.int(101, 2402)}室`,
  };
}

function phone(ctx: Ctx): string {
  return `1${ctx.r.pick(['3', '5', '8'])}${String(ctx.r.int(0, 9))}${String(10_000_000 + ((ctx.personSeq * 7_919) % 89_999_999)).padStart(8, '0')}`;
}

function makeCreditCodeFor(n: number): string {
  // 9 (工商) 1 (企业) 330400 + 9-digit organisation code; check character computed.
  return makeCreditCodeLocal(`91330400${String(n).padStart(9, '0')}`);
}

/** A respondent agency: city departments for ~45%, county governments and departments for the rest. */
function respondent(ctx: Ctx) {
  const r = ctx.r;
  if (r.chance(0.45)) return { agency: r.pick(ctx.org.cityDepartments), organ: ctx.org.cityGov, region: '330400' };
  const c = r.pick(ctx.org.counties);
  return { agency: r.chance(0.2) ? c.gov : r.pick(c.departments), organ: c.gov.name.includes('人民政府') && r.chance(0.5) ? ctx.org.cityGov : c.gov, region: c.code };
}

function wd(ctx: Ctx, from: string, n: number): string {
  return ctx.k.calendar.due(from, n, 'workday').due;
}

async function act(ctx: Ctx, tx: Orm, c: { id: string; version: number }, action: string, input: Record<string, unknown>, who = ctx.staff) {
  c.version = (await performAction(ctx.k, tx, { caseId: c.id, action, input, version: c.version, actor: who })).version;
}

// ── 行政复议 2021 ────────────────────────────────────────────────────────────────────────────────

type ReconPath = keyof typeof RECONSIDERATION_MIX | keyof typeof RECONSIDERATION_NOT_ACCEPTED;

type Upheld = { id: string; agencyId: string; organId: string; applicantName: string; servedOn: string; region: string };

async function generateReconsideration2021(ctx: Ctx): Promise<Upheld[]> {
  const paths: ReconPath[] = [];
  for (const [p, n] of Object.entries({ ...RECONSIDERATION_MIX, ...RECONSIDERATION_NOT_ACCEPTED })) for (let i = 0; i < n; i++) paths.push(p as ReconPath);
  const order = ctx.r.shuffle(paths);
  const upheld: Upheld[] = [];
  // Spread the conclusions across 2021: the i-th case ends around the i-th slice of the year. A case
  // whose dates fall outside 2021 is rolled back (savepoint) and drawn again a little further inside.
  const BATCH = 40;
  for (let b = 0; b < order.length; b += BATCH) {
    await ctx.k.db.tx(async (tx) => {
      for (let i = b; i < Math.min(order.length, b + BATCH); i++) {
        const u = await inYear(ctx, tx, i / order.length, (sp, slot) => oneReconsideration(ctx, sp, order[i], slot));
        if (u) upheld.push(u);
      }
    });
  }
  return upheld;
}

const RETRY = Symbol('retry');

/** Runs one case in a savepoint; retries with a nudged slot until it closes inside the demo year. */
async function inYear<T extends { id: string } | undefined>(
  ctx: Ctx,
  tx: Orm,
  slot0: number,
  run: (sp: Orm, slot: number) => Promise<{ id: string; result: T }>,
): Promise<T> {
  let slot = slot0;
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const res = await tx.transaction(async (spTx) => {
        const sp = spTx as unknown as Orm;
        const out = await run(sp, slot);
        const row = await one<{ closed_on: string | null }>(sp, sql`select closed_on from fz_case where id = ${out.id}`);
        const closed = row?.closed_on ?? '';
        if (closed < `${DEMO_YEAR}-01-01`) {
          slot = Math.min(0.99, slot + 0.01);
          throw RETRY;
        }
        if (closed > `${DEMO_YEAR}-12-31`) {
          slot = Math.max(0, slot - 0.01);
          throw RETRY;
        }
        return out.result;
      });
      ctx.caseSeq++;
      return res;
    } catch (e) {
      if (e !== RETRY) throw e;
    }
  }
  throw new Error('demo: could not place a case inside the demo year');
}

async function oneReconsideration(ctx: Ctx, tx: Orm, path: ReconPath, slot: number): Promise<{ id: string; result: Upheld | undefined }> {
  const r = ctx.r;
  // The case must end in 2021: received between 2020-11-20 and ~2021-10-20, ending ~20–75 days later.
  const end = addDays(`${DEMO_YEAR}-01-04`, Math.floor(slot * 355));
  const span = path === 'not_accepted' ? r.int(3, 6) : path === 'abandoned' ? r.int(18, 25) : r.int(35, 70);
  let received = addDays(end, -span);
  if (!ctx.k.calendar.isWorkday(received)) received = wd(ctx, received, 1);
  const resp = respondent(ctx);
  const act0 = r.pick(ACTS);
  const app = applicant(ctx);
  const knownOn = addDays(received, -r.int(5, 50));
  const compensationClaimed = r.chance(0.08);
  const input = {
    applicant: app,
    respondentAgencyId: resp.agency.id,
    agencyId: resp.organ.id,
    regionCode: resp.region,
    act: { description: act0.d, documentNumber: `${resp.agency.name.slice(0, 2)}〔${DEMO_YEAR - (received < '2021-01-01' ? 1 : 0)}〕${r.int(1, 300)}号`, actDate: addDays(knownOn, -r.int(0, 3)), knownOn },
    request: `请求撤销被申请人作出的${act0.d}。`,
    factsAndReasons: `申请人认为被申请人作出的${act0.d}认定事实不清、证据不足、适用依据错误，侵犯了申请人的合法权益。`,
    compensationClaimed,
    preconditionCategory: act0.d.includes('公开') ? 'disclosure_refused' : act0.d.includes('不履行') ? 'non_performance' : 'none',
    channel: r.pick(['portal', 'portal', 'mail', 'in_person']),
    receivedOn: received,
  };
  const created = await createCase(ctx.k, tx, { type: 'reconsideration', input, actor: ctx.staff, source: 'demo' });
  const c = { id: created.id, version: created.version };
  const done = (result?: Upheld) => ({ id: c.id, result });

  if (path === 'not_accepted') {
    await act(ctx, tx, c, 'reject', { decidedOn: wd(ctx, received, r.int(2, 5)), grounds: ['out_of_scope'], reasoning: '申请人请求事项不属于行政复议范围，依法不予受理。' });
    return done();
  }
  if (path === 'abandoned') {
    const notice = wd(ctx, received, r.int(1, 4));
    await act(ctx, tx, c, 'request_correction', { noticeDate: notice, items: ['请补充提供身份证明材料', '请明确具体的复议请求'] });
    await act(ctx, tx, c, 'abandon', { recordedOn: wd(ctx, notice, 11), note: '申请人无正当理由逾期未补正，视为放弃行政复议申请。' });
    return done();
  }
  let accepted: string;
  let simple = false;
  if (path === 'deemed_then_uphold') {
    // Silence for five working days = deemed accepted (第三十条第三款): the system acts.
    accepted = wd(ctx, received, 5);
    await performAction(ctx.k, tx, { caseId: c.id, action: 'deem_accepted', input: { deemedOn: accepted }, version: c.version, actor: SYSTEM });
    c.version++;
  } else {
    if (r.chance(0.08)) {
      const notice = wd(ctx, received, r.int(1, 3));
      await act(ctx, tx, c, 'request_correction', { noticeDate: notice, items: ['请补充提供行政行为的文书复印件'] });
      received = wd(ctx, notice, r.int(2, 8));
      await act(ctx, tx, c, 'receive_correction', { receivedOn: received });
    }
    accepted = wd(ctx, received, r.int(1, 5));
    simple = r.chance(0.15);
    await act(ctx, tx, c, 'accept', simple ? { acceptedOn: accepted, procedure: 'simple', simpleProcedureGround: 'small_amount', caseOfficer: ctx.staff.displayName } : { acceptedOn: accepted, procedure: 'ordinary', caseOfficer: ctx.staff.displayName });
  }
  const notified = wd(ctx, accepted, r.int(1, 3));
  await act(ctx, tx, c, 'notify_respondent', { sentOn: notified, method: r.pick(['electronic', 'mail', 'in_person']) });
  if (path === 'dismissed') {
    await act(ctx, tx, c, 'dismiss_application', { decidedOn: minDate(end, addDays(notified, r.int(5, 20))), grounds: ['no_interest'], reasoning: '经审查，申请人与被申请复议的行政行为不具有利害关系。' });
    return done();
  }
  const answered = wd(ctx, notified, r.int(4, 9));
  await act(ctx, tx, c, 'submit_answer', { answeredOn: answered, evidenceSubmitted: true, summary: '被申请人认为原行政行为认定事实清楚，证据确凿，程序合法。' });
  if (path === 'terminated') {
    await act(ctx, tx, c, 'terminate', { decidedOn: wd(ctx, answered, r.int(2, 10)), ground: 'criminal_measures' });
    return done();
  }
  if (path === 'withdrawn' || path === 'settled') {
    const on = wd(ctx, answered, r.int(2, 15));
    if (path === 'withdrawn') await act(ctx, tx, c, 'withdraw', { approvedOn: on, reason: '申请人自愿撤回行政复议申请。', respondentChangedAct: r.chance(0.4), voluntary: true });
    else await act(ctx, tx, c, 'settle', { approvedOn: on, terms: '双方就争议事项达成和解，申请人撤回申请。', voluntary: true });
    return done();
  }
  if (path === 'mediated') {
    const started = wd(ctx, answered, r.int(1, 5));
    await act(ctx, tx, c, 'start_mediation', { startedOn: started });
    await act(ctx, tx, c, 'mediate', { effectiveOn: wd(ctx, started, r.int(3, 12)), terms: '经行政复议机关主持调解，双方自愿达成调解协议。' });
    return done();
  }
  let lastStep = answered;
  if (r.chance(0.1)) {
    const notice = wd(ctx, answered, 1);
    const hearing = wd(ctx, notice, r.int(5, 8));
    await act(ctx, tx, c, 'schedule_hearing', { noticeDate: notice, hearingDate: hearing, place: '嘉兴市行政复议局听证室', matters: '行政行为认定的事实和证据', mandatory: r.chance(0.5) });
    await act(ctx, tx, c, 'hold_hearing', { heldOn: hearing, presiding: '李主持', respondentHeadAttended: r.chance(0.8), applicantAttended: true });
    lastStep = hearing;
  }
  const lateRoll = r.chance(0.03);
  // Simple procedure: 30 days (第六十二条第二款); ordinary: 60. A few cases run late, as they do.
  const decidedBase = addDays(accepted, simple ? r.int(10, 26) : r.int(20, 55));
  let decided = decidedBase > lastStep ? decidedBase : wd(ctx, lastStep, 2);
  if (lateRoll) decided = addDays(accepted, r.int(62, 70));
  if (!ctx.k.calendar.isWorkday(decided)) decided = wd(ctx, decided, 1);
  const decisionType = path === 'deemed_then_uphold' ? 'uphold' : path;
  await act(ctx, tx, c, 'decide', {
    decidedOn: decided,
    decisionType,
    orderRemake: (decisionType === 'revoke' || decisionType === 'partial_revoke') && r.chance(0.5),
    ...(decisionType === 'order_performance' ? { periodDays: 30 } : {}),
    ...(decisionType === 'change' ? { decisionText: '将罚款数额由二万元变更为一万元。' } : {}),
    ...(decisionType === 'partial_revoke' ? { decisionText: '撤销原行政行为中没收违法所得部分，维持其余部分。' } : {}),
    findings: '被申请人依据调查取得的证据作出原行政行为，申请人对此提出异议。',
    reasoning: DECISION_REASONING[decisionType] ?? '被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。',
    approvedBy: r.chance(0.7) ? 'head' : 'collective',
    // A claim for compensation is decided with the case (第七十二条): awarded only where the act fell.
    compensation: compensationClaimed ? (['revoke', 'confirm_illegal', 'partial_revoke'].includes(decisionType) ? 'awarded' : 'rejected') : 'none',
  });
  const served = wd(ctx, decided, r.int(1, 4));
  await act(ctx, tx, c, 'serve', { servedOn: served, method: r.pick(['direct', 'mail', 'electronic']) });
  if (r.chance(0.5)) await act(ctx, tx, c, 'publish', { publishedOn: wd(ctx, served, r.int(3, 10)), url: `https://www.jiaxing.gov.cn/xzfy/${created.id.slice(0, 8)}.html`, copiedToSuperior: r.chance(0.5) });
  if (decisionType === 'uphold') return done({ id: c.id, agencyId: resp.agency.id, organId: resp.organ.id, applicantName: app.name, servedOn: served, region: resp.region });
  return done();
}

const DECISION_REASONING: Record<string, string> = {
  revoke: '被申请人作出的行政行为主要事实不清、证据不足，依法应予撤销。',
  partial_revoke: '被申请人作出的行政行为部分事实不清，依法应部分撤销。',
  confirm_illegal: '被申请人作出的行政行为程序轻微违法，但对申请人权利不产生实际影响，依法确认违法。',
  order_performance: '被申请人未在法定期限内履行法定职责，依法责令其限期履行。',
  change: '被申请人作出的行政行为认定事实清楚，但内容不适当，依法予以变更。',
  reject_claim: '被申请人不负有申请人所请求履行的法定职责，依法驳回申请人的复议请求。',
};

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}


// ── 行政应诉 2021 ────────────────────────────────────────────────────────────────────────────────

async function generateLitigation2021(ctx: Ctx, upheld: { id: string; agencyId: string; organId: string; applicantName: string; servedOn: string; region: string }[]) {
  const r = ctx.r;
  const plan: { end: string; heard: boolean; withHead: boolean }[] = [];
  for (const m of LITIGATION_MIX) for (let i = 0; i < m.n; i++) plan.push({ end: m.end, heard: i < m.heard, withHead: true });
  const heardIdx = plan.map((p, i) => (p.heard ? i : -1)).filter((i) => i >= 0);
  for (const i of r.shuffle(heardIdx).slice(0, LITIGATION_HEARD_WITHOUT_HEAD)) plan[i].withHead = false;
  const order = r.shuffle(plan);
  // About one in ten suits follows a 复议 decision that upheld the act (复议机关 as co-defendant).
  const follow = [...upheld].sort((a, b) => (a.servedOn < b.servedOn ? -1 : 1)).filter((u) => u.servedOn < '2021-09-01').slice(0, 60);
  const BATCH = 40;
  const seqByCourt = new Map<string, number>();
  for (let b = 0; b < order.length; b += BATCH) {
    await ctx.k.db.tx(async (tx) => {
      for (let i = b; i < Math.min(order.length, b + BATCH); i++) {
        const p = order[i];
        const f = i % 10 === 3 ? follow.shift() : undefined;
        await inYear(ctx, tx, i / order.length, (sp, slot) => oneLitigation(ctx, sp, p, addDays(`${DEMO_YEAR}-01-06`, Math.floor(slot * 350)), f, seqByCourt));
      }
    });
  }
}

async function oneLitigation(
  ctx: Ctx,
  tx: Orm,
  p: { end: string; heard: boolean; withHead: boolean },
  end: string,
  follows: { id: string; agencyId: string; organId: string; applicantName: string; servedOn: string; region: string } | undefined,
  seqByCourt: Map<string, number>,
): Promise<{ id: string; result: undefined }> {
  const r = ctx.r;
  const court = r.pick(COURTS);
  const seq = (seqByCourt.get(court.code) ?? 0) + 1;
  seqByCourt.set(court.code, seq);
  let filed = follows ? addDays(follows.servedOn, r.int(5, 14)) : addDays(end, -r.int(70, 160));
  if (follows && addDays(filed, 70) > end) end = addDays(filed, r.int(70, 110));
  if (end > `${DEMO_YEAR}-12-28`) end = `${DEMO_YEAR}-12-28`;
  if (!ctx.k.calendar.isWorkday(filed)) filed = wd(ctx, filed, 1);
  const served = wd(ctx, filed, r.int(2, 5));
  const resp = follows ? { agencyId: follows.agencyId, region: follows.region } : (() => { const x = respondent(ctx); return { agencyId: x.agency.id, region: x.region }; })();
  const plaintiff = follows ? { kind: 'person' as const, name: follows.applicantName } : (() => { const a = applicant(ctx); return a.kind === 'person' ? { kind: 'person' as const, name: a.name, phone: a.phone } : { kind: 'org' as const, name: a.name, creditCode: a.creditCode }; })();
  const input = {
    court: court.name,
    courtCaseNumber: `（${filed.slice(0, 4)}）${court.code}行初${seq}号`,
    instance: 'first',
    procedure: 'ordinary',
    plaintiff,
    defendantAgencyId: resp.agencyId,
    regionCode: resp.region,
    reconsiderationOrganCoDefendant: !!follows,
    ...(follows ? { reconsiderationCaseId: follows.id } : {}),
    cause: r.pick(ACTS).cause,
    claims: '请求依法撤销被告作出的行政行为。',
    filedOn: filed,
    servedOn: served,
  };
  const created = await createCase(ctx.k, tx, { type: 'litigation', input, actor: ctx.litigationStaff, source: 'demo' });
  const c = { id: created.id, version: created.version };
  const who = ctx.litigationStaff;
  const defence = addDays(served, r.int(5, 14));
  await act(ctx, tx, c, 'file_defence', { filedOn: defence, evidenceFiledOn: defence, normativeBasisSubmitted: true }, who);
  let last = defence;
  if (p.heard) {
    const hearing = wd(ctx, defence, r.int(10, 30));
    const leader = r.pick(LEADER_POSTS);
    const headName = personName(r);
    await act(ctx, tx, c, 'plan_appearance', { plannedOn: wd(ctx, defence, 2), hearingDate: hearing, courtNoticeToAppear: r.chance(0.3), plannedPerson: { name: headName, post: leader.post, category: leader.category } }, who);
    if (p.withHead) {
      await act(ctx, tx, c, 'record_hearing', { heldOn: hearing, online: r.chance(0.1), appearingPerson: { name: headName, post: leader.post, category: leader.category }, proofSubmittedBeforeHearing: true, staffPresent: true, spokeOnResolution: r.chance(0.7) }, who);
    } else {
      await act(ctx, tx, c, 'record_hearing', { heldOn: hearing, appearingPerson: { name: personName(r), post: '法制科科长', category: 'staff' }, proofSubmittedBeforeHearing: true, staffPresent: true, headAbsenceReason: r.pick(['irreplaceable_duty', 'other_good_reason', 'none_given']) }, who);
    }
    last = hearing;
  }
  const judged = end > last ? end : wd(ctx, last, r.int(5, 20));
  const judgedOn = ctx.k.calendar.isWorkday(judged) ? judged : wd(ctx, judged, 1);
  if (p.end === 'withdrawal_permitted' || p.end === 'deemed_withdrawn') {
    await act(ctx, tx, c, 'withdraw', { ruledOn: judgedOn, kind: p.end, agencyChangedAct: r.chance(0.2) }, who);
    return { id: c.id, result: undefined };
  }
  await act(ctx, tx, c, 'judge', { judgmentType: p.end, judgedOn, servedOn: wd(ctx, judgedOn, r.int(1, 4)) }, who);
  return { id: c.id, result: undefined };
}

// ── open cases: alive around today ───────────────────────────────────────────────────────────────

/** Open cases in every state, dated relative to today, so the to-do list and clocks are alive. */
async function generateOpenCases(ctx: Ctx) {
  const r = ctx.r;
  const t = ctx.today;
  const back = (n: number) => {
    let d = addDays(t, -n);
    while (!ctx.k.calendar.isWorkday(d)) d = addDays(d, -1);
    return d;
  };
  const stages = ['received', 'received_late', 'correction_requested', 'accepted', 'respondent_notified', 'under_review', 'hearing_scheduled', 'suspended', 'mediating', 'decided'] as const;
  await ctx.k.db.tx(async (tx) => {
    for (const [i, stage] of [...stages, ...stages, ...stages].entries()) {
      const received = stage === 'received' ? back(r.int(0, 3)) : stage === 'received_late' ? back(r.int(8, 12)) : back(r.int(10, 58));
      const resp = respondent(ctx);
      const act0 = r.pick(ACTS);
      const app = applicant(ctx);
      const created = await createCase(ctx.k, tx, {
        type: 'reconsideration',
        input: {
          applicant: app,
          respondentAgencyId: resp.agency.id,
          agencyId: resp.organ.id,
          regionCode: resp.region,
          act: { description: act0.d, actDate: addDays(received, -20), knownOn: addDays(received, -15) },
          request: `请求撤销被申请人作出的${act0.d}。`,
          factsAndReasons: '申请人认为该行政行为认定事实不清、适用依据错误。',
          channel: i % 3 === 0 ? 'portal' : 'mail',
          preconditionCategory: 'none',
          receivedOn: received,
        },
        actor: ctx.staff,
        source: 'demo',
      });
      ctx.caseSeq++;
      const c = { id: created.id, version: created.version };
      if (stage === 'received' || stage === 'received_late') continue;
      if (stage === 'correction_requested') {
        await act(ctx, tx, c, 'request_correction', { noticeDate: minDate(t, wd(ctx, received, 2)), items: ['请补充提供申请人身份证明'] });
        continue;
      }
      const accepted = minDate(t, wd(ctx, received, r.int(2, 4)));
      await act(ctx, tx, c, 'accept', { acceptedOn: accepted, procedure: 'ordinary', caseOfficer: ctx.staff.displayName });
      if (stage === 'accepted') continue;
      const notified = minDate(t, wd(ctx, accepted, 2));
      await act(ctx, tx, c, 'notify_respondent', { sentOn: notified, method: 'electronic' });
      if (stage === 'respondent_notified') continue;
      const answered = minDate(t, wd(ctx, notified, r.int(3, 8)));
      await act(ctx, tx, c, 'submit_answer', { answeredOn: answered, evidenceSubmitted: true });
      if (stage === 'under_review') continue;
      if (stage === 'hearing_scheduled') {
        await act(ctx, tx, c, 'schedule_hearing', { noticeDate: answered, hearingDate: addDays(t, r.int(5, 12)), place: '嘉兴市行政复议局听证室', matters: '行政行为的事实认定', mandatory: false });
        continue;
      }
      if (stage === 'suspended') {
        await act(ctx, tx, c, 'suspend', { suspendedOn: minDate(t, wd(ctx, answered, 1)), ground: 'awaiting_other_case' });
        continue;
      }
      if (stage === 'mediating') {
        await act(ctx, tx, c, 'start_mediation', { startedOn: minDate(t, wd(ctx, answered, 1)) });
        continue;
      }
      await act(ctx, tx, c, 'decide', { decidedOn: minDate(t, wd(ctx, answered, 3)), decisionType: 'uphold', findings: '原行政行为事实清楚，证据确凿。', reasoning: '原行政行为合法适当。', approvedBy: 'head' });
    }
    // Lawsuits in progress.
    const litStages = ['served', 'defence_filed', 'hearing_scheduled', 'heard', 'judged'] as const;
    for (const [i, stage] of [...litStages, ...litStages, ...litStages].entries()) {
      const filed = back(r.int(stage === 'served' ? 3 : 20, stage === 'served' ? 9 : 80));
      const served = minDate(t, wd(ctx, filed, 2));
      const resp = respondent(ctx);
      const court = r.pick(COURTS);
      const a = applicant(ctx);
      const created = await createCase(ctx.k, tx, {
        type: 'litigation',
        input: {
          court: court.name,
          courtCaseNumber: `（${filed.slice(0, 4)}）${court.code}行初${900 + i}号`,
          plaintiff: a.kind === 'person' ? { kind: 'person', name: a.name, phone: a.phone } : { kind: 'org', name: a.name, creditCode: a.creditCode },
          defendantAgencyId: resp.agency.id,
          regionCode: resp.region,
          cause: r.pick(ACTS).cause,
          filedOn: filed,
          servedOn: served,
        },
        actor: ctx.litigationStaff,
        source: 'demo',
      });
      ctx.caseSeq++;
      const c = { id: created.id, version: created.version };
      const who = ctx.litigationStaff;
      if (stage === 'served') continue;
      const defence = minDate(t, addDays(served, r.int(5, 12)));
      await act(ctx, tx, c, 'file_defence', { filedOn: defence, evidenceFiledOn: defence, normativeBasisSubmitted: true }, who);
      if (stage === 'defence_filed') continue;
      const hearing = stage === 'hearing_scheduled' ? addDays(t, r.int(3, 20)) : minDate(t, wd(ctx, defence, 5));
      await act(ctx, tx, c, 'plan_appearance', { plannedOn: minDate(t, wd(ctx, defence, 1)), hearingDate: hearing, plannedPerson: { name: personName(r), post: '副局长', category: 'deputy' } }, who);
      if (stage === 'hearing_scheduled') continue;
      await act(ctx, tx, c, 'record_hearing', { heldOn: hearing, appearingPerson: { name: personName(r), post: '副局长', category: 'deputy' }, proofSubmittedBeforeHearing: true, staffPresent: true }, who);
      if (stage === 'heard') continue;
      const judgedOn = minDate(t, wd(ctx, hearing, 5));
      await act(ctx, tx, c, 'judge', { judgmentType: 'reject_claim', judgedOn, servedOn: minDate(t, wd(ctx, judgedOn, 1)) }, who);
    }
  });
}
