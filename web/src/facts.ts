/**
 * Labels of the facts the engine and the actions add to a case (outside the create form's schema),
 * so the case page never shows a raw key or raw JSON. Keys not listed here fall back to the key.
 */
import type { Bi } from './i18n.js';

/** Engine bookkeeping or duplicates of the parties table (which masks names): not shown as facts. */
export const HIDDEN_FACTS = new Set(['applicantKind', 'applicantName', 'plaintiffKind', 'plaintiffName', 'reconsiderationCaseId']);

/** Facts the case page shows in panels of their own (routing, similar disputes, means test). */
export const PANEL_FACTS = new Set(['routing', 'similar', 'meansTest']);

/** Resolver bookkeeping of a dispute (ids, search keys, copies of the parties table): not facts for people. */
export const DISPUTE_BOOKKEEPING = new Set(['mediatorIds', 'mediators', 'otherPartyName', 'disputeAddressKey', 'phoneHashes']);

export const FACT_LABELS: Record<string, Bi> = {
  // 行政复议
  acceptedOn: { zh: '受理日期', en: 'Accepted on' },
  caseOfficer: { zh: '承办人', en: 'Case officer' },
  correctionItems: { zh: '补正事项', en: 'Items to correct' },
  decision: { zh: '复议决定', en: 'Decision' },
  decisionTrack: { zh: '审理期限适用程序', en: 'Procedure for the decision period' },
  deemedAccepted: { zh: '视为受理', en: 'Deemed accepted' },
  hearing: { zh: '听证', en: 'Hearing' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  possiblyLate: { zh: '可能超过申请期限', en: 'Possibly out of time' },
  procedure: { zh: '审理程序', en: 'Procedure' },
  publication: { zh: '决定书公开', en: 'Publication' },
  rejection: { zh: '不予受理', en: 'Rejection' },
  servedOn: { zh: '送达日期', en: 'Served on' },
  simpleProcedureGround: { zh: '适用简易程序的情形', en: 'Ground for the simple procedure' },
  suspension: { zh: '中止', en: 'Suspension' },
  // 行政应诉
  appealWindow: { zh: '上诉期', en: 'Appeal window' },
  courtNoticeToAppear: { zh: '法院通知负责人出庭', en: 'Court asked the head to appear' },
  courtTrack: { zh: '审理轨道', en: 'Court track' },
  defence: { zh: '答辩', en: 'Defence' },
  effectiveOn: { zh: '生效日期', en: 'Effective on' },
  headAppeared: { zh: '负责人出庭', en: 'Head appeared' },
  headAppearedInPerson: { zh: '负责人本人出庭', en: 'Head appeared in person' },
  hearings: { zh: '庭审', en: 'Hearings' },
  judgment: { zh: '裁判', en: 'Judgment' },
  plannedHearingOn: { zh: '拟开庭日期', en: 'Planned hearing date' },
  plannedPerson: { zh: '拟出庭人员', en: 'Planned appearance' },
  // nested keys
  actDate: { zh: '行为作出日期', en: 'Date of the act' },
  category: { zh: '类别', en: 'Category' },
  compensation: { zh: '行政赔偿', en: 'Compensation' },
  copiedToSuperior: { zh: '已抄告上一级主管部门', en: 'Copied to superior' },
  date: { zh: '日期', en: 'Date' },
  decidedOn: { zh: '决定日期', en: 'Decided on' },
  description: { zh: '内容', en: 'Description' },
  documentNumber: { zh: '文书编号', en: 'Document number' },
  evidenceFiledOn: { zh: '提交证据日期', en: 'Evidence filed on' },
  filedOn: { zh: '提交日期', en: 'Filed on' },
  ground: { zh: '情形', en: 'Ground' },
  grounds: { zh: '理由', en: 'Grounds' },
  heldOn: { zh: '开庭日期', en: 'Held on' },
  judgedOn: { zh: '裁判日期', en: 'Judged on' },
  knownOn: { zh: '知道之日', en: 'Known on' },
  mandatory: { zh: '应当听证', en: 'Mandatory' },
  name: { zh: '姓名', en: 'Name' },
  normativeBasisSubmitted: { zh: '已提交规范性文件依据', en: 'Normative basis submitted' },
  on: { zh: '日期', en: 'Date' },
  online: { zh: '在线庭审', en: 'Online' },
  orderRemake: { zh: '责令重新作出', en: 'Ordered to act again' },
  place: { zh: '地点', en: 'Place' },
  post: { zh: '职务', en: 'Post' },
  qualifying: { zh: '计入出庭', en: 'Counts as appearance' },
  since: { zh: '起始日期', en: 'Since' },
  type: { zh: '类型', en: 'Type' },
  url: { zh: '网址', en: 'URL' },
};

/** Values of the engine's own enums (the manifests' form options cover the rest). */
export const VALUE_LABELS: Record<string, Bi> = {
  ordinary: { zh: '普通程序', en: 'Ordinary procedure' },
  simple: { zh: '简易程序', en: 'Simple procedure' },
  first: { zh: '一审', en: 'First instance' },
  second: { zh: '二审', en: 'Second instance' },
  first_ordinary: { zh: '一审普通程序', en: 'First instance, ordinary' },
  first_simple: { zh: '一审简易程序', en: 'First instance, simple' },
  judgment: { zh: '判决', en: 'Judgment' },
  ruling: { zh: '裁定', en: 'Ruling' },
  head: { zh: '负责人', en: 'Head' },
  deputy: { zh: '副职负责人', en: 'Deputy head' },
  none: { zh: '无', en: 'None' },
};
