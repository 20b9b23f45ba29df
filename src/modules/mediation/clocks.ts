import type { ClockRule, LegalBasis } from '../../kernel/cases/manifest.js';

/**
 * Clocks of 人民调解. The 人民调解法 sets no mediation time limit; the one-month "一般" period, the
 * acceptance window and the court's decision period are UNCONFIRMED and read from settings.
 */
const LAW = '中华人民共和国人民调解法';
const CIVIL = '中华人民共和国民事诉讼法';
const basis = (law: string, article: string, note?: string): LegalBasis => ({ law, article, ...(note ? { note } : {}) });

/** Every way mediation itself ends (the duration clocks stop on any of them). */
export const ENDS_MEDIATION = ['record_agreement', 'fail', 'hand_off', 'withdraw', 'refuse_mediation'];

/** Indicator fact written when the duration clock stops (按期办结率 reads it). */
export const MEDIATED_ON_TIME = 'mediated_on_time';

export const SETTINGS = {
  acceptanceWorkdays: { key: 'mediation.routing_acceptance_workdays', default: 3 },
  durationMonths: { key: 'mediation.duration_months', default: 1 },
  courtDecisionDays: { key: 'mediation.court_confirmation_days', default: 30 },
} as const;

export const CONFIRMATION_WINDOW_DAYS = 30;
export const COURT_REFERRAL_DAYS = 30;

export const clocks: ClockRule[] = [
  {
    key: 'routing_acceptance',
    label: { zh: '调委会受理（逾期上移）', en: 'Committee acceptance (escalates when it lapses)' },
    amount: SETTINGS.acceptanceWorkdays.default,
    amountSetting: SETTINGS.acceptanceWorkdays.key,
    unit: 'workday',
    // A county centre cannot pass the dispute further up: no acceptance clock there.
    when: { field: 'routing.escalatable', equals: true },
    startOn: ['create', 'decline', 'escalate'],
    stopOn: ['accept', 'refuse_mediation', 'hand_off', 'withdraw'],
    onExpiry: 'escalate',
    basis: basis(
      LAW,
      '第十七条',
      '当事人申请调解的，调委会应当及时受理；受理期限为本地矛调中心流转规则（默认三个工作日，UNCONFIRMED，可设置）/ Committees accept applications promptly; the window is local 矛调中心 practice (3 working days by default, UNCONFIRMED, configurable)',
    ),
  },
  {
    key: 'mediation_duration',
    metAttr: MEDIATED_ON_TIME,
    label: { zh: '调解期限', en: 'Mediation period' },
    amount: SETTINGS.durationMonths.default,
    amountSetting: SETTINGS.durationMonths.key,
    unit: 'month',
    startOn: ['accept'],
    stopOn: ENDS_MEDIATION,
    extension: {
      action: 'extend',
      amountField: 'months',
      max: 1,
      unit: 'month',
      basis: basis('宁波市人民调解条例', '第二十七条', '双方当事人同意的，可以延长调解期限'),
    },
    basis: basis(
      '司法部《人民调解工作若干规定》',
      '第三十三条',
      '调解纠纷一般在一个月内调结；该规章现行效力 UNCONFIRMED，期限可设置 / Generally concluded within one month; current validity UNCONFIRMED, configurable',
    ),
  },
  {
    key: 'court_referral',
    metAttr: 'referral_on_time',
    label: { zh: '委派调解期限', en: 'Court-referred mediation period' },
    amount: COURT_REFERRAL_DAYS,
    unit: 'day',
    when: { field: 'channel', equals: 'court_referral' },
    startOn: ['accept'],
    stopOn: ENDS_MEDIATION,
    basis: basis('最高人民法院关于人民法院特邀调解的规定', '第二十七条', '委派调解一般在三十日内完成；当事人同意的可以延长'),
  },
  {
    key: 'confirmation_window',
    label: { zh: '申请司法确认期限（当事人）', en: 'Window to apply for judicial confirmation (parties)' },
    amount: CONFIRMATION_WINDOW_DAYS,
    unit: 'day',
    // Only where the parties said they would apply: otherwise it is nobody's deadline.
    when: { field: 'confirmationIntended', equals: true },
    startOn: ['record_agreement'],
    // The follow-up (回访) and the archive close the committee's file: a performed or abandoned agreement
    // is nobody's deadline any more, so the window stops being tracked there.
    stopOn: ['apply_confirmation', 'record_follow_up', 'archive'],
    basis: basis(LAW, '第三十三条', '自调解协议生效之日起三十日内共同向人民法院申请司法确认（另见民事诉讼法第二百零五条）'),
  },
  {
    key: 'court_confirmation',
    label: { zh: '法院审查司法确认申请', en: 'Court decision on confirmation' },
    amount: SETTINGS.courtDecisionDays.default,
    amountSetting: SETTINGS.courtDecisionDays.key,
    unit: 'day',
    startOn: ['apply_confirmation'],
    stopOn: ['record_confirmation'],
    basis: basis(
      CIVIL,
      '第一百八十七条',
      '特别程序自立案之日起三十日内审结；2011年司法确认规定的十五日另计期限是否仍适用 UNCONFIRMED，期限可设置（期限自申请之日起算，从严）',
    ),
  },
];
