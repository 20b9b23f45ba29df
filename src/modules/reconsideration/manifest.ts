import { type ActionDef, type HandoffPayload, type NewParty, defineCaseType } from '../../kernel/cases/manifest.js';
import { Problem } from '../../kernel/http/problem.js';
import { APPLICATION_PERIOD, clocks } from './clocks.js';
import { documents } from './documents.js';
import { indicators } from './indicators.js';
import * as s from './schemas.js';

/**
 * 行政复议 (2023 law) as a case type. The engine runs what is declared here; see
 * docs/modules/reconsideration.md for the state diagram and the choices made.
 */

/** For actions that record a fact and leave the case where it is. */
const stay = (_input: unknown, _data: Record<string, unknown>, state: string) => state;


const INTAKE = ['received'];
/** Accepted and not yet ended: where the review-stage actions may run. */
const REVIEW = ['accepted', 'respondent_notified', 'under_review', 'hearing_scheduled'];
/** Where a decision (or another way of ending the review) may be made. */
const DECIDABLE = ['respondent_notified', 'under_review', 'hearing_scheduled', 'mediating'];
const AFTER_DECISION = ['decided', 'concluded'];

export const preconditionHints = [
  {
    key: 'on_the_spot_penalty',
    label: { zh: '当场作出的行政处罚', en: 'On-the-spot penalty' },
    text: {
      zh: '对当场作出的行政处罚决定不服的，应当先申请行政复议，对复议决定不服的再提起行政诉讼。也可以通过作出处罚决定的行政机关提交复议申请（第三十二条）。',
      en: 'A person contesting an on-the-spot penalty must apply for reconsideration before suing; the application may be lodged through the penalising agency (Art 32).',
    },
    basis: { law: '中华人民共和国行政复议法', article: '第二十三条第一款第一项' },
  },
  {
    key: 'natural_resources_rights',
    label: { zh: '自然资源权属', en: 'Natural resource rights' },
    text: {
      zh: '认为行政机关的决定侵犯已经依法取得的自然资源所有权或者使用权的，应当先申请行政复议。',
      en: 'A decision said to infringe acquired ownership or use rights in natural resources must first go to reconsideration.',
    },
    basis: { law: '中华人民共和国行政复议法', article: '第二十三条第一款第二项' },
  },
  {
    key: 'non_performance',
    label: { zh: '不履行法定职责', en: 'Non-performance' },
    text: {
      zh: '认为行政机关存在第十一条规定的未履行法定职责情形的，应当先申请行政复议。',
      en: 'A claim that an agency failed to perform a statutory duty (Art 11) must first go to reconsideration.',
    },
    basis: { law: '中华人民共和国行政复议法', article: '第二十三条第一款第三项' },
  },
  {
    key: 'disclosure_refused',
    label: { zh: '政府信息不予公开', en: 'Disclosure refused' },
    text: {
      zh: '申请政府信息公开，行政机关不予公开的，应当先申请行政复议。',
      en: 'A refusal to disclose requested government information must first go to reconsideration.',
    },
    basis: { law: '中华人民共和国行政复议法', article: '第二十三条第一款第四项' },
  },
  {
    key: 'other_law',
    label: { zh: '法律、行政法规另有规定', en: 'Other laws' },
    text: {
      zh: '法律、行政法规规定应当先申请行政复议的其他情形（如纳税争议），应当先申请行政复议。',
      en: 'Other cases where a law or administrative regulation requires reconsideration first (e.g. tax disputes).',
    },
    basis: { law: '中华人民共和国行政复议法', article: '第二十三条第一款第五项' },
  },
  {
    key: 'application_period',
    label: { zh: '申请期限', en: 'Application period' },
    text: {
      zh: `应当自知道或者应当知道该行政行为之日起${APPLICATION_PERIOD.amount}日内提出行政复议申请；法律规定的申请期限超过${APPLICATION_PERIOD.amount}日的除外。`,
      en: `Apply within ${APPLICATION_PERIOD.amount} days of learning of the act, unless a law sets a longer period.`,
    },
    basis: APPLICATION_PERIOD.basis,
  },
];

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function toCase(input: s.CreateInput) {
  const a = input.applicant;
  const act = input.act.description.length > 40 ? `${input.act.description.slice(0, 40)}…` : input.act.description;
  const applicant: NewParty =
    a.kind === 'person'
      ? { role: 'applicant', kind: 'person', name: a.name, idNumber: a.idNumber, phone: a.phone, address: a.address }
      : { role: 'applicant', kind: 'org', name: a.name, creditCode: a.creditCode, phone: a.phone, address: a.address };
  return {
    title: `${a.name}不服${act}`,
    regionCode: input.regionCode,
    agencyId: input.agencyId,
    subjectAgencyId: input.respondentAgencyId,
    data: {
      applicantName: a.name,
      applicantKind: a.kind,
      ...(a.kind === 'org' ? { legalRepresentative: a.legalRepresentative } : {}),
      act: input.act,
      request: input.request,
      factsAndReasons: input.factsAndReasons,
      compensationClaimed: input.compensationClaimed,
      normativeDocumentReview: input.normativeDocumentReview,
      preconditionCategory: input.preconditionCategory,
      channel: input.channel,
      receivedOn: input.receivedOn,
      // A hint for the reviewer, not a rejection: a longer statutory period or a late notice may apply (第20条).
      possiblyLate: daysBetween(input.act.knownOn, input.receivedOn) > APPLICATION_PERIOD.amount,
    },
    attrs: { channel: input.channel, precondition: input.preconditionCategory !== 'none' },
    parties: [applicant, { role: 'respondent', kind: 'agency', name: '被申请人', agencyId: input.respondentAgencyId } satisfies NewParty],
  };
}

/**
 * A matter handed in from another mechanism (e.g. a dispute found at mediation to be about an
 * administrative act): the applicant comes from the source's parties, the act and the respondent
 * from the hand-off form, the facts from the source case. The result is validated like any intake.
 */
function fromHandoff(p: HandoffPayload): Record<string, unknown> {
  const i = p.input;
  const a = p.parties.find((x) => x.role === 'applicant') ?? p.parties.find((x) => x.role === 'party') ?? p.parties[0];
  const applicant =
    a?.kind === 'org'
      ? { kind: 'org', name: a.name, creditCode: a.creditCode, legalRepresentative: i.legalRepresentative, phone: a.phone, address: a.address }
      : { kind: 'person', name: a?.name, idNumber: a?.idNumber, phone: a?.phone, address: a?.address };
  const facts = typeof p.facts.description === 'string' ? p.facts.description : p.title;
  const act = typeof i.actDescription === 'string' ? i.actDescription : '';
  return {
    applicant,
    respondentAgencyId: i.respondentAgencyId,
    regionCode: p.regionCode,
    act: { description: act, actDate: i.actDate, knownOn: i.knownOn },
    request: typeof i.request === 'string' && i.request ? i.request : `请求依法审查${act}`,
    factsAndReasons: `${facts}${p.sourceNumber ? `（由${p.sourceNumber}移交）` : '（移交）'}`,
    // No channel of its own: a hand-off is lodged for the applicant by the referring body.
    channel: 'in_person',
    receivedOn: p.receivedOn,
  };
}

const actions: Record<string, ActionDef<any>> = {
  // ── acceptance ─────────────────────────────────────────────────────────────────────────────
  request_correction: {
    label: { zh: '通知补正', en: 'Request correction' },
    from: INTAKE,
    to: 'correction_requested',
    permission: 'reconsideration.request_correction',
    input: s.requestCorrectionInput,
    effectiveDateField: 'noticeDate',
    documents: ['correction_notice'],
    data: (i) => ({ correctionItems: i.items }),
  } satisfies ActionDef<typeof s.requestCorrectionInput>,
  extend_correction: {
    label: { zh: '延长补正期限', en: 'Extend the correction period' },
    from: ['correction_requested'],
    to: 'correction_requested',
    permission: 'reconsideration.extend_correction',
    input: s.extendCorrectionInput,
    effectiveDateField: 'decidedOn',
  } satisfies ActionDef<typeof s.extendCorrectionInput>,
  receive_correction: {
    label: { zh: '收到补正材料', en: 'Correction received' },
    from: ['correction_requested'],
    to: 'received',
    permission: 'reconsideration.receive_correction',
    input: s.receiveCorrectionInput,
    effectiveDateField: 'receivedOn',
  } satisfies ActionDef<typeof s.receiveCorrectionInput>,
  abandon: {
    label: { zh: '视为放弃申请', en: 'Deem abandoned' },
    from: ['correction_requested'],
    to: 'abandoned',
    permission: 'reconsideration.abandon',
    input: s.abandonInput,
    effectiveDateField: 'recordedOn',
    outcome: 'abandoned',
    confirm: true,
  } satisfies ActionDef<typeof s.abandonInput>,
  accept: {
    label: { zh: '受理', en: 'Accept' },
    from: INTAKE,
    to: 'accepted',
    permission: 'reconsideration.accept',
    input: s.acceptInput,
    effectiveDateField: 'acceptedOn',
    assignsNumber: true,
    documents: ['acceptance_notice'],
    data: (i) => ({ acceptedOn: i.acceptedOn, procedure: i.procedure, decisionTrack: i.procedure, caseOfficer: i.caseOfficer, simpleProcedureGround: i.simpleProcedureGround }),
    attrs: (i) => ({ accepted: true, procedure: i.procedure }),
  } satisfies ActionDef<typeof s.acceptInput>,
  deem_accepted: {
    label: { zh: '视为受理', en: 'Deemed accepted' },
    from: INTAKE,
    to: 'accepted',
    permission: 'reconsideration.deem_accepted',
    input: s.deemAcceptInput,
    effectiveDateField: 'deemedOn',
    systemOnly: true,
    assignsNumber: true,
    documents: ['acceptance_notice'],
    data: (i) => ({ acceptedOn: i.deemedOn, procedure: 'ordinary', decisionTrack: 'ordinary', deemedAccepted: true }),
    attrs: () => ({ accepted: true, procedure: 'ordinary', deemed_accepted: true }),
  } satisfies ActionDef<typeof s.deemAcceptInput>,
  reject: {
    label: { zh: '不予受理', en: 'Decide not to accept' },
    from: ['received', 'correction_requested'],
    to: 'not_accepted',
    permission: 'reconsideration.reject',
    input: s.rejectInput,
    effectiveDateField: 'decidedOn',
    outcome: 'not_accepted',
    documents: ['rejection_decision'],
    confirm: true,
    data: (i) => ({ rejection: { grounds: i.grounds, competentBody: i.competentBody } }),
  } satisfies ActionDef<typeof s.rejectInput>,

  // ── review ─────────────────────────────────────────────────────────────────────────────────
  convert_to_ordinary: {
    label: { zh: '简易程序转普通程序', en: 'Convert to the ordinary procedure' },
    from: REVIEW,
    to: (_i, data, state) => {
      if (data.procedure !== 'simple')
        throw new Problem(409, 'not-simple-procedure', '本案未适用简易程序', 'The case is not under the simple procedure');
      return state;
    },
    permission: 'reconsideration.convert_to_ordinary',
    input: s.convertToOrdinaryInput,
    effectiveDateField: 'approvedOn',
    data: () => ({ procedure: 'ordinary', decisionTrack: 'converted' }),
    attrs: () => ({ procedure: 'ordinary', converted: true }),
  } satisfies ActionDef<typeof s.convertToOrdinaryInput>,
  notify_respondent: {
    label: { zh: '发送申请书副本', en: 'Send the application to the respondent' },
    from: ['accepted'],
    to: 'respondent_notified',
    permission: 'reconsideration.notify_respondent',
    input: s.notifyRespondentInput,
    effectiveDateField: 'sentOn',
  } satisfies ActionDef<typeof s.notifyRespondentInput>,
  submit_answer: {
    label: { zh: '提交书面答复', en: 'Submit the written answer' },
    from: ['respondent_notified'],
    to: 'under_review',
    // Granted to the respondent agency's 法制员 as well as to 复议 staff.
    permission: 'reconsideration.submit_answer',
    input: s.submitAnswerInput,
    effectiveDateField: 'answeredOn',
    attrs: (i) => ({ answered: true, evidence_submitted: i.evidenceSubmitted }),
  } satisfies ActionDef<typeof s.submitAnswerInput>,
  schedule_hearing: {
    label: { zh: '安排听证', en: 'Schedule a hearing' },
    from: ['respondent_notified', 'under_review', 'hearing_scheduled'],
    to: 'hearing_scheduled',
    permission: 'reconsideration.schedule_hearing',
    input: s.scheduleHearingInput,
    effectiveDateField: 'noticeDate',
    data: (i) => ({ hearing: { date: i.hearingDate, place: i.place, mandatory: i.mandatory } }),
  } satisfies ActionDef<typeof s.scheduleHearingInput>,
  hold_hearing: {
    label: { zh: '举行听证', en: 'Hold the hearing' },
    from: ['hearing_scheduled'],
    to: 'under_review',
    permission: 'reconsideration.hold_hearing',
    input: s.holdHearingInput,
    effectiveDateField: 'heldOn',
    attrs: (i) => ({ hearing_held: true, respondent_head_at_hearing: i.respondentHeadAttended }),
  } satisfies ActionDef<typeof s.holdHearingInput>,
  suspend: {
    label: { zh: '中止审理', en: 'Suspend' },
    from: REVIEW,
    to: 'suspended',
    permission: 'reconsideration.suspend',
    input: s.suspendInput,
    effectiveDateField: 'suspendedOn',
    data: (i) => ({ suspension: { ground: i.ground, since: i.suspendedOn } }),
    attrs: () => ({ suspended: true }),
  } satisfies ActionDef<typeof s.suspendInput>,
  resume: {
    label: { zh: '恢复审理', en: 'Resume' },
    from: ['suspended'],
    to: 'under_review',
    permission: 'reconsideration.resume',
    input: s.resumeInput,
    effectiveDateField: 'resumedOn',
    data: () => ({ suspension: null }),
  } satisfies ActionDef<typeof s.resumeInput>,
  extend: {
    label: { zh: '延长审理期限', en: 'Extend the decision period' },
    from: [...REVIEW, 'mediating', 'suspended'],
    to: (_i, data, state) => {
      if (data.decisionTrack === 'simple')
        throw new Problem(409, 'no-extension-simple', '简易程序审理期限不得延长（第六十二条第二款）', 'The simple procedure has no extension (Art 62(2))');
      return state;
    },
    permission: 'reconsideration.extend',
    input: s.extendInput,
    effectiveDateField: 'approvedOn',
    attrs: () => ({ extended: true }),
  } satisfies ActionDef<typeof s.extendInput>,
  start_mediation: {
    label: { zh: '开始调解', en: 'Start mediation' },
    from: ['respondent_notified', 'under_review', 'hearing_scheduled'],
    to: 'mediating',
    permission: 'reconsideration.start_mediation',
    input: s.startMediationInput,
    effectiveDateField: 'startedOn',
  } satisfies ActionDef<typeof s.startMediationInput>,
  end_mediation: {
    label: { zh: '调解不成', en: 'Mediation failed' },
    from: ['mediating'],
    to: 'under_review',
    permission: 'reconsideration.end_mediation',
    input: s.endMediationInput,
    effectiveDateField: 'endedOn',
  } satisfies ActionDef<typeof s.endMediationInput>,
  mediate: {
    label: { zh: '制作调解书', en: 'Mediation agreement' },
    from: ['mediating'],
    to: 'mediated',
    permission: 'reconsideration.mediate',
    input: s.mediateInput,
    effectiveDateField: 'effectiveOn',
    outcome: 'mediated',
    confirm: true,
  } satisfies ActionDef<typeof s.mediateInput>,
  withdraw: {
    label: { zh: '准予撤回申请', en: 'Allow withdrawal' },
    from: [...REVIEW, 'mediating', 'suspended'],
    to: 'terminated',
    permission: 'reconsideration.withdraw',
    input: s.withdrawInput,
    effectiveDateField: 'approvedOn',
    outcome: 'withdrawn',
    confirm: true,
    attrs: (i) => ({ respondent_changed_act: i.respondentChangedAct }),
  } satisfies ActionDef<typeof s.withdrawInput>,
  settle: {
    label: { zh: '和解后撤回', en: 'Withdrawal after settlement' },
    from: [...REVIEW, 'mediating', 'suspended'],
    to: 'terminated',
    permission: 'reconsideration.settle',
    input: s.settleInput,
    effectiveDateField: 'approvedOn',
    outcome: 'settled',
    confirm: true,
  } satisfies ActionDef<typeof s.settleInput>,
  terminate: {
    label: { zh: '终止审理', en: 'Terminate' },
    from: [...REVIEW, 'mediating', 'suspended'],
    to: 'terminated',
    permission: 'reconsideration.terminate',
    input: s.terminateInput,
    effectiveDateField: 'decidedOn',
    outcome: 'terminated',
    confirm: true,
    data: (i) => ({ terminationGround: i.ground }),
  } satisfies ActionDef<typeof s.terminateInput>,
  dismiss_application: {
    label: { zh: '驳回申请', en: 'Dismiss the application' },
    from: REVIEW,
    to: 'dismissed',
    permission: 'reconsideration.dismiss_application',
    input: s.dismissApplicationInput,
    effectiveDateField: 'decidedOn',
    outcome: 'dismissed',
    confirm: true,
  } satisfies ActionDef<typeof s.dismissApplicationInput>,
  decide: {
    label: { zh: '作出复议决定', en: 'Decide' },
    from: DECIDABLE,
    to: 'decided',
    permission: 'reconsideration.decide',
    input: s.decideInput,
    effectiveDateField: 'decidedOn',
    outcome: (i) => i.decisionType,
    documents: ['decision'],
    confirm: true,
    data: (i) => ({
      decision: { type: i.decisionType, decidedOn: i.decidedOn, orderRemake: i.orderRemake, periodDays: i.periodDays, compensation: i.compensation },
    }),
    attrs: (i) => ({ decision_type: i.decisionType, order_remake: i.orderRemake, compensation: i.compensation }),
  } satisfies ActionDef<typeof s.decideInput>,

  // ── after the decision ─────────────────────────────────────────────────────────────────────
  serve: {
    label: { zh: '送达决定书', en: 'Serve the decision' },
    from: ['decided'],
    to: 'concluded',
    permission: 'reconsideration.serve',
    input: s.serveInput,
    effectiveDateField: 'servedOn',
    data: (i) => ({ servedOn: i.servedOn }),
  } satisfies ActionDef<typeof s.serveInput>,
  issue_opinion_letter: {
    label: { zh: '制发行政复议意见书', en: 'Issue an opinion letter' },
    from: AFTER_DECISION,
    to: stay,
    permission: 'reconsideration.issue_opinion_letter',
    input: s.issueOpinionLetterInput,
    effectiveDateField: 'issuedOn',
    attrs: () => ({ opinion_letter: true }),
  } satisfies ActionDef<typeof s.issueOpinionLetterInput>,
  record_opinion_feedback: {
    label: { zh: '登记意见书整改情况', en: 'Record the opinion-letter feedback' },
    from: AFTER_DECISION,
    to: stay,
    permission: 'reconsideration.record_opinion_feedback',
    input: s.recordOpinionFeedbackInput,
    effectiveDateField: 'receivedOn',
  } satisfies ActionDef<typeof s.recordOpinionFeedbackInput>,
  publish: {
    label: { zh: '公开决定书', en: 'Publish the decision' },
    from: ['concluded'],
    to: 'concluded',
    permission: 'reconsideration.publish',
    input: s.publishInput,
    effectiveDateField: 'publishedOn',
    data: (i) => ({ publication: { on: i.publishedOn, url: i.url, copiedToSuperior: i.copiedToSuperior } }),
    attrs: () => ({ published: true }),
  } satisfies ActionDef<typeof s.publishInput>,
};

export const manifest = defineCaseType({
  type: 'reconsideration',
  label: { zh: '行政复议', en: 'Administrative reconsideration' },
  description: {
    zh: '行政复议申请的受理、审理、决定、送达与公开（2023年修订《行政复议法》）',
    en: 'Intake, review, decision, service and publication of reconsideration applications (2023 law)',
  },
  states: {
    received: { label: { zh: '受理审查', en: 'Under acceptance review' }, category: 'open' },
    correction_requested: { label: { zh: '待补正', en: 'Awaiting correction' }, category: 'paused' },
    accepted: { label: { zh: '已受理', en: 'Accepted' }, category: 'open' },
    respondent_notified: { label: { zh: '待答复', en: 'Awaiting answer' }, category: 'open' },
    under_review: { label: { zh: '审理中', en: 'Under review' }, category: 'open' },
    hearing_scheduled: { label: { zh: '待听证', en: 'Hearing scheduled' }, category: 'open' },
    suspended: { label: { zh: '中止', en: 'Suspended' }, category: 'paused' },
    mediating: { label: { zh: '调解中', en: 'Mediating' }, category: 'open' },
    decided: { label: { zh: '已决定待送达', en: 'Decided, to be served' }, category: 'open' },
    concluded: { label: { zh: '已审结', en: 'Concluded' }, category: 'closed' },
    not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, category: 'closed' },
    abandoned: { label: { zh: '视为放弃', en: 'Abandoned' }, category: 'closed' },
    dismissed: { label: { zh: '驳回申请', en: 'Application dismissed' }, category: 'closed' },
    terminated: { label: { zh: '终止', en: 'Terminated' }, category: 'closed' },
    mediated: { label: { zh: '调解结案', en: 'Mediated' }, category: 'closed' },
  },
  initialState: 'received',
  create: {
    input: s.createInput,
    permission: 'reconsideration.create',
    publicIntake: true,
    effectiveDateField: 'receivedOn',
    hints: preconditionHints,
    // On the portal the date and channel are facts of receipt, and the organ is the configured one.
    portalFill: (today: string) => ({ receivedOn: today, channel: 'portal', agencyId: undefined, regionCode: undefined }),
    fromHandoff,
    toCase,
  },
  actions,
  clocks,
  outcomes: {
    uphold: { label: { zh: '维持', en: 'Upheld' }, groups: ['merits'], basis: { law: '中华人民共和国行政复议法', article: '第六十八条' } },
    change: { label: { zh: '变更', en: 'Changed' }, groups: ['merits', 'corrected'], basis: { law: '中华人民共和国行政复议法', article: '第六十三条' } },
    revoke: { label: { zh: '撤销', en: 'Revoked' }, groups: ['merits', 'corrected'], basis: { law: '中华人民共和国行政复议法', article: '第六十四条' } },
    partial_revoke: { label: { zh: '部分撤销', en: 'Partially revoked' }, groups: ['merits', 'corrected'], basis: { law: '中华人民共和国行政复议法', article: '第六十四条' } },
    confirm_illegal: { label: { zh: '确认违法', en: 'Confirmed illegal' }, groups: ['merits', 'corrected'], basis: { law: '中华人民共和国行政复议法', article: '第六十五条' } },
    order_performance: { label: { zh: '责令履行', en: 'Performance ordered' }, groups: ['merits', 'corrected'], basis: { law: '中华人民共和国行政复议法', article: '第六十六条' } },
    confirm_void: { label: { zh: '确认无效', en: 'Confirmed void' }, groups: ['merits', 'corrected_void'], basis: { law: '中华人民共和国行政复议法', article: '第六十七条' } },
    reject_claim: { label: { zh: '驳回复议请求', en: 'Claim rejected' }, groups: ['merits'], basis: { law: '中华人民共和国行政复议法', article: '第六十九条' } },
    not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, groups: ['procedural'], basis: { law: '中华人民共和国行政复议法', article: '第三十条第二款' } },
    abandoned: { label: { zh: '视为放弃', en: 'Abandoned' }, groups: ['procedural'], basis: { law: '中华人民共和国行政复议法', article: '第三十一条第二款' } },
    dismissed: { label: { zh: '驳回申请', en: 'Application dismissed' }, groups: ['procedural'], basis: { law: '中华人民共和国行政复议法', article: '第三十三条' } },
    terminated: { label: { zh: '终止', en: 'Terminated' }, groups: ['procedural'], basis: { law: '中华人民共和国行政复议法', article: '第四十一条第二项至第五项' } },
    withdrawn: { label: { zh: '撤回申请', en: 'Withdrawn' }, groups: ['mediated_or_withdrawn'], basis: { law: '中华人民共和国行政复议法', article: '第四十一条第一项' } },
    settled: { label: { zh: '和解撤回', en: 'Settled and withdrawn' }, groups: ['mediated_or_withdrawn'], basis: { law: '中华人民共和国行政复议法', article: '第七十四条' } },
    mediated: { label: { zh: '调解', en: 'Mediated' }, groups: ['mediated_or_withdrawn'], basis: { law: '中华人民共和国行政复议法', article: '第七十三条' } },
  },
  numbering: { pattern: '{abbr}复〔{year}〕{seq}号', scope: 'agency' },
  documents,
  indicators,
  partyRoles: [
    { role: 'applicant', label: { zh: '申请人', en: 'Applicant' } },
    { role: 'respondent', label: { zh: '被申请人', en: 'Respondent' } },
    { role: 'third_party', label: { zh: '第三人', en: 'Third party' } },
    { role: 'agent', label: { zh: '代理人', en: 'Agent' } },
  ],
  links: [
    {
      relation: 'followed_by_suit',
      label: { zh: '复议后起诉', en: 'Lawsuit after reconsideration' },
      inverseLabel: { zh: '源自复议决定', en: 'Follows reconsideration' },
    },
  ],
});

export default manifest;
