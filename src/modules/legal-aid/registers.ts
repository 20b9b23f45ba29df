import { z } from 'zod';
import { choice, date, longText, options, text } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zCreditCode } from '../../kernel/org/validators.js';
import type { RegisterDef, RegisterIndicatorDef } from '../../kernel/registers/types.js';
import { providerKindOptions, subjectOptions } from './schemas.js';

/**
 * Who gives legal aid (法律援助法第十二条至第十七条、第四十三条: 律师、基层法律服务工作者、志愿者、
 * 机构工作人员) and the law firms / 法律服务所 they work in. Declared here; the kernel stores them.
 */
export const PROVIDER_REGISTER = 'provider';
export const FIRM_REGISTER = 'firm';
export const CONSULTATION_REGISTER = 'aid_consultation';

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, bi('请选择所属区划', 'Choose the region'))
  .meta({ title: '所属区划', en: 'Region', widget: 'region' });

const activeStatus = {
  active: { zh: '在册', en: 'Active' },
  inactive: { zh: '停止承办', en: 'Inactive' },
};

export const providerInput = z
  .strictObject({
    name: text('姓名', 'Name', 50),
    kind: choice('人员类别', 'Kind', providerKindOptions),
    firmId: z.uuid().meta({ title: '执业机构', en: 'Firm', widget: 'register:firm' }).optional(),
    firmName: text('执业机构名称', 'Firm name', 100).optional(),
    licenceNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{6,30}$/, bi('执业证号格式不正确', 'Licence number is malformed'))
      .meta({ title: '执业证号', en: 'Licence number' })
      .optional(),
    regionCode,
    specialties: z.array(choice('擅长领域', 'Specialty', subjectOptions)).max(10).default([]).meta({ title: '擅长领域', en: 'Specialties' }),
    // The account an aid person logs in with (role aid_lawyer): assignment makes them the case's lead.
    userId: z.uuid().meta({ title: '系统账号', en: 'User account', widget: 'user' }).optional(),
    active: z.boolean().meta({ title: '在册承办', en: 'Active' }).default(true),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === 'lawyer' || v.kind === 'grassroots_worker') && !v.licenceNumber)
      ctx.addIssue({ code: 'custom', path: ['licenceNumber'], message: bi('律师、基层法律服务工作者应填写执业证号', 'Lawyers and grassroots workers need a licence number') });
  });

export const firmInput = z.strictObject({
  name: text('名称', 'Name', 100),
  kind: choice('机构类别', 'Kind', options({ law_firm: { zh: '律师事务所', en: 'Law firm' }, legal_service_office: { zh: '基层法律服务所', en: 'Grassroots legal service office' } })),
  creditCode: zCreditCode.meta({ title: '统一社会信用代码', en: 'Unified social credit code' }),
  regionCode,
  active: z.boolean().meta({ title: '在册', en: 'Active' }).default(true),
});

export const providerRegister: RegisterDef = {
  key: PROVIDER_REGISTER,
  label: { zh: '法律援助人员', en: 'Legal aid providers' },
  description: { zh: '承办法律援助事项的律师、基层法律服务工作者、志愿者和机构工作人员', en: 'Lawyers, grassroots workers, volunteers and staff who handle legal aid' },
  permissions: { read: 'legal_aid.provider.read', write: 'legal_aid.provider.write' },
  input: providerInput,
  toEntry: (i: z.output<typeof providerInput>) => ({
    title: i.name,
    regionCode: i.regionCode,
    status: i.active ? 'active' : 'inactive',
    naturalKey: i.licenceNumber,
    refs: i.firmId ? { firm: i.firmId } : undefined,
    data: i,
  }),
  statuses: activeStatus,
  columns: [
    { key: 'kind', label: { zh: '类别', en: 'Kind' } },
    { key: 'firmName', label: { zh: '执业机构', en: 'Firm' } },
    { key: 'licenceNumber', label: { zh: '执业证号', en: 'Licence number' } },
  ],
  refs: { firm: { register: FIRM_REGISTER, label: { zh: '执业机构', en: 'Firm' } } },
  naturalKeyField: 'licenceNumber',
};

export const firmRegister: RegisterDef = {
  key: FIRM_REGISTER,
  label: { zh: '律师事务所、基层法律服务所', en: 'Law firms and legal service offices' },
  description: { zh: '法律援助人员的执业机构', en: 'Where legal aid providers practise' },
  permissions: { read: 'legal_aid.firm.read', write: 'legal_aid.firm.write' },
  input: firmInput,
  toEntry: (i: z.output<typeof firmInput>) => ({
    title: i.name,
    regionCode: i.regionCode,
    status: i.active ? 'active' : 'inactive',
    naturalKey: i.creditCode,
    data: i,
  }),
  statuses: activeStatus,
  columns: [
    { key: 'kind', label: { zh: '类别', en: 'Kind' } },
    { key: 'creditCode', label: { zh: '统一社会信用代码', en: 'Credit code' } },
  ],
  naturalKeyField: 'creditCode',
};

/**
 * 法律咨询 (法律援助法第二十三条): a person asks at the window, by phone or online and is told of the right
 * to apply. Not a case — a register; whether it led to an application is recorded with it.
 */
export const aidConsultationInput = z.strictObject({
  name: text('咨询人', 'Person', 50),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, bi('手机号码格式不正确', 'Mobile number is malformed'))
    .meta({ title: '联系电话', en: 'Phone', widget: 'phone' })
    .optional(),
  channel: choice('咨询方式', 'Channel', options({ window: { zh: '窗口', en: 'Window' }, phone: { zh: '电话（12348）', en: 'Phone (12348)' }, online: { zh: '网络', en: 'Online' } })),
  subject: choice('咨询事项', 'Subject', subjectOptions),
  question: longText('咨询内容', 'Question', 4000),
  answer: longText('解答意见', 'Answer', 8000),
  toldOfRight: z.boolean().meta({ title: '已告知申请法律援助的权利', en: 'Told of the right to apply' }).default(true),
  applied: z.boolean().meta({ title: '已转为法律援助申请', en: 'Went on to apply' }).default(false),
  consultedOn: date('咨询日期', 'Consulted on'),
  regionCode,
});

const aidConsultations: RegisterIndicatorDef = {
  key: 'legal_aid.consultations',
  label: { zh: '法律援助咨询人次', en: 'Legal aid consultations' },
  unit: 'count',
  version: '2022.1',
  definition: { zh: '期间内（按咨询日期）登记的法律援助咨询人次', en: 'Consultations recorded with a consultation date in the period' },
  source: '法律援助法第二十三条',
  numerator: [],
};

const aidConsultationConversion: RegisterIndicatorDef = {
  key: 'legal_aid.consultation_conversion_rate',
  label: { zh: '咨询转申请率', en: 'Consultations that became applications' },
  unit: 'percent',
  version: '2022.1',
  definition: { zh: '转为法律援助申请的咨询 ÷ 期间内咨询人次', en: 'Consultations that went on to an application ÷ consultations in the period' },
  source: '法律援助法第二十三条（本地统计口径）',
  numerator: [{ kind: 'data_equals', field: 'applied', value: true }],
  denominator: [],
};

export const aidConsultationRegister: RegisterDef = {
  key: CONSULTATION_REGISTER,
  label: { zh: '法律援助咨询', en: 'Legal aid consultations' },
  description: { zh: '窗口、12348 热线、网络咨询及解答；告知申请权利（法律援助法第二十三条）', en: 'Questions at the window, on the 12348 line and online, and the answers (Legal Aid Law Art 23)' },
  permissions: { read: 'legal_aid.aid_consultation.read', write: 'legal_aid.aid_consultation.write' },
  input: aidConsultationInput,
  toEntry: (i: z.output<typeof aidConsultationInput>) => ({
    title: `${i.name}：${[...i.question].slice(0, 30).join('')}`,
    occurredOn: i.consultedOn,
    regionCode: i.regionCode,
    data: i,
  }),
  personal: ['phone'],
  columns: [
    { key: 'channel', label: { zh: '方式', en: 'Channel' } },
    { key: 'subject', label: { zh: '事项', en: 'Subject' } },
    { key: 'applied', label: { zh: '转申请', en: 'Applied' } },
  ],
  indicators: [aidConsultations, aidConsultationConversion],
};
