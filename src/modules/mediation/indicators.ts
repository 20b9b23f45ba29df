import type { IndicatorDef, IndicatorFilter } from '../../kernel/cases/manifest.js';
import { MEDIATED_ON_TIME } from './clocks.js';
import { handoffChannelOptions } from './schemas.js';

/**
 * 人民调解 indicators. Filters in one list are ANDed. "调解结案" (concluded mediation) = a dispute
 * accepted for mediation that closed with an agreement (performed or not) or failed; refusals,
 * hand-offs and withdrawals are closed but were never concluded by mediation.
 * All ratios are locally defined (UNCONFIRMED as national standards, domain notes §3.4).
 */
const VERSION = '2026.1';
const SOURCE = '《中华人民共和国人民调解法》';
const received: IndicatorFilter = { kind: 'received' };
const closed: IndicatorFilter = { kind: 'closed' };
const mediated: IndicatorFilter = { kind: 'attr_equals', attr: 'mediated', value: true };
const concluded: IndicatorFilter[] = [closed, mediated, { kind: 'outcome_in', groups: ['concluded'] }];
const success: IndicatorFilter = { kind: 'outcome_in', groups: ['success'] };

/** Every dispute figure can be broken down by category (纠纷类别), named from the category table. */
const BY_CATEGORY: IndicatorDef['dimension'] = {
  attr: 'category',
  label: { zh: '纠纷类别', en: 'Dispute category' },
  labels: { table: 'dispute_category', key: 'code', label: 'name_zh' },
};

const declared: IndicatorDef[] = [
  {
    key: 'mediation.received',
    label: { zh: '受理纠纷数（登记）', en: 'Disputes received' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [received],
    definition: { zh: '统计期内登记的矛盾纠纷件数（按登记日期），含未受理调解、移交其他途径的纠纷。', en: 'Disputes registered in the period (by date received), including those never mediated or handed off.' },
    source: `${SOURCE}第十七条、第十八条`,
  },
  {
    key: 'mediation.mediated',
    label: { zh: '调解纠纷数', en: 'Disputes mediated' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [received, mediated],
    definition: { zh: '统计期内登记且经调委会受理调解的纠纷数，按登记日期归期。', en: 'Disputes registered in the period that a committee accepted for mediation, by date received.' },
    source: `${SOURCE}第十七条、第十九条`,
  },
  {
    key: 'mediation.succeeded',
    label: { zh: '调解成功数', en: 'Agreements reached' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [received, { kind: 'attr_equals', attr: 'agreement_reached', value: true }],
    definition: { zh: '统计期内登记且达成调解协议（书面或口头）的纠纷数，按登记日期归期。', en: 'Disputes registered in the period that reached a written or oral agreement, by date received.' },
    source: `${SOURCE}第二十八条至第三十条`,
  },
  {
    key: 'mediation.success_rate',
    label: { zh: '调解成功率', en: 'Mediation success rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, success],
    denominator: concluded,
    definition: {
      zh: '调解成功率 = 达成调解协议后结案（履行完毕或未履行）的纠纷数 ÷ 调解结案数（达成协议结案 + 调解不成终止）× 100%，按结案日期归期。口径可切换：分母为全部结案纠纷（含当事人拒绝调解、移交、撤回）。以受理数为分母的口径见「调解成功率（按受理）」。',
      en: 'Success rate = disputes closed after an agreement (performed or not) ÷ concluded mediations (agreement or failure) × 100%, by closing date. Variant: all closed disputes (including refusals, hand-offs, withdrawals) as denominator. For the ÷ accepted variant see "success rate (by accepted)".',
    },
    source: `${SOURCE}第二十六条、第二十八条；地方考核口径（UNCONFIRMED）`,
    variantSetting: {
      key: 'mediation.success_rate.variant',
      default: 'concluded',
      options: {
        concluded: { label: { zh: '分母：调解结案数', en: 'Denominator: concluded mediations' } },
        closed_all: { label: { zh: '分母：全部结案纠纷', en: 'Denominator: all closed disputes' }, numerator: [closed, success], denominator: [closed] },
      },
    },
  },
  {
    key: 'mediation.success_rate_accepted',
    label: { zh: '调解成功率（按受理）', en: 'Success rate (by accepted)' },
    unit: 'percent',
    version: VERSION,
    dateField: 'received_on',
    numerator: [received, mediated, { kind: 'attr_equals', attr: 'agreement_reached', value: true }],
    denominator: [received, mediated],
    definition: {
      zh: '调解成功率（按受理）= 统计期内登记、经受理调解并达成协议的纠纷数 ÷ 统计期内登记并受理调解的纠纷数 × 100%，按登记日期归期（尚在调解中的纠纷计入分母）。',
      en: 'Success rate by accepted = disputes registered in the period, mediated and settled by agreement ÷ disputes registered in the period and accepted for mediation × 100%, by date received (disputes still in mediation count in the denominator).',
    },
    source: `${SOURCE}第二十八条；地方考核口径（UNCONFIRMED）`,
  },
  {
    key: 'mediation.performance_rate',
    label: { zh: '协议履行率', en: 'Agreement performance rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [closed, { kind: 'outcome_in', groups: ['performed'] }],
    denominator: [closed, success],
    definition: {
      zh: '协议履行率 = 履行完毕结案的纠纷数 ÷ 达成调解协议后结案的纠纷数（履行完毕 + 未履行）× 100%，按结案日期归期。',
      en: 'Performance rate = disputes closed as fully performed ÷ disputes closed after an agreement (performed or not) × 100%, by closing date.',
    },
    source: `${SOURCE}第三十一条、第三十二条`,
  },
  {
    key: 'mediation.confirmation_rate',
    label: { zh: '司法确认率', en: 'Judicial confirmation rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'received_on',
    numerator: [received, { kind: 'attr_equals', attr: 'agreement', value: 'written' }, { kind: 'attr_equals', attr: 'confirmation_applied', value: true }],
    denominator: [received, { kind: 'attr_equals', attr: 'agreement', value: 'written' }],
    definition: {
      zh: '司法确认率 = 申请司法确认的书面调解协议数 ÷ 书面调解协议数 × 100%，按纠纷登记日期归期。',
      en: 'Confirmation rate = written agreements for which judicial confirmation was applied ÷ written agreements × 100%, by date the dispute was received.',
    },
    source: `${SOURCE}第三十三条；《中华人民共和国民事诉讼法》第二百零五条`,
  },
  {
    key: 'mediation.on_time_rate',
    label: { zh: '按期办结率', en: 'Concluded on time' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [closed, mediated, { kind: 'attr_equals', attr: MEDIATED_ON_TIME, value: true }],
    denominator: [closed, mediated],
    definition: {
      zh: '按期办结率 = 在调解期限（默认受理后一个月，加经双方同意的延长）内达成协议、终止、移交或撤回的已结案纠纷数 ÷ 经受理调解的已结案纠纷数 × 100%，按结案日期归期。',
      en: 'On-time rate = closed mediated disputes whose mediation ended (agreement, failure, hand-off, withdrawal) within the period (one month from acceptance by default, plus agreed extension) ÷ closed mediated disputes × 100%.',
    },
    source: '司法部《人民调解工作若干规定》第三十三条（UNCONFIRMED）；《宁波市人民调解条例》第二十七条',
  },
  {
    key: 'mediation.satisfaction_rate',
    label: { zh: '满意率', en: 'Satisfaction rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [closed, { kind: 'attr_equals', attr: 'rated', value: true }, { kind: 'attr_equals', attr: 'satisfied', value: true }],
    denominator: [closed, { kind: 'attr_equals', attr: 'rated', value: true }],
    definition: {
      zh: '满意率 =（满意 + 基本满意）的评价数 ÷ 已评价的结案纠纷数 × 100%，按结案日期归期。',
      en: 'Satisfaction = ratings of satisfied or basically satisfied ÷ closed disputes that were rated × 100%, by closing date.',
    },
    source: `${SOURCE}第三十一条（回访）；地方考核口径（UNCONFIRMED）`,
  },
  {
    key: 'mediation.handed_off',
    label: { zh: '移交其他途径数', en: 'Handed off to other channels' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [closed, { kind: 'outcome_in', groups: ['handed_off'] }],
    definition: { zh: '统计期内移交行政复议、法律援助、诉讼、仲裁、行政裁决或信访途径的纠纷数，按移交日期归期。', en: 'Disputes handed off to another channel in the period, by date of hand-off.' },
    source: `${SOURCE}第十八条、第二十六条；《信访工作条例》第三十一条`,
  },
  ...Object.entries(handoffChannelOptions).map(
    ([channel, label]): IndicatorDef => ({
      key: `mediation.handed_off.${channel}`,
      label: { zh: `移交${label.zh}数`, en: `Handed off: ${label.en}` },
      unit: 'count',
      version: VERSION,
      dateField: 'closed_on',
      numerator: [closed, { kind: 'outcome_in', groups: ['handed_off'] }, { kind: 'attr_equals', attr: 'handoff_channel', value: channel }],
      definition: { zh: `统计期内移交${label.zh}途径的纠纷数，按移交日期归期。`, en: `Disputes handed off to ${label.en} in the period, by date of hand-off.` },
      source: `${SOURCE}第十八条、第二十六条`,
    }),
  ),
];

export const indicators: IndicatorDef[] = declared.map((i) => ({ ...i, dimension: BY_CATEGORY }));
