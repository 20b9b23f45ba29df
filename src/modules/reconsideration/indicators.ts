import type { IndicatorDef, IndicatorFilter } from '../../kernel/cases/manifest.js';

/**
 * 行政复议 indicators. Filters in one list are ANDed; `outcome_in` takes the union of its groups.
 * "审结" = an accepted case that has closed (a 不予受理 or 视为放弃 application was never 审理).
 */
const VERSION = '2024.1';
const accepted: IndicatorFilter = { kind: 'attr_equals', attr: 'accepted', value: true };
const concluded: IndicatorFilter[] = [{ kind: 'closed' }, accepted];
const merits: IndicatorFilter = { kind: 'outcome_in', groups: ['merits'] };
const corrected: IndicatorFilter = { kind: 'outcome_in', groups: ['corrected'] };
const correctedWithVoid: IndicatorFilter = { kind: 'outcome_in', groups: ['corrected', 'corrected_void'] };

/** The engine writes this attr from the decision clocks (see docs/modules/reconsideration.md §Engine needs). */
export { DECIDED_ON_TIME as DECIDED_ON_TIME_ATTR } from './clocks.js';
import { DECIDED_ON_TIME as DECIDED_ON_TIME_ATTR } from './clocks.js';

export const indicators: IndicatorDef[] = [
  {
    key: 'reconsideration.applications',
    label: { zh: '收到行政复议申请数', en: 'Applications received' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [{ kind: 'received' }],
    definition: {
      zh: '统计期内收到的行政复议申请件数（按收到申请日期），含不予受理、视为放弃的申请。',
      en: 'Applications received in the period (by date received), including those not accepted or abandoned.',
    },
    source: '《中华人民共和国行政复议法》第二十二条、第三十条',
  },
  {
    key: 'reconsideration.received',
    label: { zh: '受理数', en: 'Cases accepted' },
    unit: 'count',
    version: VERSION,
    dateField: 'received_on',
    numerator: [accepted],
    definition: {
      zh: '统计期内收到申请且已受理（含视为受理）的案件数，按收到申请日期归期。',
      en: 'Applications received in the period that were accepted (including deemed acceptance), by date received.',
    },
    source: '《中华人民共和国行政复议法》第三十条',
  },
  {
    key: 'reconsideration.concluded',
    label: { zh: '审结数', en: 'Cases concluded' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: concluded,
    definition: {
      zh: '统计期内审结的已受理案件数：作出复议决定并送达、调解书生效、终止、驳回申请，按结案日期归期。',
      en: 'Accepted cases closed in the period — decision served, mediation agreement effective, terminated or application dismissed — by closing date.',
    },
    source: '《中华人民共和国行政复议法》第三十三条、第四十一条、第六十一条至第七十五条',
  },
  {
    key: 'reconsideration.corrected',
    label: { zh: '纠错数', en: 'Acts corrected' },
    unit: 'count',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, corrected],
    definition: {
      zh: '统计期内审结、决定变更、撤销、部分撤销、确认违法或责令履行的案件数（确认无效是否计入见纠错率口径）。',
      en: 'Concluded cases decided as change, revoke, partial revoke, confirm illegal or order performance (confirm void: see the correction-rate variant).',
    },
    source: '《中华人民共和国行政复议法》第六十三条至第六十六条；司法部2018年行政复议统计口径',
    variantSetting: {
      key: 'reconsideration.corrected.variant',
      default: 'without_void',
      options: {
        without_void: { label: { zh: '不含确认无效', en: 'Excluding confirm void' } },
        with_void: { label: { zh: '含确认无效', en: 'Including confirm void' }, numerator: [...concluded, correctedWithVoid] },
      },
    },
  },
  {
    key: 'reconsideration.correction_rate',
    label: { zh: '纠错率', en: 'Correction rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, corrected],
    denominator: [...concluded, merits],
    definition: {
      zh: '纠错率 = 决定变更、撤销、部分撤销、确认违法、责令履行的案件数 ÷ 作出实体决定（维持、变更、撤销、部分撤销、确认违法、责令履行、确认无效、驳回复议请求）的审结案件数 × 100%。口径可切换：分母为全部审结案件；分子是否计入确认无效。',
      en: 'Correction rate = cases decided as change, revoke, partial revoke, confirm illegal or order performance ÷ concluded cases decided on the merits (uphold, change, revoke, partial revoke, confirm illegal, order performance, confirm void, reject claim) × 100%. Variants: all concluded cases as denominator; confirm void counted as a correction.',
    },
    source:
      '《中华人民共和国行政复议法》第六十三条至第六十九条；司法部2019年3月26日新闻发布会（2018年纠错率15.1%，分母为作出复议决定的案件）；《行政复议工作白皮书（2024）》',
    variantSetting: {
      key: 'reconsideration.correction_rate.variant',
      default: 'merits',
      options: {
        merits: {
          label: { zh: '分母：作出实体决定的审结案件；分子不含确认无效', en: 'Denominator: merits decisions; confirm void not counted' },
        },
        merits_with_void: {
          label: { zh: '分母：作出实体决定的审结案件；分子含确认无效', en: 'Denominator: merits decisions; confirm void counted' },
          numerator: [...concluded, correctedWithVoid],
        },
        concluded: {
          label: { zh: '分母：全部审结案件（含调解、和解撤回、终止、驳回申请）；分子不含确认无效', en: 'Denominator: all concluded cases; confirm void not counted' },
          denominator: concluded,
        },
        concluded_with_void: {
          label: { zh: '分母：全部审结案件；分子含确认无效', en: 'Denominator: all concluded cases; confirm void counted' },
          numerator: [...concluded, correctedWithVoid],
          denominator: concluded,
        },
      },
    },
  },
  {
    key: 'reconsideration.on_time_rate',
    label: { zh: '按期审结率', en: 'Concluded on time' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, { kind: 'attr_equals', attr: DECIDED_ON_TIME_ATTR, value: true }],
    denominator: concluded,
    definition: {
      zh: '按期审结率 = 在审理期限内（普通程序六十日、简易程序三十日，加经批准的延期，扣除中止期间）作出决定、调解书生效、终止或驳回申请的审结案件数 ÷ 审结案件数 × 100%。',
      en: 'On-time rate = concluded cases ended within the decision period (60 days ordinary, 30 days simple, plus approved extension, excluding suspension) ÷ concluded cases × 100%.',
    },
    source: '《中华人民共和国行政复议法》第六十二条；地方考核口径',
  },
  {
    key: 'reconsideration.mediated_withdrawn_rate',
    label: { zh: '调撤率', en: 'Mediated or withdrawn rate' },
    unit: 'percent',
    version: VERSION,
    dateField: 'closed_on',
    numerator: [...concluded, { kind: 'outcome_in', groups: ['mediated_or_withdrawn'] }],
    denominator: concluded,
    definition: {
      zh: '调撤率 = 以调解书结案及和解、撤回申请后终止的案件数 ÷ 审结案件数 × 100%。',
      en: 'Rate = cases closed by mediation agreement, or terminated after settlement or withdrawal ÷ concluded cases × 100%.',
    },
    source: '《中华人民共和国行政复议法》第四十一条第一项、第七十三条、第七十四条；《行政复议工作白皮书（2024）》',
  },
];
