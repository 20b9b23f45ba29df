import { z } from 'zod';
import { agency, choice, date, longText, options, text } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zIdNumber, zPhone } from '../../kernel/org/validators.js';

/**
 * Input schemas of 人民调解 (one per create/action). The web renders forms from their JSON Schema:
 * every field carries `title` (zh) and `en`; the category and town fields carry picker widgets.
 */

// ── options ─────────────────────────────────────────────────────────────────────────────────────

export const channelOptions = options({
  portal: { zh: '网上申请', en: 'Online portal' },
  grid_worker: { zh: '网格员上报', en: 'Reported by a grid worker' },
  window: { zh: '窗口登记', en: 'Registered at the window' },
  hotline: { zh: '热线电话', en: 'Hotline' },
  court_referral: { zh: '法院委派调解', en: 'Referred by a court (委派)' },
  police_referral: { zh: '公安引调', en: 'Referred by the police (引调)' },
});
export const REFERRAL_CHANNELS = ['court_referral', 'police_referral'] as const;

export const sessionModeOptions = options({
  in_person: { zh: '现场调解', en: 'In person' },
  online: { zh: '在线调解', en: 'Online' },
  phone: { zh: '电话调解', en: 'By phone' },
});

export const signatureMethodOptions = options({
  signature: { zh: '签名', en: 'Signature' },
  seal: { zh: '盖章', en: 'Seal' },
  fingerprint: { zh: '按指印', en: 'Fingerprint' },
});

export const performanceOptions = options({
  full: { zh: '已全部履行', en: 'Fully performed' },
  partial: { zh: '部分履行', en: 'Partly performed' },
  none: { zh: '未履行', en: 'Not performed' },
});

export const rulingOptions = options({
  valid: { zh: '裁定调解协议有效', en: 'Agreement ruled valid' },
  rejected: { zh: '裁定驳回申请', en: 'Application rejected' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  withdrawn: { zh: '申请人撤回申请', en: 'Application withdrawn' },
});

/** 人民调解法 第26条 / 宁波条例 第23条: why mediation ended without agreement. */
export const failureGroundOptions = options({
  party_quit: { zh: '当事人一方明确拒绝继续调解', en: 'A party refuses to continue' },
  no_prospect: { zh: '经调解不能达成协议', en: 'No agreement can be reached' },
  obstacle: { zh: '因客观情况不能继续调解', en: 'Circumstances prevent continuing' },
  extension_lapsed: { zh: '延长期限届满仍未达成协议', en: 'Extended period ran out without agreement' },
});

/** The routes parties are told about when mediation fails (第26条). */
export const exitOptions = options({
  arbitration: { zh: '仲裁', en: 'Arbitration' },
  administrative: { zh: '行政途径（行政调解、行政裁决等）', en: 'Administrative routes' },
  litigation: { zh: '向人民法院提起诉讼', en: 'Court proceedings' },
});

/** Where a dispute goes when it belongs to another procedure (诉访分离, 多元化解). */
export const handoffChannelOptions = options({
  reconsideration: { zh: '行政复议', en: 'Administrative reconsideration' },
  legal_aid: { zh: '法律援助', en: 'Legal aid' },
  litigation: { zh: '诉讼', en: 'Litigation' },
  arbitration: { zh: '仲裁', en: 'Arbitration' },
  administrative_ruling: { zh: '行政裁决', en: 'Administrative ruling' },
  petition: { zh: '信访', en: 'Petition (信访)' },
});
export type HandoffChannel = keyof typeof handoffChannelOptions;

export const satisfactionOptions = options({
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
});

// ── create ──────────────────────────────────────────────────────────────────────────────────────

const townCode = z
  .string()
  .regex(/^\d{9}$/, bi('请选择纠纷发生地所在乡镇（街道）', 'Choose the town (9-digit code) where the dispute arose'))
  .meta({ title: '纠纷发生地（乡镇/街道）', en: 'Town where the dispute arose', widget: 'town' });

export const categoryCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, bi('请选择纠纷类别', 'Choose a dispute category'))
  .meta({ title: '纠纷类别', en: 'Dispute category', widget: 'mediation-category' });

export const createInput = z
  .strictObject({
    applicant: z
      .strictObject({
        name: text('姓名', 'Name', 50),
        phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }),
        idNumber: zIdNumber.meta({ title: '居民身份证号码', en: 'Resident ID number', widget: 'idNumber' }).optional(),
        address: text('住址', 'Address', 200).optional(),
      })
      .meta({ title: '申请人', en: 'Applicant' }),
    otherParty: z
      .strictObject({
        name: text('姓名或名称', 'Name', 100),
        phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }).optional(),
        address: text('住址', 'Address', 200).optional(),
      })
      .meta({ title: '对方当事人', en: 'Other party' }),
    category: categoryCode,
    description: longText('纠纷简要情况', 'What the dispute is about', 5000),
    // The place of the dispute (a shop, a field, a building), not where a person lives: not personal data.
    disputeAddress: text('纠纷发生地点', 'Place of the dispute', 200).meta({ title: '纠纷发生地点', en: 'Place of the dispute', widget: 'location' }),
    regionCode: townCode,
    amountInvolved: z.number().nonnegative().max(1e11).meta({ title: '涉及金额（元）', en: 'Amount involved (yuan)' }).optional(),
    channel: choice('来源渠道', 'Channel', channelOptions),
    receivedOn: date('登记日期', 'Date received'),
    referral: z
      .strictObject({
        organ: text('委派/引调单位', 'Referring court or police station', 100),
        referenceNumber: text('委派/引调编号', 'Reference number', 80).optional(),
      })
      .meta({ title: '委派、引调信息', en: 'Referral' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    const referred = (REFERRAL_CHANNELS as readonly string[]).includes(v.channel);
    if (referred && !v.referral)
      ctx.addIssue({ code: 'custom', path: ['referral'], message: bi('法院委派或公安引调的纠纷应当填写委派、引调单位', 'Name the referring court or police station') });
    if (!referred && v.referral)
      ctx.addIssue({ code: 'custom', path: ['referral'], message: bi('仅委派、引调的纠纷填写此项', 'Only referred disputes have referral details') });
  });
export type CreateInput = z.output<typeof createInput>;

// ── routing and acceptance ──────────────────────────────────────────────────────────────────────

export const acceptInput = z.strictObject({
  acceptedOn: date('受理日期', 'Date accepted'),
  mediatorIds: z
    .array(z.uuid().meta({ title: '调解员', en: 'Mediator', widget: 'mediator' }))
    .max(5, bi('调解员不超过五名', 'At most five mediators'))
    .meta({ title: '指定调解员（首位为主办；不填则按推荐）', en: 'Mediators (the first leads; empty = the suggested one)' })
    .optional(),
  // 双向派驻: a seconded judge or another colleague with an account joins the case.
  extraUserIds: z
    .array(z.uuid().meta({ title: '参与人员', en: 'Participant', widget: 'user' }))
    .max(5)
    .meta({ title: '其他参与人员（如派驻法官）', en: 'Other participants (e.g. seconded judges)' })
    .optional(),
  partiesChose: z.boolean().meta({ title: '由当事人选择调解员', en: 'Mediators chosen by the parties (Art 19)' }).default(false),
});

export const declineInput = z.strictObject({
  declinedOn: date('退回日期', 'Date declined'),
  reason: longText('不受理的理由', 'Why the committee declines', 1000),
});

/** Run by the system when the committee lets the acceptance period lapse. */
export const escalateInput = z.strictObject({
  escalatedOn: date('上移日期（受理期限届满之日）', 'Date escalated (last day of the acceptance period)'),
});

export const refuseInput = z.strictObject({
  recordedOn: date('记录日期', 'Date recorded'),
  refusedBy: choice('拒绝调解的当事人', 'Who refuses', {
    applicant: { zh: '申请人', en: 'Applicant' },
    other_party: { zh: '对方当事人', en: 'Other party' },
    both: { zh: '双方', en: 'Both' },
  }),
  note: longText('说明', 'Note', 1000).optional(),
});

// ── mediating ───────────────────────────────────────────────────────────────────────────────────

export const sessionInput = z.strictObject({
  heldOn: date('调解日期', 'Date of the session'),
  mode: choice('调解方式', 'Mode', sessionModeOptions),
  participants: z
    .array(text('参加人', 'Participant', 50))
    .min(1, bi('请填写参加人', 'List who took part'))
    .meta({ title: '参加人员', en: 'Participants' }),
  record: longText('调解记录', 'Record of the session', 10000),
});

export const extendInput = z.strictObject({
  agreedOn: date('双方同意延长日期', 'Date both parties agreed'),
  months: z.int().min(1).max(1).meta({ title: '延长月数', en: 'Months' }),
  bothPartiesAgree: z.literal(true, bi('延长调解期限须经双方当事人同意', 'Both parties must agree to extend')).meta({ title: '双方当事人同意延长', en: 'Both parties agree' }),
  reason: longText('延长理由', 'Reason', 1000),
});

const signature = z.strictObject({
  party: text('签署人', 'Signatory', 100),
  signedOn: date('签署日期', 'Date signed'),
  method: choice('签署方式', 'Method', signatureMethodOptions),
});

export const agreementInput = z
  .strictObject({
    effectiveOn: date('协议达成日期', 'Date the agreement was reached'),
    form: choice('协议形式', 'Form', {
      written: { zh: '书面调解协议', en: 'Written agreement (Art 28–29)' },
      oral: { zh: '口头协议', en: 'Oral agreement (Art 30)' },
    }),
    terms: longText('协议内容（当事人达成的调解协议内容）', 'Agreed terms', 10000),
    performanceManner: text('履行方式', 'How it is performed', 500),
    performanceDeadline: date('履行期限', 'Performance deadline').optional(),
    signatures: z.array(signature).max(20).meta({ title: '签名、盖章或按指印', en: 'Signatures, seals or fingerprints' }).default([]),
    mediatorSigned: z.boolean().meta({ title: '调解员已签名', en: 'Mediator signed' }).default(false),
    oralRecord: longText('口头协议内容记录（调解员）', 'Record of the oral agreement (by the mediator)', 5000).optional(),
    confirmationIntended: z.boolean().meta({ title: '当事人拟申请司法确认', en: 'Parties intend to apply for judicial confirmation' }).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.form === 'written' && !v.mediatorSigned)
      ctx.addIssue({ code: 'custom', path: ['mediatorSigned'], message: bi('书面调解协议须由调解员签名（第二十九条）', 'A written agreement needs the mediator’s signature (Art 29)') });
    if (v.form === 'oral' && !v.oralRecord)
      ctx.addIssue({ code: 'custom', path: ['oralRecord'], message: bi('口头协议由调解员记录协议内容（第三十条）', 'The mediator records the oral agreement (Art 30)') });
    if (v.form === 'oral' && v.confirmationIntended)
      ctx.addIssue({ code: 'custom', path: ['confirmationIntended'], message: bi('司法确认须以书面调解协议申请', 'Judicial confirmation needs a written agreement') });
    for (const [i, s] of v.signatures.entries())
      if (s.signedOn > v.effectiveOn)
        ctx.addIssue({ code: 'custom', path: ['signatures', i, 'signedOn'], message: bi('签署日期不能晚于协议达成日期；之后的签署请用「确认签署」', 'Later signatures are recorded with "Confirm signing"') });
  });

/** A party confirms their signature (on the portal, or staff record a late signature). */
export const signInput = z.strictObject({
  signedOn: date('签署日期', 'Date signed').optional(),
  party: text('签署人姓名', 'Name of the signatory', 100),
  method: choice('签署方式', 'Method', { ...signatureMethodOptions, online: { zh: '在线确认', en: 'Confirmed online' } }),
});

export const followUpInput = z
  .strictObject({
    followedUpOn: date('回访日期', 'Date of the follow-up'),
    performance: choice('履行情况', 'Performance', performanceOptions),
    note: longText('回访情况', 'Note', 2000).optional(),
    closeUnperformed: z.boolean().meta({ title: '未履行，告知诉讼途径后结案（第三十二条）', en: 'Not performed: close after telling parties they may sue (Art 32)' }).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.closeUnperformed && v.performance === 'full')
      ctx.addIssue({ code: 'custom', path: ['closeUnperformed'], message: bi('已全部履行的协议按履行完毕结案', 'A fully performed agreement closes as performed') });
  });

export const applyConfirmationInput = z.strictObject({
  appliedOn: date('申请日期', 'Date applied'),
  court: text('受理法院', 'Court', 100),
  jointApplication: z.literal(true, bi('司法确认须由双方当事人共同申请（第三十三条）', 'Both parties apply together (Art 33)')).meta({ title: '双方当事人共同申请', en: 'Joint application' }),
});

export const recordConfirmationInput = z.strictObject({
  ruledOn: date('裁定日期', 'Date of the ruling'),
  ruling: choice('法院裁定', 'Ruling', rulingOptions),
  rulingNumber: text('裁定书文号', 'Ruling number', 80).optional(),
});

// ── ending ──────────────────────────────────────────────────────────────────────────────────────

export const failInput = z.strictObject({
  endedOn: date('终止调解日期', 'Date mediation ended'),
  ground: choice('终止理由', 'Ground', failureGroundOptions),
  exitsTold: z
    .array(choice('告知的途径', 'Route told', exitOptions))
    .min(1, bi('调解不成的，应当告知当事人依法通过仲裁、行政、司法等途径维护权利（第二十六条）', 'Tell the parties about arbitration, administrative or court routes (Art 26)'))
    .meta({ title: '已告知当事人的途径（第二十六条）', en: 'Routes the parties were told about (Art 26)' }),
  note: longText('说明', 'Note', 2000).optional(),
});

export const handOffInput = z
  .strictObject({
    handedOffOn: date('移交日期', 'Date handed off'),
    channel: choice('移交途径', 'Target channel', handoffChannelOptions),
    reason: longText('移交理由', 'Why it belongs there', 2000),
    receivingBody: text('接收机关', 'Receiving body', 100).optional(),
    // For 行政复议: the act contested and the agency that made it.
    respondentAgencyId: agency('被申请人（作出行政行为的机关）', 'Respondent agency (that made the act)').optional(),
    actDescription: text('行政行为', 'Administrative act', 300).optional(),
    actDate: date('行政行为作出日期', 'Date of the act').optional(),
    knownOn: date('知道该行政行为之日', 'Date the applicant learned of the act').optional(),
    request: longText('复议请求', 'Request', 2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.channel !== 'reconsideration') return;
    const need = [
      ['respondentAgencyId', '移交行政复议须指明被申请人', 'Name the respondent agency for a reconsideration hand-off'],
      ['actDescription', '移交行政复议须写明行政行为', 'Describe the administrative act'],
      ['actDate', '请填写行政行为作出日期', 'Give the date of the act'],
      ['knownOn', '请填写知道该行政行为之日', 'Give the date the applicant learned of the act'],
    ] as const;
    for (const [key, zh, en] of need) if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: bi(zh, en) });
  });

export const withdrawInput = z.strictObject({
  withdrawnOn: date('撤回日期', 'Date withdrawn'),
  reason: longText('撤回理由', 'Reason', 1000),
});

export const archiveInput = z.strictObject({
  archivedOn: date('归档日期', 'Date archived'),
  fileNumber: text('档案号', 'File number', 60).optional(),
});

export const rateInput = z.strictObject({
  ratedOn: date('评价日期', 'Date rated').optional(),
  level: choice('满意度', 'Satisfaction', satisfactionOptions),
  comment: longText('意见建议', 'Comment', 1000).optional(),
});

// ── admin ───────────────────────────────────────────────────────────────────────────────────────

export const categoryInput = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, bi('代码为小写字母、数字和下划线', 'Lower-case letters, digits and underscores')).meta({ title: '代码', en: 'Code' }),
  parentCode: z.string().max(40).nullable().optional().meta({ title: '上级类别', en: 'Parent category' }),
  nameZh: text('中文名称', 'Name (Chinese)', 50),
  nameEn: text('英文名称', 'Name (English)', 100),
  sort: z.int().min(0).max(100000).default(0).meta({ title: '排序', en: 'Sort order' }),
  committeeIndustry: text('对应行业性调委会', 'Industry committee', 20).nullable().optional(),
});
export const categoryPatch = categoryInput.omit({ code: true }).partial();

export const LEVELS = ['village', 'town', 'county', 'industry'] as const;
export const committeeInput = z
  .strictObject({
    name: text('调委会名称', 'Committee name', 100),
    regionCode: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, bi('区划代码无效', 'Invalid region code')).meta({ title: '所在区划', en: 'Region', widget: 'region' }),
    level: choice('层级', 'Level', {
      village: { zh: '村（社区）', en: 'Village or community' },
      town: { zh: '乡镇（街道）', en: 'Town' },
      county: { zh: '县级矛调中心', en: 'County centre' },
      industry: { zh: '行业性专业性', en: 'Industry' },
    }),
    industry: text('行业', 'Industry', 20).optional(),
    accepts: z.array(categoryCode).default([]).meta({ title: '受理的纠纷类别（空 = 全部）', en: 'Categories taken (empty = all)' }),
    abbr: text('案号简称', 'Abbreviation for case numbers', 10).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.level === 'industry' && !v.industry)
      ctx.addIssue({ code: 'custom', path: ['industry'], message: bi('行业性调委会须注明行业', 'Name the industry') });
  });

export const ruleInput = z
  .strictObject({
    priority: z.int().min(0).max(100000).meta({ title: '优先级（小者优先）', en: 'Priority (lower first)' }),
    categoryCodes: z.array(categoryCode).default([]).meta({ title: '适用类别（空 = 全部）', en: 'Categories (empty = any)' }),
    target: choice('交办层级', 'Target', {
      industry: { zh: '行业性调委会', en: 'Industry committee' },
      village: { zh: '村（社区）调委会', en: 'Village committee' },
      town: { zh: '乡镇（街道）调委会', en: 'Town committee' },
      county: { zh: '县级矛调中心', en: 'County centre' },
    }),
    industry: text('行业', 'Industry', 20).nullable().optional(),
    noteZh: text('规则说明（中文）', 'Note (Chinese)', 200),
    noteEn: text('规则说明（英文）', 'Note (English)', 300),
    active: z.boolean().default(true).meta({ title: '启用', en: 'Active' }),
  })
  .superRefine((v, ctx) => {
    if (v.target === 'industry' && !v.industry)
      ctx.addIssue({ code: 'custom', path: ['industry'], message: bi('交行业性调委会的规则须注明行业', 'Name the industry') });
  });

// ── registers ───────────────────────────────────────────────────────────────────────────────────

export const mediatorInput = z.strictObject({
  name: text('姓名', 'Name', 50),
  committeeAgencyId: agency('所属调委会', 'Committee'),
  userId: z.uuid().meta({ title: '系统账号', en: 'User account', widget: 'user' }).optional(),
  specialties: z.array(categoryCode).default([]).meta({ title: '擅长类别', en: 'Specialties' }),
  regionCode: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, bi('区划代码无效', 'Invalid region code')).meta({ title: '所在区划', en: 'Region', widget: 'region' }),
  certificates: z
    .array(z.strictObject({ name: text('证书名称', 'Certificate', 100), number: text('证书编号', 'Number', 60), validUntil: date('有效期至', 'Valid until').optional() }))
    .default([])
    .meta({ title: '证书', en: 'Certificates' }),
  trainings: z
    .array(z.strictObject({ title: text('培训名称', 'Training', 100), date: date('培训日期', 'Date'), hours: z.number().min(0).max(1000).meta({ title: '学时', en: 'Hours' }) }))
    .default([])
    .meta({ title: '培训记录', en: 'Trainings' }),
  active: z.boolean().default(true).meta({ title: '在岗', en: 'Active' }),
  capacity: z.int().min(1).max(200).default(10).meta({ title: '同时在办上限', en: 'Capacity (open cases)' }),
});
export type MediatorInput = z.output<typeof mediatorInput>;

export const gridWorkerInput = z.strictObject({
  name: text('姓名', 'Name', 50),
  userId: z.uuid().meta({ title: '系统账号', en: 'User account', widget: 'user' }).optional(),
  gridCode: text('网格编码', 'Grid code', 40),
  gridName: text('网格名称', 'Grid name', 100),
  villageName: text('村（社区）', 'Village or community', 100),
  regionCode: z.string().regex(/^\d{9}$/, bi('请选择所在乡镇（街道）', 'Choose the town')).meta({ title: '所在乡镇（街道）', en: 'Town', widget: 'town' }),
  phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }),
});
