import type { DocumentContext, DocumentContent, DocumentDef } from '../../kernel/cases/manifest.js';
import {
  CORRECTION_PERIOD_WD,
  DECISION_EXTENSION_MAX_DAYS,
  DECISION_ORDINARY_DAYS,
  DECISION_SIMPLE_DAYS,
  LITIGATION_WINDOW,
} from './clocks.js';
import { type DecisionType, decisionTypeOptions, procedureOptions, rejectionGroundOptions } from './schemas.js';

/**
 * The formal instruments of 行政复议, in the wording organs use. Every figure quoted (periods) comes
 * from clocks.ts; every article from the 2023 law.
 */
const LAW = '《中华人民共和国行政复议法》';
const LITIGATION_LAW = '《中华人民共和国行政诉讼法》';

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1–99 in Chinese numerals, as statutes write periods (十日, 六十日). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return CN[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN[tens]}十${ones ? CN[ones] : ''}`;
}

type Rec = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);

function lastEvent(ctx: DocumentContext, action: string) {
  for (let i = ctx.events.length - 1; i >= 0; i--) if (ctx.events[i].action === action) return ctx.events[i];
  return undefined;
}

function applicantName(ctx: DocumentContext): string {
  return ctx.parties.find((p) => p.role === 'applicant')?.name ?? str(ctx.data.applicantName, '申请人');
}

function respondentName(ctx: DocumentContext): string {
  return ctx.subjectAgencyName ?? ctx.parties.find((p) => p.role === 'respondent')?.name ?? '被申请人';
}

function actText(ctx: DocumentContext): string {
  const act = (ctx.data.act ?? {}) as Rec;
  const no = str(act.documentNumber);
  return `${str(act.description, '行政行为')}${no ? `（${no}）` : ''}`;
}

function you(ctx: DocumentContext): string {
  return ctx.data.applicantKind === 'org' ? '你单位' : '你';
}

function dateOf(ctx: DocumentContext, d: unknown): string {
  return typeof d === 'string' && d ? ctx.formatDate(d) : '';
}

function signature(ctx: DocumentContext, on: unknown): DocumentContent['signature'] {
  return { organ: ctx.agencyName, date: dateOf(ctx, on) || ctx.formatDate(ctx.today) };
}

// ── 受理通知书 ───────────────────────────────────────────────────────────────────────────────

export function buildAcceptanceNotice(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'accept') ?? lastEvent(ctx, 'deem_accepted');
  const acceptedOn = ev?.effectiveOn ?? str(ctx.data.acceptedOn);
  const procedure = str(ev?.payload.procedure ?? ctx.data.procedure, 'ordinary') as keyof typeof procedureOptions;
  const days = procedure === 'simple' ? DECISION_SIMPLE_DAYS : DECISION_ORDINARY_DAYS;
  const periodText =
    procedure === 'simple'
      ? `根据${LAW}第六十二条第二款的规定，本机关将自受理申请之日起${cnNumber(days)}日内作出行政复议决定。`
      : `根据${LAW}第六十二条第一款的规定，本机关将自受理申请之日起${cnNumber(days)}日内作出行政复议决定；情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人批准，可以适当延长，并书面告知当事人，但延长期限最多不超过${cnNumber(DECISION_EXTENSION_MAX_DAYS)}日。`;
  return {
    title: '行政复议受理通知书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `${applicantName(ctx)}：`,
      `${you(ctx)}不服${respondentName(ctx)}${actText(ctx)}，于${dateOf(ctx, ctx.data.receivedOn)}向本机关提出的行政复议申请收悉。经审查，该申请符合${LAW}第三十条第一款规定的受理条件，本机关决定自${dateOf(ctx, acceptedOn)}起予以受理，适用${procedureOptions[procedure]?.zh ?? '普通程序'}审理。`,
      periodText,
      `行政复议期间，被申请复议的行政行为不停止执行；有${LAW}第四十二条规定情形的除外。`,
      '特此通知。',
    ],
    signature: signature(ctx, acceptedOn),
  };
}

// ── 补正通知书 ───────────────────────────────────────────────────────────────────────────────

export function buildCorrectionNotice(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'request_correction');
  const items = (ev?.payload.items as string[] | undefined) ?? [];
  const noticeDate = ev?.effectiveOn ?? str(ev?.payload.noticeDate);
  return {
    title: '行政复议申请补正通知书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `${applicantName(ctx)}：`,
      `${you(ctx)}于${dateOf(ctx, ctx.data.receivedOn)}提出的行政复议申请收悉。经审查，申请材料不齐全或者表述不清楚，无法判断该申请是否符合${LAW}第三十条第一款的规定。根据${LAW}第三十一条第一款的规定，请${you(ctx)}自收到本通知之日起${cnNumber(CORRECTION_PERIOD_WD)}日内补正下列事项：`,
      ...items.map((it, i) => `${cnNumber(i + 1)}、${it}`),
      `有正当理由不能按期补正的，可以向本机关申请延长补正期限；无正当理由逾期不补正的，视为${you(ctx)}放弃行政复议申请，并记录在案。`,
      '特此通知。',
    ],
    signature: signature(ctx, noticeDate),
  };
}

// ── 不予受理决定书 ───────────────────────────────────────────────────────────────────────────

export function buildRejectionDecision(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'reject');
  const p = (ev?.payload ?? {}) as Rec;
  const grounds = ((p.grounds as string[] | undefined) ?? [])
    .map((g) => rejectionGroundOptions[g as keyof typeof rejectionGroundOptions]?.zh)
    .filter(Boolean);
  const precondition = str(ctx.data.preconditionCategory, 'none') !== 'none';
  const paragraphs = [
    `申请人：${applicantName(ctx)}`,
    `被申请人：${respondentName(ctx)}`,
    `申请人不服被申请人${actText(ctx)}，于${dateOf(ctx, ctx.data.receivedOn)}向本机关提出行政复议申请。`,
    `经审查，本机关认为：${str(p.reasoning)}${grounds.length ? `该申请${grounds.join('；')}，` : ''}不符合${LAW}第三十条第一款规定的受理条件。根据${LAW}第三十条第二款的规定，本机关决定不予受理。`,
  ];
  if (p.competentBody)
    paragraphs.push(`本案不属于本机关管辖。申请人可以向${str(p.competentBody)}提出行政复议申请。`);
  paragraphs.push(
    precondition
      ? `本案属于法律、行政法规规定应当先向行政复议机关申请行政复议的情形。申请人如不服本决定，可以自收到本决定书之日起${cnNumber(LITIGATION_WINDOW.amount)}日内，依法向人民法院提起行政诉讼（${LAW}第三十四条）。`
      : '申请人如不服本决定，可以依法向人民法院提起行政诉讼。',
  );
  return {
    title: '不予受理行政复议申请决定书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs,
    signature: signature(ctx, ev?.effectiveOn),
  };
}

// ── 行政复议决定书 ───────────────────────────────────────────────────────────────────────────

/** Article of the 2023 law each decision type rests on. */
export const decisionArticle: Record<DecisionType, string> = {
  change: '第六十三条',
  revoke: '第六十四条',
  partial_revoke: '第六十四条',
  confirm_illegal: '第六十五条',
  order_performance: '第六十六条',
  confirm_void: '第六十七条',
  uphold: '第六十八条',
  reject_claim: '第六十九条',
};

/** The operative sentence of a decision ("本机关决定：…"), per type. */
export function operativeText(type: DecisionType, p: Rec, act: string): string {
  const extra = str(p.decisionText);
  const days = typeof p.periodDays === 'number' ? cnNumber(p.periodDays) : '';
  const remake = p.orderRemake
    ? `，责令被申请人${days ? `自收到本决定书之日起${days}日内` : '在一定期限内'}重新作出行政行为`
    : '';
  switch (type) {
    case 'uphold':
      return `维持被申请人作出的${act}。`;
    case 'change':
      return `变更被申请人作出的${act}：${extra}。`;
    case 'revoke':
      return `撤销被申请人作出的${act}${remake}。`;
    case 'partial_revoke':
      return `撤销被申请人作出的${act}中${extra}的部分${remake}。`;
    case 'confirm_illegal':
      return `确认被申请人作出的${act}违法。`;
    case 'order_performance':
      return `责令被申请人自收到本决定书之日起${days}日内履行${extra || '法定职责'}。`;
    case 'confirm_void':
      return `确认被申请人作出的${act}无效。`;
    case 'reject_claim':
      return '驳回申请人的行政复议请求。';
  }
}

export function buildDecision(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'decide');
  const p = (ev?.payload ?? (ctx.data.decision as Rec) ?? {}) as Rec;
  const type = str(p.decisionType, 'uphold') as DecisionType;
  const act = actText(ctx);
  const accepted = lastEvent(ctx, 'accept') ?? lastEvent(ctx, 'deem_accepted');
  const answer = lastEvent(ctx, 'submit_answer');
  const procedure = procedureOptions[str(ctx.data.procedure, 'ordinary') as keyof typeof procedureOptions]?.zh ?? '普通程序';
  const compensation = str(p.compensation, 'none');

  const paragraphs = [
    `申请人：${applicantName(ctx)}`,
    `被申请人：${respondentName(ctx)}`,
    `申请人不服被申请人${act}，于${dateOf(ctx, ctx.data.receivedOn)}向本机关申请行政复议，本机关于${dateOf(ctx, accepted?.effectiveOn ?? ctx.data.acceptedOn)}依法予以受理，适用${procedure}审理。本案现已审理终结。`,
    `申请人请求：${str(ctx.data.request)}`,
    `申请人称：${str(ctx.data.factsAndReasons)}`,
    answer
      ? `被申请人称：${str(answer.payload.summary, '被申请人已提交书面答复及作出行政行为的证据、依据和其他有关材料。')}`
      : `被申请人未按照${LAW}第四十八条、第五十四条的规定提出书面答复、提交作出行政行为的证据、依据和其他有关材料。`,
    `经审理查明：${str(p.findings)}`,
    `本机关认为：${str(p.reasoning)}`,
    `根据${LAW}${decisionArticle[type]}的规定，本机关决定：${operativeText(type, p, act)}`,
  ];
  if (compensation === 'awarded')
    paragraphs.push(`根据${LAW}第七十二条第一款的规定，被申请人应当依法给予申请人赔偿。`);
  if (compensation === 'rejected') paragraphs.push(`根据${LAW}第七十二条第一款的规定，驳回申请人的行政赔偿请求。`);
  paragraphs.push(
    `申请人如不服本决定，可以自收到本决定书之日起${cnNumber(LITIGATION_WINDOW.amount)}日内，依照${LITIGATION_LAW}的规定向人民法院提起行政诉讼。`,
    `本决定书一经送达，即发生法律效力（${LAW}第七十五条第二款）。`,
  );
  return {
    title: '行政复议决定书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs,
    signature: signature(ctx, ev?.effectiveOn ?? p.decidedOn),
  };
}

export const documents: DocumentDef[] = [
  { key: 'acceptance_notice', label: { zh: '行政复议受理通知书', en: 'Acceptance notice' }, build: buildAcceptanceNotice },
  { key: 'correction_notice', label: { zh: '行政复议申请补正通知书', en: 'Correction notice' }, build: buildCorrectionNotice },
  { key: 'rejection_decision', label: { zh: '不予受理行政复议申请决定书', en: 'Decision not to accept' }, build: buildRejectionDecision },
  { key: 'decision', label: { zh: '行政复议决定书', en: 'Reconsideration decision' }, build: buildDecision },
];

/** Labels for the decision types, re-exported for the demo generator and the UI. */
export { decisionTypeOptions };
