import type { ClockRule, LegalBasis } from '../../kernel/cases/manifest.js';

/**
 * Statutory clocks of 行政复议. Art 88: the law's 三日/五日/七日/十日 are working days; every other
 * period (30日, 60日…) is counted in calendar days under the 民事诉讼法 rules (roll-forward over
 * holidays). The amounts live here once; documents quote them from here.
 */
const LAW = '中华人民共和国行政复议法';
const art = (article: string, note?: string): LegalBasis => ({ law: LAW, article, ...(note ? { note } : {}) });

/** Actions that end the review on the merits or otherwise (the decision clocks stop on any of them). */
export const ENDS_REVIEW = ['decide', 'mediate', 'withdraw', 'settle', 'terminate', 'dismiss_application'];

/** Indicator fact written when a decision clock stops (按期审结率 reads it). */
export const DECIDED_ON_TIME = 'decided_on_time';

export const ACCEPTANCE_REVIEW_WD = 5;
export const CORRECTION_PERIOD_WD = 10;
export const NOTIFY_ORDINARY_WD = 7;
export const NOTIFY_SIMPLE_WD = 3;
export const ANSWER_ORDINARY_WD = 10;
export const ANSWER_SIMPLE_WD = 5;
export const DECISION_ORDINARY_DAYS = 60;
export const DECISION_SIMPLE_DAYS = 30;
export const DECISION_EXTENSION_MAX_DAYS = 30;
export const OPINION_FEEDBACK_DAYS = 60;

/** Not a clock of this case (it runs for the applicant, with nothing to stop it): quoted in the decision. */
export const LITIGATION_WINDOW = {
  amount: 15,
  unit: 'day' as const,
  basis: { law: '中华人民共和国行政诉讼法', article: '第四十五条' } satisfies LegalBasis,
};
/** Application period, shown as a hint at intake (the organ decides whether a longer period applies). */
export const APPLICATION_PERIOD = { amount: 60, unit: 'day' as const, basis: art('第二十条第一款') };

const decisionPause = {
  pauseOn: ['suspend'],
  resumeOn: ['resume'],
};
const PAUSE_NOTE =
  '中止期间不计入审理期限：实践做法，2023年修订的行政复议法未见明文（UNCONFIRMED）/ Suspension time is not counted: practice, no explicit text in the 2023 law (UNCONFIRMED)';

const extension = {
  action: 'extend',
  amountField: 'days',
  max: DECISION_EXTENSION_MAX_DAYS,
  unit: 'day' as const,
  basis: art('第六十二条第一款', '情况复杂的，经行政复议机构的负责人批准，可以适当延长，最多不超过三十日'),
};

export const clocks: ClockRule[] = [
  {
    key: 'acceptance_review',
    label: { zh: '受理审查', en: 'Acceptance review' },
    amount: ACCEPTANCE_REVIEW_WD,
    unit: 'workday',
    // A correction restarts the review: 收到补正材料后依照第三十条处理 (a fresh five days).
    startOn: ['create', 'receive_correction'],
    stopOn: ['accept', 'deem_accepted', 'reject', 'abandon'],
    pauseOn: ['request_correction'],
    onExpiry: 'deem_accepted',
    basis: art('第三十条、第三十一条第三款、第八十八条第二款', '审查期限届满未作出不予受理决定的，自期限届满之日起视为受理'),
  },
  {
    key: 'correction_period',
    label: { zh: '申请人补正期限', en: 'Applicant’s correction period' },
    amount: CORRECTION_PERIOD_WD,
    unit: 'workday',
    startOn: ['request_correction'],
    stopOn: ['receive_correction', 'abandon', 'reject'],
    extension: {
      action: 'extend_correction',
      amountField: 'days',
      // The law allows "a reasonable period" without a cap; one more full period keeps a slip of the
      // keyboard from parking a case for months.
      max: CORRECTION_PERIOD_WD,
      unit: 'workday',
      basis: art('第三十一条第二款', '有正当理由不能按期补正的，行政复议机关可以延长合理的补正期限'),
    },
    basis: art('第三十一条第二款', '自收到补正通知之日起十日内提交补正材料；期限自通知发出之日起算（从严）'),
  },
  {
    key: 'notify_respondent',
    label: { zh: '发送申请书副本（普通程序）', en: 'Send the application to the respondent (ordinary)' },
    amount: NOTIFY_ORDINARY_WD,
    unit: 'workday',
    when: { field: 'procedure', equals: 'ordinary' },
    startOn: ['accept', 'deem_accepted'],
    stopOn: ['notify_respondent', ...ENDS_REVIEW],
    basis: art('第四十八条'),
  },
  {
    key: 'notify_respondent_simple',
    label: { zh: '发送申请书副本（简易程序）', en: 'Send the application to the respondent (simple)' },
    amount: NOTIFY_SIMPLE_WD,
    unit: 'workday',
    when: { field: 'procedure', equals: 'simple' },
    startOn: ['accept'],
    stopOn: ['notify_respondent', ...ENDS_REVIEW],
    basis: art('第五十四条第一款'),
  },
  {
    key: 'answer',
    label: { zh: '被申请人书面答复（普通程序）', en: 'Respondent’s written answer (ordinary)' },
    amount: ANSWER_ORDINARY_WD,
    unit: 'workday',
    when: { field: 'procedure', equals: 'ordinary' },
    startOn: ['notify_respondent'],
    stopOn: ['submit_answer', ...ENDS_REVIEW],
    basis: art('第四十八条、第七十条', '自收到副本之日起十日内答复；期限自副本发出之日起算（从严）。逾期不答复视为没有证据、依据'),
  },
  {
    key: 'answer_simple',
    label: { zh: '被申请人书面答复（简易程序）', en: 'Respondent’s written answer (simple)' },
    amount: ANSWER_SIMPLE_WD,
    unit: 'workday',
    when: { field: 'procedure', equals: 'simple' },
    startOn: ['notify_respondent'],
    stopOn: ['submit_answer', ...ENDS_REVIEW],
    basis: art('第五十四条第一款、第七十条'),
  },
  {
    key: 'decision',
    metAttr: DECIDED_ON_TIME,
    label: { zh: '审理期限（普通程序）', en: 'Decision period (ordinary)' },
    amount: DECISION_ORDINARY_DAYS,
    unit: 'day',
    when: { field: 'decisionTrack', equals: 'ordinary' },
    startOn: ['accept', 'deem_accepted'],
    stopOn: ENDS_REVIEW,
    ...decisionPause,
    extension,
    basis: art('第六十二条第一款', PAUSE_NOTE),
  },
  {
    key: 'decision_simple',
    metAttr: DECIDED_ON_TIME,
    label: { zh: '审理期限（简易程序）', en: 'Decision period (simple)' },
    amount: DECISION_SIMPLE_DAYS,
    unit: 'day',
    when: { field: 'decisionTrack', equals: 'simple' },
    startOn: ['accept'],
    stopOn: ENDS_REVIEW,
    ...decisionPause,
    basis: art('第六十二条第二款', `简易程序不得延长。${PAUSE_NOTE}`),
  },
  {
    key: 'decision_converted',
    metAttr: DECIDED_ON_TIME,
    label: { zh: '审理期限（简易转普通）', en: 'Decision period (converted to ordinary)' },
    amount: DECISION_ORDINARY_DAYS,
    amountSetting: 'reconsideration.decision_after_conversion_days',
    unit: 'day',
    when: { field: 'decisionTrack', equals: 'converted' },
    startOn: ['accept'],
    stopOn: ENDS_REVIEW,
    ...decisionPause,
    extension,
    basis: art(
      '第五十五条、第六十二条第一款',
      `简易程序转为普通程序后的审理期限法无明文（UNCONFIRMED）：默认按普通程序自受理之日起六十日计算，可由设置调整 / The limit after conversion is not stated (UNCONFIRMED): 60 days from acceptance by default, configurable. ${PAUSE_NOTE}`,
    ),
  },
  {
    key: 'opinion_feedback',
    label: { zh: '意见书整改情况报送', en: 'Report on the opinion letter' },
    amount: OPINION_FEEDBACK_DAYS,
    unit: 'day',
    startOn: ['issue_opinion_letter'],
    stopOn: ['record_opinion_feedback'],
    basis: art('第七十六条', '有关机关自收到意见书之日起六十日内报送纠正情况；期限自制发之日起算（从严）'),
  },
];

/** The three decision clocks: exactly one applies to a case at a time (by `decisionTrack`). */
export const DECISION_CLOCK_KEYS = ['decision', 'decision_simple', 'decision_converted'] as const;
