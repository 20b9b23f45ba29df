import type { DocumentContent, DocumentContext, DocumentDef } from '../../kernel/cases/manifest.js';
import { type AppearanceCategory, HEAD_CATEGORIES, appearanceCategoryOptions } from './schemas.js';

/**
 * 出庭应诉身份证明 — the sealed proof the agency hands the court before the hearing
 * (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第六条; 相应工作人员: 第十条).
 */
const RULES = '《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》';
const LAW = '《中华人民共和国行政诉讼法》';

type Rec = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);

function lastEvent(ctx: DocumentContext, action: string) {
  for (let i = ctx.events.length - 1; i >= 0; i--) if (ctx.events[i].action === action) return ctx.events[i];
  return undefined;
}

export function buildAppearanceProof(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, 'plan_appearance');
  const p = (ev?.payload ?? {}) as Rec;
  const who = (p.plannedPerson ?? {}) as Rec;
  const category = str(who.category, 'principal') as AppearanceCategory;
  const isHead = HEAD_CATEGORIES.includes(category);
  const defendant = ctx.subjectAgencyName ?? ctx.agencyName;
  const plaintiff = ctx.parties.find((x) => x.role === 'plaintiff')?.name ?? str(ctx.data.plaintiffName, '原告');
  const caseLine = `${str(ctx.data.courtCaseNumber)}${plaintiff}诉${defendant}${str(ctx.data.cause)}一案`;
  const hearing = typeof p.hearingDate === 'string' ? `，定于${ctx.formatDate(p.hearingDate)}开庭审理` : '';
  const person = `${str(who.post)}${str(who.name)}`;
  const paragraphs = [
    `${str(ctx.data.court, '人民法院')}：`,
    isHead
      ? `${caseLine}${hearing}。根据${LAW}第三条第三款和${RULES}第二条、第六条的规定，现由本机关${appearanceCategoryOptions[category].zh}${person}作为行政机关负责人出庭应诉。`
      : `${caseLine}${hearing}。本机关负责人因故不能出庭，根据${LAW}第三条第三款和${RULES}第十条的规定，现委托本机关相应的工作人员${person}出庭应诉。`,
    `出庭人员：${str(who.name)}，职务：${str(who.post)}。`,
    '特此证明。',
  ];
  return {
    title: isHead ? '行政机关负责人出庭应诉身份证明' : '行政机关工作人员出庭应诉身份证明',
    subtitle: str(ctx.data.courtCaseNumber) || undefined,
    paragraphs,
    signature: { organ: `${defendant}（盖章）`, date: ctx.formatDate(ev?.effectiveOn ?? ctx.today) },
  };
}

export const documents: DocumentDef[] = [
  {
    key: 'appearance_identity_proof',
    label: { zh: '出庭应诉身份证明', en: 'Identity proof for the court appearance' },
    build: buildAppearanceProof,
  },
];
