import type { DocumentContent, DocumentContext, DocumentDef } from '../../kernel/cases/manifest.js';
import { exitOptions, failureGroundOptions, signatureMethodOptions } from './schemas.js';

/**
 * 调解协议书 (人民调解法 第29条: parties, facts and issues, agreed terms, manner and time of
 * performance; effective once the parties sign, seal or fingerprint, the mediator signs and the
 * committee seals) and 终止调解通知书 (第26条; 宁波条例 第23条), built from the case.
 */
const LAW = '《中华人民共和国人民调解法》';
type Rec = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);

function lastEvent(ctx: DocumentContext, action: string) {
  for (let i = ctx.events.length - 1; i >= 0; i--) if (ctx.events[i].action === action) return ctx.events[i];
  return undefined;
}

const partyNames = (ctx: DocumentContext, role: string) => ctx.parties.filter((p) => p.role === role).map((p) => p.name);

function signatureLines(ctx: DocumentContext, signatures: Rec[]): string[] {
  const signed = new Map(signatures.map((s) => [str(s.party), s]));
  const names = [...partyNames(ctx, 'applicant'), ...partyNames(ctx, 'other_party')];
  return names.map((n) => {
    const s = signed.get(n);
    const how = s ? signatureMethodOptions[str(s.method) as keyof typeof signatureMethodOptions]?.zh ?? '签名' : '';
    return s ? `当事人：${n}（${how}）  ${ctx.formatDate(str(s.signedOn))}` : `当事人：${n}（签名、盖章或按指印）：____________`;
  });
}

export function buildAgreement(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'record_agreement');
  const p = (ev?.payload ?? {}) as Rec;
  const agreement = (ctx.data.agreement ?? {}) as Rec;
  const signatures = [...((p.signatures as Rec[] | undefined) ?? []), ...(ctx.events.filter((e) => e.action === 'sign').map((e) => ({ ...e.payload, signedOn: e.payload.signedOn ?? e.effectiveOn })) as Rec[])];
  const applicants = partyNames(ctx, 'applicant');
  const others = partyNames(ctx, 'other_party');
  const mediators = ((ctx.data.mediators as Rec[] | undefined) ?? []).map((m) => str(m.name)).filter(Boolean);
  const deadline = str(p.performanceDeadline ?? agreement.performanceDeadline);
  return {
    title: '人民调解协议书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `当事人（申请人）：${applicants.join('、') || '（未登记）'}`,
      `当事人（被申请人）：${others.join('、') || '（未登记）'}`,
      `纠纷简要情况：${str(ctx.data.description, ctx.title)}${str(ctx.data.disputeAddress) ? `（纠纷发生地点：${str(ctx.data.disputeAddress)}）` : ''}`,
      `经${ctx.agencyName}主持调解，当事人在平等协商、自愿的基础上，依照${LAW}第二十八条、第二十九条的规定，达成如下协议：`,
      str(p.terms ?? agreement.terms, '（协议内容）'),
      `履行方式：${str(p.performanceManner ?? agreement.performanceManner, '（履行方式）')}${deadline ? `；履行期限：${ctx.formatDate(deadline)}前履行完毕` : ''}。`,
      `本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（${LAW}第三十一条）。`,
      `双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（${LAW}第三十三条）。`,
      `本协议一式${applicants.length + others.length + 1}份，当事人各执一份，人民调解委员会留存一份。`,
      ...signatureLines(ctx, signatures),
      `人民调解员：${mediators.join('、') || '____________'}（签名）`,
      `${ctx.agencyName}（印章）`,
    ],
    signature: { organ: ctx.agencyName, date: ctx.formatDate(ev?.effectiveOn ?? ctx.today) },
  };
}

export function buildTerminationNotice(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'fail');
  const p = (ev?.payload ?? {}) as Rec;
  const ground = failureGroundOptions[str(p.ground) as keyof typeof failureGroundOptions]?.zh ?? '调解不成';
  const exits = ((p.exitsTold as string[] | undefined) ?? []).map((e) => exitOptions[e as keyof typeof exitOptions]?.zh ?? e);
  const names = [...partyNames(ctx, 'applicant'), ...partyNames(ctx, 'other_party')];
  return {
    title: '终止调解通知书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `${names.join('、') || '当事人'}：`,
      `你们之间的${ctx.title}一案，本委员会于${ctx.formatDate(str(ctx.data.acceptedOn, ctx.today))}受理调解。因${ground}，本委员会决定终止调解。`,
      `根据${LAW}第二十六条的规定，你们可以依法通过${exits.join('、') || '仲裁、行政、司法等'}途径维护自己的权利。`,
      '特此通知。',
    ],
    signature: { organ: ctx.agencyName, date: ctx.formatDate(ev?.effectiveOn ?? ctx.today) },
  };
}

export const documents: DocumentDef[] = [
  { key: 'agreement', label: { zh: '人民调解协议书', en: 'Mediation agreement' }, build: buildAgreement },
  { key: 'termination_notice', label: { zh: '终止调解通知书', en: 'Notice of termination' }, build: buildTerminationNotice },
];
