/**
 * The pure parts of the dispute-administration pages (taxonomy, routing rules, committees): kept out
 * of the components so they are unit-tested without a DOM.
 */
import type {
  CategoryInput,
  Committee,
  CommitteeCreate,
  CommitteeLevel,
  CommitteePatch,
  DisputeCategory,
  FieldError,
  RoutingRuleInput,
} from '../../api.js';
import type { Lang } from '../../i18n.js';

export const LEVELS: readonly CommitteeLevel[] = ['village', 'town', 'county', 'industry'];

export interface CategoryRow {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  sort: number;
  committeeIndustry: string | null;
  children?: CategoryRow[];
}

const bySortThenCode = (a: DisputeCategory, b: DisputeCategory) =>
  (a.sort ?? 0) - (b.sort ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The flat taxonomy as a tree in the server's order (sort, then code). A parent missing from the list
 * makes its child a root, so no category disappears from the admin's view.
 */
export function categoryRows(list: DisputeCategory[]): CategoryRow[] {
  const codes = new Set(list.map((c) => c.code));
  const byParent = new Map<string | null, DisputeCategory[]>();
  for (const c of list) {
    const parent = c.parentCode && codes.has(c.parentCode) ? c.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): CategoryRow[] =>
    [...(byParent.get(parent) ?? [])].sort(bySortThenCode).flatMap((c) => {
      // A cycle in the data must not hang the page.
      if (seen.has(c.code)) return [];
      seen.add(c.code);
      const children = build(c.code);
      const row: CategoryRow = {
        code: c.code,
        parentCode: c.parentCode,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        sort: c.sort ?? 0,
        committeeIndustry: c.committeeIndustry ?? null,
      };
      return [children.length ? { ...row, children } : row];
    });
  return build(null);
}

/** A new category goes after its siblings (children of the same parent; the roots for a top-level one). */
export function nextSort(list: DisputeCategory[], parent: string | null): number {
  const siblings = list.filter((c) => (c.parentCode ?? null) === parent);
  return Math.min(100000, siblings.reduce((m, c) => Math.max(m, c.sort ?? 0), 0) + 1);
}

/** Codes of the rows that have children, at any depth (the rows a tree table can expand). */
export function parentCodes(rows: CategoryRow[]): string[] {
  return rows.flatMap((r) => (r.children ? [r.code, ...parentCodes(r.children)] : []));
}

export interface CategoryTreeNode {
  value: string;
  title: string;
  children?: CategoryTreeNode[];
}

/** For a multiple TreeSelect: every node is selectable, because a rule naming a parent covers its children. */
export function categoryTreeData(list: DisputeCategory[], lang: Lang): CategoryTreeNode[] {
  const map = (rows: CategoryRow[]): CategoryTreeNode[] =>
    rows.map((r) => ({ value: r.code, title: categoryLabel(r, lang), ...(r.children ? { children: map(r.children) } : {}) }));
  return map(categoryRows(list));
}

function categoryLabel(c: Pick<DisputeCategory, 'nameZh' | 'nameEn' | 'code'>, lang: Lang): string {
  return (lang === 'en' ? c.nameEn || c.nameZh : c.nameZh || c.nameEn) || c.code;
}

/** A category's name; an unknown code shows as itself (a rule may name a category being renamed). */
export function categoryName(list: DisputeCategory[] | undefined, code: string, lang: Lang): string {
  const c = list?.find((x) => x.code === code);
  return c ? categoryLabel(c, lang) : code;
}

const blank = (s: string | null | undefined) => !s?.trim();

export interface CategoryForm {
  code?: string;
  parentCode?: string | null;
  nameZh?: string;
  nameEn?: string;
  sort?: number | null;
  committeeIndustry?: string | null;
}

/** A new category: an empty industry is absent, not "". */
export function categoryCreateBody(v: CategoryForm): CategoryInput {
  return {
    code: v.code?.trim(),
    parentCode: v.parentCode || null,
    nameZh: v.nameZh?.trim(),
    nameEn: v.nameEn?.trim(),
    ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    ...(blank(v.committeeIndustry) ? {} : { committeeIndustry: v.committeeIndustry?.trim() }),
  };
}

/** Renaming: the parent stays; clearing the industry sends null so the server clears it too. */
export function categoryPatchBody(v: CategoryForm): CategoryInput {
  return {
    nameZh: v.nameZh?.trim(),
    nameEn: v.nameEn?.trim(),
    ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    committeeIndustry: blank(v.committeeIndustry) ? null : v.committeeIndustry?.trim(),
  };
}

export interface RuleForm {
  priority?: number | null;
  categoryCodes?: string[];
  target?: CommitteeLevel;
  industry?: string | null;
  noteZh?: string;
  noteEn?: string;
  active?: boolean;
}

/** The industry matters only when the rule targets an industry committee; otherwise it is cleared. */
export function ruleBody(v: RuleForm): RoutingRuleInput {
  const industry = v.target === 'industry' && !blank(v.industry) ? (v.industry as string).trim() : null;
  return {
    ...(v.priority !== undefined && v.priority !== null ? { priority: v.priority } : {}),
    categoryCodes: v.categoryCodes ?? [],
    target: v.target as CommitteeLevel,
    industry,
    noteZh: v.noteZh?.trim() ?? '',
    noteEn: v.noteEn?.trim() ?? '',
    active: v.active ?? true,
  };
}

/** The next free priority step after the current rules (rules are spaced by 10 so one fits between). */
export function nextPriority(rules: { priority: number }[]): number {
  const max = rules.reduce((m, r) => Math.max(m, r.priority), 0);
  return Math.min(100000, Math.floor(max / 10) * 10 + 10);
}

export interface CommitteeForm {
  name?: string;
  regionCode?: string;
  level?: CommitteeLevel;
  industry?: string | null;
  accepts?: string[];
  abbr?: string;
}

export function committeeCreateBody(v: CommitteeForm): CommitteeCreate {
  return {
    name: v.name?.trim() ?? '',
    regionCode: v.regionCode ?? '',
    level: v.level as CommitteeLevel,
    ...(v.level === 'industry' && !blank(v.industry) ? { industry: (v.industry as string).trim() } : {}),
    accepts: v.accepts ?? [],
    ...(blank(v.abbr) ? {} : { abbr: v.abbr?.trim() }),
  };
}

/** Only level, industry and categories can change: the name and region belong to the agency. */
export function committeePatchBody(v: CommitteeForm): CommitteePatch {
  return {
    level: v.level,
    industry: v.level === 'industry' && !blank(v.industry) ? (v.industry as string).trim() : null,
    accepts: v.accepts ?? [],
  };
}

/** The committee list filters from the page URL; anything unknown is ignored, not sent. */
export function committeeFilters(params: URLSearchParams): { level?: CommitteeLevel; region?: string } {
  const level = params.get('level');
  const region = params.get('region');
  return {
    ...(level && (LEVELS as readonly string[]).includes(level) ? { level: level as CommitteeLevel } : {}),
    ...(region && /^\d{6,12}$/.test(region) ? { region } : {}),
  };
}

/** Industries already in use (committees and categories), as suggestions: a rule must name one exactly. */
export function knownIndustries(committees: Pick<Committee, 'industry'>[] | undefined, categories: DisputeCategory[] | undefined): string[] {
  const all = [...(committees ?? []).map((c) => c.industry), ...(categories ?? []).map((c) => c.committeeIndustry)];
  return [...new Set(all.filter((x): x is string => !!x?.trim()))].sort();
}

/** A mediator's load against their capacity, for a progress bar. */
export function workloadShare(workload: number, capacity: number): { percent: number; full: boolean } {
  if (!(capacity > 0)) return { percent: 0, full: workload > 0 };
  return { percent: Math.min(100, Math.round((workload / capacity) * 100)), full: workload >= capacity };
}

/**
 * A 400's field messages split into those a form can show beside a field (`accepts.0` → `accepts`)
 * and the rest (shown as a message), so no server message is lost.
 */
export function splitFieldErrors(
  errors: FieldError[] | undefined,
  fields: readonly string[],
  lang: Lang,
): { onFields: { name: string; errors: string[] }[]; rest: string[] } {
  const on = new Map<string, string[]>();
  const rest: string[] = [];
  for (const e of errors ?? []) {
    const text = lang === 'zh' ? e.zh || e.en : e.en || e.zh;
    const name = e.path.split('.')[0];
    if (fields.includes(name)) on.set(name, [...(on.get(name) ?? []), text]);
    else rest.push(text);
  }
  return { onFields: [...on.entries()].map(([name, errs]) => ({ name, errors: errs })), rest };
}
