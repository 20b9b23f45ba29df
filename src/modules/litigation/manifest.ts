import { type ActionDef, type NewParty, defineCaseType } from '../../kernel/cases/manifest.js';
import { Problem } from '../../kernel/http/problem.js';
import { clocks } from './clocks.js';
import { documents } from './documents.js';
import { indicators } from './indicators.js';
import * as s from './schemas.js';

/**
 * 行政应诉 and 负责人出庭 as a case type: one case = one instance (审级) of one suit against an
 * agency, from service of the complaint to the end of that instance. An appeal closes the
 * first-instance case and continues as a second-instance case (instance = second, linked
 * 'appealed_to'). See docs/modules/litigation.md.
 */

/** For actions that record a fact and leave the case where it is. */
const stay = (_input: unknown, _data: Record<string, unknown>, state: string) => state;


/** Before the instance ends. */
const PENDING = ['served', 'defence_filed', 'hearing_scheduled', 'heard'];

/** Counts as 负责人出庭 only with a qualifying category and identity proof filed before the hearing (规定 第二条、第六条). */
export function headQualifies(i: { appearingPerson?: { category: s.AppearanceCategory }; proofSubmittedBeforeHearing: boolean }): boolean {
  return !!i.appearingPerson && s.HEAD_CATEGORIES.includes(i.appearingPerson.category) && i.proofSubmittedBeforeHearing;
}

/** Which appeal period follows a result: none on appeal (final), for mediation and for non-appealable rulings. */
export function appealWindowFor(type: s.JudgmentType, instance: unknown): 'judgment' | 'ruling' | 'none' {
  if (instance === 'second' || type === 'mediation') return 'none';
  if (s.RULINGS.includes(type)) return s.APPEALABLE_RULINGS.includes(type) ? 'ruling' : 'none';
  return 'judgment';
}

function toCase(input: s.CreateInput) {
  const p = input.plaintiff;
  const plaintiff: NewParty =
    p.kind === 'person'
      ? { role: 'plaintiff', kind: 'person', name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address }
      : { role: 'plaintiff', kind: 'org', name: p.name, creditCode: p.creditCode, phone: p.phone, address: p.address };
  const courtTrack = input.instance === 'second' ? 'second' : input.procedure === 'simple' ? 'first_simple' : 'first_ordinary';
  return {
    title: `${p.name}诉${input.cause}`,
    externalNumber: input.courtCaseNumber,
    regionCode: input.regionCode,
    agencyId: input.agencyId ?? input.defendantAgencyId,
    subjectAgencyId: input.defendantAgencyId,
    data: {
      court: input.court,
      courtCaseNumber: input.courtCaseNumber,
      instance: input.instance,
      procedure: input.procedure,
      courtTrack,
      plaintiffName: p.name,
      plaintiffKind: p.kind,
      cause: input.cause,
      claims: input.claims,
      filedOn: input.filedOn,
      servedOn: input.servedOn,
      reconsiderationOrganCoDefendant: input.reconsiderationOrganCoDefendant,
      reconsiderationCaseId: input.reconsiderationCaseId,
      firstInstanceCaseId: input.firstInstanceCaseId,
    },
    attrs: {
      instance: input.instance,
      procedure: input.procedure,
      reconsideration_co_defendant: input.reconsiderationOrganCoDefendant,
      follows_reconsideration: !!input.reconsiderationCaseId,
    },
    parties: [plaintiff, { role: 'defendant', kind: 'agency', name: '被告', agencyId: input.defendantAgencyId } satisfies NewParty],
  };
}

type Hearing = { heldOn: string; online: boolean; category: string | null; qualifying: boolean };
const hearingsOf = (d: Record<string, unknown>): Hearing[] => (Array.isArray(d.hearings) ? (d.hearings as Hearing[]) : []);

const actions: Record<string, ActionDef<any>> = {
  file_defence: {
    label: { zh: '提交答辩状和证据', en: 'File the defence and evidence' },
    from: ['served', 'hearing_scheduled'],
    to: (_i, _d, state) => (state === 'hearing_scheduled' ? 'hearing_scheduled' : 'defence_filed'),
    // Granted to the defendant's 法制员 as well as to 应诉 staff.
    permission: 'litigation.file_defence',
    input: s.fileDefenceInput,
    effectiveDateField: 'filedOn',
    data: (i) => ({ defence: { filedOn: i.filedOn, evidenceFiledOn: i.evidenceFiledOn, normativeBasisSubmitted: i.normativeBasisSubmitted } }),
    attrs: () => ({ defence_filed: true }),
  } satisfies ActionDef<typeof s.fileDefenceInput>,
  plan_appearance: {
    label: { zh: '安排出庭应诉', en: 'Plan the court appearance' },
    from: PENDING,
    to: 'hearing_scheduled',
    permission: 'litigation.plan_appearance',
    input: s.planAppearanceInput,
    effectiveDateField: 'plannedOn',
    documents: ['appearance_identity_proof'],
    data: (i) => ({ plannedHearingOn: i.hearingDate, plannedPerson: i.plannedPerson, courtNoticeToAppear: i.courtNoticeToAppear }),
    attrs: (i) => ({ court_notice_to_appear: i.courtNoticeToAppear }),
  } satisfies ActionDef<typeof s.planAppearanceInput>,
  record_hearing: {
    label: { zh: '登记庭审出庭情况', en: 'Record the hearing' },
    from: PENDING,
    to: 'heard',
    permission: 'litigation.record_hearing',
    input: s.recordHearingInput,
    effectiveDateField: 'heldOn',
    // One appearance per instance satisfies the duty (规定 第七条), so the flags never go back to false.
    data: (i, d) => ({
      hearings: [...hearingsOf(d), { heldOn: i.heldOn, online: i.online, category: i.appearingPerson?.category ?? null, qualifying: headQualifies(i) }],
      headAppeared: d.headAppeared === true || headQualifies(i),
      headAppearedInPerson: d.headAppearedInPerson === true || (headQualifies(i) && !i.online),
    }),
    attrs: (i, d) => ({
      heard: true,
      hearings: hearingsOf(d).length + 1,
      head_appeared: d.headAppeared === true || headQualifies(i),
      head_appeared_in_person: d.headAppearedInPerson === true || (headQualifies(i) && !i.online),
    }),
  } satisfies ActionDef<typeof s.recordHearingInput>,
  change_procedure: {
    label: { zh: '简易程序转普通程序', en: 'Converted to the ordinary procedure' },
    from: PENDING,
    to: (_i, d, state) => {
      if (d.courtTrack !== 'first_simple')
        throw new Problem(409, 'not-simple-procedure', '本案未适用简易程序', 'The case is not under the simple procedure');
      return state;
    },
    permission: 'litigation.change_procedure',
    input: s.changeProcedureInput,
    effectiveDateField: 'ruledOn',
    data: () => ({ procedure: 'ordinary', courtTrack: 'first_ordinary' }),
    attrs: () => ({ procedure: 'ordinary' }),
  } satisfies ActionDef<typeof s.changeProcedureInput>,
  judge: {
    label: { zh: '登记裁判结果', en: 'Record the judgment or ruling' },
    from: PENDING,
    to: (i, d) => {
      if (d.instance !== 'second' && s.SECOND_INSTANCE_ONLY.includes(i.judgmentType))
        throw new Problem(409, 'second-instance-only', '该结果仅适用于二审案件', 'This result applies to second-instance cases only');
      return appealWindowFor(i.judgmentType, d.instance) === 'none' ? 'effective' : 'judged';
    },
    permission: 'litigation.judge',
    input: s.judgeInput,
    // The appeal period runs from service (第八十五条); the case closes on that day too.
    effectiveDateField: 'servedOn',
    outcome: (i) => i.judgmentType,
    confirm: true,
    data: (i, d) => ({
      judgment: { type: i.judgmentType, judgedOn: i.judgedOn, servedOn: i.servedOn, orderRemake: i.orderRemake, amountYuan: i.amountYuan },
      appealWindow: appealWindowFor(i.judgmentType, d.instance),
    }),
    attrs: (i) => ({ judgment_type: i.judgmentType, judged_on: i.judgedOn }),
  } satisfies ActionDef<typeof s.judgeInput>,
  withdraw: {
    label: { zh: '撤诉', en: 'Suit withdrawn' },
    from: PENDING,
    to: 'withdrawn',
    permission: 'litigation.withdraw',
    input: s.withdrawInput,
    effectiveDateField: 'ruledOn',
    outcome: (i) => i.kind,
    confirm: true,
    // Withdrawal after the agency changed its act is a known distortion of the loss rate: keep the fact.
    attrs: (i) => ({ agency_changed_act: i.agencyChangedAct }),
  } satisfies ActionDef<typeof s.withdrawInput>,
  appeal: {
    label: { zh: '提起上诉', en: 'Appeal' },
    // From `effective` too: the other side's timely appeal may come to the agency's knowledge late.
    from: ['judged', 'effective'],
    to: 'appealed',
    permission: 'litigation.appeal',
    input: s.appealInput,
    effectiveDateField: 'appealedOn',
    data: (i) => ({ appeal: { appealedOn: i.appealedOn, appellant: i.appellant } }),
    attrs: (i) => ({ appealed: true, appellant: i.appellant }),
  } satisfies ActionDef<typeof s.appealInput>,
  become_effective: {
    label: { zh: '裁判生效', en: 'Judgment in effect' },
    from: ['judged'],
    to: 'effective',
    permission: 'litigation.become_effective',
    input: s.becomeEffectiveInput,
    effectiveDateField: 'effectiveOn',
    data: (i) => ({ effectiveOn: i.effectiveOn }),
  } satisfies ActionDef<typeof s.becomeEffectiveInput>,
  record_appeal_result: {
    label: { zh: '登记二审结果', en: 'Record the appeal result' },
    from: ['appealed'],
    to: stay,
    permission: 'litigation.record_appeal_result',
    input: s.recordAppealResultInput,
    effectiveDateField: 'decidedOn',
    data: (i) => ({ appealResult: { result: i.result, decidedOn: i.decidedOn, caseNumber: i.secondInstanceCaseNumber } }),
    attrs: (i) => ({ appeal_result: i.result }),
  } satisfies ActionDef<typeof s.recordAppealResultInput>,
};

const LAW = '中华人民共和国行政诉讼法';
const basis = (article: string) => ({ law: LAW, article });

export const manifest = defineCaseType({
  type: 'litigation',
  label: { zh: '行政应诉', en: 'Administrative litigation (defence)' },
  description: {
    zh: '行政机关作为被告的行政诉讼应诉、负责人出庭与裁判结果登记',
    en: 'Defending administrative suits against agencies: defence, head-of-agency appearance, judgments',
  },
  states: {
    served: { label: { zh: '已收到起诉状', en: 'Complaint served' }, category: 'open' },
    defence_filed: { label: { zh: '已答辩', en: 'Defence filed' }, category: 'open' },
    hearing_scheduled: { label: { zh: '待开庭', en: 'Hearing scheduled' }, category: 'open' },
    heard: { label: { zh: '已开庭', en: 'Heard' }, category: 'open' },
    judged: { label: { zh: '已裁判（上诉期内）', en: 'Judged (appeal period running)' }, category: 'closed' },
    appealed: { label: { zh: '已上诉', en: 'Appealed' }, category: 'closed' },
    effective: { label: { zh: '已生效', en: 'In effect' }, category: 'closed' },
    withdrawn: { label: { zh: '已撤诉', en: 'Withdrawn' }, category: 'closed' },
  },
  initialState: 'served',
  create: {
    input: s.createInput,
    permission: 'litigation.create',
    effectiveDateField: 'servedOn',
    toCase,
    // The earlier case is the source of the link: 复议 → the suit that follows it; 一审 → its appeal.
    linkFields: [
      { field: 'reconsiderationCaseId', relation: 'followed_by_suit' },
      { field: 'firstInstanceCaseId', relation: 'appealed_to' },
    ],
  },
  actions,
  clocks,
  outcomes: {
    reject_claim: { label: { zh: '驳回诉讼请求', en: 'Claim rejected' }, groups: ['first_instance_concluded', 'judgment'], basis: basis('第六十九条') },
    revoke: { label: { zh: '撤销', en: 'Revoked' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十条') },
    partial_revoke: { label: { zh: '部分撤销', en: 'Partly revoked' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十条') },
    order_performance: { label: { zh: '履行法定职责', en: 'Performance ordered' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十二条') },
    order_payment: { label: { zh: '履行给付义务', en: 'Payment ordered' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十三条') },
    confirm_illegal: { label: { zh: '确认违法', en: 'Confirmed illegal' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十四条') },
    confirm_void: { label: { zh: '确认无效', en: 'Confirmed void' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十五条') },
    remedy_compensation: { label: { zh: '补救措施或赔偿', en: 'Remedy or compensation' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十六条') },
    change: { label: { zh: '变更', en: 'Changed' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十七条') },
    agreement_performance: { label: { zh: '行政协议履行、补救或赔偿', en: 'Agreement: performance, remedy or damages' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十八条第一款') },
    agreement_compensation: { label: { zh: '行政协议补偿', en: 'Agreement: compensation' }, groups: ['first_instance_concluded', 'judgment', 'lost'], basis: basis('第七十八条第二款') },
    ruling_not_filed: { label: { zh: '裁定不予立案', en: 'Not filed' }, groups: ['first_instance_concluded', 'ruling'], basis: basis('第五十一条第二款') },
    ruling_dismissed: { label: { zh: '裁定驳回起诉', en: 'Suit dismissed' }, groups: ['first_instance_concluded', 'ruling'], basis: { law: '最高人民法院关于适用《中华人民共和国行政诉讼法》的解释', article: '第六十九条' } },
    withdrawal_permitted: { label: { zh: '准予撤诉', en: 'Withdrawal permitted' }, groups: ['first_instance_concluded', 'ruling', 'withdrawn'], basis: basis('第六十二条') },
    deemed_withdrawn: { label: { zh: '按撤诉处理', en: 'Deemed withdrawn' }, groups: ['first_instance_concluded', 'ruling', 'withdrawn'], basis: basis('第五十八条') },
    mediation: { label: { zh: '调解', en: 'Mediation' }, groups: ['first_instance_concluded', 'mediation'], basis: basis('第六十条') },
    appeal_dismissed: { label: { zh: '驳回上诉，维持原判', en: 'Appeal dismissed' }, groups: ['second_instance'], basis: basis('第八十九条第一款第一项') },
    remanded: { label: { zh: '发回重审', en: 'Remanded' }, groups: ['second_instance'], basis: basis('第八十九条第一款第三项') },
  },
  documents,
  indicators,
  partyRoles: [
    { role: 'plaintiff', label: { zh: '原告', en: 'Plaintiff' } },
    { role: 'defendant', label: { zh: '被告', en: 'Defendant' } },
    { role: 'third_party', label: { zh: '第三人', en: 'Third party' } },
    { role: 'agent', label: { zh: '诉讼代理人', en: 'Litigation agent' } },
  ],
  links: [
    {
      relation: 'appealed_to',
      label: { zh: '上诉至二审', en: 'Appealed to second instance' },
      inverseLabel: { zh: '一审案件', en: 'First-instance case' },
    },
  ],
});

export default manifest;
