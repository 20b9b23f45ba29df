import { z } from 'zod';
import { agency, choice, date, longText, options, text, values } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zCreditCode, zIdNumber, zPhone } from '../../kernel/org/validators.js';

/**
 * Input schemas of 行政应诉 (the agency as defendant). Every field carries zh/en labels for the
 * generated forms; enums carry their option labels.
 */

const notAfter = (a: string | undefined, b: string | undefined) => !a || !b || a <= b;

// ── options ─────────────────────────────────────────────────────────────────────────────────────

export const instanceOptions = options({
  first: { zh: '一审', en: 'First instance' },
  second: { zh: '二审', en: 'Second instance' },
});

export const procedureOptions = options({
  ordinary: { zh: '普通程序', en: 'Ordinary procedure' },
  simple: { zh: '简易程序', en: 'Simple procedure' },
});

/**
 * Who appeared for the agency (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第二条、第十条).
 * The first four are 负责人; `staff` is the 相应的工作人员 who may stand in.
 */
export const appearanceCategoryOptions = options({
  principal: { zh: '正职负责人', en: 'Principal head' },
  deputy: { zh: '副职负责人', en: 'Deputy head' },
  in_charge_deputy: { zh: '参与分管被诉行政行为实施工作的副职级别负责人', en: 'Deputy-level leader in charge of the contested act' },
  other_leader: { zh: '其他参与分管的负责人', en: 'Other leader in charge' },
  staff: { zh: '相应的工作人员', en: 'Responsible staff member' },
});
export type AppearanceCategory = keyof typeof appearanceCategoryOptions;
export const HEAD_CATEGORIES: readonly AppearanceCategory[] = ['principal', 'deputy', 'in_charge_deputy', 'other_leader'];

/** 规定 第八条: grounds on which a head may be unable to appear. */
export const absenceReasonOptions = options({
  force_majeure: { zh: '不可抗力', en: 'Force majeure' },
  accident: { zh: '意外事件', en: 'Accident' },
  irreplaceable_duty: { zh: '需要履行他人不能代替的公务', en: 'Official duty no one else can perform' },
  other_good_reason: { zh: '其他正当事由', en: 'Other good reason' },
  none_given: { zh: '未说明理由', en: 'No reason given' },
});

/**
 * Judgments and rulings that end an instance (行政诉讼法 第六十九条至第七十八条; 第五十一条; 第六十条;
 * 第六十二条) and the second-instance results of 第八十九条.
 */
export const judgmentTypeOptions = options({
  reject_claim: { zh: '判决驳回诉讼请求', en: 'Claim rejected' },
  revoke: { zh: '判决撤销', en: 'Act revoked' },
  partial_revoke: { zh: '判决部分撤销', en: 'Act partly revoked' },
  order_performance: { zh: '判决履行法定职责', en: 'Ordered to perform a statutory duty' },
  order_payment: { zh: '判决履行给付义务', en: 'Ordered to pay' },
  confirm_illegal: { zh: '判决确认违法', en: 'Act confirmed illegal' },
  confirm_void: { zh: '判决确认无效', en: 'Act confirmed void' },
  remedy_compensation: { zh: '判决采取补救措施或者赔偿', en: 'Remedial measures or compensation ordered' },
  change: { zh: '判决变更', en: 'Act changed' },
  agreement_performance: { zh: '行政协议：判决继续履行、采取补救措施或者赔偿损失', en: 'Administrative agreement: performance, remedy or damages' },
  agreement_compensation: { zh: '行政协议：判决给予补偿', en: 'Administrative agreement: compensation' },
  ruling_not_filed: { zh: '裁定不予立案', en: 'Ruling: not filed' },
  ruling_dismissed: { zh: '裁定驳回起诉', en: 'Ruling: suit dismissed' },
  withdrawal_permitted: { zh: '裁定准予撤诉', en: 'Ruling: withdrawal permitted' },
  deemed_withdrawn: { zh: '裁定按撤诉处理', en: 'Ruling: deemed withdrawn' },
  mediation: { zh: '调解结案', en: 'Mediation agreement' },
  appeal_dismissed: { zh: '二审：驳回上诉，维持原判', en: 'Appeal dismissed, judgment upheld' },
  remanded: { zh: '二审：发回重审', en: 'Remanded for retrial' },
});
export const judgmentTypes = values(judgmentTypeOptions);
export type JudgmentType = (typeof judgmentTypes)[number];

/** Rulings of 第八十五条 that can be appealed (10 days); other rulings take effect on service. */
export const APPEALABLE_RULINGS: readonly JudgmentType[] = ['ruling_not_filed', 'ruling_dismissed'];
export const RULINGS: readonly JudgmentType[] = ['ruling_not_filed', 'ruling_dismissed', 'withdrawal_permitted', 'deemed_withdrawn'];
export const SECOND_INSTANCE_ONLY: readonly JudgmentType[] = ['appeal_dismissed', 'remanded'];

export const appellantOptions = options({
  agency: { zh: '本机关', en: 'This agency' },
  plaintiff: { zh: '原告', en: 'Plaintiff' },
  third_party: { zh: '第三人', en: 'Third party' },
  several: { zh: '多方当事人', en: 'Several parties' },
});

export const appealResultOptions = options({
  appeal_dismissed: { zh: '驳回上诉，维持原判', en: 'Appeal dismissed, judgment upheld' },
  amended: { zh: '依法改判、撤销或者变更', en: 'Amended, revoked or changed' },
  remanded: { zh: '发回重审', en: 'Remanded for retrial' },
  appeal_withdrawn: { zh: '准予撤回上诉', en: 'Appeal withdrawn' },
});

// ── create ──────────────────────────────────────────────────────────────────────────────────────

const personPlaintiff = z.strictObject({
  kind: z.literal('person').meta({ title: '原告类型', en: 'Plaintiff type' }),
  name: text('姓名', 'Name', 50),
  idNumber: zIdNumber.meta({ title: '居民身份证号码', en: 'Resident ID number', widget: 'idNumber' }).optional(),
  phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }).optional(),
  address: text('住址', 'Address', 200).optional(),
});

const orgPlaintiff = z.strictObject({
  kind: z.literal('org').meta({ title: '原告类型', en: 'Plaintiff type' }),
  name: text('名称', 'Name', 100),
  creditCode: zCreditCode.meta({ title: '统一社会信用代码', en: 'Unified social credit code' }).optional(),
  phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }).optional(),
  address: text('住所', 'Registered address', 200).optional(),
});

export const plaintiffSchema = z.discriminatedUnion('kind', [personPlaintiff, orgPlaintiff]).meta({ title: '原告', en: 'Plaintiff' });

/** e.g. （2021）浙0402行初12号 — a year in brackets, 行 (administrative), ending in 号. */
const COURT_CASE_NUMBER = /^[（(]\d{4}[）)][^\s]*行[^\s]*\d+号$/;

export const createInput = z
  .strictObject({
    court: text('受诉法院', 'Court', 100),
    courtCaseNumber: z
      .string()
      .trim()
      .regex(COURT_CASE_NUMBER, bi('案号格式应如（2021）浙0402行初12号', 'Case number should look like （2021）浙0402行初12号'))
      .meta({ title: '法院案号', en: 'Court case number' }),
    instance: choice('审级', 'Instance', instanceOptions).default('first'),
    procedure: choice('审理程序', 'Procedure', procedureOptions).default('ordinary'),
    plaintiff: plaintiffSchema,
    defendantAgencyId: agency('被告（行政机关）', 'Defendant agency'),
    agencyId: agency('应诉承办机关', 'Agency handling the defence').optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, bi('区划代码应为6位或9位数字', 'Region code must be 6 or 9 digits'))
      .meta({ title: '所属区域', en: 'Region', widget: 'region' })
      .optional(),
    reconsiderationOrganCoDefendant: z
      .boolean()
      .meta({ title: '复议机关为共同被告（复议维持）', en: 'Reconsideration organ is co-defendant (decision upheld the act)' })
      .default(false),
    reconsiderationCaseId: z.uuid().meta({ title: '所涉行政复议案件', en: 'Reconsideration case it follows' }).optional(),
    firstInstanceCaseId: z.uuid().meta({ title: '一审应诉案件', en: 'First-instance case' }).optional(),
    cause: text('案由', 'Cause of action', 100),
    claims: longText('诉讼请求', 'Claims', 5000).optional(),
    filedOn: date('立案日期', 'Date the court registered the case'),
    servedOn: date('收到起诉状（上诉状）副本日期', 'Date the complaint (appeal) was served on the agency'),
  })
  .superRefine((v, ctx) => {
    if (!notAfter(v.filedOn, v.servedOn))
      ctx.addIssue({ code: 'custom', path: ['servedOn'], message: bi('送达日期不能早于立案日期', 'Service cannot precede registration') });
    if (v.instance === 'second' && v.procedure === 'simple')
      ctx.addIssue({ code: 'custom', path: ['procedure'], message: bi('二审案件不适用简易程序', 'The simple procedure does not apply on appeal') });
    if (v.instance === 'first' && v.firstInstanceCaseId)
      ctx.addIssue({ code: 'custom', path: ['firstInstanceCaseId'], message: bi('一审案件不能关联一审案件', 'A first-instance case cannot follow a first-instance case') });
  });
export type CreateInput = z.output<typeof createInput>;

// ── actions ─────────────────────────────────────────────────────────────────────────────────────

export const fileDefenceInput = z
  .strictObject({
    filedOn: date('提交答辩状日期', 'Date the defence was filed'),
    evidenceFiledOn: date('提交证据和规范性文件日期', 'Date evidence and legal basis were filed'),
    normativeBasisSubmitted: z.boolean().meta({ title: '已提交所依据的规范性文件', en: 'Normative documents relied on submitted' }),
    summary: longText('答辩要点', 'Summary of the defence', 10000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!notAfter(v.evidenceFiledOn, v.filedOn))
      ctx.addIssue({ code: 'custom', path: ['evidenceFiledOn'], message: bi('证据应当与答辩状同时或者在其之前提交', 'Evidence is filed with or before the defence') });
  });

const person = z
  .strictObject({
    name: text('姓名', 'Name', 50),
    post: text('职务', 'Post', 100),
    category: choice('出庭人员类别', 'Category', appearanceCategoryOptions),
  })
  .meta({ title: '出庭人员', en: 'Person appearing' });

export const planAppearanceInput = z.strictObject({
  plannedOn: date('安排日期', 'Date planned'),
  hearingDate: date('开庭日期', 'Hearing date'),
  courtNoticeToAppear: z.boolean().meta({ title: '法院通知负责人出庭', en: 'Court notified the head to appear (规定 Art 4–5)' }).default(false),
  plannedPerson: person,
  note: longText('说明', 'Note', 2000).optional(),
});

export const recordHearingInput = z
  .strictObject({
    heldOn: date('开庭日期', 'Date of the hearing'),
    online: z.boolean().meta({ title: '在线庭审', en: 'Online hearing' }).default(false),
    appearingPerson: person.optional(),
    proofSubmittedBeforeHearing: z
      .boolean()
      .meta({ title: '开庭前已提交身份证明（加盖印章）', en: 'Identity proof (sealed) submitted before the hearing (规定 Art 6)' }),
    staffPresent: z.boolean().meta({ title: '相应工作人员出庭', en: 'Responsible staff present' }),
    lawyerPresent: z.boolean().meta({ title: '律师出庭', en: 'Lawyer present' }).default(false),
    headAbsenceReason: choice('负责人未出庭理由', 'Why the head did not appear (规定 Art 8)', absenceReasonOptions).optional(),
    spokeOnResolution: z.boolean().meta({ title: '负责人就实质性解决争议发表意见', en: 'Head spoke on resolving the dispute (规定 Art 11)' }).default(false),
    note: longText('庭审情况', 'Notes', 5000).optional(),
  })
  .superRefine((v, ctx) => {
    const head = v.appearingPerson && HEAD_CATEGORIES.includes(v.appearingPerson.category);
    if (!head && !v.headAbsenceReason)
      ctx.addIssue({ code: 'custom', path: ['headAbsenceReason'], message: bi('负责人未出庭的，应当载明理由', 'State why no head appeared') });
    if (!v.appearingPerson && !v.staffPresent && !v.lawyerPresent)
      ctx.addIssue({ code: 'custom', path: ['staffPresent'], message: bi('请登记出庭人员', 'Record who appeared') });
  });

export const changeProcedureInput = z.strictObject({
  ruledOn: date('转为普通程序裁定日期', 'Date of the ruling converting to ordinary procedure'),
});

export const judgeInput = z
  .strictObject({
    judgmentType: choice('裁判结果', 'Result', judgmentTypeOptions),
    judgedOn: date('裁判日期', 'Date of the judgment or ruling'),
    servedOn: date('裁判文书送达本机关日期', 'Date served on the agency'),
    orderRemake: z.boolean().meta({ title: '判决重新作出行政行为', en: 'Ordered to act again' }).default(false),
    amountYuan: z.number().nonnegative().max(1e12).meta({ title: '涉及金额（元）', en: 'Amount (yuan)' }).optional(),
    summary: longText('裁判要旨', 'Summary', 10000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!notAfter(v.judgedOn, v.servedOn))
      ctx.addIssue({ code: 'custom', path: ['servedOn'], message: bi('送达日期不能早于裁判日期', 'Service cannot precede the judgment') });
    if (v.orderRemake && v.judgmentType !== 'revoke' && v.judgmentType !== 'partial_revoke')
      ctx.addIssue({ code: 'custom', path: ['orderRemake'], message: bi('仅撤销判决可以判决重新作出行政行为', 'Only revocation may order the act to be made again') });
  });

export const withdrawInput = z.strictObject({
  ruledOn: date('裁定日期', 'Date of the ruling'),
  kind: choice('撤诉方式', 'Kind', {
    withdrawal_permitted: { zh: '裁定准予撤诉', en: 'Withdrawal permitted' },
    deemed_withdrawn: { zh: '裁定按撤诉处理', en: 'Deemed withdrawn' },
  }),
  agencyChangedAct: z.boolean().meta({ title: '被告改变原行政行为后原告撤诉', en: 'Withdrawn after the agency changed its act (Art 62)' }).default(false),
  reason: longText('撤诉原因', 'Reason', 2000).optional(),
});

export const appealInput = z.strictObject({
  appealedOn: date('上诉日期', 'Date of appeal'),
  appellant: choice('上诉人', 'Appellant', appellantOptions),
  grounds: longText('上诉理由', 'Grounds', 5000).optional(),
});

export const becomeEffectiveInput = z.strictObject({
  effectiveOn: date('生效日期', 'Date it took effect'),
});

export const recordAppealResultInput = z.strictObject({
  decidedOn: date('二审裁判日期', 'Date of the second-instance decision'),
  result: choice('二审结果', 'Second-instance result', appealResultOptions),
  secondInstanceCaseNumber: z
    .string()
    .trim()
    .regex(COURT_CASE_NUMBER, bi('案号格式应如（2021）浙04行终12号', 'Case number should look like （2021）浙04行终12号'))
    .meta({ title: '二审案号', en: 'Second-instance case number' })
    .optional(),
  summary: longText('二审裁判要旨', 'Summary', 5000).optional(),
});
