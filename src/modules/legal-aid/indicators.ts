import type { IndicatorDef, IndicatorFilter } from '../../kernel/cases/manifest.js';
import { ASSIGNED_ON_TIME, REVIEWED_ON_TIME } from './clocks.js';

/**
 * 法律援助 indicators (local 口径; none is a national standard — domain notes §4.5). Filters in one
 * list are ANDed. "受理" in legal-aid reports means an application the centre decided to aid
 * (给予, including 先行提供): a refused, transferred or withdrawn application is not 受理.
 */
const VERSION = '2024.1';
const LAW = '《中华人民共和国法律援助法》';
const attr = (a: string, value: string | boolean | number = true): IndicatorFilter => ({ kind: 'attr_equals', attr: a, value });
const accepted = attr('accepted');
const concluded: IndicatorFilter[] = [{ kind: 'closed' }, { kind: 'outcome_in', groups: ['concluded'] }];

/** The recorded fact the 挽回经济损失 sum adds (yuan, written by the close action). */
export const RECOVERED_ATTR = 'recovered_amount';

export const indicators: IndicatorDef[] = [
  {
    key: 'legal_aid.applications',
    label: { zh: '法律援助申请数', en: 'Applications received' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [{ kind: 'received' }],
    definition: {
      zh: '统计期内收到的法律援助申请（含通知辩护、转交申请），按收到申请日期归期，含不予援助、视为撤回、转交的申请。',
      en: 'Applications received in the period (including notified defence and forwarded applications), by date received; includes refused, withdrawn and transferred ones.',
    },
    source: `${LAW}第三十八条、第三十九条、第四十三条`,
  },
  {
    key: 'legal_aid.accepted',
    label: { zh: '受理法律援助案件数', en: 'Legal aid cases accepted' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [accepted],
    definition: {
      zh: '统计期内收到申请、经审查决定给予法律援助（含先行提供、异议后责令改正给予）的案件数，按收到申请日期归期（审查期限为七个工作日，跨期案件极少）。',
      en: 'Applications received in the period that the centre decided to aid (including provisional aid and grants after a corrected refusal), by date received (review takes seven working days, so few cases straddle periods).',
    },
    source: `${LAW}第四十三条、第四十四条、第四十九条；地方统计口径`,
  },
  {
    key: 'legal_aid.concluded',
    label: { zh: '结案数', en: 'Cases concluded' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: concluded,
    definition: {
      zh: '统计期内法律援助人员提交结案报告、归档结案的案件数，按结案日期归期；终止援助的案件不计入（见终止数）。',
      en: 'Cases closed in the period on the aid provider’s closing report, by closing date; terminated cases are counted separately.',
    },
    source: `${LAW}第五十条；《浙江省法律援助条例》第十九条`,
  },
  {
    key: 'legal_aid.recovered',
    label: { zh: '挽回经济损失', en: 'Economic losses recovered' },
    unit: 'yuan',
    version: VERSION,
    dateField: 'closed_on',
    numerator: concluded,
    sum: { attr: RECOVERED_ATTR },
    definition: {
      zh: '统计期内结案的法律援助案件在结案报告中记录的为受援人挽回的经济损失（元）之和，按结案日期归期。',
      en: 'Sum of the economic losses recovered for aided persons (yuan) as recorded in the closing reports of cases closed in the period.',
    },
    source: `${LAW}第五十条；地方统计口径`,
  },
  {
    key: 'legal_aid.assigned_on_time_rate',
    label: { zh: '按期指派率', en: 'Assigned on time' },
    unit: 'percent',
    version: VERSION,
    dateField: 'received_on',
    numerator: [attr('assigned'), attr(ASSIGNED_ON_TIME)],
    denominator: [attr('assigned')],
    definition: {
      zh: '按期指派率 = 自决定给予（或先行提供、责令改正）之日起三日内指派法律援助人员的案件数 ÷ 已指派的案件数 × 100%，按收到申请日期归期；重新指派的以最后一次为准。',
      en: 'Rate = cases assigned to an aid provider within three days of the grant (or provisional aid, or correction) ÷ cases assigned × 100%, by date received; the last assignment counts.',
    },
    source: `${LAW}第四十三条第一款`,
  },
  {
    key: 'legal_aid.review_on_time_rate',
    label: { zh: '审查按期率', en: 'Reviewed on time' },
    unit: 'percent',
    version: VERSION,
    dateField: 'received_on',
    numerator: [attr('reviewed'), attr(REVIEWED_ON_TIME)],
    denominator: [attr('reviewed')],
    definition: {
      zh: '审查按期率 = 自收到申请之日起七个工作日内（补充材料期间按设置扣除）作出给予、先行提供、不予援助或转交决定的申请数 ÷ 作出上述决定的申请数 × 100%。',
      en: 'Rate = applications decided (grant, provisional aid, refusal, transfer) within seven working days of receipt (material time excluded per setting) ÷ applications decided × 100%.',
    },
    source: `${LAW}第四十三条第一款；《浙江省法律援助条例》第十七条`,
  },
  {
    key: 'legal_aid.satisfaction_rate',
    label: { zh: '满意率', en: 'Satisfaction rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [attr('rated'), attr('satisfied')],
    denominator: [attr('rated')],
    definition: {
      zh: '满意率 = 回访或受援人自评为非常满意、满意、基本满意的案件数 ÷ 已回访（评价）的案件数 × 100%，按结案日期归期；以最后一次评价为准。',
      en: 'Rate = cases rated very satisfied, satisfied or basically satisfied (follow-up visit or the aided person’s own rating) ÷ cases rated × 100%, by closing date; the last rating counts.',
    },
    source: `${LAW}第五十七条、第五十九条`,
  },
  {
    key: 'legal_aid.terminated',
    label: { zh: '终止数', en: 'Aid terminated' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [{ kind: 'closed' }, { kind: 'outcome_in', groups: ['terminated'] }],
    definition: {
      zh: '统计期内作出终止法律援助决定（第四十八条各项）的案件数，按终止日期归期。',
      en: 'Cases in which aid was terminated (any ground of Art 48) in the period, by date of termination.',
    },
    source: `${LAW}第四十八条`,
  },
];
