/**
 * Every call the web app makes to the server lives here, typed after the API contract.
 * The client never decides access: it shows what these responses say the user may do.
 */
import type { Bi } from './i18n.js';
import type { JsonSchema } from './components/schema.js';

export const API = '/api/v1';

// ---------- problem+json ----------

export interface FieldError {
  path: string;
  zh: string;
  en: string;
}

export interface Problem {
  type: string;
  title: string;
  title_zh: string;
  status: number;
  detail?: string;
  detail_zh?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

/** A failed request: always carries a problem body, synthesised when the server sent none. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public problem: Problem,
  ) {
    super(problem.title);
  }

  get isStale(): boolean {
    return this.status === 409 && this.problem.type.endsWith('/stale-version');
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * Turn a non-problem failure (server down, proxy error page, SPA fallback HTML) into a problem,
 * so every screen can show a clear bilingual message instead of going blank.
 */
export function syntheticProblem(status: number, kind: 'network' | 'bad-response'): Problem {
  if (kind === 'network') {
    return {
      type: 'about:blank#network',
      title: 'The server cannot be reached',
      title_zh: '无法连接服务器',
      status: 0,
      detail: 'Check the network connection or try again later.',
      detail_zh: '请检查网络连接，或稍后重试。',
    };
  }
  return {
    type: 'about:blank#bad-response',
    title: status >= 500 || status === 0 ? 'The service is unavailable' : 'Unexpected response from the server',
    title_zh: status >= 500 || status === 0 ? '服务暂不可用' : '服务器响应异常',
    status,
    detail: `HTTP ${status}`,
    detail_zh: `HTTP ${status}`,
  };
}

function isProblemBody(x: unknown): x is Problem {
  return !!x && typeof x === 'object' && typeof (x as Problem).title === 'string' && typeof (x as Problem).status === 'number';
}

// ---------- transport ----------

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Query string without empty values, in a stable key order so the same filters give the same URL. */
export function qs(q: Query | URLSearchParams | undefined): string {
  if (!q) return '';
  const entries: [string, string][] = [];
  const src: [string, unknown][] = q instanceof URLSearchParams ? [...q.entries()] : Object.entries(q);
  for (const [k, v] of src) {
    if (v === undefined || v === null || v === '') continue;
    entries.push([k, String(v)]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const s = new URLSearchParams(entries).toString();
  return s ? `?${s}` : '';
}

interface RequestOpts {
  query?: Query | URLSearchParams;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, opts: RequestOpts = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${API}${path}${qs(opts.query)}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, syntheticProblem(0, 'network'));
  }
  const type = res.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  if (!res.ok) {
    const parsed = isJson ? await res.json().catch(() => undefined) : undefined;
    throw new ApiError(res.status, isProblemBody(parsed) ? parsed : syntheticProblem(res.status, 'bad-response'));
  }
  if (res.status === 204) return undefined as T;
  // A 200 HTML page means the API is not behind this address (e.g. a static preview server).
  if (!isJson) throw new ApiError(res.status, syntheticProblem(502, 'bad-response'));
  return (await res.json()) as T;
}

const get = <T>(path: string, query?: Query | URLSearchParams) => request<T>('GET', path, { query });
const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  request<T>('POST', path, { body: body ?? {}, headers });

/** URL for a download link (export, template, attachment, document): the browser fetches it with the cookie. */
export function href(path: string, query?: Query | URLSearchParams): string {
  return `${API}${path}${qs(query)}`;
}

// ---------- auth ----------

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  regionCode: string;
  regionName: string;
  agencyId: string | null;
  agencyName: string | null;
  agencyOnly: boolean;
  mustChangePassword: boolean;
}

export const auth = {
  me: () => get<Me>('/auth/me'),
  login: (username: string, password: string) => post<{ user: Me }>('/auth/login', { username, password }),
  logout: () => post<unknown>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<unknown>('/auth/password', { currentPassword, newPassword }),
};

/** 'reconsideration.accept' is granted by itself, by 'reconsideration.*' or by '*' (mirrors the server's rule). */
export function can(perms: readonly string[] | undefined, key: string): boolean {
  if (!perms) return false;
  if (perms.includes('*') || perms.includes(key)) return true;
  const parts = key.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    if (perms.includes(`${parts.slice(0, i).join('.')}.*`)) return true;
  }
  return false;
}

// ---------- case types ----------

export type Category = 'open' | 'paused' | 'closed';

export interface CaseTypeInfo {
  type: string;
  label: Bi;
  description: Bi | string;
  states: Record<string, { label: Bi; category: Category }>;
  outcomes: Record<string, { label: Bi; groups: string[] }>;
  partyRoles: { role: string; label: Bi }[];
  actions: Record<
    string,
    { label: Bi; from: string[]; permission: string; confirm?: boolean; public?: boolean; handoff?: boolean; schema?: JsonSchema }
  >;
  create: { permission: string; publicIntake?: boolean; schema: JsonSchema };
  /** The type has an online room (在线调解室). */
  messages?: boolean;
  indicators: unknown[];
  /** Optional: relations this type may link to (manifest `links`). */
  links?: { relation: string; label: Bi; inverseLabel?: Bi }[];
}

// ---------- cases ----------

export type ClockStatus = 'running' | 'paused' | 'due_soon' | 'overdue' | 'met' | 'missed';

export interface NextClock {
  key: string;
  label: Bi;
  dueOn: string | null;
  status: ClockStatus;
  provisional: boolean;
  daysLeft?: number | null;
}

export interface CaseListItem {
  id: string;
  type: string;
  number: string | null;
  title: string;
  state: string;
  stateLabel: Bi;
  category: Category;
  outcome: string | null;
  outcomeLabel: Bi | null;
  regionCode: string;
  regionName: string;
  agencyName: string | null;
  subjectAgencyName: string | null;
  receivedOn: string;
  closedOn: string | null;
  applicant: string | null;
  nextClock: NextClock | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Clock {
  key: string;
  label: Bi;
  status: ClockStatus;
  startedOn: string | null;
  dueOn: string | null;
  stoppedOn: string | null;
  provisional: boolean;
  daysLeft: number | null;
  basis: { law: string; article: string; note?: string };
  explanation: Bi | null;
  paused: boolean;
}

export interface CaseEvent {
  n: number;
  action: string;
  label: Bi;
  actorLabel: string | null;
  at: string;
  effectiveOn: string;
  stateFrom: string | null;
  stateTo: string | null;
  payload: Record<string, unknown>;
}

export interface CaseLink {
  relation: string;
  label: Bi;
  direction: 'out' | 'in';
  case: { id: string; type: string; typeLabel: Bi; number: string | null; title: string; stateLabel: Bi };
}

export interface Attachment {
  id: string;
  kind: string;
  filename: string;
  size: number;
  mime: string;
  createdAt: string;
}

export interface AvailableAction {
  name: string;
  label: Bi;
  confirm?: boolean;
  schema: JsonSchema;
}

export interface Party {
  id: string;
  role: string;
  roleLabel: Bi;
  kind: 'person' | 'org' | 'agency';
  name: string;
  phone: string | null;
  idNumber: string | null;
  creditCode: string | null;
}

export interface CaseDetail {
  id: string;
  type: string;
  typeLabel: Bi;
  number: string | null;
  title: string;
  state: string;
  stateLabel: Bi;
  category: Category;
  outcome: string | null;
  outcomeLabel: Bi | null;
  version: number;
  regionCode: string;
  regionName: string;
  agencyId: string | null;
  agencyName: string | null;
  subjectAgencyId: string | null;
  subjectAgencyName: string | null;
  receivedOn: string;
  closedOn: string | null;
  trackingCode: string | null;
  data: Record<string, unknown>;
  parties: Party[];
  clocks: Clock[];
  events: CaseEvent[];
  links: CaseLink[];
  attachments: Attachment[];
  documents: { key: string; label: Bi; available: boolean }[];
  availableActions: AvailableAction[];
  assigneeId?: string | null;
  assigneeName?: string | null;
  attrs?: Record<string, unknown>;
}

/** `data.routing` of a dispute: where the resolver sent it and why. */
export interface Routing {
  committeeName?: string | null;
  mediatorName?: string | null;
  /** A rule row's note, or a label. */
  rule?: string | Bi | { id?: string | null; note: Bi } | null;
  reasons?: (Bi | string)[];
}

/** `data.similar`: earlier disputes between the same parties or about the same matter. */
export interface SimilarCase {
  caseId: string;
  number: string | null;
  title: string;
  state?: string;
  stateLabel?: Bi;
  reasons?: Bi[];
}

/** `data.meansTest` of a legal-aid application (经济困难审查). */
export interface MeansTest {
  required: boolean;
  /** A legal basis {law, article} (or a label). */
  exemptBasis?: string | Bi | { law: string; article: string; note?: string } | null;
  perCapita?: number | null;
  threshold?: number | null;
  passed?: boolean | null;
  explanation?: Bi | string | null;
}

/** One message of a case's online room (staff and party see the same list). */
export interface CaseMessage {
  id: string;
  authorKind: 'staff' | 'party';
  authorLabel: string;
  body: string;
  attachment: { id: string; filename: string; size: number } | null;
  createdAt: string;
}

export const messages = {
  list: (caseId: string) => get<CaseMessage[]>(`/cases/${encodeURIComponent(caseId)}/messages`),
  post: (caseId: string, body: string, file?: File) => {
    if (!file) return post<{ id: string }>(`/cases/${encodeURIComponent(caseId)}/messages`, { body });
    const form = new FormData();
    form.append('body', body);
    form.append('file', file);
    return request<{ id: string }>('POST', `/cases/${encodeURIComponent(caseId)}/messages`, { form });
  },
};

/** Filters of the case list; the same names go into the page URL and the export link. */
export const CASE_FILTERS = ['type', 'state', 'category', 'q', 'region', 'agency', 'due', 'from', 'to', 'sort'] as const;

export interface ImportReport {
  dryRun: boolean;
  total: number;
  ok: number;
  failed: number;
  rows: { row: number; ok: boolean; errors: FieldError[] }[];
  created?: number;
}

export const cases = {
  types: () => get<CaseTypeInfo[]>('/case-types'),
  list: (q: URLSearchParams) => get<Page<CaseListItem>>('/cases', q),
  exportHref: (q: URLSearchParams) => href('/cases/export.xlsx', q),
  create: (type: string, input: unknown) => post<CaseDetail>('/cases', { type, input }),
  get: (id: string) => get<CaseDetail>(`/cases/${encodeURIComponent(id)}`),
  act: (id: string, action: string, version: number, input: unknown) =>
    post<CaseDetail>(`/cases/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { version, input }),
  link: (id: string, body: { toNumber?: string; toCaseId?: string; relation: string }) =>
    post<unknown>(`/cases/${encodeURIComponent(id)}/links`, body),
  upload: (id: string, file: File, kind: string) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    return request<Attachment>('POST', `/cases/${encodeURIComponent(id)}/attachments`, { form });
  },
  attachmentHref: (id: string, aid: string) => href(`/cases/${encodeURIComponent(id)}/attachments/${encodeURIComponent(aid)}`),
  documentHref: (id: string, key: string) => href(`/cases/${encodeURIComponent(id)}/documents/${encodeURIComponent(key)}`),
  todo: () =>
    get<{ items: CaseListItem[]; counts: { overdue: number; due_soon: number; running: number } }>('/todo'),
  importFile: (type: string, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return request<ImportReport>('POST', `/import/${encodeURIComponent(type)}`, { form, query: { dryRun: dryRun ? 1 : 0 } });
  },
  importTemplateHref: (type: string) => href(`/import/${encodeURIComponent(type)}/template.xlsx`),
};

// ---------- portal ----------

export interface PortalCaseType {
  type: string;
  label: Bi;
  description: Bi | string;
  schema: JsonSchema;
  /** 复议前置 hints per precondition category; shape kept loose and rendered defensively. */
  hints?: unknown;
}

export interface TrackResult {
  trackingCode: string;
  typeLabel: Bi;
  stateLabel: Bi;
  category: Category;
  receivedOn: string;
  number: string | null;
  outcomeLabel: Bi | null;
  timeline: { label: Bi; effectiveOn: string; stateLabel?: Bi }[];
  /** Not every server sends documents to the public. */
  documents?: { key: string; label: Bi }[];
  type?: string;
  /** The agency handling it (for a dispute: the 人民调解委员会 it was routed to). */
  handler?: string | null;
  version?: number;
  /** The type has an online room the party may write in. */
  messages?: boolean;
  /** What the party may do now (sign, rate), with the form for it. */
  actions?: { key: string; label: Bi; schema: JsonSchema }[];
  /** The matter was handed into another procedure, which has its own 查询码. */
  handedOff?: { type: string; typeLabel: Bi; trackingCode: string; stateLabel: Bi }[];
  /** Why it was routed where it is, when the server tells the party. */
  routing?: Routing;
}

/** A dispute category (矛盾纠纷类别), two levels. */
export interface DisputeCategory {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  sort?: number;
  /** The 行业性专业性 committee this kind of dispute belongs to (物业, 医疗 …), if any. */
  committeeIndustry?: string | null;
}

export const portal = {
  types: () => get<PortalCaseType[]>('/portal/case-types'),
  apply: (type: string, input: unknown, idempotencyKey: string) =>
    post<{ trackingCode: string; receivedOn: string; message: Bi }>(`/portal/cases/${encodeURIComponent(type)}`, input, {
      'idempotency-key': idempotencyKey,
    }),
  evidence: (type: string, trackingCode: string, contact: string, file: File) => {
    const form = new FormData();
    form.append('contact', contact);
    form.append('kind', 'evidence');
    form.append('file', file);
    return request<Attachment>(
      'POST',
      `/portal/cases/${encodeURIComponent(type)}/${encodeURIComponent(trackingCode)}/attachments`,
      { form },
    );
  },
  track: (trackingCode: string, contact: string) => post<TrackResult>('/portal/track', { trackingCode, contact }),
  act: (action: string, trackingCode: string, contact: string, input: unknown) =>
    post<{ state: string; stateLabel: Bi }>(`/portal/actions/${encodeURIComponent(action)}`, { trackingCode, contact, input }),
  messages: (trackingCode: string, contact: string) => post<CaseMessage[]>('/portal/messages/list', { trackingCode, contact }),
  postMessage: (trackingCode: string, contact: string, body: string, file?: File) => {
    if (!file) return post<{ id: string }>('/portal/messages', { trackingCode, contact, body });
    const form = new FormData();
    form.append('trackingCode', trackingCode);
    form.append('contact', contact);
    form.append('body', body);
    form.append('file', file);
    return request<{ id: string }>('POST', '/portal/messages', { form });
  },
  mediationCategories: () => get<DisputeCategory[]>('/portal/mediation/categories'),
  /** Towns (乡镇、街道) for a citizen to say where the dispute is: no login. */
  regions: () => get<Region[]>('/portal/regions'),
  /** Public list of agencies (the staff list needs a login). */
  agencies: (q?: string) => get<{ id: string; name: string; regionName: string }[]>('/portal/agencies', { q }),
};

// ---------- indicators and cockpit ----------

export interface Group {
  key: string;
  label: Bi | string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface IndicatorInfo {
  key: string;
  type: string;
  typeLabel?: Bi;
  label: Bi;
  unit: 'count' | 'percent' | 'yuan';
  version: string;
  definition: Bi;
  source: string;
  variant?: string;
  variants?: { key: string; label: Bi }[];
  /** What `groupBy=dimension` breaks the figure down by (纠纷类别), when it has one. */
  dimension?: Bi | null;
}

export interface IndicatorValue {
  key: string;
  label: Bi;
  unit: IndicatorInfo['unit'];
  value: number | null;
  numerator: number;
  denominator: number | null;
  definition: Bi;
  source: string;
  version: string;
  variant?: string;
  groups?: Group[];
}

export interface RecordRow {
  id: string;
  type: string;
  number: string | null;
  title: string;
  state: string;
  outcome: string | null;
  regionCode: string;
  regionName: string;
  receivedOn: string;
  closedOn: string | null;
}

export interface Cockpit {
  year: number;
  headline: (IndicatorValue & { byCounty: Group[]; byMonth: Group[] })[];
  counts: { key: string; label: Bi; value: number }[];
}

export const indicators = {
  list: () => get<IndicatorInfo[]>('/indicators'),
  value: (key: string, q: Query) => get<IndicatorValue>(`/indicators/${encodeURIComponent(key)}`, q),
  records: (key: string, q: Query) => get<Page<RecordRow>>(`/indicators/${encodeURIComponent(key)}/records`, q),
  cockpit: (year: number, region?: string) => get<Cockpit>('/cockpit', { year, region }),
};

// ---------- calendar ----------

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

export const calendar = {
  /** Either a list of years or of {year, …}; normalised by the page. */
  years: () => get<(number | { year: number; [k: string]: unknown })[]>('/calendar/years'),
  days: (year: number) => get<CalendarDay[]>('/calendar/days', { year }),
  put: (day: string, kind: CalendarDay['kind'], name: string) =>
    request<unknown>('PUT', `/calendar/days/${encodeURIComponent(day)}`, { body: { kind, name } }),
  remove: (day: string) => request<unknown>('DELETE', `/calendar/days/${encodeURIComponent(day)}`),
  import: (text: string) => post<unknown>('/calendar/import', { text }),
  alerts: () => get<{ year: number; message: Bi }[]>('/calendar/alerts'),
};

// ---------- org ----------

export interface Region {
  code: string;
  name: string;
  level: string | number;
  parentCode: string | null;
}

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  regionCode: string;
  regionName: string;
  creditCode: string | null;
}

export const org = {
  regions: () => get<Region[]>('/regions'),
  mediationCategories: () => get<DisputeCategory[]>('/mediation/categories'),
  agencies: (q: { region?: string; q?: string }) => get<Agency[]>('/agencies', q),
};

// ---------- dispute mediation administration ----------

export type CommitteeLevel = 'village' | 'town' | 'county' | 'industry';

export interface CategoryInput {
  code?: string;
  parentCode?: string | null;
  nameZh?: string;
  nameEn?: string;
  sort?: number;
  committeeIndustry?: string | null;
}

/** A 人民调解委员会 (an agency with a level, an industry and the categories it takes; empty = all). */
export interface Committee {
  id: string;
  name: string;
  abbr: string | null;
  regionCode: string;
  regionName: string;
  level: CommitteeLevel;
  industry: string | null;
  accepts: string[];
}

export interface CommitteeCreate {
  name: string;
  regionCode: string;
  level: CommitteeLevel;
  industry?: string;
  accepts: string[];
  abbr?: string;
}

export interface CommitteePatch {
  level?: CommitteeLevel;
  industry?: string | null;
  accepts?: string[];
}

export interface CommitteeMediator {
  id: string;
  name: string;
  userId: string | null;
  regionCode: string | null;
  specialties: string[];
  capacity: number;
  /** Open disputes naming the mediator or led by their account. */
  workload: number;
}

/** A routing rule: the first active one (lower priority first) that finds a committee decides. */
export interface RoutingRule {
  id: string;
  priority: number;
  categoryCodes: string[];
  target: CommitteeLevel;
  industry: string | null;
  noteZh: string;
  noteEn: string;
  active: boolean;
}

/** The server requires the priority; a form may not have one yet, and the 400 says so. */
export type RoutingRuleInput = Omit<RoutingRule, 'id' | 'priority'> & { priority?: number };

/** GET /mediation/route-preview: where a dispute would go, and why. */
export interface RoutePreview {
  committeeId: string;
  committeeName: string;
  level: CommitteeLevel;
  escalatable: boolean;
  mediatorId: string | null;
  mediatorName: string | null;
  mediatorUserId: string | null;
  rule: { id: string | null; note: Bi };
  reasons: Bi[];
}

const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

export const mediationAdmin = {
  categories: () => get<DisputeCategory[]>('/mediation/categories'),
  createCategory: (body: CategoryInput) => post<DisputeCategory>('/mediation/categories', body),
  patchCategory: (code: string, body: CategoryInput) => patch<DisputeCategory>(`/mediation/categories/${encodeURIComponent(code)}`, body),
  deleteCategory: (code: string) => request<void>('DELETE', `/mediation/categories/${encodeURIComponent(code)}`),
  committees: (q: { level?: string; region?: string }) => get<Committee[]>('/mediation/committees', q),
  createCommittee: (body: CommitteeCreate) => post<Committee>('/mediation/committees', body),
  patchCommittee: (id: string, body: CommitteePatch) => patch<Committee>(`/mediation/committees/${encodeURIComponent(id)}`, body),
  mediators: (id: string) => get<CommitteeMediator[]>(`/mediation/committees/${encodeURIComponent(id)}/mediators`),
  rules: () => get<RoutingRule[]>('/mediation/routing-rules'),
  createRule: (body: RoutingRuleInput) => post<RoutingRule>('/mediation/routing-rules', body),
  patchRule: (id: string, body: Partial<RoutingRuleInput>) => patch<RoutingRule>(`/mediation/routing-rules/${encodeURIComponent(id)}`, body),
  preview: (category: string, regionCode: string) => get<RoutePreview>('/mediation/route-preview', { category, regionCode }),
};

// ---------- admin ----------

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName?: string;
  agencyId: string | null;
  agencyName?: string | null;
  agencyOnly: boolean;
  disabled: boolean;
  locked?: boolean;
  lastLoginAt?: string | null;
}

export interface Role {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  builtin?: boolean;
}

export interface UserPatch {
  displayName?: string;
  roles?: string[];
  regionCode?: string;
  agencyId?: string | null;
  agencyOnly?: boolean;
  disabled?: boolean;
  resetPassword?: true;
  unlock?: true;
}

export const admin = {
  users: () => get<AdminUser[] | Page<AdminUser>>('/admin/users'),
  createUser: (body: Record<string, unknown>) => post<AdminUser & { newPassword?: string }>('/admin/users', body),
  patchUser: (id: string, patch: UserPatch) =>
    request<AdminUser & { newPassword?: string }>('PATCH', `/admin/users/${encodeURIComponent(id)}`, { body: patch }),
  roles: () => get<Role[]>('/admin/roles'),
  putRole: (key: string, body: { nameZh: string; nameEn: string; permissions: string[] }) =>
    request<Role>('PUT', `/admin/roles/${encodeURIComponent(key)}`, { body }),
  permissions: () => get<{ key: string; label: Bi }[]>('/admin/permissions'),
};

// ---------- registers ----------

export interface RegisterInfo {
  key: string;
  label: Bi;
  description: Bi;
  columns: { key: string; label: Bi }[];
  statuses?: Record<string, Bi> | null;
  /** JSON Schema of one entry's input (the form, and the columns of an import). */
  inputSchema: JsonSchema;
  personal?: string[];
  permissions: { read: string; write: string };
  parent?: { register: string; label: Bi } | null;
  refs?: Record<string, { register: string; label: Bi }> | null;
}

export interface RegisterEntry {
  id: string;
  register?: string;
  title: string;
  occurredOn: string | null;
  regionCode: string | null;
  regionName?: string | null;
  status: string | null;
  naturalKey?: string | null;
  parentId?: string | null;
  refs?: Record<string, string> | null;
  data: Record<string, unknown>;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface RegisterHistoryRow {
  version: number;
  action: string;
  actorLabel: string | null;
  at: string;
  /** What changed: promoted columns (title, status …) and `data` with the changed input fields; the first row holds everything. */
  change: Record<string, unknown> & { data?: Record<string, unknown> };
}

/** Filters of a register list; the same names go into the page URL. */
export const REGISTER_FILTERS = ['q', 'from', 'to', 'region', 'status', 'parent'] as const;

export const registers = {
  defs: () => get<RegisterInfo[]>('/registers'),
  list: (key: string, q: URLSearchParams) =>
    get<{ items: RegisterEntry[]; nextCursor?: string | null; total?: number }>(`/registers/${encodeURIComponent(key)}`, q),
  count: (key: string, q: URLSearchParams) => get<{ total: number }>(`/registers/${encodeURIComponent(key)}/count`, q),
  exportHref: (key: string, q: URLSearchParams) => href(`/registers/${encodeURIComponent(key)}/export.xlsx`, q),
  templateHref: (key: string) => href(`/registers/${encodeURIComponent(key)}/template.xlsx`),
  get: (key: string, id: string) => get<RegisterEntry>(`/registers/${encodeURIComponent(key)}/${encodeURIComponent(id)}`),
  history: (key: string, id: string) => get<RegisterHistoryRow[]>(`/registers/${encodeURIComponent(key)}/${encodeURIComponent(id)}/history`),
  create: (key: string, input: unknown) => post<RegisterEntry>(`/registers/${encodeURIComponent(key)}`, input),
  patch: (key: string, id: string, version: number, input: Record<string, unknown>) =>
    request<RegisterEntry>('PATCH', `/registers/${encodeURIComponent(key)}/${encodeURIComponent(id)}`, { body: { ...input, version } }),
  importFile: (key: string, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return request<ImportReport>('POST', `/registers/${encodeURIComponent(key)}/import`, { form, query: { dryRun: dryRun ? 1 : 0 } });
  },
};

export const health = () => get<{ status: string; version: string; engine: string }>('/health');

/** Lists come either as an array or as a page; accept both. */
export function itemsOf<T>(x: T[] | Page<T> | undefined): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : x.items;
}
