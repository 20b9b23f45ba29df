import type { ClockRule, LegalBasis } from '../../kernel/cases/manifest.js';

/**
 * Statutory clocks of 法律援助. The national law says 七日 / 三日 / 五日 without a unit; Zhejiang's
 * regulation says 七个工作日 for the review. Values the domain notes mark UNCONFIRMED name a setting.
 */
const LAW = '中华人民共和国法律援助法';
const ZJ = '浙江省法律援助条例';
const art = (article: string, note?: string, law = LAW): LegalBasis => ({ law, article, ...(note ? { note } : {}) });

/** Actions that end the review with a decision (the review clocks stop on any of them). */
export const ENDS_REVIEW = ['grant', 'provide_provisionally', 'refuse', 'transfer', 'deem_withdrawn'];

export const REVIEW_WD = 7;
export const MATERIAL_DAYS = 15;
export const ASSIGN_DAYS = 3;
export const OBJECTION_DAYS = 5;
export const CLOSING_REPORT_DAYS = 15;

/** Indicator facts written when the clocks stop. */
export const REVIEWED_ON_TIME = 'reviewed_on_time';
export const ASSIGNED_ON_TIME = 'assigned_on_time';
export const CLOSING_REPORT_ON_TIME = 'closing_report_on_time';

/**
 * Whether the applicant's time to supply material is left out of the review period: the 2012
 * 程序规定 excluded it; the 2023 text is UNCONFIRMED. Read at intake into data.reviewExcludesMaterialTime.
 */
export const REVIEW_PAUSE_SETTING = { key: 'legal_aid.review.exclude_material_time', default: true } as const;

export const clocks: ClockRule[] = [
  {
    key: 'review',
    label: { zh: '审查期限', en: 'Review period' },
    amount: REVIEW_WD,
    amountSetting: 'legal_aid.review_workdays',
    unit: 'workday',
    when: { field: 'reviewExcludesMaterialTime', equals: true },
    startOn: ['create'],
    stopOn: ENDS_REVIEW,
    pauseOn: ['request_material'],
    resumeOn: ['supplement_material'],
    metAttr: REVIEWED_ON_TIME,
    basis: art(
      '第四十三条第一款',
      '自收到申请之日起七日内审查；浙江省法律援助条例第十七条为七个工作日。补充材料期间不计入：2012年《办理法律援助案件程序规定》的做法，2023年修订文本未核实（UNCONFIRMED，可设置）',
    ),
  },
  {
    key: 'review_continuous',
    label: { zh: '审查期限（补充材料期间计入）', en: 'Review period (material time counted)' },
    amount: REVIEW_WD,
    amountSetting: 'legal_aid.review_workdays',
    unit: 'workday',
    when: { field: 'reviewExcludesMaterialTime', equals: false },
    startOn: ['create'],
    stopOn: ENDS_REVIEW,
    metAttr: REVIEWED_ON_TIME,
    basis: art('第四十三条第一款', '浙江省法律援助条例第十七条：七个工作日'),
  },
  {
    key: 'material',
    label: { zh: '申请人补充材料期限', en: 'Applicant’s period to supply material' },
    amount: MATERIAL_DAYS,
    amountSetting: 'legal_aid.material_period_days',
    unit: 'day',
    startOn: ['request_material'],
    stopOn: ['supplement_material', ...ENDS_REVIEW],
    onExpiry: 'deem_withdrawn',
    basis: art('第四十三条第二款', '法律未规定补充期限：默认十五日（UNCONFIRMED，可设置）；未按要求补充或说明的视为撤回申请'),
  },
  {
    key: 'assignment',
    label: { zh: '指派期限', en: 'Assignment period' },
    amount: ASSIGN_DAYS,
    unit: 'day',
    // 责令改正 brings a refusal or a termination back to `granted`: the centre assigns afresh.
    startOn: ['grant', 'provide_provisionally', 'order_correction'],
    stopOn: ['assign', 'terminate'],
    metAttr: ASSIGNED_ON_TIME,
    basis: art('第四十三条第一款', '决定给予法律援助的，自作出决定之日起三日内指派'),
  },
  {
    key: 'objection',
    label: { zh: '异议审查期限', en: 'Objection review period' },
    amount: OBJECTION_DAYS,
    unit: 'day',
    startOn: ['object'],
    stopOn: ['uphold_decision', 'order_correction'],
    basis: art('第四十九条第二款', '司法行政部门自收到异议之日起五日内审查'),
  },
  {
    key: 'closing_report',
    label: { zh: '结案报告期限', en: 'Closing report period' },
    amount: CLOSING_REPORT_DAYS,
    amountSetting: 'legal_aid.closing_report_days',
    unit: 'day',
    when: { field: 'matterConcluded', equals: true },
    startOn: ['report_progress'],
    stopOn: ['close', 'terminate'],
    metAttr: CLOSING_REPORT_ON_TIME,
    basis: art('第十九条', '法律援助事项办结后十五日内提交结案报告（法律援助法第五十条为“及时”；UNCONFIRMED，可设置）', ZJ),
  },
];
