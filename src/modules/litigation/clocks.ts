import type { ClockRule, LegalBasis } from '../../kernel/cases/manifest.js';

/**
 * Clocks of 行政应诉. 行政诉讼法 "日" are calendar days; a last day on a holiday rolls forward
 * (行诉解释 第四十八条; 民事诉讼法 第八十五条). The case is registered when the complaint reaches the
 * agency, so every clock that starts on `create` counts from that service date — exact for the
 * agency's own defence deadline; the court's 审限 (from 立案, at most five days earlier per 第六十七条)
 * is therefore shown up to that many days late. See docs/modules/litigation.md.
 */
const LAW = '中华人民共和国行政诉讼法';
const art = (article: string, note?: string): LegalBasis => ({ law: LAW, article, ...(note ? { note } : {}) });

export const DEFENCE_DAYS = 15;
export const FIRST_INSTANCE_MONTHS = 6;
export const SIMPLE_PROCEDURE_DAYS = 45;
export const APPEAL_JUDGMENT_DAYS = 15;
export const APPEAL_RULING_DAYS = 10;
export const SECOND_INSTANCE_MONTHS = 3;

const ENDS_INSTANCE = ['judge', 'withdraw'];
const FROM_SERVICE_NOTE = '自起诉状副本送达本机关之日起算（法院自立案之日起算，送达在立案后五日内）';

export const clocks: ClockRule[] = [
  {
    key: 'defence',
    label: { zh: '提交答辩状和证据', en: 'File the defence and evidence' },
    amount: DEFENCE_DAYS,
    unit: 'day',
    when: { field: 'instance', equals: 'first' },
    startOn: ['create'],
    stopOn: ['file_defence', ...ENDS_INSTANCE],
    basis: art('第六十七条第一款、第三十四条第二款', '逾期不提供证据，视为没有相应证据'),
  },
  {
    key: 'first_instance',
    label: { zh: '一审审限', en: 'First-instance time limit' },
    amount: FIRST_INSTANCE_MONTHS,
    unit: 'month',
    when: { field: 'courtTrack', equals: 'first_ordinary' },
    startOn: ['create'],
    stopOn: ENDS_INSTANCE,
    basis: art('第八十一条', `${FROM_SERVICE_NOTE}；经高级人民法院批准可以延长`),
  },
  {
    key: 'first_instance_simple',
    label: { zh: '一审审限（简易程序）', en: 'First-instance time limit (simple procedure)' },
    amount: SIMPLE_PROCEDURE_DAYS,
    unit: 'day',
    when: { field: 'courtTrack', equals: 'first_simple' },
    startOn: ['create'],
    stopOn: ENDS_INSTANCE,
    basis: art('第八十三条', FROM_SERVICE_NOTE),
  },
  {
    key: 'second_instance',
    label: { zh: '二审审限', en: 'Second-instance time limit' },
    amount: SECOND_INSTANCE_MONTHS,
    unit: 'month',
    when: { field: 'courtTrack', equals: 'second' },
    startOn: ['create'],
    stopOn: ENDS_INSTANCE,
    basis: art('第八十八条', '自收到上诉状之日起算；此处自上诉状副本送达本机关之日起算'),
  },
  {
    key: 'appeal_window',
    label: { zh: '上诉期（判决）', en: 'Appeal period (judgment)' },
    amount: APPEAL_JUDGMENT_DAYS,
    unit: 'day',
    when: { field: 'appealWindow', equals: 'judgment' },
    startOn: ['judge'],
    stopOn: ['appeal', 'become_effective'],
    onExpiry: 'become_effective',
    basis: art('第八十五条', '自判决书送达之日起十五日内上诉；逾期不上诉的，判决发生法律效力'),
  },
  {
    key: 'appeal_window_ruling',
    label: { zh: '上诉期（裁定）', en: 'Appeal period (ruling)' },
    amount: APPEAL_RULING_DAYS,
    unit: 'day',
    when: { field: 'appealWindow', equals: 'ruling' },
    startOn: ['judge'],
    stopOn: ['appeal', 'become_effective'],
    onExpiry: 'become_effective',
    basis: art('第八十五条', '自裁定书送达之日起十日内上诉；逾期不上诉的，裁定发生法律效力'),
  },
];
