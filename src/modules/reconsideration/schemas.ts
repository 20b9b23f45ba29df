import { z } from 'zod';
import { agency, choice, date, longText, options, text, values } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zCreditCode, zIdNumber, zPhone } from '../../kernel/org/validators.js';

/**
 * Input schemas of 行政复议 (one per create/action). The web renders forms from their JSON Schema,
 * so every field carries `title` (zh) and `en`; enums carry their option labels.
 */


// ── options ─────────────────────────────────────────────────────────────────────────────────────

export const channelOptions = options({
  portal: { zh: '网上申请', en: 'Online portal' },
  mail: { zh: '邮寄', en: 'By post' },
  in_person: { zh: '当面递交', en: 'In person' },
  oral: { zh: '口头申请（当场记录）', en: 'Oral application (recorded on the spot)' },
});

/** 复议前置 categories of 行政复议法 第23条; `none` when the applicant may also sue directly. */
export const preconditionOptions = options({
  on_the_spot_penalty: { zh: '当场作出的行政处罚', en: 'On-the-spot administrative penalty' },
  natural_resources_rights: {
    zh: '侵犯已依法取得的自然资源所有权或者使用权',
    en: 'Infringement of acquired ownership or use rights in natural resources',
  },
  non_performance: { zh: '未履行法定职责（第十一条情形）', en: 'Failure to perform a statutory duty (Art 11)' },
  disclosure_refused: { zh: '政府信息公开申请不予公开', en: 'Refusal to disclose government information' },
  other_law: { zh: '法律、行政法规规定的其他情形', en: 'Other cases set by law or administrative regulation' },
  none: { zh: '不属于复议前置', en: 'Not a reconsideration-first case' },
});

export const procedureOptions = options({
  ordinary: { zh: '普通程序', en: 'Ordinary procedure' },
  simple: { zh: '简易程序', en: 'Simple procedure' },
});

/** Merits decisions, 行政复议法 第63–69条. */
export const decisionTypeOptions = options({
  uphold: { zh: '维持', en: 'Uphold' },
  change: { zh: '变更', en: 'Change' },
  revoke: { zh: '撤销', en: 'Revoke' },
  partial_revoke: { zh: '部分撤销', en: 'Partially revoke' },
  confirm_illegal: { zh: '确认违法', en: 'Confirm illegal' },
  order_performance: { zh: '责令履行', en: 'Order performance' },
  confirm_void: { zh: '确认无效', en: 'Confirm void' },
  reject_claim: { zh: '驳回复议请求', en: 'Reject the claim' },
});
export const decisionTypes = values(decisionTypeOptions);
export type DecisionType = (typeof decisionTypes)[number];

/** 第39条第1款 grounds for 中止. */
export const suspensionGroundOptions = options({
  applicant_died: { zh: '（一）申请人死亡，其近亲属尚未确定是否参加', en: '(1) Applicant died; next of kin undecided' },
  applicant_incapacitated: { zh: '（二）申请人丧失行为能力，尚未确定法定代理人', en: '(2) Applicant lost capacity; no legal representative yet' },
  applicant_missing: { zh: '（三）申请人下落不明', en: '(3) Applicant missing' },
  organisation_terminated: { zh: '（四）申请人（法人或其他组织）终止，尚未确定权利义务承受人', en: '(4) Applicant organisation ended; successor undetermined' },
  force_majeure: { zh: '（五）因不可抗力或其他正当理由不能参加', en: '(5) Force majeure or other good reason' },
  mediation_or_settlement: { zh: '（六）调解、和解，双方同意中止', en: '(6) Mediation or settlement, both sides agree' },
  interpretation_needed: { zh: '（七）法律适用需有权机关解释或确认', en: '(7) Awaiting an authoritative interpretation' },
  awaiting_other_case: { zh: '（八）需以其他案件审理结果为依据', en: '(8) Awaiting the result of another case' },
  normative_document_review: { zh: '（九）规范性文件附带审查（第五十六、五十七条）', en: '(9) Incidental review of a normative document (Arts 56–57)' },
  other: { zh: '（十）其他需要中止的情形', en: '(10) Other grounds' },
});

/** 第41条 grounds for 终止 other than withdrawal (which has its own actions). */
export const terminationGroundOptions = options({
  applicant_died_no_successor: { zh: '（二）申请人死亡，没有近亲属或近亲属放弃复议权利', en: '(2) Applicant died without next of kin, or they waived' },
  organisation_no_successor: { zh: '（三）申请人终止，没有权利义务承受人或承受人放弃', en: '(3) Applicant organisation ended without successor, or successor waived' },
  criminal_measures: { zh: '（四）因同一违法行为涉嫌犯罪被采取刑事强制措施', en: '(4) Criminal coercive measures for the same conduct' },
  suspension_lapsed: { zh: '（五）中止满六十日，中止原因仍未消除', en: '(5) Suspended 60 days and the ground persists' },
});

export const rejectionGroundOptions = options({
  no_applicant_or_respondent: { zh: '没有明确的申请人或者符合规定的被申请人', en: 'No identifiable applicant or proper respondent' },
  no_interest: { zh: '申请人与行政行为没有利害关系', en: 'Applicant has no legal interest in the act' },
  no_request: { zh: '没有具体的复议请求和理由', en: 'No specific request and reasons' },
  out_of_time: { zh: '超过法定申请期限', en: 'Outside the statutory application period' },
  out_of_scope: { zh: '不属于行政复议范围', en: 'Outside the scope of reconsideration' },
  no_jurisdiction: { zh: '不属于本机关管辖', en: 'Not within this organ’s jurisdiction' },
  duplicate: { zh: '已就同一行政行为申请复议或者提起诉讼并被受理', en: 'Same act already accepted in reconsideration or litigation' },
});

export const compensationOptions = options({
  none: { zh: '未一并提出赔偿请求', en: 'No compensation claimed' },
  awarded: { zh: '决定给予赔偿', en: 'Compensation awarded' },
  rejected: { zh: '驳回赔偿请求', en: 'Compensation claim rejected' },
});

// ── create ──────────────────────────────────────────────────────────────────────────────────────

const personApplicant = z.strictObject({
  kind: z.literal('person').meta({ title: '申请人类型', en: 'Applicant type' }),
  name: text('姓名', 'Name', 50),
  idNumber: zIdNumber.meta({ title: '居民身份证号码', en: 'Resident ID number', widget: 'idNumber' }),
  phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }),
  address: text('住址', 'Address', 200),
});

const orgApplicant = z.strictObject({
  kind: z.literal('org').meta({ title: '申请人类型', en: 'Applicant type' }),
  name: text('名称', 'Name', 100),
  creditCode: zCreditCode.meta({ title: '统一社会信用代码', en: 'Unified social credit code' }),
  legalRepresentative: text('法定代表人', 'Legal representative', 50),
  phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }),
  address: text('住所', 'Registered address', 200),
});

export const applicantSchema = z
  .discriminatedUnion('kind', [personApplicant, orgApplicant])
  .meta({ title: '申请人', en: 'Applicant' });

export const createInput = z
  .strictObject({
    applicant: applicantSchema,
    respondentAgencyId: agency('被申请人', 'Respondent agency'),
    agencyId: agency('行政复议机关', 'Reconsideration organ').optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, bi('区划代码应为6位或9位数字', 'Region code must be 6 or 9 digits'))
      .meta({ title: '所属区域', en: 'Region', widget: 'region' })
      .optional(),
    act: z
      .strictObject({
        description: text('被申请复议的行政行为', 'Contested administrative act', 300),
        documentNumber: text('行政行为文书编号', 'Document number of the act', 100).optional(),
        actDate: date('行政行为作出日期', 'Date of the act'),
        knownOn: date('知道该行政行为之日', 'Date the applicant learned of the act'),
      })
      .meta({ title: '被申请复议的行政行为', en: 'Contested act' }),
    request: longText('行政复议请求', 'Request', 2000),
    factsAndReasons: longText('事实和理由', 'Facts and reasons'),
    compensationClaimed: z.boolean().meta({ title: '一并提出行政赔偿请求', en: 'Compensation claimed' }).default(false),
    normativeDocumentReview: longText('一并申请附带审查的规范性文件', 'Normative document for incidental review (Art 13)', 500).optional(),
    preconditionCategory: choice('复议前置情形', 'Reconsideration-first category', preconditionOptions).default('none'),
    channel: choice('申请方式', 'Channel', channelOptions),
    receivedOn: date('收到申请日期', 'Date received'),
  })
  .superRefine((v, ctx) => {
    if (v.act.actDate > v.act.knownOn)
      ctx.addIssue({ code: 'custom', path: ['act', 'knownOn'], message: bi('知道行政行为的日期不能早于行为作出日期', 'The date learned cannot precede the date of the act') });
    if (v.act.knownOn > v.receivedOn)
      ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: bi('收到申请日期不能早于知道行政行为的日期', 'The application cannot be received before the act was known') });
  });
export type CreateInput = z.output<typeof createInput>;

// ── acceptance ──────────────────────────────────────────────────────────────────────────────────

export const requestCorrectionInput = z.strictObject({
  noticeDate: date('补正通知书发出日期', 'Date the correction notice was issued'),
  items: z
    .array(text('补正事项', 'Item to correct', 500))
    .min(1, bi('补正通知应当一次性载明全部补正事项', 'List every item to correct, all at once'))
    .meta({ title: '补正事项（一次性载明）', en: 'Items to correct (all at once)' }),
});

export const extendCorrectionInput = z.strictObject({
  decidedOn: date('决定延长日期', 'Date of the extension'),
  days: z.int().min(1).max(30).meta({ title: '延长工作日数', en: 'Working days granted' }),
  reason: longText('正当理由', 'Good reason', 1000),
});

export const receiveCorrectionInput = z.strictObject({
  receivedOn: date('收到补正材料日期', 'Date the correction was received'),
  note: longText('补正情况', 'Note', 2000).optional(),
});

export const acceptInput = z.strictObject({
  acceptedOn: date('受理日期', 'Date accepted'),
  procedure: choice('审理程序', 'Procedure', procedureOptions),
  simpleProcedureGround: choice('适用简易程序的情形', 'Ground for the simple procedure', {
    on_the_spot: { zh: '被申请的行政行为是当场作出', en: 'Act made on the spot' },
    warning_or_criticism: { zh: '行政行为是警告或者通报批评', en: 'Warning or public criticism' },
    small_amount: { zh: '案件涉及款额三千元以下', en: 'Amount of ¥3,000 or less' },
    disclosure: { zh: '属于政府信息公开案件', en: 'Government information disclosure case' },
    parties_agree: { zh: '当事人各方同意适用简易程序', en: 'All parties agree' },
  }).optional(),
  caseOfficer: text('承办人', 'Case officer', 50).optional(),
}).superRefine((v, ctx) => {
  if (v.procedure === 'simple' && !v.simpleProcedureGround)
    ctx.addIssue({ code: 'custom', path: ['simpleProcedureGround'], message: bi('适用简易程序须载明第五十三条规定的情形', 'State the Art 53 ground for the simple procedure') });
});

/** Run by the system when the 5-working-day review lapses with no rejection (第30条第3款). */
export const deemAcceptInput = z.strictObject({
  deemedOn: date('视为受理日期（审查期限届满之日）', 'Date deemed accepted (last day of the review period)'),
});

export const rejectInput = z.strictObject({
  decidedOn: date('不予受理决定日期', 'Date of the rejection'),
  grounds: z
    .array(choice('不予受理理由', 'Ground', rejectionGroundOptions))
    .min(1, bi('请选择不予受理的理由', 'Choose at least one ground'))
    .meta({ title: '不予受理理由（第三十条第一款）', en: 'Grounds (Art 30(1))' }),
  reasoning: longText('理由说明', 'Reasoning', 5000),
  competentBody: text('有管辖权的行政复议机关', 'Competent reconsideration organ', 100).optional(),
}).superRefine((v, ctx) => {
  if (v.grounds.includes('no_jurisdiction') && !v.competentBody)
    ctx.addIssue({ code: 'custom', path: ['competentBody'], message: bi('不属于本机关管辖的，应当告知有管辖权的行政复议机关', 'Name the competent organ when jurisdiction is lacking') });
});

export const abandonInput = z.strictObject({
  recordedOn: date('记录日期', 'Date recorded'),
  note: longText('逾期未补正且无正当理由的情况', 'No correction in time and no good reason', 2000),
});

// ── review ──────────────────────────────────────────────────────────────────────────────────────

export const convertToOrdinaryInput = z.strictObject({
  approvedOn: date('批准日期', 'Date approved'),
  approver: text('批准人（行政复议机构负责人）', 'Approver (head of the reconsideration body)', 50),
  reason: longText('不宜适用简易程序的理由', 'Why the simple procedure is unsuitable', 2000),
});

export const notifyRespondentInput = z.strictObject({
  sentOn: date('申请书副本发送日期', 'Date the copy was sent'),
  method: choice('发送方式', 'Method', {
    electronic: { zh: '电子送达', en: 'Electronic' },
    mail: { zh: '邮寄', en: 'Post' },
    in_person: { zh: '直接送达', en: 'In person' },
  }),
});

export const submitAnswerInput = z.strictObject({
  answeredOn: date('收到书面答复日期', 'Date the written answer was received'),
  evidenceSubmitted: z.boolean().meta({ title: '已提交证据、依据和其他有关材料', en: 'Evidence and legal basis submitted' }),
  summary: longText('答复要点', 'Summary of the answer', 5000).optional(),
});

export const scheduleHearingInput = z
  .strictObject({
    noticeDate: date('听证通知日期', 'Date of the hearing notice'),
    hearingDate: date('听证日期', 'Hearing date'),
    place: text('听证地点', 'Place', 200),
    matters: longText('拟听证事项', 'Matters to be heard', 2000),
    mandatory: z.boolean().meta({ title: '重大、疑难、复杂案件（应当听证）', en: 'Major, difficult or complex case (hearing mandatory)' }),
  })
  // The ≥5-working-day notice (第51条) needs the calendar: the UI warns; the order is checked here.
  .superRefine((v, ctx) => {
    if (v.noticeDate > v.hearingDate)
      ctx.addIssue({ code: 'custom', path: ['hearingDate'], message: bi('听证日期不能早于通知日期', 'The hearing cannot precede its notice') });
  });

export const holdHearingInput = z.strictObject({
  heldOn: date('听证日期', 'Date held'),
  presiding: text('主持人', 'Presiding officer', 50),
  respondentHeadAttended: z.boolean().meta({ title: '被申请人负责人参加听证', en: 'Respondent’s head attended (Art 51)' }),
  applicantAttended: z.boolean().meta({ title: '申请人参加听证', en: 'Applicant attended' }),
  record: longText('听证笔录摘要', 'Summary of the record', 10000).optional(),
});

export const suspendInput = z.strictObject({
  suspendedOn: date('中止日期', 'Date suspended'),
  ground: choice('中止情形（第三十九条）', 'Ground (Art 39)', suspensionGroundOptions),
  note: longText('说明', 'Note', 2000).optional(),
});

export const resumeInput = z.strictObject({
  resumedOn: date('恢复审理日期', 'Date resumed'),
  note: longText('中止原因消除情况', 'How the ground ended', 2000).optional(),
});

export const extendInput = z.strictObject({
  approvedOn: date('批准延期日期', 'Date approved'),
  days: z
    .int()
    .min(1)
    .max(30, bi('延长期限最多不得超过三十日', 'The extension may not exceed 30 days'))
    .meta({ title: '延长日数', en: 'Days granted' }),
  approver: text('批准人（行政复议机构负责人）', 'Approver (head of the reconsideration body)', 50),
  reason: longText('情况复杂的理由', 'Why the case is complex', 2000),
});

export const startMediationInput = z.strictObject({
  startedOn: date('开始调解日期', 'Date mediation started'),
  note: longText('说明', 'Note', 2000).optional(),
});

export const endMediationInput = z.strictObject({
  endedOn: date('调解终结日期', 'Date mediation ended'),
  reason: choice('结束原因', 'Reason', {
    no_agreement: { zh: '调解未达成协议', en: 'No agreement reached' },
    repudiated: { zh: '调解书生效前一方反悔', en: 'A party repudiated before the agreement took effect' },
  }),
});

export const mediateInput = z.strictObject({
  effectiveOn: date('调解书生效日期（各方签字并盖章）', 'Date the mediation agreement took effect (signed and sealed)'),
  terms: longText('调解协议内容', 'Terms of the agreement', 10000),
});

export const withdrawInput = z.strictObject({
  approvedOn: date('准予撤回日期', 'Date withdrawal approved'),
  reason: longText('撤回理由', 'Reason for withdrawal', 2000),
  respondentChangedAct: z.boolean().meta({ title: '被申请人已改变原行政行为', en: 'Respondent changed its act' }).default(false),
  voluntary: z.literal(true, bi('须确认撤回系申请人真实意愿', 'Confirm the withdrawal is voluntary')).meta({ title: '撤回系申请人真实意愿', en: 'Withdrawal is voluntary' }),
});

export const settleInput = z.strictObject({
  approvedOn: date('准予撤回日期', 'Date withdrawal approved'),
  terms: longText('和解内容', 'Terms of the settlement', 5000),
  voluntary: z.literal(true, bi('须确认和解系当事人自愿', 'Confirm the settlement is voluntary')).meta({ title: '当事人自愿达成和解', en: 'Settlement is voluntary' }),
});

export const terminateInput = z.strictObject({
  decidedOn: date('终止决定日期', 'Date of termination'),
  ground: choice('终止情形（第四十一条）', 'Ground (Art 41)', terminationGroundOptions),
  note: longText('说明', 'Note', 2000).optional(),
});

export const dismissApplicationInput = z.strictObject({
  decidedOn: date('驳回申请决定日期', 'Date of dismissal'),
  grounds: z
    .array(choice('不符合受理条件的情形', 'Ground', rejectionGroundOptions))
    .min(1, bi('请选择驳回申请的理由', 'Choose at least one ground'))
    .meta({ title: '不符合第三十条第一款的情形', en: 'Unmet Art 30(1) conditions' }),
  reasoning: longText('理由', 'Reasoning', 5000),
});

/** 第六十四条: only revocation may come with an order to act again. */
const REMAKE_ALLOWED: readonly DecisionType[] = ['revoke', 'partial_revoke'];
const NEEDS_DETAIL: readonly DecisionType[] = ['change', 'partial_revoke'];

export const decideInput = z
  .strictObject({
    decidedOn: date('决定日期', 'Date of decision'),
    decisionType: choice('决定类型', 'Decision type', decisionTypeOptions),
    orderRemake: z.boolean().meta({ title: '责令被申请人重新作出行政行为', en: 'Order the respondent to act again' }).default(false),
    periodDays: z.int().min(1).max(365).meta({ title: '履行或重新作出的期限（日）', en: 'Days allowed to perform or act again' }).optional(),
    compensation: choice('行政赔偿', 'Compensation', compensationOptions).default('none'),
    findings: longText('经审理查明的事实', 'Facts found', 20000),
    reasoning: longText('本机关认为（理由）', 'Reasoning', 20000),
    decisionText: longText('决定内容（变更内容、撤销部分或应履行的职责）', 'Operative detail (the change, the part revoked or the duty)', 5000).optional(),
    approvedBy: choice('决定方式（第六十一条）', 'How approved (Art 61)', {
      head: { zh: '经行政复议机关负责人同意', en: 'Approved by the organ’s head' },
      collective: { zh: '经集体讨论通过', en: 'Adopted by collective discussion' },
    }),
  })
  .superRefine((v, ctx) => {
    if (v.orderRemake && !REMAKE_ALLOWED.includes(v.decisionType))
      ctx.addIssue({ code: 'custom', path: ['orderRemake'], message: bi('仅撤销或部分撤销决定可以责令重新作出行政行为', 'Only revocation may order the act to be made again') });
    if (v.decisionType === 'order_performance' && !v.periodDays)
      ctx.addIssue({ code: 'custom', path: ['periodDays'], message: bi('责令履行应当明确履行期限', 'Set the period for performance') });
    if (NEEDS_DETAIL.includes(v.decisionType) && !v.decisionText)
      ctx.addIssue({ code: 'custom', path: ['decisionText'], message: bi('变更或部分撤销决定应当载明具体内容', 'State what is changed or which part is revoked') });
  });

export const serveInput = z.strictObject({
  servedOn: date('送达日期', 'Date served'),
  method: choice('送达方式', 'Method of service', {
    direct: { zh: '直接送达', en: 'In person' },
    mail: { zh: '邮寄送达', en: 'By post' },
    electronic: { zh: '电子送达', en: 'Electronic' },
    entrusted: { zh: '委托送达', en: 'Entrusted service' },
    public_notice: { zh: '公告送达', en: 'Public notice' },
  }),
});

export const issueOpinionLetterInput = z.strictObject({
  issuedOn: date('意见书制发日期', 'Date issued'),
  addressee: agency('收文机关', 'Addressee agency'),
  content: longText('发现的违法或不当问题及意见', 'Problems found and opinion', 10000),
});

export const recordOpinionFeedbackInput = z.strictObject({
  receivedOn: date('收到整改情况日期', 'Date the feedback was received'),
  summary: longText('纠正情况', 'What was corrected', 5000),
});

export const publishInput = z.strictObject({
  publishedOn: date('公开日期', 'Date published'),
  url: z.url().meta({ title: '公开网址', en: 'URL' }),
  copiedToSuperior: z.boolean().meta({ title: '已抄告被申请人的上一级主管部门', en: 'Copied to the respondent’s superior (Art 79)' }).default(false),
});
