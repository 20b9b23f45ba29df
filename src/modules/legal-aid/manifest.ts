import type { ActionDef, HandoffPayload, NewParty, ResolveContext, Resolution } from '../../kernel/cases/manifest.js';
import { defineCaseType } from '../../kernel/cases/manifest.js';
import { one, sql } from '../../kernel/db/client.js';
import { Problem, field, problems } from '../../kernel/http/problem.js';
import { REVIEW_PAUSE_SETTING, clocks } from './clocks.js';
import { documents } from './documents.js';
import { RECOVERED_ATTR, indicators } from './indicators.js';
import { type MeansInput, type MeansTest, meansTest, thresholdFor } from './means-test.js';
import { PROVIDER_REGISTER } from './registers.js';
import * as s from './schemas.js';

/**
 * 法律援助 (法律援助法 2021) as a case type: application → review (with the means test) → grant or
 * provisional aid → assignment → service → closing, with refusal, objection (Art 49), termination
 * (Art 48) and the applicant's rating. See docs/modules/legal-aid.md for the choices made.
 */

const LAW = '中华人民共和国法律援助法';
const stay = (_i: unknown, _d: Record<string, unknown>, state: string) => state;

/** Before a decision on the application: where review-stage decisions may be made. */
const UNDER_REVIEW = ['applied', 'material_requested'];
/** Aid decided and not ended. */
const IN_SERVICE = ['granted', 'assigned', 'concluding'];

/** 法律援助中心 of the county the application is made in (setting), else the kernel's configured default. */
export const agencySettingKey = (countyCode: string) => `intake.legal_aid.agency.${countyCode}`;

function meansInputOf(data: Record<string, unknown>): MeansInput {
  return { ...((data.means ?? {}) as MeansInput), channel: typeof data.channel === 'string' ? data.channel : undefined };
}

async function computeMeans(ctx: ResolveContext, means: MeansInput): Promise<MeansTest> {
  return meansTest(means, await thresholdFor(ctx.setting, ctx.case.regionCode));
}

/** Facts the indicators and lists filter on, from the means test. */
const meansAttrs = (mt: MeansTest) => ({ means_required: mt.required, means_passed: mt.passed });

async function resolveIntake(ctx: ResolveContext): Promise<Resolution> {
  const county = ctx.case.regionCode.slice(0, 6);
  const routed = await ctx.setting(agencySettingKey(county));
  const mt = await computeMeans(ctx, meansInputOf(ctx.case.data));
  const pause = await ctx.setting(REVIEW_PAUSE_SETTING.key);
  return {
    ...(typeof routed === 'string' && routed ? { agencyId: routed } : {}),
    data: { meansTest: mt, reviewExcludesMaterialTime: typeof pause === 'boolean' ? pause : REVIEW_PAUSE_SETTING.default },
    attrs: meansAttrs(mt),
    note: {
      routedBy: typeof routed === 'string' && routed ? agencySettingKey(county) : 'default',
      meansTest: mt.explanation,
    },
  };
}

function toCase(input: s.CreateInput) {
  const a = input.applicant;
  const applicant: NewParty = { role: 'applicant', kind: 'person', name: a.name, idNumber: a.idNumber, phone: a.phone, address: a.address };
  return {
    title: `${a.name}申请法律援助（${s.subjectOptions[input.subject].zh}）`,
    regionCode: input.regionCode,
    data: {
      applicantName: a.name,
      matterType: input.matterType,
      subject: input.subject,
      proceeding: input.proceeding,
      handlingAuthority: input.handlingAuthority,
      opposingParty: input.opposingParty,
      amountClaimed: input.amountClaimed,
      facts: input.facts,
      channel: input.channel,
      receivedOn: input.receivedOn,
      means: {
        householdSize: input.householdSize,
        householdMonthlyIncome: input.householdMonthlyIncome,
        exemptGroup: input.exemptGroup,
        integrityPledge: input.integrityPledge,
      },
    },
    attrs: { channel: input.channel, matter_type: input.matterType, subject: input.subject },
    parties: [applicant],
  };
}

/**
 * A mediation dispute handed to legal aid: the applicant party applies; household data is unknown at
 * hand-off, so the means test stays pending until material is supplied (or the reviewer gives a reason).
 */
function fromHandoff(p: HandoffPayload): Record<string, unknown> {
  const person = p.parties.find((x) => x.role === 'applicant' && x.kind === 'person') ?? p.parties.find((x) => x.kind === 'person');
  const opposing = p.parties.find((x) => x !== person && x.role !== 'agent');
  const subject = typeof p.input.subject === 'string' && p.input.subject in s.subjectOptions ? p.input.subject : 'other';
  const reason = [p.input.reason, p.facts.facts, p.facts.summary].find((v) => typeof v === 'string' && v.trim());
  return {
    applicant: {
      name: person?.name ?? '申请人',
      ...(person?.idNumber ? { idNumber: person.idNumber } : {}),
      ...(person?.phone ? { phone: person.phone } : {}),
      ...(person?.address ? { address: person.address } : {}),
    },
    matterType: subject === 'criminal_defence' || subject === 'victim_representation' ? 'criminal' : 'civil',
    subject,
    proceeding: 'litigation',
    ...(opposing ? { opposingParty: opposing.name.slice(0, 100) } : {}),
    ...(typeof p.facts.amount === 'number' && p.facts.amount >= 0 ? { amountClaimed: p.facts.amount } : {}),
    facts: `${p.sourceNumber ? `由${p.sourceNumber}移交。` : ''}${typeof reason === 'string' ? reason : p.title}`.slice(0, 5000),
    channel: 'handed_over',
    receivedOn: p.receivedOn,
    regionCode: p.regionCode.slice(0, 6),
  };
}

/** A grant the means test does not support needs the reviewer's written reason (Zhejiang Art 17(2)). */
async function resolveGrant(ctx: ResolveContext): Promise<Resolution> {
  const mt = ctx.case.data.meansTest as MeansTest | undefined;
  const override = !!mt?.required && mt.passed !== true;
  if (override && !ctx.input.overrideReason)
    throw problems.validation([
      mt?.passed === false
        ? field('overrideReason', '申请人未通过经济困难审查，仍予援助须说明理由', 'The means test failed: give the reason for granting aid')
        : field('overrideReason', '经济困难状况尚未审查：请先补充家庭人口及收入，或说明仍予援助的理由', 'The means test is incomplete: supply household data first, or give the reason for granting aid'),
    ]);
  return { attrs: { means_override: override } };
}

/** The chosen provider must be an active entry of the provider register; their account becomes the lead. */
async function resolveAssign(ctx: ResolveContext): Promise<Resolution> {
  const p = await one<{ id: string; title: string; data: Record<string, unknown>; user_id: string | null }>(
    ctx.tx,
    sql`select e.id, e.title, e.data, (select u.id from app_user u where u.id::text = e.data->>'userId') as user_id
        from register_entry e where e.id = ${String(ctx.input.providerId)} and e.register = ${PROVIDER_REGISTER} and e.data->>'active' = 'true'`,
  );
  if (!p) throw problems.validation([field('providerId', '法律援助人员不存在或已停止承办', 'Unknown or inactive aid provider')]);
  const kind = String(p.data.kind ?? '');
  return {
    assigneeId: p.user_id,
    data: { assignment: { providerId: p.id, providerName: p.title, providerKind: kind, firmName: p.data.firmName ?? null, assignedOn: ctx.input.assignedOn } },
    attrs: { assigned: true, provider_kind: kind },
    note: { provider: p.title },
  };
}

async function resolveSupplement(ctx: ResolveContext): Promise<Resolution> {
  const i = ctx.input;
  const prior = (ctx.case.data.means ?? {}) as MeansInput;
  const means: MeansInput = {
    householdSize: (i.householdSize as number | undefined) ?? prior.householdSize,
    householdMonthlyIncome: (i.householdMonthlyIncome as number | undefined) ?? prior.householdMonthlyIncome,
    exemptGroup: (i.exemptGroup as MeansInput['exemptGroup']) ?? prior.exemptGroup,
    integrityPledge: (i.integrityPledge as boolean | undefined) ?? prior.integrityPledge,
  };
  const mt = await computeMeans(ctx, { ...means, channel: meansInputOf(ctx.case.data).channel });
  return { data: { means, meansTest: mt }, attrs: meansAttrs(mt), note: { meansTest: mt.explanation } };
}

const actions: Record<string, ActionDef<any>> = {
  // ── review ────────────────────────────────────────────────────────────────────────────────────
  request_material: {
    label: { zh: '一次性告知补充材料', en: 'Request material (one-time notice)' },
    from: ['applied'],
    to: 'material_requested',
    permission: 'legal_aid.request_material',
    input: s.requestMaterialInput,
    effectiveDateField: 'noticeDate',
    data: (i) => ({ materialRequest: { noticeDate: i.noticeDate, items: i.items } }),
  } satisfies ActionDef<typeof s.requestMaterialInput>,
  supplement_material: {
    label: { zh: '收到补充材料', en: 'Material supplied' },
    from: ['material_requested'],
    to: 'applied',
    permission: 'legal_aid.supplement_material',
    input: s.supplementMaterialInput,
    effectiveDateField: 'receivedOn',
    resolve: resolveSupplement,
  } satisfies ActionDef<typeof s.supplementMaterialInput>,
  deem_withdrawn: {
    label: { zh: '视为撤回申请', en: 'Deemed withdrawn' },
    from: ['material_requested'],
    to: 'withdrawn',
    permission: 'legal_aid.deem_withdrawn',
    input: s.deemWithdrawnInput,
    effectiveDateField: 'recordedOn',
    outcome: 'deemed_withdrawn',
    systemOnly: true,
  } satisfies ActionDef<typeof s.deemWithdrawnInput>,
  grant: {
    label: { zh: '决定给予法律援助', en: 'Grant legal aid' },
    from: UNDER_REVIEW,
    to: 'granted',
    permission: 'legal_aid.grant',
    input: s.grantInput,
    effectiveDateField: 'decidedOn',
    assignsNumber: true,
    documents: ['grant_decision'],
    resolve: resolveGrant,
    data: (i) => ({ aidDecision: 'granted', form: i.form, overrideReason: i.overrideReason }),
    attrs: () => ({ accepted: true, reviewed: true, provisional: false }),
  } satisfies ActionDef<typeof s.grantInput>,
  provide_provisionally: {
    label: { zh: '先行提供法律援助', en: 'Provide aid provisionally' },
    from: UNDER_REVIEW,
    to: 'granted',
    permission: 'legal_aid.provide_provisionally',
    input: s.provideProvisionallyInput,
    effectiveDateField: 'decidedOn',
    assignsNumber: true,
    documents: ['grant_decision'],
    data: (i) => ({ aidDecision: 'provisional', provisional: { ground: i.ground, deadline: i.deadline } }),
    attrs: () => ({ accepted: true, reviewed: true, provisional: true }),
  } satisfies ActionDef<typeof s.provideProvisionallyInput>,
  refuse: {
    label: { zh: '决定不予法律援助', en: 'Refuse legal aid' },
    from: UNDER_REVIEW,
    to: 'refused',
    permission: 'legal_aid.refuse',
    input: s.refuseInput,
    effectiveDateField: 'decidedOn',
    outcome: 'refused',
    documents: ['refusal_decision'],
    confirm: true,
    data: (i) => ({ aidDecision: 'refused', refusal: { grounds: i.grounds } }),
    attrs: () => ({ reviewed: true }),
  } satisfies ActionDef<typeof s.refuseInput>,
  transfer: {
    label: { zh: '转交有管辖权的法律援助机构', en: 'Transfer to the competent centre' },
    from: UNDER_REVIEW,
    to: 'transferred',
    permission: 'legal_aid.transfer',
    input: s.transferInput,
    effectiveDateField: 'transferredOn',
    outcome: 'transferred',
    confirm: true,
    data: (i) => ({ transfer: { to: i.competentCentre, reason: i.reason } }),
    attrs: () => ({ reviewed: true }),
  } satisfies ActionDef<typeof s.transferInput>,

  // ── service ───────────────────────────────────────────────────────────────────────────────────
  assign: {
    label: { zh: '指派法律援助人员', en: 'Assign an aid provider' },
    // From `assigned` too: replacing the provider (更换承办人员).
    from: ['granted', 'assigned'],
    to: 'assigned',
    permission: 'legal_aid.assign',
    input: s.assignInput,
    effectiveDateField: 'assignedOn',
    resolve: resolveAssign,
  } satisfies ActionDef<typeof s.assignInput>,
  report_progress: {
    label: { zh: '报告办理进展', en: 'Report progress' },
    from: ['assigned'],
    to: (i) => (i.matterConcluded ? 'concluding' : 'assigned'),
    permission: 'legal_aid.report_progress',
    input: s.reportProgressInput,
    effectiveDateField: 'reportedOn',
    data: (i) => (i.matterConcluded ? { matterConcluded: true, matterConcludedOn: i.reportedOn } : {}),
    attrs: () => ({ progress_reported: true }),
  } satisfies ActionDef<typeof s.reportProgressInput>,
  terminate: {
    label: { zh: '终止法律援助', en: 'Terminate legal aid' },
    from: IN_SERVICE,
    to: 'terminated',
    permission: 'legal_aid.terminate',
    input: s.terminateInput,
    effectiveDateField: 'decidedOn',
    outcome: 'terminated',
    confirm: true,
    data: (i) => ({ termination: { ground: i.ground } }),
    attrs: (i) => ({ termination_ground: i.ground }),
  } satisfies ActionDef<typeof s.terminateInput>,
  close: {
    label: { zh: '结案', en: 'Close' },
    from: ['assigned', 'concluding'],
    to: 'concluded',
    permission: 'legal_aid.close',
    input: s.closeInput,
    effectiveDateField: 'closedOn',
    outcome: (i) => i.result,
    confirm: true,
    data: (i) => ({ result: i.result, recoveredAmount: i.recoveredAmount }),
    attrs: (i) => ({ [RECOVERED_ATTR]: i.recoveredAmount }),
  } satisfies ActionDef<typeof s.closeInput>,

  // ── quality (第五十七条至第五十九条) ─────────────────────────────────────────────────────────
  quality_check: {
    label: { zh: '质量监督', en: 'Quality check' },
    from: ['assigned', 'concluding', 'concluded'],
    to: stay,
    permission: 'legal_aid.quality_check',
    input: s.qualityCheckInput,
    effectiveDateField: 'checkedOn',
    attrs: (i) => ({ quality_checked: true, quality_rating: i.rating, quality_passed: i.rating !== 'fail' }),
  } satisfies ActionDef<typeof s.qualityCheckInput>,
  follow_up: {
    label: { zh: '回访受援人', en: 'Follow-up visit' },
    from: ['concluded'],
    to: stay,
    permission: 'legal_aid.follow_up',
    input: s.followUpInput,
    effectiveDateField: 'visitedOn',
    attrs: (i) => ({ rated: true, satisfaction: i.satisfaction, satisfied: s.SATISFIED_LEVELS.includes(i.satisfaction) }),
  } satisfies ActionDef<typeof s.followUpInput>,
  rate: {
    label: { zh: '评价法律援助服务', en: 'Rate the service' },
    from: ['concluded'],
    to: stay,
    permission: 'legal_aid.rate',
    input: s.rateInput,
    public: true,
    attrs: (i) => ({ rated: true, satisfaction: i.satisfaction, satisfied: s.SATISFIED_LEVELS.includes(i.satisfaction) }),
  } satisfies ActionDef<typeof s.rateInput>,

  // ── objection (第四十九条) ──────────────────────────────────────────────────────────────────
  object: {
    label: { zh: '登记异议', en: 'Record an objection' },
    from: ['refused', 'terminated'],
    to: (_i, data, state) => {
      const o = data.objection as { against?: string; decision?: string } | undefined;
      if (o?.against === state && o.decision === 'uphold')
        throw problems.conflict('objection-decided', '对该决定的异议已经审查维持，可依法申请行政复议或提起行政诉讼', 'The objection to this decision was already upheld; reconsideration or litigation remains open');
      return 'objection_review';
    },
    permission: 'legal_aid.object',
    input: s.objectInput,
    effectiveDateField: 'receivedOn',
    data: (i, data) => ({ objection: { against: data.aidDecision === 'refused' && !data.termination ? 'refused' : 'terminated', receivedOn: i.receivedOn } }),
  } satisfies ActionDef<typeof s.objectInput>,
  uphold_decision: {
    label: { zh: '异议审查：维持', en: 'Objection: uphold the decision' },
    from: ['objection_review'],
    to: (_i, data) => {
      const against = (data.objection as { against?: string } | undefined)?.against;
      if (against !== 'refused' && against !== 'terminated') throw new Problem(409, 'objection-unknown', '异议所针对的决定不明', 'The decision objected to is unknown');
      return against;
    },
    permission: 'legal_aid.uphold_decision',
    input: s.objectionDecisionInput,
    effectiveDateField: 'decidedOn',
    confirm: true,
    data: (i, data) => ({ objection: { ...(data.objection as object), decision: 'uphold', decidedOn: i.decidedOn, reviewer: i.reviewer } }),
  } satisfies ActionDef<typeof s.objectionDecisionInput>,
  order_correction: {
    label: { zh: '异议审查：责令改正', en: 'Objection: order correction' },
    from: ['objection_review'],
    to: 'granted',
    permission: 'legal_aid.order_correction',
    input: s.objectionDecisionInput,
    effectiveDateField: 'decidedOn',
    assignsNumber: true,
    documents: ['grant_decision'],
    data: (i, data) => ({
      aidDecision: 'granted',
      termination: null,
      objection: { ...(data.objection as object), decision: 'order_correction', decidedOn: i.decidedOn, reviewer: i.reviewer },
    }),
    attrs: () => ({ accepted: true, corrected_on_objection: true }),
  } satisfies ActionDef<typeof s.objectionDecisionInput>,
};

const basis = (article: string) => ({ law: LAW, article });
const concluded = (zh: string, en: string, favourable: boolean) => ({
  label: { zh, en },
  groups: favourable ? ['concluded', 'favourable'] : ['concluded'],
  basis: basis('第五十条'),
});

export const manifest = defineCaseType({
  type: 'legal_aid',
  label: { zh: '法律援助', en: 'Legal aid' },
  description: {
    zh: '法律援助申请的审查（含经济困难审查）、给予、指派、承办、结案、质量监督与回访，以及异议审查（《法律援助法》）',
    en: 'Review of legal aid applications (with the means test), grant, assignment, service, closing, quality control and follow-up, and objections (Legal Aid Law)',
  },
  states: {
    applied: { label: { zh: '审查中', en: 'Under review' }, category: 'open' },
    material_requested: { label: { zh: '待补充材料', en: 'Awaiting material' }, category: 'paused' },
    granted: { label: { zh: '已决定给予，待指派', en: 'Granted, to be assigned' }, category: 'open' },
    assigned: { label: { zh: '承办中', en: 'In service' }, category: 'open' },
    concluding: { label: { zh: '已办结，待提交结案报告', en: 'Matter ended, closing report due' }, category: 'open' },
    objection_review: { label: { zh: '异议审查中', en: 'Objection under review' }, category: 'open' },
    concluded: { label: { zh: '已结案', en: 'Closed' }, category: 'closed' },
    refused: { label: { zh: '不予援助', en: 'Refused' }, category: 'closed' },
    terminated: { label: { zh: '终止援助', en: 'Terminated' }, category: 'closed' },
    withdrawn: { label: { zh: '视为撤回', en: 'Deemed withdrawn' }, category: 'closed' },
    transferred: { label: { zh: '已转交', en: 'Transferred' }, category: 'closed' },
  },
  initialState: 'applied',
  create: {
    input: s.createInput,
    permission: 'legal_aid.create',
    publicIntake: true,
    effectiveDateField: 'receivedOn',
    portalFill: (today: string) => ({ receivedOn: today, channel: 'online' }),
    fromHandoff,
    resolve: resolveIntake,
    toCase,
  },
  actions,
  clocks,
  outcomes: {
    won: concluded('胜诉', 'Won', true),
    partly_won: concluded('部分胜诉', 'Partly won', true),
    lost: concluded('败诉', 'Lost', false),
    mediated: concluded('调解结案', 'Mediated', true),
    settled: concluded('和解', 'Settled', true),
    case_withdrawn: concluded('撤诉、撤回', 'Withdrawn', false),
    defence_adopted: concluded('辩护（代理）意见被采纳', 'Defence submissions adopted', true),
    defence_partly_adopted: concluded('辩护（代理）意见部分采纳', 'Defence submissions partly adopted', true),
    defence_not_adopted: concluded('辩护（代理）意见未被采纳', 'Defence submissions not adopted', false),
    other: concluded('其他', 'Other', false),
    refused: { label: { zh: '不予法律援助', en: 'Refused' }, groups: ['not_granted'], basis: basis('第四十三条第一款') },
    deemed_withdrawn: { label: { zh: '视为撤回申请', en: 'Deemed withdrawn' }, groups: ['not_granted'], basis: basis('第四十三条第二款') },
    transferred: { label: { zh: '转交其他法律援助机构', en: 'Transferred' }, groups: ['not_granted'], basis: basis('第三十八条') },
    terminated: { label: { zh: '终止法律援助', en: 'Terminated' }, groups: ['terminated'], basis: basis('第四十八条') },
  },
  numbering: { pattern: '{abbr}援〔{year}〕{seq}号', scope: 'agency' },
  documents,
  indicators,
  partyRoles: [
    { role: 'applicant', label: { zh: '申请人（受援人）', en: 'Applicant (aided person)' } },
    { role: 'agent', label: { zh: '法定代理人、近亲属', en: 'Legal representative or next of kin' } },
  ],
});
