import { addDays } from '../kernel/calendar/civil.js';
import { createCase } from '../kernel/cases/create-case.js';
import { performAction } from '../kernel/cases/perform-action.js';
import { type ReplayItem, replayCases } from '../kernel/cases/replay.js';
import { type Orm, rows, sql } from '../kernel/db/client.js';
import { type Actor, SYSTEM_ACTOR } from '../kernel/identity/types.js';
import { createUser } from '../kernel/identity/users.js';
import { insertEntries } from '../kernel/registers/insert-entries.js';
import { createCommittee } from '../modules/mediation/committees.js';
import type { DemoContext, DemoPartResult } from './context.js';
import { makeIdNumber } from '../kernel/org/validators.js';
import { DEMO_PASSWORD, type DemoLogin } from './users.js';

/**
 * 人民调解 in the demo city: a committee in every town, a centre and four industry committees in every
 * county, 2–4 mediators each, and disputes across 2021 run through the engine (routing included), so
 * the indicator code computes every figure. Hand-offs to 行政复议 happen only among the open disputes
 * around today: a 2021 hand-off would create 2021 复议 applications and change that report's figures.
 */

const INDUSTRIES = [
  { industry: '物业', name: '物业纠纷', specialty: 'property_mgmt' },
  { industry: '医疗', name: '医疗纠纷', specialty: 'medical' },
  { industry: '交通事故', name: '交通事故纠纷', specialty: 'traffic' },
  { industry: '劳动', name: '劳动争议', specialty: 'labour' },
] as const;
const SPECIALTIES = ['marriage_family', 'neighbour', 'contract', 'consumer', 'land', 'enterprise'];
/** A realistic mix of categories (weights). */
const CATEGORIES: [string, number][] = [
  ['marriage_divorce', 8], ['marriage_support', 6], ['marriage_inheritance', 4], ['neighbour_boundary', 10], ['neighbour_noise', 10],
  ['property_fee', 8], ['labour_wages', 9], ['labour_injury', 3], ['contract_loan', 9], ['traffic', 8], ['medical', 3],
  ['consumer', 7], ['land_demolition', 4], ['enterprise', 4], ['other', 7],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇浩';
const PLACES = ['小区', '村', '菜场', '商铺', '厂区', '路口', '工地'];

export async function generateMediationDemo(d: DemoContext): Promise<DemoPartResult> {
  const { k, r } = d;
  const started = Date.now();
  const logins: DemoLogin[] = [];
  const towns = await rows<{ code: string; name: string; county: string }>(k.db.orm, sql`select code, name, parent_code as county from region where level = 'town' order by code`);
  const counties = await rows<{ code: string; name: string }>(k.db.orm, sql`select code, name from region where level = 'county' order by code`);
  const person = () => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.5) ? r.pick([...GIVEN]) : '');

  // ── committees, mediators, accounts ──────────────────────────────────────────────────────────
  const staff = await k.db.tx(async (tx) => {
    const committees: { id: string; regionCode: string; specialty?: string }[] = [];
    const centres = new Map<string, string>();
    for (const c of counties) {
      const centre = await createCommittee(tx, { name: `${c.name}社会矛盾纠纷调处化解中心`, regionCode: c.code, level: 'county', abbr: `${c.name.slice(0, 2)}矛` });
      committees.push({ id: centre.id, regionCode: c.code });
      centres.set(c.code, centre.id);
      for (const ind of INDUSTRIES) {
        const x = await createCommittee(tx, { name: `${c.name}${ind.name}人民调解委员会`, regionCode: c.code, level: 'industry', industry: ind.industry, abbr: `${c.name.slice(0, 2)}${ind.industry.slice(0, 1)}` });
        committees.push({ id: x.id, regionCode: c.code, specialty: ind.specialty });
      }
    }
    for (const t of towns) {
      const x = await createCommittee(tx, { name: `${t.name}人民调解委员会`, regionCode: t.code, level: 'town', abbr: t.name.slice(0, 2) });
      committees.push({ id: x.id, regionCode: t.code });
    }
    const inputs = committees.flatMap((c) =>
      Array.from({ length: r.int(2, 4) }, () => ({
        name: person(),
        committeeAgencyId: c.id,
        specialties: c.specialty ? [c.specialty] : [r.pick(SPECIALTIES)],
        regionCode: c.regionCode,
        certificates: [{ name: '人民调解员证', number: `ZJ${r.int(100000, 999999)}` }],
        trainings: [{ title: '人民调解业务培训', date: '2021-03-15', hours: r.int(8, 24) }],
        capacity: r.int(8, 20),
      })),
    );
    // ~20 mediators of 南湖区 town committees get accounts (the first is 'tiaojie').
    const nanhu = inputs.filter((i) => i.regionCode.startsWith('330402') && i.regionCode.length === 9).slice(0, 20);
    for (const [n, i] of nanhu.entries()) {
      const username = n === 0 ? 'tiaojie' : `tiaojie${n + 1}`;
      const u = await createUser(tx, { username, displayName: i.name, password: DEMO_PASSWORD, roles: ['mediator'], regionCode: '330402', agencyId: i.committeeAgencyId, agencyOnly: true });
      (i as { userId?: string }).userId = u.id;
      if (n === 0) logins.push({ username, password: DEMO_PASSWORD, role: '南湖区乡镇人民调解员 / town mediator', id: u.id, displayName: i.name });
    }
    await insertEntries(k, tx, 'mediator', inputs, SYSTEM_ACTOR, { checkPermission: false });
    const specs = [
      { username: 'mtzx', displayName: '钱矛调', roles: ['mediation_centre'], regionCode: '330400', role: '市矛调中心 / dispute resolution centre (city)' },
      { username: 'faguan', displayName: '孙法官', roles: ['seconded_judge'], regionCode: '330402', agencyId: centres.get('330402'), agencyOnly: true, role: '派驻法官 / seconded judge' },
      // A grid worker's scope is their town: they follow the disputes reported there.
      { username: 'wangge', displayName: '郑网格', roles: ['grid_worker'], regionCode: towns[0].code, role: '网格员 / grid worker' },
    ];
    const out: Record<string, string> = {};
    for (const s of specs) {
      const u = await createUser(tx, { username: s.username, displayName: s.displayName, password: DEMO_PASSWORD, roles: s.roles, regionCode: s.regionCode, agencyId: s.agencyId, agencyOnly: s.agencyOnly ?? false });
      out[s.username] = u.id;
      logins.push({ username: s.username, password: DEMO_PASSWORD, role: s.role, id: u.id, displayName: s.displayName });
    }
    // Every town has three grids, each with its grid worker (网格+调解); 'wangge' works the first one of 南湖区.
    const VILLAGES = ['村', '社区'];
    const gridWorkers = towns.flatMap((t, ti) =>
      [1, 2, 3].map((g) => ({
        name: ti === 0 && g === 1 ? '郑网格' : person(),
        ...(ti === 0 && g === 1 ? { userId: out.wangge } : {}),
        gridCode: `${t.code}${String(g).padStart(3, '0')}`,
        gridName: `${t.name}第${g}网格`,
        villageName: `${t.name.slice(0, 2)}${r.pick(['东', '西', '南', '北', '新', '中'])}${r.pick(VILLAGES)}`,
        regionCode: t.code,
        phone: `158${String(ti * 10 + g).padStart(8, '0')}`,
      })),
    );
    await insertEntries(k, tx, 'grid_worker', gridWorkers, SYSTEM_ACTOR, { checkPermission: false });
    return { committees: committees.length, mediators: inputs.length, gridWorkers: gridWorkers.length, judge: out.faguan, centre: out.mtzx };
  });
  const who: Actor = { ...SYSTEM_ACTOR, id: staff.centre, displayName: '钱矛调' };

  // ── disputes ─────────────────────────────────────────────────────────────────────────────────
  const total = d.volume === 'full' ? 2400 : 240;
  const weights = CATEGORIES.reduce((s, [, w]) => s + w, 0);
  const category = () => {
    let x = r.int(1, weights);
    for (const [c, w] of CATEGORIES) if ((x -= w) <= 0) return c;
    return 'other';
  };
  // Open disputes around today must not act in the future.
  const cap = (x: string) => (x > d.today ? d.today : x);
  const wd = (from: string, n: number) => cap(k.calendar.due(from, n, 'workday').due);
  let seq = 0;
  const counts: Record<string, number> = {};
  /** One dispute's history as data: the create form and its acts, for the replay or the live path. */
  const script = (received: string, path: string): ReplayItem => {
    seq++;
    const town = r.pick(towns);
    const channel = r.pick(['window', 'window', 'grid_worker', 'portal', 'hotline', 'court_referral', 'police_referral']);
    const applicant = person();
    // Two parties with one name would sign as one: the other party is drawn until the names differ.
    let otherParty = person();
    while (otherParty === applicant) otherParty = person();
    const input = {
      applicant: {
        name: applicant,
        phone: `13${r.int(0, 9)}${String(10_000_000 + seq * 7919).slice(-8)}`,
        // 行政复议 needs them: collected for the disputes that go there.
        ...(path === 'handed_off_reconsideration'
          ? { idNumber: makeIdNumber(`330402${r.int(1960, 1999)}0${r.int(1, 9)}1${r.int(0, 9)}${r.int(100, 999)}`), address: `${town.name}${r.pick(PLACES)}${r.int(1, 99)}号` }
          : {}),
      },
      otherParty: { name: otherParty },
      category: category(),
      description: '双方因赔偿、费用或相邻关系发生争议，申请调解。',
      disputeAddress: `${town.name}${r.pick(PLACES)}${r.int(1, 99)}号`,
      regionCode: town.code,
      amountInvolved: r.int(1, 200) * 500,
      channel,
      receivedOn: received,
      ...(channel === 'court_referral' ? { referral: { organ: '嘉兴市南湖区人民法院', referenceNumber: `(2021)浙0402民诉前调${seq}号` } } : {}),
      ...(channel === 'police_referral' ? { referral: { organ: '嘉兴市公安局南湖区分局', referenceNumber: `引调${seq}` } } : {}),
    };
    const actions: ReplayItem['actions'] = [];
    const item: ReplayItem = { type: 'mediation', input, actor: who, source: 'demo', actions };
    const run = (action: string, inp: Record<string, unknown>) => {
      actions.push({ action, input: inp });
      return item;
    };
    counts[path] = (counts[path] ?? 0) + 1;
    if (path === 'routed') return item;
    if (path === 'refused') return run('refuse_mediation', { recordedOn: wd(received, 1), refusedBy: r.pick(['applicant', 'other_party']) });
    if (path === 'withdrawn') return run('withdraw', { withdrawnOn: wd(received, 1), reason: '双方自行和解' });
    if (path === 'handed_off')
      return run('hand_off', { handedOffOn: wd(received, 2), channel: r.pick(['litigation', 'arbitration', 'petition', 'administrative_ruling']), reason: '不属于人民调解范围，告知其他途径' });
    if (path === 'handed_off_reconsideration') {
      const bureau = r.pick(d.org.counties).departments[0];
      run('hand_off', { handedOffOn: received, channel: 'reconsideration', reason: '争议系对行政行为不服', respondentAgencyId: bureau.id, actDescription: '行政处理决定', actDate: addDays(received, -20), knownOn: addDays(received, -15) });
      return item;
    }
    const accepted = wd(received, r.int(0, 2));
    run('accept', { acceptedOn: accepted, ...(r.chance(0.05) ? { extraUserIds: [staff.judge] } : {}) });
    if (path === 'mediating') return item;
    const session = wd(accepted, r.int(1, 5));
    run('record_session', { heldOn: session, mode: r.chance(0.2) ? 'online' : 'in_person', participants: ['申请人', '对方当事人', '调解员'], record: '听取双方陈述，释法说理。' });
    const ended = r.chance(0.05) ? cap(addDays(accepted, r.int(32, 45))) : wd(session, r.int(1, 12));
    if (path === 'failed') return run('fail', { endedOn: ended, ground: r.pick(['party_quit', 'no_prospect']), exitsTold: ['litigation'] });
    const written = r.chance(0.7);
    run('record_agreement', {
      effectiveOn: ended,
      form: written ? 'written' : 'oral',
      terms: '双方自愿达成协议，一方向另一方支付补偿款。',
      performanceManner: '当场或限期支付',
      ...(written ? { signatures: [], mediatorSigned: true, confirmationIntended: r.chance(0.25) } : { oralRecord: '双方口头同意，调解员记录在案。' }),
    });
    if (written) {
      // The parties sign the written agreement the day it is reached.
      for (const name of [applicant, otherParty]) run('sign', { signedOn: ended, party: name, method: 'signature' });
      if (r.chance(0.25)) {
        run('apply_confirmation', { appliedOn: wd(ended, r.int(2, 15)), court: '嘉兴市南湖区人民法院', jointApplication: true });
        if (path !== 'agreement_reached') run('record_confirmation', { ruledOn: wd(ended, r.int(18, 25)), ruling: r.chance(0.95) ? 'valid' : 'rejected' });
      }
    }
    if (path === 'agreement_reached') return item;
    const followUp = wd(ended, r.int(26, 30));
    run('record_follow_up', path === 'performed' ? { followedUpOn: followUp, performance: 'full' } : { followedUpOn: followUp, performance: 'none', closeUnperformed: true });
    if (r.chance(0.6)) run('rate', { ratedOn: wd(followUp, 1), level: r.chance(0.9) ? 'satisfied' : r.chance(0.7) ? 'basically_satisfied' : 'dissatisfied' });
    if (r.chance(0.8)) run('archive', { archivedOn: wd(followUp, 2) });
    return item;
  };
  /** The live path, act by act (hand-offs create their target case, which the replay does not do). */
  const live = async (tx: Orm, it: ReplayItem) => {
    const c = await createCase(k, tx, { type: it.type, input: it.input, actor: who, source: 'demo' });
    let version = 1;
    for (const a of it.actions) version = (await performAction(k, tx, { caseId: c.id, action: a.action, input: a.input, version, actor: who })).version;
  };

  // 2021: ≈96% success among concluded mediations, ~3% handed off, a few refused or withdrawn.
  const plan: string[] = [];
  for (let i = 0; i < total; i++) {
    const x = r.next();
    plan.push(x < 0.03 ? 'handed_off' : x < 0.05 ? 'refused' : x < 0.06 ? 'withdrawn' : x < 0.097 ? 'failed' : x < 0.18 ? 'not_performed' : 'performed');
  }
  // The concluded year goes through the history path: the same plan as act by act, written in batches.
  const BATCH = 300;
  for (let b = 0; b < plan.length; b += BATCH) {
    const items: ReplayItem[] = [];
    for (let i = b; i < Math.min(plan.length, b + BATCH); i++) {
      // Received across Jan–Oct so that follow-ups (≈ 2 months later) close inside 2021.
      let received = addDays('2021-01-04', Math.floor((i / plan.length) * 290));
      if (!k.calendar.isWorkday(received)) received = wd(received, 1);
      items.push(script(received, plan[i]));
    }
    await k.db.tx((tx) => replayCases(k, tx, items));
  }

  // Around today: every open state, plus hand-offs to 行政复议 (dated now, so 2021 复议 figures stay as reported).
  const open = ['routed', 'routed', 'mediating', 'mediating', 'agreement_reached', 'handed_off_reconsideration'];
  await k.db.tx(async (tx) => {
    for (let i = 0; i < (d.volume === 'full' ? 10 : 2); i++)
      for (const path of open) {
        let received = addDays(d.today, -r.int(1, 12));
        while (!k.calendar.isWorkday(received) || received > d.today) received = addDays(received, -1);
        await live(tx, script(received, path));
      }
  });
  return { logins, counts: { committees: staff.committees, mediators: staff.mediators, gridWorkers: staff.gridWorkers, disputes: seq, ms: Date.now() - started, ...counts } };
}
