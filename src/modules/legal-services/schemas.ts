import { z } from 'zod';
import { choice, date, longText, options, text, values } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zCreditCode, zPhone } from '../../kernel/org/validators.js';

/** "网格连企、法治同行": the registers' forms. The same schemas validate the API, the web forms and imports. */

export const INDUSTRIES = options({
  manufacturing: { zh: '制造业', en: 'Manufacturing' },
  textile: { zh: '纺织服装', en: 'Textiles and garments' },
  trade: { zh: '批发零售', en: 'Wholesale and retail' },
  construction: { zh: '建筑业', en: 'Construction' },
  logistics: { zh: '交通物流', en: 'Transport and logistics' },
  tech: { zh: '信息技术', en: 'Information technology' },
  catering: { zh: '住宿餐饮', en: 'Hospitality and catering' },
  agriculture: { zh: '农业', en: 'Agriculture' },
  services: { zh: '商务服务', en: 'Business services' },
});
export const SCALES = options({
  micro: { zh: '微型', en: 'Micro' },
  small: { zh: '小型', en: 'Small' },
  medium: { zh: '中型', en: 'Medium' },
  large: { zh: '大型', en: 'Large' },
});
export const CHANNELS = options({
  window: { zh: '窗口', en: 'Service window' },
  phone: { zh: '电话', en: 'Phone' },
  online: { zh: '网络', en: 'Online' },
  visit: { zh: '上门', en: 'On-site visit' },
  grid: { zh: '网格员', en: 'Grid worker' },
});
export const TOPICS = options({
  labour: { zh: '劳动用工', en: 'Labour and employment' },
  contract: { zh: '合同', en: 'Contracts' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
  financing: { zh: '融资', en: 'Financing' },
  tax: { zh: '税务', en: 'Tax' },
  licensing: { zh: '行政许可', en: 'Administrative licensing' },
  other: { zh: '其他', en: 'Other' },
});
export const PUSH_CHANNELS = options({
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
  dingtalk: { zh: '浙政钉', en: 'Zhezhengding' },
  email: { zh: '电子邮件', en: 'Email' },
  grid: { zh: '网格员送达', en: 'By grid worker' },
});
export const DELIVERY_STATUSES = options({
  sent: { zh: '已发送', en: 'Sent' },
  delivered: { zh: '已送达', en: 'Delivered' },
  read: { zh: '已读', en: 'Read' },
});
export const CHECK_STATUSES = options({
  checked: { zh: '已体检', en: 'Checked' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  rectified: { zh: '已整改', en: 'Rectified' },
});
export const RISK_LEVELS = options({
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
});
export const CHECK_RESULTS = options({
  ok: { zh: '合规', en: 'Compliant' },
  risk: { zh: '有风险', en: 'Risk' },
});

/** An entry of another register: its id, or its natural key (an import sheet carries credit codes). */
const entryRef = (zh: string, en: string) => text(zh, en, 64).meta({ title: zh, en, widget: 'register-ref' });
const townCode = z
  .string()
  .trim()
  .regex(/^\d{9}$/, bi('所在镇街应为 9 位区划代码', 'Town must be a 9-digit division code'))
  .meta({ title: '所在镇街', en: 'Town', widget: 'region' });
const optionalText = (zh: string, en: string, max = 200) => text(zh, en, max).optional();

export const enterpriseInput = z.strictObject({
  name: text('企业名称', 'Enterprise name'),
  creditCode: zCreditCode.meta({ title: '统一社会信用代码', en: 'Unified social credit code' }),
  industry: choice('行业', 'Industry', INDUSTRIES),
  scale: choice('规模', 'Scale', SCALES),
  regionCode: townCode,
  gridCode: optionalText('网格编号', 'Grid code', 32),
  address: optionalText('地址', 'Address'),
  contactName: optionalText('联系人', 'Contact person', 50),
  contactPhone: zPhone.meta({ title: '联系电话', en: 'Contact phone' }).optional(),
});

export const consultationInput = z.strictObject({
  enterprise: entryRef('咨询企业', 'Enterprise'),
  channel: choice('咨询渠道', 'Channel', CHANNELS),
  topic: choice('咨询事项', 'Topic', TOPICS),
  question: longText('咨询问题', 'Question', 4000),
  answer: longText('解答意见', 'Answer', 8000),
  answeredBy: text('解答人', 'Answered by', 50),
  consultedOn: date('咨询日期', 'Consulted on'),
  durationMinutes: z
    .number()
    .int()
    .min(1, bi('时长至少 1 分钟', 'At least 1 minute'))
    .max(24 * 60)
    .meta({ title: '时长（分钟）', en: 'Duration (minutes)' }),
});

export const guidelineInput = z.strictObject({
  title: text('指引标题', 'Title'),
  topic: choice('主题', 'Topic', TOPICS),
  issuedOn: date('发布日期', 'Issued on'),
  summary: longText('摘要', 'Summary', 2000),
  body: longText('正文', 'Body').optional(),
});

export const targetInput = z
  .strictObject({
    industries: z.array(z.enum(values(INDUSTRIES))).max(20).default([]).meta({ title: '目标行业（空为全部）', en: 'Industries (empty: all)' }),
    regionCodes: z
      .array(z.string().regex(/^\d{6}(\d{3})?$/, bi('区划代码应为 6 或 9 位数字', 'Region code must be 6 or 9 digits')))
      .max(100)
      .default([])
      .meta({ title: '目标区域（空为全部）', en: 'Regions (empty: all)' }),
  })
  .meta({ title: '推送对象', en: 'Target set' });

export const pushInput = z.strictObject({
  guideline: entryRef('法律服务指引', 'Guideline'),
  title: optionalText('推送标题', 'Title'),
  target: targetInput,
  pushedOn: date('推送日期', 'Pushed on'),
  channel: choice('推送方式', 'Channel', PUSH_CHANNELS),
});

export const deliveryInput = z
  .strictObject({
    push: entryRef('所属推送', 'Push'),
    enterprise: entryRef('接收企业', 'Enterprise'),
    sentOn: date('发送日期', 'Sent on'),
    status: choice('送达状态', 'Status', DELIVERY_STATUSES).default('sent'),
    readAt: date('阅读日期', 'Read on').optional(),
  })
  .superRefine((d, ctx) => {
    if (d.status === 'read' && !d.readAt) ctx.addIssue({ code: 'custom', path: ['readAt'], message: bi('已读须填写阅读日期', 'A read delivery needs its read date') });
    if (d.readAt && d.readAt < d.sentOn) ctx.addIssue({ code: 'custom', path: ['readAt'], message: bi('阅读日期不能早于发送日期', 'Read date cannot precede the sent date') });
  });

export const checkItem = z.strictObject({
  item: text('体检项目', 'Item'),
  result: choice('结果', 'Result', CHECK_RESULTS),
  note: optionalText('说明', 'Note', 1000),
});
export const riskItem = z.strictObject({
  area: text('风险领域', 'Area'),
  level: choice('风险等级', 'Level', RISK_LEVELS),
  description: longText('风险描述', 'Description', 2000),
});

export const healthCheckInput = z
  .strictObject({
    enterprise: entryRef('体检企业', 'Enterprise'),
    checkedOn: date('体检日期', 'Checked on'),
    checkedBy: text('体检人', 'Checked by', 100),
    items: z.array(checkItem).min(1, bi('至少填写一个体检项目', 'At least one checklist item')).max(100).meta({ title: '体检清单', en: 'Checklist' }),
    risks: z.array(riskItem).max(50).default([]).meta({ title: '发现风险', en: 'Risks found' }),
    advice: longText('法律意见', 'Advice', 8000).optional(),
    status: choice('状态', 'Status', CHECK_STATUSES).default('checked'),
    rectification: z
      .strictObject({ date: date('整改完成日期', 'Rectified on'), note: longText('整改情况', 'Rectification note', 4000) })
      .optional()
      .meta({ title: '整改回访', en: 'Rectification follow-up' }),
  })
  .superRefine((h, ctx) => {
    if (h.status !== 'checked' && h.risks.length === 0)
      ctx.addIssue({ code: 'custom', path: ['status'], message: bi('未发现风险的体检无需整改', 'A check without risks has nothing to rectify') });
    if (h.status === 'rectified' && !h.rectification)
      ctx.addIssue({ code: 'custom', path: ['rectification'], message: bi('已整改须填写整改回访（日期和情况）', 'Rectified needs the follow-up date and note') });
    if (h.rectification && h.rectification.date < h.checkedOn)
      ctx.addIssue({ code: 'custom', path: ['rectification', 'date'], message: bi('整改日期不能早于体检日期', 'Rectification cannot precede the check') });
  });

export type EnterpriseInput = z.output<typeof enterpriseInput>;
export type ConsultationInput = z.output<typeof consultationInput>;
export type GuidelineInput = z.output<typeof guidelineInput>;
export type PushInput = z.output<typeof pushInput>;
export type DeliveryInput = z.output<typeof deliveryInput>;
export type HealthCheckInput = z.output<typeof healthCheckInput>;
