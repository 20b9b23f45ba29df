import type { RegisterDef, RegisterIndicatorDef } from '../../kernel/registers/types.js';
import {
  CHECK_STATUSES,
  type ConsultationInput,
  consultationInput,
  DELIVERY_STATUSES,
  type DeliveryInput,
  deliveryInput,
  type EnterpriseInput,
  enterpriseInput,
  type GuidelineInput,
  guidelineInput,
  type HealthCheckInput,
  healthCheckInput,
  INDUSTRIES,
  type PushInput,
  pushInput,
  TOPICS,
} from './schemas.js';

const perms = (register: string) => ({ read: `legal_services.${register}.read`, write: `legal_services.${register}.write` });
const SOURCE = '嘉兴市“网格连企、法治同行”企业法律服务工作台账';
const enterpriseRef = { enterprise: { register: 'enterprise', label: { zh: '企业', en: 'Enterprise' } } };

export const enterpriseRegister: RegisterDef = {
  key: 'enterprise',
  label: { zh: '企业名录', en: 'Enterprises' },
  description: { zh: '网格内服务的企业：统一社会信用代码唯一，所在镇街决定数据范围', en: 'Enterprises served in the grid; the credit code is unique, the town sets the data scope' },
  permissions: perms('enterprise'),
  input: enterpriseInput,
  toEntry: (i: EnterpriseInput) => ({ title: i.name, regionCode: i.regionCode, naturalKey: i.creditCode, data: i }),
  naturalKeyField: 'creditCode',
  personal: ['address', 'contactName', 'contactPhone'],
  columns: [
    { key: 'creditCode', label: { zh: '统一社会信用代码', en: 'Credit code' } },
    { key: 'industry', label: { zh: '行业', en: 'Industry' } },
    { key: 'scale', label: { zh: '规模', en: 'Scale' } },
    { key: 'gridCode', label: { zh: '网格', en: 'Grid' } },
    { key: 'contactName', label: { zh: '联系人', en: 'Contact' } },
    { key: 'contactPhone', label: { zh: '联系电话', en: 'Phone' } },
  ],
};

const consultations: RegisterIndicatorDef = {
  key: 'legal_services.consultations',
  label: { zh: '企业法律咨询次数', en: 'Legal consultations for enterprises' },
  unit: 'count',
  version: '2021.1',
  definition: { zh: '期间内（按咨询日期）登记的企业法律咨询条数，按企业所在镇街统计', en: 'Consultations recorded with a consultation date in the period, placed in the enterprise’s town' },
  source: SOURCE,
  numerator: [],
};

export const consultationRegister: RegisterDef = {
  key: 'consultation',
  label: { zh: '法律咨询台账', en: 'Legal consultations' },
  description: { zh: '企业的法律咨询及解答（窗口、电话、网络、上门、网格员）', en: 'Enterprises’ legal questions and the answers given' },
  permissions: perms('consultation'),
  input: consultationInput,
  toEntry: (i: ConsultationInput) => ({
    title: `${TOPICS[i.topic].zh}：${[...i.question].slice(0, 40).join('')}`,
    occurredOn: i.consultedOn,
    refs: { enterprise: i.enterprise },
    data: i,
  }),
  refs: enterpriseRef,
  regionFrom: 'enterprise',
  columns: [
    { key: 'channel', label: { zh: '渠道', en: 'Channel' } },
    { key: 'topic', label: { zh: '事项', en: 'Topic' } },
    { key: 'answeredBy', label: { zh: '解答人', en: 'Answered by' } },
    { key: 'durationMinutes', label: { zh: '时长（分钟）', en: 'Minutes' } },
  ],
  indicators: [consultations],
};

export const guidelineRegister: RegisterDef = {
  key: 'guideline',
  label: { zh: '法律服务指引', en: 'Legal-service guidelines' },
  description: { zh: '面向企业的法律服务指引文本，可按行业、区域推送', en: 'Guidance documents for enterprises, pushed to target sets' },
  permissions: perms('guideline'),
  input: guidelineInput,
  toEntry: (i: GuidelineInput) => ({ title: i.title, occurredOn: i.issuedOn, data: i }),
  columns: [
    { key: 'topic', label: { zh: '主题', en: 'Topic' } },
    { key: 'summary', label: { zh: '摘要', en: 'Summary' } },
  ],
};

export const pushRegister: RegisterDef = {
  key: 'push',
  label: { zh: '指引推送', en: 'Guideline pushes' },
  description: { zh: '一次推送：一份指引发给一组目标企业（行业、区域），每家企业一条送达记录', en: 'One guideline sent to a target set; one delivery per enterprise' },
  permissions: perms('push'),
  input: pushInput,
  toEntry: (i: PushInput) => ({
    title: i.title ?? `指引推送（${i.target.industries.map((x) => INDUSTRIES[x].zh).join('、') || '全部行业'}）`,
    occurredOn: i.pushedOn,
    refs: { guideline: i.guideline },
    data: i,
  }),
  refs: { guideline: { register: 'guideline', label: { zh: '指引', en: 'Guideline' } } },
  columns: [
    { key: 'channel', label: { zh: '方式', en: 'Channel' } },
    { key: 'target.industries', label: { zh: '目标行业', en: 'Industries' } },
    { key: 'target.regionCodes', label: { zh: '目标区域', en: 'Regions' } },
  ],
};

export const deliveryRegister: RegisterDef = {
  key: 'delivery',
  label: { zh: '指引送达', en: 'Guideline deliveries' },
  description: { zh: '一次推送到一家企业：已发送 → 已送达 → 已读', en: 'One push to one enterprise: sent → delivered → read' },
  permissions: perms('delivery'),
  input: deliveryInput,
  toEntry: (i: DeliveryInput) => ({
    title: `送达 ${i.enterprise}`,
    occurredOn: i.sentOn,
    status: i.status,
    parentId: i.push,
    refs: { enterprise: i.enterprise },
    data: i,
  }),
  statuses: DELIVERY_STATUSES,
  transitions: { sent: ['delivered', 'read'], delivered: ['read'], read: [] },
  parent: { register: 'push', label: { zh: '推送', en: 'Push' } },
  refs: enterpriseRef,
  regionFrom: 'enterprise',
  columns: [
    { key: 'sentOn', label: { zh: '发送日期', en: 'Sent on' } },
    { key: 'readAt', label: { zh: '阅读日期', en: 'Read on' } },
  ],
  indicators: [
    {
      key: 'legal_services.deliveries',
      label: { zh: '推送法律服务指引次数', en: 'Guideline deliveries' },
      unit: 'count',
      version: '2021.1',
      definition: { zh: '期间内（按发送日期）向企业推送法律服务指引的送达记录数：一次推送到一家企业计一次', en: 'Deliveries sent in the period: one guideline to one enterprise counts once' },
      source: SOURCE,
      numerator: [],
    },
    {
      key: 'legal_services.read_rate',
      label: { zh: '指引已读率', en: 'Guideline read rate' },
      unit: 'percent',
      version: '2021.1',
      definition: { zh: '已读的送达记录 ÷ 期间内全部送达记录（按发送日期）', en: 'Deliveries read ÷ all deliveries sent in the period' },
      source: SOURCE,
      numerator: [{ kind: 'status_in', statuses: ['read'] }],
      denominator: [],
    },
  ],
};

export const healthCheckRegister: RegisterDef = {
  key: 'health_check',
  label: { zh: '法治体检', en: 'Legal health checks' },
  description: { zh: '企业法治体检：清单、发现的风险、法律意见，及风险的整改回访', en: 'Legal health checks: checklist, risks found, advice and the rectification follow-up' },
  permissions: perms('health_check'),
  input: healthCheckInput,
  toEntry: (i: HealthCheckInput) => ({
    title: `法治体检（${i.risks.length ? `发现风险 ${i.risks.length} 项` : '未发现风险'}）`,
    occurredOn: i.checkedOn,
    status: i.status,
    refs: { enterprise: i.enterprise },
    data: i,
    attrs: { riskCount: i.risks.length, hasRisks: i.risks.length > 0 },
  }),
  statuses: CHECK_STATUSES,
  transitions: { checked: ['rectifying', 'rectified'], rectifying: ['rectified'], rectified: [] },
  refs: enterpriseRef,
  regionFrom: 'enterprise',
  columns: [
    { key: 'checkedBy', label: { zh: '体检人', en: 'Checked by' } },
    { key: 'rectification.date', label: { zh: '整改日期', en: 'Rectified on' } },
  ],
  indicators: [
    {
      key: 'legal_services.health_checks',
      label: { zh: '法治体检次数', en: 'Legal health checks' },
      unit: 'count',
      version: '2021.1',
      definition: { zh: '期间内（按体检日期）完成的企业法治体检次数', en: 'Health checks carried out in the period' },
      source: SOURCE,
      numerator: [],
    },
    {
      key: 'legal_services.risks_found',
      label: { zh: '体检发现风险数', en: 'Risks found by health checks' },
      unit: 'count',
      version: '2021.1',
      definition: { zh: '期间内体检发现的风险项合计（一次体检可发现多项）', en: 'Risk items found by the period’s checks (a check may find several)' },
      source: SOURCE,
      numerator: [],
      sum: { attr: 'riskCount' },
    },
    {
      key: 'legal_services.rectification_rate',
      label: { zh: '风险整改率', en: 'Rectification rate' },
      unit: 'percent',
      version: '2021.1',
      definition: { zh: '已整改的体检 ÷ 发现风险的体检（按体检日期）', en: 'Checks rectified ÷ checks that found risks (by check date)' },
      source: SOURCE,
      numerator: [{ kind: 'status_in', statuses: ['rectified'] }],
      denominator: [{ kind: 'attr_equals', attr: 'hasRisks', value: true }],
    },
  ],
};

export const legalServicesRegisters: RegisterDef[] = [
  enterpriseRegister,
  consultationRegister,
  guidelineRegister,
  pushRegister,
  deliveryRegister,
  healthCheckRegister,
];
