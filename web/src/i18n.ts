/**
 * zh-CN first, en-US beside it: every UI string of the web app is in this table. Labels that come
 * from the API are {zh, en} objects too and are shown with `pick`.
 */
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

export interface Bi {
  zh: string;
  en: string;
}

export const strings = {
  appName: { zh: '法治政府建设工作平台', en: 'Fazhi — Law-Based Government' },
  appShort: { zh: '法治', en: 'Fazhi' },
  portalName: { zh: '法治服务网上办理', en: 'Fazhi Online Services' },
  langSwitch: { zh: '中文', en: 'EN' },

  // auth
  login: { zh: '登录', en: 'Sign in' },
  loginTitle: { zh: '工作人员登录', en: 'Staff sign-in' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  logout: { zh: '退出', en: 'Sign out' },
  loginFailed: { zh: '登录失败', en: 'Sign-in failed' },
  toPortal: { zh: '群众办事请进入公众服务入口', en: 'Members of the public: go to the public portal' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  mustChangePassword: { zh: '首次登录或密码已重置，请先修改密码。', en: 'Please change your password before continuing.' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  confirmPassword: { zh: '确认新密码', en: 'Confirm new password' },
  passwordMismatch: { zh: '两次输入的密码不一致', en: 'The passwords do not match' },
  passwordChanged: { zh: '密码已修改', en: 'Password changed' },

  // menu
  menu: { zh: '菜单', en: 'Menu' },
  menuTodo: { zh: '待办', en: 'To-do' },
  menuCases: { zh: '案件', en: 'Cases' },
  menuNew: { zh: '登记', en: 'Register' },
  menuImport: { zh: '批量导入', en: 'Import' },
  menuCockpit: { zh: '驾驶舱', en: 'Cockpit' },
  menuAdmin: { zh: '系统管理', en: 'Administration' },
  menuUsers: { zh: '用户', en: 'Users' },
  menuRoles: { zh: '角色与权限', en: 'Roles' },
  menuCalendar: { zh: '工作日历', en: 'Calendar' },
  calendarAlerts: { zh: '工作日历提醒', en: 'Calendar alerts' },

  // generic
  loading: { zh: '加载中…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  reload: { zh: '刷新', en: 'Reload' },
  submit: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  save: { zh: '保存', en: 'Save' },
  add: { zh: '添加', en: 'Add' },
  remove: { zh: '删除', en: 'Remove' },
  edit: { zh: '编辑', en: 'Edit' },
  search: { zh: '查询', en: 'Search' },
  reset: { zh: '重置', en: 'Reset' },
  back: { zh: '返回', en: 'Back' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  none: { zh: '无', en: 'None' },
  all: { zh: '全部', en: 'All' },
  saved: { zh: '已保存', en: 'Saved' },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  noPermission: { zh: '无权访问此页面', en: 'You may not open this page' },
  formErrors: { zh: '请修正以下问题', en: 'Please correct the following' },
  requiredHint: { zh: '此项为必填', en: 'Required' },
  tooShort: { zh: '至少 {n} 个字符', en: 'At least {n} characters' },
  tooLong: { zh: '最多 {n} 个字符', en: 'At most {n} characters' },
  badFormat: { zh: '格式可能不正确', en: 'The format looks wrong' },
  addItem: { zh: '添加一项', en: 'Add item' },
  item: { zh: '第 {n} 项', en: 'Item {n}' },
  searchCase: { zh: '输入案号或标题搜索案件', en: 'Search a case by number or title' },
  searchAgency: { zh: '输入名称搜索机关', en: 'Type to search agencies' },
  chooseRegion: { zh: '选择行政区划', en: 'Choose a region' },
  total: { zh: '共 {n} 条', en: '{n} in total' },
  copied: { zh: '已复制', en: 'Copied' },
  copy: { zh: '复制', en: 'Copy' },
  download: { zh: '下载', en: 'Download' },
  upload: { zh: '上传', en: 'Upload' },
  uploaded: { zh: '已上传', en: 'Uploaded' },

  // to-do
  todoTitle: { zh: '待办事项', en: 'To-do' },
  todoHint: { zh: '按最近的法定期限排序', en: 'Ordered by the nearest statutory deadline' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  dueSoon: { zh: '即将到期', en: 'Due soon' },
  running: { zh: '期限内', en: 'On time' },
  paused: { zh: '暂停中', en: 'Paused' },
  met: { zh: '按期办结', en: 'Met' },
  missed: { zh: '超期办结', en: 'Missed' },
  provisional: { zh: '临时（日历未加载）', en: 'Provisional (calendar not loaded)' },
  provisionalHint: {
    zh: '到期日所在年度的法定节假日尚未导入，目前按周一至周五推算，导入日历后会重新计算。',
    en: 'The official holidays of that year are not loaded yet; the date assumes Mon–Fri and will be recomputed.',
  },
  daysLeft: { zh: '剩 {n} 个工作日', en: '{n} working days left' },
  daysOverdue: { zh: '逾期 {n} 日', en: '{n} days overdue' },
  dueToday: { zh: '今日到期', en: 'Due today' },
  dueOn: { zh: '到期 {d}', en: 'Due {d}' },
  nothingToDo: { zh: '暂无待办', en: 'Nothing to do' },

  // case list
  casesTitle: { zh: '案件列表', en: 'Cases' },
  allTypes: { zh: '全部类型', en: 'All types' },
  colNumber: { zh: '案号', en: 'Number' },
  colTitle: { zh: '标题', en: 'Title' },
  colType: { zh: '类型', en: 'Type' },
  colState: { zh: '状态', en: 'State' },
  colApplicant: { zh: '申请人/原告', en: 'Applicant / plaintiff' },
  colAgency: { zh: '承办机关', en: 'Handling agency' },
  colSubject: { zh: '被申请人/被告', en: 'Respondent' },
  colRegion: { zh: '区域', en: 'Region' },
  colReceived: { zh: '收到日期', en: 'Received' },
  colClosed: { zh: '结案日期', en: 'Closed' },
  colClock: { zh: '法定期限', en: 'Deadline' },
  colOutcome: { zh: '结果', en: 'Outcome' },
  filterState: { zh: '状态', en: 'State' },
  filterCategory: { zh: '阶段', en: 'Stage' },
  filterDue: { zh: '期限', en: 'Deadline' },
  filterDate: { zh: '收到日期', en: 'Received between' },
  filterRegion: { zh: '区域', en: 'Region' },
  filterText: { zh: '案号、标题、当事人', en: 'Number, title, party' },
  sortBy: { zh: '排序', en: 'Sort' },
  sortDue: { zh: '按期限', en: 'By deadline' },
  sortReceived: { zh: '按收到日期', en: 'By received date' },
  sortNumber: { zh: '按案号', en: 'By number' },
  catOpen: { zh: '办理中', en: 'Open' },
  catPaused: { zh: '中止', en: 'Paused' },
  catClosed: { zh: '已办结', en: 'Closed' },
  exportExcel: { zh: '导出 Excel', en: 'Export to Excel' },
  newCase: { zh: '登记新案件', en: 'Register a case' },
  noNumber: { zh: '（未编号）', en: '(no number)' },

  // new case
  newCaseTitle: { zh: '登记：{type}', en: 'Register: {type}' },
  created: { zh: '已登记', en: 'Registered' },
  unknownType: { zh: '未知的案件类型', en: 'Unknown case type' },

  // detail
  facts: { zh: '基本情况', en: 'Facts' },
  parties: { zh: '当事人', en: 'Parties' },
  partyRole: { zh: '身份', en: 'Role' },
  partyName: { zh: '名称/姓名', en: 'Name' },
  partyPhone: { zh: '电话', en: 'Phone' },
  partyId: { zh: '证件号码', en: 'ID number' },
  partyCredit: { zh: '统一社会信用代码', en: 'Credit code' },
  clocks: { zh: '法定期限', en: 'Statutory deadlines' },
  clockStarted: { zh: '起算', en: 'Started' },
  clockDue: { zh: '届满', en: 'Due' },
  clockStopped: { zh: '完成', en: 'Done' },
  basis: { zh: '法律依据', en: 'Legal basis' },
  timeline: { zh: '办理过程', en: 'Timeline' },
  effectiveOn: { zh: '生效日期', en: 'Effective' },
  links: { zh: '关联案件', en: 'Linked cases' },
  linkOut: { zh: '本案 →', en: 'This case →' },
  linkIn: { zh: '→ 本案', en: '→ This case' },
  addLink: { zh: '关联案件', en: 'Link a case' },
  linkNumber: { zh: '对方案号', en: 'Other case number' },
  linkRelation: { zh: '关系', en: 'Relation' },
  attachments: { zh: '附件', en: 'Attachments' },
  attachmentKind: { zh: '材料类别', en: 'Kind' },
  kindEvidence: { zh: '证据材料', en: 'Evidence' },
  kindMaterial: { zh: '案卷材料', en: 'Case material' },
  kindOther: { zh: '其他', en: 'Other' },
  documents: { zh: '文书', en: 'Documents' },
  notYetAvailable: { zh: '尚不可生成', en: 'Not yet available' },
  actions: { zh: '办理', en: 'Actions' },
  noActions: { zh: '当前没有可执行的操作', en: 'No action available now' },
  confirmWarning: { zh: '此操作将改变案件状态且不可撤销，请确认后提交。', en: 'This action changes the case and cannot be undone.' },
  staleVersion: { zh: '案件已被他人更新，已重新加载，请核对后再操作。', en: 'The case was changed by someone else; it has been reloaded.' },
  actionDone: { zh: '已办理：{a}', en: 'Done: {a}' },
  trackingCode: { zh: '查询码', en: 'Tracking code' },
  version: { zh: '版本', en: 'Version' },
  receivedOn: { zh: '收到日期', en: 'Received' },
  closedOn: { zh: '结案日期', en: 'Closed' },
  agency: { zh: '承办机关', en: 'Handling agency' },
  subjectAgency: { zh: '被申请人/被告', en: 'Respondent agency' },
  region: { zh: '区域', en: 'Region' },
  outcome: { zh: '结果', en: 'Outcome' },
  state: { zh: '状态', en: 'State' },
  type: { zh: '类型', en: 'Type' },

  // import
  importTitle: { zh: '批量导入', en: 'Import' },
  importType: { zh: '案件类型', en: 'Case type' },
  importFile: { zh: '选择文件（xlsx 或 csv）', en: 'Choose a file (xlsx or csv)' },
  importTemplate: { zh: '下载导入模板', en: 'Download the template' },
  dryRun: { zh: '试导入（只检查，不写入）', en: 'Dry run (check only)' },
  commitImport: { zh: '确认导入', en: 'Import now' },
  importReport: { zh: '检查结果', en: 'Check report' },
  importSummary: { zh: '共 {total} 行，通过 {ok} 行，有误 {failed} 行', en: '{total} rows: {ok} ok, {failed} with errors' },
  importCreated: { zh: '已导入 {n} 件', en: '{n} cases imported' },
  importFixFirst: { zh: '请修正有误的行后重新试导入', en: 'Fix the rows with errors and run the check again' },
  row: { zh: '行', en: 'Row' },
  rowOk: { zh: '通过', en: 'OK' },
  rowErrors: { zh: '问题', en: 'Problems' },

  // cockpit
  cockpitTitle: { zh: '法治政府建设驾驶舱', en: 'Law-based government cockpit' },
  year: { zh: '年度', en: 'Year' },
  wholeCity: { zh: '全市', en: 'Whole city' },
  numerator: { zh: '分子', en: 'Numerator' },
  denominator: { zh: '分母', en: 'Denominator' },
  definition: { zh: '口径', en: 'Definition' },
  source: { zh: '来源', en: 'Source' },
  byCounty: { zh: '按县（市、区）', en: 'By county' },
  byMonth: { zh: '按月', en: 'By month' },
  drillDown: { zh: '明细', en: 'Records' },
  drillNumerator: { zh: '分子明细', en: 'Numerator records' },
  drillDenominator: { zh: '分母明细', en: 'Denominator records' },
  noData: { zh: '暂无数据', en: 'No data' },
  clickToDrill: { zh: '点击数字或图形查看明细', en: 'Click a figure or a bar to see the records' },

  // admin
  usersTitle: { zh: '用户管理', en: 'Users' },
  newUser: { zh: '新增用户', en: 'New user' },
  displayName: { zh: '姓名', en: 'Name' },
  roles: { zh: '角色', en: 'Roles' },
  agencyOnly: { zh: '仅本机关数据', en: 'Own agency only' },
  disabled: { zh: '停用', en: 'Disabled' },
  locked: { zh: '已锁定', en: 'Locked' },
  active: { zh: '正常', en: 'Active' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  unlock: { zh: '解锁', en: 'Unlock' },
  newPasswordOnce: { zh: '新密码（只显示一次，请告知本人）', en: 'New password (shown once; give it to the user)' },
  initialPassword: { zh: '初始密码', en: 'Initial password' },
  rolesTitle: { zh: '角色与权限', en: 'Roles and permissions' },
  newRole: { zh: '新增角色', en: 'New role' },
  roleKey: { zh: '角色标识', en: 'Role key' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  permissions: { zh: '权限', en: 'Permissions' },
  extraPermissions: { zh: '其他权限（通配符，如 reconsideration.*）', en: 'Other permissions (wildcards such as reconsideration.*)' },
  calendarTitle: { zh: '工作日历', en: 'Working-day calendar' },
  calendarHint: {
    zh: '法定节假日与调休上班日按国务院办公厅每年发布的通知录入；期限按此日历计算。',
    en: 'Holidays and make-up working days follow the State Council notice of each year; deadlines are counted on this calendar.',
  },
  day: { zh: '日期', en: 'Date' },
  kind: { zh: '类别', en: 'Kind' },
  holiday: { zh: '放假', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Make-up working day' },
  dayName: { zh: '名称', en: 'Name' },
  addDay: { zh: '添加日期', en: 'Add a day' },
  importCalendar: { zh: '导入国务院通知文本', en: 'Import the State Council notice' },
  importCalendarHint: {
    zh: '按通知逐行录入，例如：\nyear: 2027\nsource: 国办发明电〔2026〕X号\nholiday 2027-01-01..2027-01-03 元旦\nworkday 2027-02-06 春节调休上班',
    en: 'One line per entry of the notice, e.g.:\nyear: 2027\nsource: 国办发明电〔2026〕X号\nholiday 2027-01-01..2027-01-03 元旦\nworkday 2027-02-06 春节调休上班',
  },
  imported: { zh: '已导入', en: 'Imported' },

  // portal
  portalHome: { zh: '首页', en: 'Home' },
  portalTrack: { zh: '进度查询', en: 'Track' },
  portalWelcome: { zh: '在线申请，全程可查', en: 'Apply online and follow your case' },
  apply: { zh: '申请{type}', en: 'Apply: {type}' },
  applyNow: { zh: '在线申请', en: 'Apply online' },
  preconditionTitle: { zh: '复议前置提示', en: 'Reconsideration first' },
  preconditionIntro: {
    zh: '以下情形依法应当先申请行政复议，对复议决定不服的再提起行政诉讼：',
    en: 'In these matters the law requires reconsideration before a lawsuit:',
  },
  applyTitle: { zh: '在线申请', en: 'Online application' },
  submitted: { zh: '申请已提交', en: 'Application submitted' },
  keepCode: { zh: '请妥善保存查询码，凭查询码和联系电话（或证件号码）查询办理进度。', en: 'Keep this tracking code: with it and your phone (or ID) number you can follow the case.' },
  evidenceStep: { zh: '补充证据材料（提交后 24 小时内）', en: 'Add evidence (within 24 hours)' },
  evidenceContact: { zh: '申请时填写的联系电话或证件号码', en: 'The phone or ID number you gave' },
  chooseFile: { zh: '选择文件', en: 'Choose a file' },
  goTrack: { zh: '查询进度', en: 'Track progress' },
  trackTitle: { zh: '办理进度查询', en: 'Track an application' },
  contact: { zh: '联系电话或证件号码', en: 'Phone or ID number' },
  trackNotFound: { zh: '未查到记录', en: 'Nothing found' },
  resultLabel: { zh: '办理结果', en: 'Result' },
  caseNumber: { zh: '案号', en: 'Case number' },
  noPortalTypes: { zh: '暂无可在线申请的事项', en: 'No online service is available' },
  retryKeepsKey: { zh: '提交失败，可直接重试，不会重复提交。', en: 'Submission failed; you can retry safely, it will not be filed twice.' },

  // disputes, legal aid, online room
  routing: { zh: '分派情况', en: 'Routing' },
  committee: { zh: '人民调解委员会', en: 'Mediation committee' },
  mediator: { zh: '调解员', en: 'Mediator' },
  routingRule: { zh: '分派规则', en: 'Rule applied' },
  routingReasons: { zh: '分派理由', en: 'Why here' },
  routedTo: { zh: '已分派至{name}', en: 'Assigned to {name}' },
  assignee: { zh: '承办人', en: 'Case officer' },
  similarWarning: { zh: '发现 {n} 件相似纠纷，请核对是否重复或反复发生', en: '{n} similar disputes found: check for a repeat or a duplicate' },
  meansTest: { zh: '经济困难审查', en: 'Means test' },
  meansRequired: { zh: '需审查经济状况', en: 'Means test required' },
  meansExempt: { zh: '免予审查', en: 'Exempt from the means test' },
  exemptBasis: { zh: '免审依据', en: 'Exemption basis' },
  perCapita: { zh: '家庭人均月收入', en: 'Monthly income per household member' },
  threshold: { zh: '困难标准', en: 'Threshold' },
  meansPassed: { zh: '符合经济困难条件', en: 'Meets the means test' },
  meansFailed: { zh: '不符合经济困难条件', en: 'Does not meet the means test' },
  meansPending: { zh: '尚未审查', en: 'Not yet assessed' },
  yuanPerMonth: { zh: '{n} 元/月', en: 'CNY {n} / month' },
  room: { zh: '在线调解室', en: 'Online room' },
  roomEmpty: { zh: '还没有消息', en: 'No messages yet' },
  roomPlaceholder: { zh: '输入消息…', en: 'Write a message…' },
  send: { zh: '发送', en: 'Send' },
  attachFile: { zh: '附件', en: 'Attach' },
  authorParty: { zh: '当事人', en: 'Party' },
  authorStaff: { zh: '工作人员', en: 'Staff' },
  messageSent: { zh: '已发送', en: 'Sent' },
  caseInfo: { zh: '案件信息', en: 'Case' },
  handler: { zh: '办理机构', en: 'Handled by' },
  partyActions: { zh: '需要您办理', en: 'Your action' },
  partyActionDone: { zh: '已提交：{a}', en: 'Submitted: {a}' },
  handedOff: { zh: '已转入{type}，查询码 {code}', en: 'Handed into {type}, tracking code {code}' },
  categoryPick: { zh: '选择纠纷类别', en: 'Choose the kind of dispute' },
  townPick: { zh: '选择乡镇（街道）', en: 'Choose the town or subdistrict' },
  photoStep: { zh: '上传照片或材料（可选，24 小时内）', en: 'Add photos or documents (optional, within 24 hours)' },

  // registers
  menuRegisters: { zh: '台账', en: 'Registers' },
  module_mediation: { zh: '矛盾纠纷调解', en: 'Dispute mediation' },
  module_legal_aid: { zh: '法律援助', en: 'Legal aid' },
  module_legal_services: { zh: '企业法律服务', en: 'Legal services for enterprises' },
  module_reconsideration: { zh: '行政复议', en: 'Administrative reconsideration' },
  module_litigation: { zh: '行政应诉', en: 'Administrative litigation' },
  registerCount: { zh: '共 {n} 条', en: '{n} entries' },
  loadMore: { zh: '加载更多', en: 'Load more' },
  newEntry: { zh: '新增', en: 'New entry' },
  editEntry: { zh: '修改', en: 'Edit' },
  entryCreated: { zh: '已新增', en: 'Entry created' },
  entryStale: { zh: '该条目已被他人修改，已重新加载，请核对后再保存。', en: 'Someone else changed this entry; it has been reloaded. Check and save again.' },
  history: { zh: '修改记录', en: 'History' },
  historyWho: { zh: '修改人', en: 'By' },
  historyWhen: { zh: '时间', en: 'When' },
  historyWhat: { zh: '内容', en: 'What changed' },
  colDate: { zh: '日期', en: 'Date' },
  colStatus: { zh: '状态', en: 'Status' },
  filterRegisterText: { zh: '名称、关键词', en: 'Name, keyword' },
  importEntries: { zh: '从 Excel 导入', en: 'Import from Excel' },
  importedEntries: { zh: '已导入 {n} 条', en: '{n} entries imported' },
  exportEntries: { zh: '导出 Excel', en: 'Export to Excel' },
  searchEntry: { zh: '输入名称搜索', en: 'Type to search' },

  // cockpit sections
  cockpitSections: { zh: '各项工作指标', en: 'Indicators by mechanism' },
  townHeat: { zh: '乡镇（街道）矛盾纠纷热力表', en: 'Disputes by town' },
  town: { zh: '乡镇（街道）', en: 'Town' },
  heatHint: { zh: '颜色越深数值越高；点击数字查看明细', en: 'Darker means higher; click a figure for the records' },
} satisfies Record<string, Bi>;

export type StringKey = keyof typeof strings;

/** `{n}`-style placeholders, filled from vars. */
export function tr(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  let s = strings[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** A label from the API in the current language; tolerates plain strings and missing values. */
export function pick(lang: Lang, label: Bi | string | null | undefined): string {
  if (label === null || label === undefined) return '';
  if (typeof label === 'string') return label;
  return label[lang] || label.zh || label.en || '';
}

export const LANG_STORAGE_KEY = 'fazhi.lang';

export function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage blocked (private mode): zh-CN default
  }
  return 'zh';
}

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {} });

export function useI18n() {
  const { lang, setLang } = useContext(I18nContext);
  return {
    lang,
    setLang,
    t: (key: StringKey, vars?: Record<string, string | number>) => tr(lang, key, vars),
    l: (label: Bi | string | null | undefined) => pick(lang, label),
  };
}
