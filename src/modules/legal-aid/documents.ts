import type { DocumentContent, DocumentContext, DocumentDef } from '../../kernel/cases/manifest.js';
import { ASSIGN_DAYS, OBJECTION_DAYS } from './clocks.js';
import { matterTypeOptions, provisionalGroundOptions, refusalGroundOptions, subjectOptions } from './schemas.js';

/** 给予 / 不予法律援助决定书. Periods are quoted from clocks.ts, articles from the 2021 law. */
const LAW = '《中华人民共和国法律援助法》';
const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? CN[n] : String(n));

type Rec = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);

function lastEvent(ctx: DocumentContext, actions: string[]) {
  for (let i = ctx.events.length - 1; i >= 0; i--) if (actions.includes(ctx.events[i].action)) return ctx.events[i];
  return undefined;
}

function applicantName(ctx: DocumentContext): string {
  return ctx.parties.find((p) => p.role === 'applicant')?.name ?? str(ctx.data.applicantName, '申请人');
}

function matterText(ctx: DocumentContext): string {
  const subject = subjectOptions[str(ctx.data.subject) as keyof typeof subjectOptions]?.zh ?? '';
  const type = matterTypeOptions[str(ctx.data.matterType) as keyof typeof matterTypeOptions]?.zh ?? '';
  const opposing = str(ctx.data.opposingParty);
  return `${opposing ? `与${opposing}` : ''}${subject || type}${type && subject ? `（${type}）` : ''}一案`;
}

const dateOf = (ctx: DocumentContext, d: unknown) => (typeof d === 'string' && d ? ctx.formatDate(d) : '');

export function buildGrantDecision(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, ['grant', 'provide_provisionally', 'order_correction']);
  const decidedOn = ev?.effectiveOn ?? ctx.today;
  const provisional = ev?.action === 'provide_provisionally';
  const ground = provisionalGroundOptions[str(ev?.payload.ground) as keyof typeof provisionalGroundOptions]?.zh;
  const mt = (ctx.data.meansTest ?? {}) as Rec;
  const meansLine = mt.required === false
    ? `申请人${str((mt.explanation as Rec | undefined)?.zh, '属于不受经济困难条件限制的情形')}。`
    : typeof mt.perCapita === 'number'
      ? `申请人家庭人均月收入${mt.perCapita}元，${mt.passed ? '符合本地经济困难标准' : `高于本地经济困难标准${mt.threshold}元，但确有困难`}。`
      : '';
  return {
    title: '给予法律援助决定书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `${applicantName(ctx)}：`,
      `你于${dateOf(ctx, ctx.data.receivedOn)}就${matterText(ctx)}向本机构提出的法律援助申请收悉。`,
      provisional
        ? `经审查，该申请${ground ? `属于“${ground}”的情形` : '符合先行提供法律援助的情形'}，根据${LAW}第四十四条的规定，本机构决定先行提供法律援助。请你及时补办有关手续、补充有关材料。`
        : `${meansLine}经审查，你的申请符合${LAW}第二十四条、第三十一条至第三十四条规定的法律援助条件，根据${LAW}第四十三条第一款的规定，本机构决定给予法律援助。`,
      `本机构将自作出本决定之日起${cn(ASSIGN_DAYS)}日内指派法律援助人员为你提供法律援助，并告知你法律援助人员的姓名和联系方式。`,
      `受援人应当向法律援助人员如实陈述与法律援助事项有关的情况，及时提供有关证据材料，协助、配合办理法律援助事项（${LAW}第五十五条）。受援人以欺骗或者其他不正当手段获得法律援助、故意隐瞒重要事实或者提供虚假证据等的，本机构将依照${LAW}第四十八条的规定终止法律援助。`,
      '特此决定。',
    ],
    signature: { organ: ctx.agencyName, date: ctx.formatDate(decidedOn) },
  };
}

export function buildRefusalDecision(ctx: DocumentContext): DocumentContent {
  const ev = lastEvent(ctx, ['refuse']);
  const decidedOn = ev?.effectiveOn ?? ctx.today;
  const grounds = (Array.isArray(ev?.payload.grounds) ? (ev.payload.grounds as string[]) : [])
    .map((g) => refusalGroundOptions[g as keyof typeof refusalGroundOptions]?.zh)
    .filter(Boolean);
  const reasoning = str(ev?.payload.reasoning);
  return {
    title: '不予法律援助决定书',
    subtitle: ctx.caseNumber ?? undefined,
    paragraphs: [
      `${applicantName(ctx)}：`,
      `你于${dateOf(ctx, ctx.data.receivedOn)}就${matterText(ctx)}向本机构提出的法律援助申请收悉。`,
      `经审查，${grounds.length ? `你的申请存在以下情形：${grounds.join('；')}。` : ''}${reasoning}`,
      `根据${LAW}第四十三条第一款的规定，本机构决定不予法律援助。`,
      `如对本决定有异议，你可以向设立本机构的司法行政部门提出；司法行政部门将自收到异议之日起${cn(OBJECTION_DAYS)}日内进行审查，作出维持或者责令改正的决定。对维持决定不服的，可以依法申请行政复议或者提起行政诉讼（${LAW}第四十九条）。`,
      '特此决定。',
    ],
    signature: { organ: ctx.agencyName, date: ctx.formatDate(decidedOn) },
  };
}

export const documents: DocumentDef[] = [
  { key: 'grant_decision', label: { zh: '给予法律援助决定书', en: 'Decision to grant legal aid' }, build: buildGrantDecision },
  { key: 'refusal_decision', label: { zh: '不予法律援助决定书', en: 'Decision to refuse legal aid' }, build: buildRefusalDecision },
];
