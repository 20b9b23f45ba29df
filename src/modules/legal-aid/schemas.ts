import { z } from 'zod';
import { choice, date, longText, options, text } from '../../kernel/cases/fields.js';
import { bi } from '../../kernel/http/validate.js';
import { zIdNumber, zPhone } from '../../kernel/org/validators.js';

/**
 * Input schemas of 法律援助 (法律援助法 2021, in force 2022-01-01). One per create/action; the web
 * renders forms from their JSON Schema, so every field carries `title` (zh) and `en`.
 */

// ── options ─────────────────────────────────────────────────────────────────────────────────────

export const matterTypeOptions = options({
  civil: { zh: '民事', en: 'Civil' },
  criminal: { zh: '刑事', en: 'Criminal' },
  administrative: { zh: '行政', en: 'Administrative' },
  non_litigation: { zh: '非诉讼事项', en: 'Non-litigation matter' },
});

export const subjectOptions = options({
  wages: { zh: '追索劳动报酬', en: 'Unpaid wages' },
  work_injury: { zh: '工伤', en: 'Work injury' },
  labour_other: { zh: '其他劳动争议', en: 'Other labour dispute' },
  marriage_family: { zh: '婚姻家庭', en: 'Marriage and family' },
  maintenance: { zh: '赡养、抚养、扶养', en: 'Maintenance and support' },
  traffic_accident: { zh: '交通事故', en: 'Traffic accident' },
  medical: { zh: '医疗纠纷', en: 'Medical dispute' },
  personal_injury: { zh: '人身损害赔偿', en: 'Personal injury' },
  contract: { zh: '合同纠纷', en: 'Contract dispute' },
  social_insurance: { zh: '社会保险待遇', en: 'Social insurance benefits' },
  state_compensation: { zh: '国家赔偿', en: 'State compensation' },
  criminal_defence: { zh: '刑事辩护', en: 'Criminal defence' },
  victim_representation: { zh: '刑事被害人代理', en: 'Representation of a crime victim' },
  other: { zh: '其他', en: 'Other' },
});
export type Subject = keyof typeof subjectOptions;

export const proceedingOptions = options({
  litigation: { zh: '诉讼', en: 'Litigation' },
  arbitration: { zh: '仲裁', en: 'Arbitration' },
  non_litigation: { zh: '非诉讼', en: 'Non-litigation' },
});

/** How the application reached the centre (第三十六条、第三十九条 forward and notify). */
export const channelOptions = options({
  window: { zh: '窗口申请', en: 'At the window' },
  phone: { zh: '电话申请', en: 'By phone' },
  online: { zh: '网上申请', en: 'Online' },
  forwarded_by_detention: { zh: '办案机关、监管场所转交（第三十九条）', en: 'Forwarded by the detention facility (Art 39)' },
  notified_by_court: { zh: '人民法院、人民检察院、公安机关通知辩护（第二十五条、第三十六条）', en: 'Notified by court, procuratorate or police (Arts 25, 36)' },
  handed_over: { zh: '矛盾纠纷调解移交', en: 'Handed over from mediation' },
});

/** 第三十二条: no means test at all; 第四十二条: 免予核查 on proof of belonging to the group. */
export const exemptGroupOptions = options({
  none: { zh: '不属于免审或免核查情形', en: 'Not exempt' },
  hero_relatives: { zh: '英雄烈士近亲属维护英雄烈士人格权益（第三十二条第一项）', en: 'Next of kin of heroes and martyrs protecting their personality rights (Art 32(1))' },
  good_samaritan: { zh: '因见义勇为行为主张相关民事权益（第三十二条第二项）', en: 'Civil claims arising from an act of bravery (Art 32(2))' },
  wrongful_conviction: { zh: '再审改判无罪请求国家赔偿（第三十二条第三项）', en: 'State compensation after acquittal on retrial (Art 32(3))' },
  abuse_victim: { zh: '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益（第三十二条第四项）', en: 'Victim of abuse, abandonment or domestic violence (Art 32(4))' },
  art32_other: { zh: '法律、法规、规章规定的其他不受经济困难条件限制的情形（第三十二条第五项）', en: 'Other cases without means test set by law (Art 32(5))' },
  vulnerable_no_income: { zh: '无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条第一项）', en: 'Minors, elderly or disabled people without fixed income (Art 42(1))' },
  assistance_recipient: { zh: '社会救助、司法救助或者优抚对象（第四十二条第二项）', en: 'Recipient of social or judicial assistance, or entitled group (Art 42(2))' },
  migrant_worker: { zh: '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条第三项）', en: 'Migrant worker claiming wages or work-injury damages (Art 42(3))' },
  art42_other: { zh: '法律、法规、规章规定的其他免予核查人员（第四十二条第四项）', en: 'Others exempt from verification by law (Art 42(4))' },
});
export type ExemptGroup = keyof typeof exemptGroupOptions;

/** 第四十四条 grounds for 先行提供. */
export const provisionalGroundOptions = options({
  limitation_near: { zh: '距法定时效或者期限届满不足七日（第四十四条第一项）', en: 'Fewer than seven days to a limitation period or deadline (Art 44(1))' },
  urgent_preservation: { zh: '需要立即申请财产保全、证据保全或者先予执行（第四十四条第二项）', en: 'Immediate preservation or advance execution needed (Art 44(2))' },
  other: { zh: '法律、法规、规章规定的其他情形（第四十四条第三项）', en: 'Other cases set by law (Art 44(3))' },
});

export const refusalGroundOptions = options({
  not_in_scope: { zh: '申请事项不属于法律援助范围', en: 'The matter is outside the scope of legal aid' },
  not_in_difficulty: { zh: '申请人不符合经济困难标准', en: 'The applicant does not meet the financial hardship standard' },
  no_merit: { zh: '申请事项明显缺乏事实或法律依据', en: 'The claim plainly lacks factual or legal basis' },
  has_counsel: { zh: '申请人已委托代理人或辩护人', en: 'The applicant already has counsel' },
  other: { zh: '其他不符合法律援助条件的情形', en: 'Other reasons' },
});

/** 第四十八条, all eight grounds. */
export const terminationGroundOptions = options({
  fraud: { zh: '受援人以欺骗或者其他不正当手段获得法律援助（第一项）', en: 'Aid obtained by deception or other improper means (1)' },
  concealment: { zh: '受援人故意隐瞒与案件有关的重要事实或者提供虚假证据（第二项）', en: 'Material facts concealed or false evidence given (2)' },
  illegal_use: { zh: '受援人利用法律援助从事违法活动（第三项）', en: 'Legal aid used for illegal activities (3)' },
  finances_improved: { zh: '受援人的经济状况发生变化，不再符合法律援助条件（第四项）', en: 'Financial situation changed; no longer eligible (4)' },
  proceedings_ended: { zh: '案件终止审理或者已经被撤销（第五项）', en: 'Proceedings terminated or the case withdrawn (5)' },
  own_counsel: { zh: '受援人自行委托律师或者其他代理人（第六项）', en: 'The aided person hired their own lawyer or agent (6)' },
  recipient_request: { zh: '受援人有正当理由要求终止法律援助（第七项）', en: 'The aided person asks to end aid with good reason (7)' },
  other: { zh: '法律法规规定的其他情形（第八项）', en: 'Other cases set by law (8)' },
});

export const providerKindOptions = options({
  lawyer: { zh: '律师', en: 'Lawyer' },
  grassroots_worker: { zh: '基层法律服务工作者', en: 'Grassroots legal service worker' },
  volunteer: { zh: '法律援助志愿者', en: 'Legal aid volunteer' },
  staff: { zh: '法律援助机构工作人员', en: 'Legal aid centre staff' },
});

export const closeOutcomeOptions = options({
  won: { zh: '胜诉', en: 'Won' },
  partly_won: { zh: '部分胜诉', en: 'Partly won' },
  lost: { zh: '败诉', en: 'Lost' },
  mediated: { zh: '调解结案', en: 'Mediated' },
  settled: { zh: '和解', en: 'Settled' },
  case_withdrawn: { zh: '撤诉、撤回', en: 'Withdrawn' },
  defence_adopted: { zh: '辩护（代理）意见被采纳', en: 'Defence submissions adopted' },
  defence_partly_adopted: { zh: '辩护（代理）意见部分采纳', en: 'Defence submissions partly adopted' },
  defence_not_adopted: { zh: '辩护（代理）意见未被采纳', en: 'Defence submissions not adopted' },
  other: { zh: '其他', en: 'Other' },
});
export type CloseOutcome = keyof typeof closeOutcomeOptions;

export const qualityMethodOptions = options({
  hearing_observation: { zh: '庭审旁听', en: 'Hearing observation' },
  file_review: { zh: '案卷检查', en: 'File review' },
  judicial_opinion: { zh: '征询司法机关意见', en: 'Opinion of the judicial organ' },
  recipient_visit: { zh: '回访受援人', en: 'Visit to the aided person' },
});

export const qualityRatingOptions = options({
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
});

export const satisfactionOptions = options({
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
});
/** The levels counted as satisfied in 满意率 (非常满意, 满意, 基本满意). */
export const SATISFIED_LEVELS: readonly string[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];

// ── shared fields ───────────────────────────────────────────────────────────────────────────────

const yuan = (zh: string, en: string) =>
  z
    .number()
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(1e11, bi(`${zh}超出范围`, `${en} is out of range`))
    .meta({ title: `${zh}（元）`, en: `${en} (yuan)` });

export const householdSize = z
  .number()
  .int(bi('家庭人口应为整数', 'Household size must be a whole number'))
  .min(1, bi('家庭人口至少为1人', 'Household size is at least 1'))
  .max(30, bi('家庭人口超出范围', 'Household size is out of range'))
  .meta({ title: '家庭人口数', en: 'Household size' });
export const householdMonthlyIncome = yuan('家庭月收入合计', 'Household monthly income');

const countyCode = z
  .string()
  .regex(/^\d{6}$/, bi('请选择申请所在县（市、区）', 'Choose the county the application is made in'))
  .meta({ title: '申请地（县、市、区）', en: 'County of application', widget: 'region' });

const applicant = z
  .strictObject({
    name: text('姓名', 'Name', 50),
    // Optional only for hand-offs and detainees' forwarded applications; the centre asks for it as material.
    idNumber: zIdNumber.meta({ title: '居民身份证号码', en: 'Resident ID number', widget: 'idNumber' }).optional(),
    phone: zPhone.meta({ title: '联系电话', en: 'Phone', widget: 'phone' }).optional(),
    address: text('住址', 'Address', 200).optional(),
  })
  .meta({ title: '申请人', en: 'Applicant' });

// ── create ──────────────────────────────────────────────────────────────────────────────────────

export const createInput = z
  .strictObject({
    applicant,
    matterType: choice('案件类别', 'Matter type', matterTypeOptions),
    subject: choice('案由', 'Subject', subjectOptions),
    proceeding: choice('诉讼/非诉讼', 'Proceeding', proceedingOptions),
    handlingAuthority: text('办案机关或争议处理机关', 'Court, arbitration body or other handling authority', 100).optional(),
    opposingParty: text('对方当事人', 'Opposing party', 100).optional(),
    amountClaimed: yuan('请求金额', 'Amount claimed').optional(),
    facts: longText('案情及申请理由', 'Facts and reasons', 5000),
    channel: choice('申请渠道', 'Channel', channelOptions),
    receivedOn: date('收到申请日期', 'Date received'),
    regionCode: countyCode,
    // Means test: left empty at hand-off (unknown then); required before a grant unless exempt.
    householdSize: householdSize.optional(),
    householdMonthlyIncome: householdMonthlyIncome.optional(),
    exemptGroup: choice('免审或免核查情形', 'Exempt group', exemptGroupOptions).default('none'),
    integrityPledge: z.boolean().meta({ title: '已作出经济困难状况个人诚信承诺', en: 'Personal integrity pledge on financial hardship signed' }).default(false),
  })
  .superRefine((v, ctx) => {
    // The 查询码 answers to a phone; only cases arriving through an organ may come without one.
    if (!v.applicant.phone && !['forwarded_by_detention', 'notified_by_court', 'handed_over'].includes(v.channel))
      ctx.addIssue({ code: 'custom', path: ['applicant', 'phone'], message: bi('请填写联系电话', 'Phone is required') });
    if ((v.householdSize === undefined) !== (v.householdMonthlyIncome === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.householdSize === undefined ? 'householdSize' : 'householdMonthlyIncome'],
        message: bi('家庭人口数与家庭月收入应一并填写', 'Give household size and income together'),
      });
  });
export type CreateInput = z.output<typeof createInput>;

// ── review ──────────────────────────────────────────────────────────────────────────────────────

export const requestMaterialInput = z.strictObject({
  noticeDate: date('告知日期', 'Date of notice'),
  items: z
    .array(text('材料或说明事项', 'Item', 200))
    .min(1, bi('请列明需要补充的材料', 'List the materials needed'))
    .max(30)
    .meta({ title: '一次性告知补充材料清单', en: 'One-time list of materials to supply (Art 43(2))' }),
});

export const supplementMaterialInput = z
  .strictObject({
    receivedOn: date('收到补充材料日期', 'Date received'),
    note: text('补充情况', 'What was supplied', 500).optional(),
    householdSize: householdSize.optional(),
    householdMonthlyIncome: householdMonthlyIncome.optional(),
    exemptGroup: choice('免审或免核查情形', 'Exempt group', exemptGroupOptions).optional(),
    integrityPledge: z.boolean().meta({ title: '已作出个人诚信承诺', en: 'Integrity pledge signed' }).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.householdSize === undefined) !== (v.householdMonthlyIncome === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.householdSize === undefined ? 'householdSize' : 'householdMonthlyIncome'],
        message: bi('家庭人口数与家庭月收入应一并填写', 'Give household size and income together'),
      });
  });

export const deemWithdrawnInput = z.strictObject({
  recordedOn: date('视为撤回日期', 'Date deemed withdrawn'),
});

export const grantInput = z.strictObject({
  decidedOn: date('决定日期', 'Date of decision'),
  form: choice('援助形式', 'Form of aid', {
    defence: { zh: '刑事辩护与代理', en: 'Criminal defence and representation' },
    litigation_agency: { zh: '诉讼代理', en: 'Litigation representation' },
    non_litigation_agency: { zh: '非诉讼代理', en: 'Non-litigation representation' },
    labour_arbitration: { zh: '劳动争议调解与仲裁代理', en: 'Labour mediation and arbitration' },
    drafting: { zh: '代拟法律文书', en: 'Drafting legal documents' },
  }),
  // Needed only when the reviewer grants although the means test failed or is incomplete.
  overrideReason: text('未通过经济困难审查仍予援助的理由', 'Reason for granting despite the means test', 1000).optional(),
});

export const provideProvisionallyInput = z.strictObject({
  decidedOn: date('决定日期', 'Date of decision'),
  ground: choice('先行提供理由', 'Ground', provisionalGroundOptions),
  deadline: date('时效或期限届满日', 'Limitation or deadline date').optional(),
  note: text('情况说明', 'Explanation', 1000).optional(),
});

export const refuseInput = z.strictObject({
  decidedOn: date('决定日期', 'Date of decision'),
  grounds: z.array(choice('理由', 'Ground', refusalGroundOptions)).min(1, bi('请选择不予援助的理由', 'Choose at least one ground')).meta({ title: '不予法律援助的理由', en: 'Grounds' }),
  reasoning: longText('具体理由', 'Reasoning', 5000),
});

export const transferInput = z.strictObject({
  transferredOn: date('转交日期', 'Date transferred'),
  competentCentre: text('有管辖权的法律援助机构', 'Competent legal aid centre', 100),
  reason: text('转交理由', 'Reason', 500),
});

// ── service ─────────────────────────────────────────────────────────────────────────────────────

export const assignInput = z.strictObject({
  assignedOn: date('指派日期', 'Date assigned'),
  providerId: z.uuid(bi('请选择法律援助人员', 'Choose the aid provider')).meta({ title: '法律援助人员', en: 'Aid provider', widget: 'register:provider' }),
  note: text('备注', 'Note', 500).optional(),
});

export const reportProgressInput = z.strictObject({
  reportedOn: date('报告日期', 'Date reported'),
  summary: longText('办理进展', 'Progress', 5000),
  matterConcluded: z.boolean().meta({ title: '援助事项已办结（开始计算结案报告期限）', en: 'The matter has concluded (closing report period starts)' }).default(false),
});

export const terminateInput = z.strictObject({
  decidedOn: date('终止决定日期', 'Date of decision'),
  ground: choice('终止理由（第四十八条）', 'Ground (Art 48)', terminationGroundOptions),
  reasoning: longText('具体情况', 'Details', 5000),
});

export const closeInput = z.strictObject({
  closedOn: date('结案日期（提交结案报告）', 'Date closed (closing report)'),
  result: choice('办理结果', 'Result', closeOutcomeOptions),
  recoveredAmount: yuan('挽回经济损失', 'Economic losses recovered'),
  report: longText('结案报告', 'Closing report', 20000),
});

export const qualityCheckInput = z.strictObject({
  checkedOn: date('检查日期', 'Date checked'),
  method: choice('质量监督方式', 'Method', qualityMethodOptions),
  rating: choice('质量评估', 'Rating', qualityRatingOptions),
  note: text('意见', 'Remarks', 1000).optional(),
});

export const followUpInput = z.strictObject({
  visitedOn: date('回访日期', 'Date of the follow-up'),
  satisfaction: choice('满意度', 'Satisfaction', satisfactionOptions),
  comment: text('受援人意见', 'Comments of the aided person', 1000).optional(),
});

/** The applicant's own rating on the portal (no date field: today). */
export const rateInput = z.strictObject({
  satisfaction: choice('满意度', 'Satisfaction', satisfactionOptions),
  comment: text('意见建议', 'Comments', 1000).optional(),
});

// ── objection (第四十九条) ──────────────────────────────────────────────────────────────────────

export const objectInput = z.strictObject({
  receivedOn: date('收到异议日期', 'Date the objection was received'),
  reasons: longText('异议理由', 'Reasons', 5000),
});

/** 司法行政部门's decision on the objection: 维持 or 责令改正 (same fields, two actions). */
export const objectionDecisionInput = z.strictObject({
  decidedOn: date('审查决定日期', 'Date of decision'),
  reviewer: text('审查的司法行政部门', 'Reviewing justice bureau', 100),
  reasoning: longText('审查意见', 'Reasoning', 5000),
});
