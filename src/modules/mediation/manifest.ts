import { type ActionDef, type NewParty, type ResolveContext, type Resolution, defineCaseType } from '../../kernel/cases/manifest.js';
import { one, rows, sql } from '../../kernel/db/client.js';
import { field, problems } from '../../kernel/http/problem.js';
import { clocks } from './clocks.js';
import { documents } from './documents.js';
import { indicators } from './indicators.js';
import { type Level, type Routing, findSimilar, mediatorsById, normaliseAddress, route, routingResolution } from './routing.js';
import * as s from './schemas.js';

/**
 * 人民调解 / 矛盾纠纷多元化解 as a case type (人民调解法 第17–33条). Intake routes the dispute to a
 * committee and suggests a mediator (routing.ts, "show why"); the committee accepts or passes it up.
 * See docs/modules/mediation.md for the state diagram and the choices made.
 */

const stay = (_input: unknown, _data: Record<string, unknown>, state: string) => state;

const ROUTED = ['routed'];
const MEDIATING = ['mediating'];
const AGREED = ['agreement_reached'];
const CLOSED = ['performed', 'not_performed', 'failed', 'refused', 'handed_off', 'withdrawn'];

type Data = Record<string, unknown>;
const routingOf = (d: Data) => d.routing as Routing | undefined;

function toCase(input: s.CreateInput) {
  const a = input.applicant;
  const o = input.otherParty;
  const parties: NewParty[] = [
    { role: 'applicant', kind: 'person', name: a.name, phone: a.phone, idNumber: a.idNumber, address: a.address },
    { role: 'other_party', kind: 'person', name: o.name, phone: o.phone, address: o.address },
  ];
  return {
    title: `${a.name}与${o.name}纠纷`,
    regionCode: input.regionCode,
    data: {
      applicantName: a.name,
      otherPartyName: o.name,
      category: input.category,
      description: input.description,
      disputeAddress: input.disputeAddress,
      disputeAddressKey: normaliseAddress(input.disputeAddress),
      amountInvolved: input.amountInvolved,
      channel: input.channel,
      receivedOn: input.receivedOn,
      referral: input.referral,
    },
    attrs: { channel: input.channel, category: input.category },
    parties,
  };
}

/** Intake: route to a committee, suggest a mediator, and flag open disputes that look the same. */
async function resolveIntake(ctx: ResolveContext): Promise<Resolution> {
  const input = ctx.input as s.CreateInput;
  const routing = await route(ctx.tx, { category: input.category, regionCode: ctx.case.regionCode });
  const phones = [input.applicant.phone, input.otherParty.phone].filter((p): p is string => !!p).map(ctx.lookupHash);
  const similar = await findSimilar(ctx.tx, { phoneHashes: phones, address: input.disputeAddress, regionCode: ctx.case.regionCode });
  const r = routingResolution(routing);
  return {
    ...r,
    data: { ...r.data, similar },
    attrs: { similar_open: similar.length > 0 },
    note: { ...r.note, ...(similar.length ? { similar: similar.map((x) => ({ caseId: x.caseId, number: x.number, reasons: x.reasons })) } : {}) },
  };
}

/** Decline or a lapsed acceptance period: one level up the region tree; the suggestion is cleared. */
async function resolveEscalation(ctx: ResolveContext): Promise<Resolution> {
  const current = routingOf(ctx.case.data);
  const routing = await route(ctx.tx, {
    category: String(ctx.case.data.category),
    regionCode: ctx.case.regionCode,
    above: (current?.level ?? 'town') as Level,
  });
  const r = routingResolution(routing);
  return { ...r, assignees: [], note: { ...r.note, from: current?.committeeName ?? null } };
}

/** Acceptance: the named mediators (or the suggested one) and any colleague with an account. */
async function resolveAcceptance(ctx: ResolveContext): Promise<Resolution> {
  const input = ctx.input as { mediatorIds?: string[]; extraUserIds?: string[] };
  const ids = input.mediatorIds?.length ? input.mediatorIds : ((ctx.case.data.mediatorIds as string[] | undefined) ?? []);
  if (!ids.length) throw problems.validation([field('mediatorIds', '请指定调解员', 'Name at least one mediator')]);
  const found = await mediatorsById(ctx.tx, [...new Set(ids)]);
  const byId = new Map(found.map((m) => [m.id, m]));
  const bad = ids.findIndex((id) => !byId.get(id)?.active);
  if (bad >= 0) throw problems.validation([field(`mediatorIds.${bad}`, '调解员不存在或不在岗', 'Unknown or inactive mediator')]);
  const extra = [...new Set(input.extraUserIds ?? [])];
  if (extra.length) {
    const users = await rows<{ id: string }>(ctx.tx, sql`select id from app_user where not disabled and id in (${sql.join(extra.map((u) => sql`${u}::uuid`), sql`, `)})`);
    const missing = extra.findIndex((u) => !users.some((x) => x.id === u));
    if (missing >= 0) throw problems.validation([field(`extraUserIds.${missing}`, '用户不存在', 'Unknown user')]);
  }
  const mediators = ids.map((id) => byId.get(id)!);
  const accounts = mediators.flatMap((m) => (m.userId ? [m.userId] : []));
  return {
    assigneeId: accounts[0] ?? null,
    assignees: [...new Set([...accounts, ...extra])],
    data: { mediatorIds: ids, mediators: mediators.map((m) => ({ id: m.id, name: m.name })) },
    note: { mediators: mediators.map((m) => m.name) },
  };
}

function partyNames(ctx: ResolveContext): string[] {
  return ctx.case.parties.filter((p) => p.role === 'applicant' || p.role === 'other_party').map((p) => p.name);
}

/** A written agreement takes effect when every party has signed (第29条); who is still missing. */
async function resolveAgreement(ctx: ResolveContext): Promise<Resolution> {
  const i = ctx.input as { form: 'written' | 'oral'; terms: string; performanceManner: string; performanceDeadline?: string; signatures: { party: string }[]; effectiveOn: string; confirmationIntended: boolean };
  const names = partyNames(ctx);
  const signed = new Set(i.signatures.map((x) => x.party));
  const strangers = i.signatures.findIndex((x) => !names.includes(x.party));
  if (strangers >= 0) throw problems.validation([field(`signatures.${strangers}.party`, '签署人不是本案当事人', 'The signatory is not a party to this dispute')]);
  const pending = i.form === 'written' ? names.filter((n) => !signed.has(n)) : [];
  return {
    data: {
      agreement: { form: i.form, terms: i.terms, performanceManner: i.performanceManner, performanceDeadline: i.performanceDeadline, reachedOn: i.effectiveOn, pendingSignatures: pending, effective: pending.length === 0 },
      agreementForm: i.form,
      confirmationIntended: i.confirmationIntended,
    },
    attrs: { agreement: i.form, agreement_reached: true, agreement_effective: pending.length === 0 },
  };
}

async function resolveSigning(ctx: ResolveContext): Promise<Resolution> {
  const agreement = (ctx.case.data.agreement ?? {}) as { pendingSignatures?: string[] };
  const pending = agreement.pendingSignatures ?? [];
  if (!pending.length) throw problems.conflict('nothing-to-sign', '调解协议无待签署的当事人', 'No party still has to sign the agreement');
  const who = String(ctx.input.party);
  if (!pending.includes(who)) throw problems.validation([field('party', '该当事人无需签署或已签署', 'This party has nothing to sign or has signed')]);
  const left = pending.filter((n) => n !== who);
  return {
    data: { agreement: { ...agreement, pendingSignatures: left, effective: left.length === 0 } },
    attrs: { agreement_effective: left.length === 0 },
  };
}

/** 行政复议 needs the applicant's ID number and address, which mediation intake may have left out. */
async function resolveHandOff(ctx: ResolveContext): Promise<Resolution> {
  const channel = ctx.input.channel as s.HandoffChannel;
  if (channel === 'reconsideration') {
    const a = await one<{ ok: boolean }>(ctx.tx, sql`select (id_number_enc is not null and address_enc is not null) as ok from party where case_id = ${ctx.case.id} and role = 'applicant' limit 1`);
    if (!a?.ok)
      throw problems.validation([
        field('channel', '移交行政复议须有申请人的身份证号码和住址，请先在收案信息中补充', 'A reconsideration hand-off needs the applicant’s ID number and address'),
      ]);
  }
  return {
    data: { handoff: { channel, on: ctx.input.handedOffOn, receivingBody: ctx.input.receivingBody } },
    attrs: { handoff_channel: channel },
  };
}

/** Neutral targets the kernel creates a linked case in (others are recorded exits). */
const HANDOFF_TYPES: Partial<Record<s.HandoffChannel, string>> = { reconsideration: 'reconsideration', legal_aid: 'legal_aid' };

const actions: Record<string, ActionDef<any>> = {
  // ── routing and acceptance ───────────────────────────────────────────────────────────────────
  accept: {
    label: { zh: '受理并指定调解员', en: 'Accept and assign mediators' },
    from: ROUTED,
    to: 'mediating',
    permission: 'mediation.accept',
    input: s.acceptInput,
    effectiveDateField: 'acceptedOn',
    assignsNumber: true,
    resolve: resolveAcceptance,
    data: (i) => ({ acceptedOn: i.acceptedOn, partiesChose: i.partiesChose }),
    attrs: () => ({ mediated: true }),
  } satisfies ActionDef<typeof s.acceptInput>,
  decline: {
    label: { zh: '不予受理，上移', en: 'Decline (pass up one level)' },
    from: ROUTED,
    to: 'routed',
    permission: 'mediation.decline',
    input: s.declineInput,
    effectiveDateField: 'declinedOn',
    resolve: resolveEscalation,
    attrs: () => ({ escalated: true }),
  } satisfies ActionDef<typeof s.declineInput>,
  escalate: {
    label: { zh: '逾期未受理，自动上移', en: 'Escalated: not accepted in time' },
    from: ROUTED,
    to: 'routed',
    permission: 'mediation.escalate',
    input: s.escalateInput,
    effectiveDateField: 'escalatedOn',
    systemOnly: true,
    resolve: resolveEscalation,
    attrs: () => ({ escalated: true }),
  } satisfies ActionDef<typeof s.escalateInput>,
  refuse_mediation: {
    label: { zh: '当事人拒绝调解', en: 'A party refuses mediation' },
    from: [...ROUTED, ...MEDIATING],
    to: 'refused',
    permission: 'mediation.refuse_mediation',
    input: s.refuseInput,
    effectiveDateField: 'recordedOn',
    outcome: 'refused',
    confirm: true,
    data: (i) => ({ refusedBy: i.refusedBy }),
  } satisfies ActionDef<typeof s.refuseInput>,

  // ── mediating ────────────────────────────────────────────────────────────────────────────────
  record_session: {
    label: { zh: '记录调解过程', en: 'Record a session' },
    from: [...MEDIATING, ...AGREED],
    to: stay,
    permission: 'mediation.record_session',
    input: s.sessionInput,
    effectiveDateField: 'heldOn',
    data: (i, d) => ({ sessions: Number(d.sessions ?? 0) + 1, lastSessionOn: i.heldOn }),
    attrs: (i) => (i.mode === 'online' ? { online_session: true } : {}),
  } satisfies ActionDef<typeof s.sessionInput>,
  extend: {
    label: { zh: '延长调解期限', en: 'Extend the mediation period' },
    from: MEDIATING,
    to: stay,
    permission: 'mediation.extend',
    input: s.extendInput,
    effectiveDateField: 'agreedOn',
    attrs: () => ({ extended: true }),
  } satisfies ActionDef<typeof s.extendInput>,
  record_agreement: {
    label: { zh: '达成调解协议', en: 'Record the agreement' },
    from: MEDIATING,
    to: 'agreement_reached',
    permission: 'mediation.record_agreement',
    input: s.agreementInput,
    effectiveDateField: 'effectiveOn',
    documents: ['agreement'],
    resolve: resolveAgreement,
  } satisfies ActionDef<typeof s.agreementInput>,
  sign: {
    label: { zh: '确认签署调解协议', en: 'Confirm signing the agreement' },
    from: AGREED,
    to: stay,
    permission: 'mediation.sign',
    input: s.signInput,
    effectiveDateField: 'signedOn',
    public: true,
    resolve: resolveSigning,
  } satisfies ActionDef<typeof s.signInput>,
  record_follow_up: {
    label: { zh: '回访履行情况', en: 'Follow up on performance' },
    from: AGREED,
    to: (i, _d, state) => (i.performance === 'full' ? 'performed' : i.closeUnperformed ? 'not_performed' : state),
    permission: 'mediation.record_follow_up',
    input: s.followUpInput,
    effectiveDateField: 'followedUpOn',
    outcome: (i) => (i.performance === 'full' ? 'performed' : i.closeUnperformed ? 'not_performed' : undefined),
    attrs: (i) => ({ performance: i.performance }),
  } satisfies ActionDef<typeof s.followUpInput>,
  apply_confirmation: {
    label: { zh: '申请司法确认', en: 'Apply for judicial confirmation' },
    from: AGREED,
    to: (_i, d, state) => {
      if (d.agreementForm !== 'written')
        throw problems.conflict('written-agreement-required', '司法确认须以书面调解协议申请', 'Judicial confirmation needs a written agreement');
      if ((d.confirmation as Data | undefined)?.appliedOn && !(d.confirmation as Data).ruling)
        throw problems.conflict('confirmation-pending', '司法确认申请尚待法院裁定', 'An application is already before the court');
      return state;
    },
    permission: 'mediation.apply_confirmation',
    input: s.applyConfirmationInput,
    effectiveDateField: 'appliedOn',
    data: (i) => ({ confirmation: { appliedOn: i.appliedOn, court: i.court } }),
    attrs: () => ({ confirmation_applied: true }),
  } satisfies ActionDef<typeof s.applyConfirmationInput>,
  record_confirmation: {
    label: { zh: '登记法院裁定', en: 'Record the court’s ruling' },
    from: AGREED,
    to: (_i, d, state) => {
      const c = d.confirmation as Data | undefined;
      if (!c?.appliedOn || c.ruling) throw problems.conflict('no-pending-confirmation', '没有待裁定的司法确认申请', 'No application awaits a ruling');
      return state;
    },
    permission: 'mediation.record_confirmation',
    input: s.recordConfirmationInput,
    effectiveDateField: 'ruledOn',
    data: (i, d) => ({ confirmation: { ...(d.confirmation as Data), ruling: i.ruling, ruledOn: i.ruledOn, rulingNumber: i.rulingNumber } }),
    attrs: (i) => ({ confirmation_ruling: i.ruling, confirmed: i.ruling === 'valid' }),
  } satisfies ActionDef<typeof s.recordConfirmationInput>,

  // ── ending ───────────────────────────────────────────────────────────────────────────────────
  fail: {
    label: { zh: '终止调解（调解不成）', en: 'End mediation without agreement' },
    from: MEDIATING,
    to: 'failed',
    permission: 'mediation.fail',
    input: s.failInput,
    effectiveDateField: 'endedOn',
    outcome: 'failed',
    documents: ['termination_notice'],
    confirm: true,
    data: (i) => ({ failure: { ground: i.ground, exitsTold: i.exitsTold } }),
    attrs: (i) => ({ failure_ground: i.ground }),
  } satisfies ActionDef<typeof s.failInput>,
  hand_off: {
    label: { zh: '移交其他途径', en: 'Hand off to another channel' },
    from: [...ROUTED, ...MEDIATING],
    to: 'handed_off',
    permission: 'mediation.hand_off',
    input: s.handOffInput,
    effectiveDateField: 'handedOffOn',
    outcome: 'handed_off',
    confirm: true,
    resolve: resolveHandOff,
    handoff: (i) => {
      const type = HANDOFF_TYPES[i.channel];
      return type ? { type, relation: 'handed_off_to' } : null;
    },
  } satisfies ActionDef<typeof s.handOffInput>,
  withdraw: {
    label: { zh: '申请人撤回', en: 'Withdrawn by the applicant' },
    from: [...ROUTED, ...MEDIATING],
    to: 'withdrawn',
    permission: 'mediation.withdraw',
    input: s.withdrawInput,
    effectiveDateField: 'withdrawnOn',
    outcome: 'withdrawn',
    confirm: true,
  } satisfies ActionDef<typeof s.withdrawInput>,
  archive: {
    label: { zh: '立卷归档', en: 'Archive the file' },
    from: CLOSED,
    to: (_i, d, state) => {
      if (d.archivedOn) throw problems.conflict('already-archived', '本案已归档', 'Already archived');
      return state;
    },
    permission: 'mediation.archive',
    input: s.archiveInput,
    effectiveDateField: 'archivedOn',
    data: (i) => ({ archivedOn: i.archivedOn, fileNumber: i.fileNumber }),
    attrs: () => ({ archived: true }),
  } satisfies ActionDef<typeof s.archiveInput>,
  rate: {
    label: { zh: '满意度评价', en: 'Rate the service' },
    from: CLOSED,
    to: (_i, _d, state) => state,
    guard: { test: (d) => !d.satisfaction, code: 'already-rated', message: { zh: '已评价', en: 'Already rated' } },
    permission: 'mediation.rate',
    input: s.rateInput,
    effectiveDateField: 'ratedOn',
    public: true,
    data: (i) => ({ satisfaction: { level: i.level, comment: i.comment } }),
    attrs: (i) => ({ rated: true, satisfaction: i.level, satisfied: i.level !== 'dissatisfied' }),
  } satisfies ActionDef<typeof s.rateInput>,
};

const LAW = '中华人民共和国人民调解法';

export const manifest = defineCaseType({
  type: 'mediation',
  label: { zh: '人民调解', en: 'People’s mediation' },
  description: {
    zh: '矛盾纠纷的登记、分流、人民调解、调解协议、司法确认与回访（《人民调解法》），可移交行政复议、法律援助等途径；设在线调解室',
    en: 'Dispute intake, routing, people’s mediation, agreements, judicial confirmation and follow-up (People’s Mediation Law); hands off to reconsideration, legal aid and other channels; online room',
  },
  states: {
    routed: { label: { zh: '待受理', en: 'Routed, awaiting acceptance' }, category: 'open' },
    mediating: { label: { zh: '调解中', en: 'Mediating' }, category: 'open' },
    agreement_reached: { label: { zh: '已达成协议（履行中）', en: 'Agreement reached (performing)' }, category: 'open' },
    performed: { label: { zh: '履行完毕', en: 'Performed' }, category: 'closed' },
    not_performed: { label: { zh: '协议未履行', en: 'Agreement not performed' }, category: 'closed' },
    failed: { label: { zh: '调解不成', en: 'Mediation failed' }, category: 'closed' },
    refused: { label: { zh: '当事人拒绝调解', en: 'Mediation refused' }, category: 'closed' },
    handed_off: { label: { zh: '已移交其他途径', en: 'Handed off' }, category: 'closed' },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, category: 'closed' },
  },
  initialState: 'routed',
  create: {
    input: s.createInput,
    permission: 'mediation.create',
    publicIntake: true,
    effectiveDateField: 'receivedOn',
    portalFill: (today: string) => ({ receivedOn: today, channel: 'portal', referral: undefined }),
    resolve: resolveIntake,
    hints: [
      {
        key: 'voluntary',
        label: { zh: '自愿、平等', en: 'Voluntary' },
        text: { zh: '人民调解不收费；当事人一方明确拒绝调解的，不得调解。', en: 'People’s mediation is free; it does not take place if a party clearly refuses.' },
        basis: { law: LAW, article: '第四条、第十七条' },
      },
    ],
    toCase,
  },
  actions,
  clocks,
  outcomes: {
    performed: { label: { zh: '调解成功，履行完毕', en: 'Agreement performed' }, groups: ['concluded', 'success', 'performed'], basis: { law: LAW, article: '第三十一条' } },
    not_performed: { label: { zh: '调解成功，协议未履行', en: 'Agreement not performed' }, groups: ['concluded', 'success'], basis: { law: LAW, article: '第三十二条' } },
    failed: { label: { zh: '调解不成（终止调解）', en: 'Mediation failed' }, groups: ['concluded', 'failed'], basis: { law: LAW, article: '第二十六条' } },
    refused: { label: { zh: '当事人拒绝调解', en: 'Refused' }, groups: ['not_mediated'], basis: { law: LAW, article: '第十七条' } },
    handed_off: { label: { zh: '转其他途径', en: 'Handed off' }, groups: ['handed_off'], basis: { law: LAW, article: '第十八条、第二十六条' } },
    withdrawn: { label: { zh: '撤回', en: 'Withdrawn' }, groups: ['withdrawn'], basis: { law: LAW, article: '第二十三条' } },
  },
  numbering: { pattern: '{abbr}调〔{year}〕{seq}号', scope: 'agency' },
  documents,
  indicators,
  partyRoles: [
    { role: 'applicant', label: { zh: '申请人', en: 'Applicant' } },
    { role: 'other_party', label: { zh: '对方当事人', en: 'Other party' } },
    { role: 'agent', label: { zh: '代理人', en: 'Agent' } },
  ],
  messages: true,
  // A party sees where the dispute went and why; mediator ids and search keys stay internal.
  portalFacts: (d) => {
    const r = routingOf(d);
    return r ? { routing: { committeeName: r.committeeName, mediatorName: r.mediatorName, reasons: r.reasons } } : {};
  },
  links: [
    {
      relation: 'handed_off_to',
      label: { zh: '移交至', en: 'Handed off to' },
      inverseLabel: { zh: '由矛盾纠纷调解移交', en: 'Handed off from mediation' },
    },
  ],
});

export default manifest;
