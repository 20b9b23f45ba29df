import type { CaseTypeManifest, IndicatorDef, IndicatorFilter } from '../cases/manifest.js';
import type { SQL } from 'drizzle-orm';
import { type Orm, one, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { caseScopeSql } from '../identity/policy.js';
import { outcomeCodes, type ResolvedFormula } from './catalog.js';

export type GroupBy = 'county' | 'town' | 'month' | 'agency' | 'dimension';
export const GROUP_BYS: readonly GroupBy[] = ['county', 'town', 'month', 'agency', 'dimension'];
/** Group key of cases with no value for the dimension. */
export const NO_VALUE = '';

/**
 * Whose cases "by agency" means. Default 'subject': the agency whose act is at issue (被申请人 / 被告),
 * which is how 纠错率 and 败诉率 are ranked by department; 'handler' is the organ that handles the case
 * (复议机关 / 应诉机关).
 */
export type AgencyRole = 'handler' | 'subject';
export const DEFAULT_AGENCY_ROLE: AgencyRole = 'subject';

export interface IndicatorQuery {
  /** Inclusive civil dates 'YYYY-MM-DD' (Asia/Shanghai) placing a case by the def's dateField. */
  from: string;
  to: string;
  /** Region code: the case's region must be this region or below it. */
  region?: string;
  agency?: string;
  agencyRole?: AgencyRole;
  groupBy?: GroupBy;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const REGION_RE = /^\d{6}(\d{3})?(\d{3})?$/;
/** Group key for cases with no agency in the chosen role. */
export const NO_AGENCY = 'none';

const DATE_COLUMNS: Record<IndicatorDef['dateField'], SQL> = {
  received_on: sql.raw('c.received_on'),
  closed_on: sql.raw('c.closed_on'),
};
const AGENCY_COLUMNS: Record<AgencyRole, SQL> = {
  handler: sql.raw('c.agency_id'),
  subject: sql.raw('c.subject_agency_id'),
};
const REGION_LEVEL: Record<'county' | 'town', string> = { county: 'county', town: 'town' };

export function dateColumn(def: IndicatorDef): SQL {
  const col = DATE_COLUMNS[def.dateField];
  if (!col) throw new Error(`indicator ${def.key}: unknown dateField ${def.dateField}`);
  return col;
}

export function agencyColumn(role: AgencyRole | undefined): SQL {
  return AGENCY_COLUMNS[role ?? DEFAULT_AGENCY_ROLE];
}

/** A real calendar date: '2021-02-30' is rejected, not rolled over to March. */
export function isCivilDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Library callers get the same 400s as the HTTP layer, never a database cast error. */
export function checkQuery(q: IndicatorQuery): void {
  const errs = [];
  if (!isCivilDate(q.from))
    errs.push(field('from', '开始日期格式应为 YYYY-MM-DD', 'from must be a YYYY-MM-DD date'));
  if (!isCivilDate(q.to))
    errs.push(field('to', '结束日期格式应为 YYYY-MM-DD', 'to must be a YYYY-MM-DD date'));
  if (errs.length === 0 && q.from > q.to) errs.push(field('to', '结束日期不能早于开始日期', 'to must not be before from'));
  if (q.agency !== undefined && !UUID_RE.test(q.agency)) errs.push(field('agency', '机关标识无效', 'agency must be a UUID'));
  if (q.region !== undefined && !REGION_RE.test(q.region)) errs.push(field('region', '区划代码无效', 'region must be a region code'));
  if (q.groupBy !== undefined && !GROUP_BYS.includes(q.groupBy))
    errs.push(field('groupBy', '分组方式无效', `groupBy must be one of ${GROUP_BYS.join(', ')}`));
  if (q.agencyRole !== undefined && !(q.agencyRole in AGENCY_COLUMNS))
    errs.push(field('agencyRole', '机关角色无效', 'agencyRole must be handler or subject'));
  if (errs.length) throw problems.validation(errs);
}

/** Path of a region code; an unknown code is the caller's mistake (400), not an empty figure. */
export async function regionPathOf(orm: Orm, code: string): Promise<string> {
  const r = await one<{ path: string }>(orm, sql`select path from region where code = ${code}`);
  if (!r) throw problems.validation([field('region', `区划代码 ${code} 不存在`, `Unknown region code ${code}`)]);
  return r.path;
}

function and(parts: SQL[]): SQL {
  if (parts.length === 0) return sql`true`;
  return sql`(${sql.join(parts, sql` and `)})`;
}

/** One filter as SQL over alias `c`. Period-bound kinds use the query's period, whatever the dateField. */
export function filterSql(f: IndicatorFilter, m: CaseTypeManifest, q: Pick<IndicatorQuery, 'from' | 'to'>): SQL {
  switch (f.kind) {
    case 'outcome_in': {
      const codes = outcomeCodes(m, f.groups);
      if (codes.length === 0) return sql`false`;
      return sql`c.outcome in (${sql.join(
        codes.map((code) => sql`${code}`),
        sql`, `,
      )})`;
    }
    case 'attr_equals':
      // Containment matches the JSON type too: true ≠ "true", 1 ≠ "1".
      return sql`c.attrs @> ${JSON.stringify({ [f.attr]: f.value })}::jsonb`;
    case 'closed':
      return sql`(c.state_category = 'closed' and c.closed_on between ${q.from}::date and ${q.to}::date)`;
    case 'received':
      return sql`c.received_on between ${q.from}::date and ${q.to}::date`;
    default:
      throw new Error(`unknown indicator filter ${JSON.stringify(f)}`);
  }
}

export function filtersSql(filters: IndicatorFilter[], m: CaseTypeManifest, q: IndicatorQuery): SQL {
  return and(filters.map((f) => filterSql(f, m, q)));
}

/** The predicates shared by the figure and its drill-down, so the two can never disagree. */
export interface IndicatorPredicates {
  /** Type, period, data scope, region and agency: which cases the indicator looks at. */
  base: SQL;
  /** Rows counted in the numerator. For a ratio this includes the denominator's filters (num ⊆ den). */
  numerator: SQL;
  /** Rows counted in the denominator; null for a plain count. */
  denominator: SQL | null;
}

export function buildPredicates(
  m: CaseTypeManifest,
  def: IndicatorDef,
  formula: ResolvedFormula,
  q: IndicatorQuery,
  actor: Actor,
  regionPath: string | null,
): IndicatorPredicates {
  const parts: SQL[] = [
    sql`c.type = ${m.type}`,
    sql`${dateColumn(def)} between ${q.from}::date and ${q.to}::date`,
    caseScopeSql(actor, 'c'),
  ];
  // = any(array(…)) is computed once and filters the index scan; an IN (subquery) may be planned as a
  // join driven by the region table, which on a fresh database without statistics is a nested loop.
  // When the actor's scope already lies inside the requested region, the scope says it all.
  if (regionPath !== null && !actor.regionPath.startsWith(regionPath))
    parts.push(sql`c.region_code = any(array(select code from region where path like ${`${regionPath}%`}))`);
  if (q.agency !== undefined) parts.push(sql`${agencyColumn(q.agencyRole)} = ${q.agency}::uuid`);
  const num = filtersSql(formula.numerator, m, q);
  if (!formula.denominator) return { base: and(parts), numerator: num, denominator: null };
  const den = filtersSql(formula.denominator, m, q);
  return { base: and(parts), numerator: sql`(${den} and ${num})`, denominator: den };
}

/** Maps every region code to its ancestor at `level` (itself when it sits above that level). */
export function regionGroupCte(level: 'county' | 'town'): SQL {
  return sql`select r.code, coalesce(a.code, r.code) as gkey, coalesce(a.name, r.name) as glabel
    from region r left join region a on a.level = ${REGION_LEVEL[level]} and r.path like a.path || '%'`;
}

/** SQL deciding whether a case belongs to the group `key` of grouping `by`. */
export function groupMemberSql(def: IndicatorDef, by: GroupBy, key: string, role: AgencyRole | undefined): SQL {
  switch (by) {
    case 'county':
    case 'town':
      return sql`c.region_code in (select g.code from (${regionGroupCte(by)}) g where g.gkey = ${key})`;
    case 'month':
      return sql`to_char(${dateColumn(def)}, 'YYYY-MM') = ${key}`;
    case 'agency':
      return key === NO_AGENCY ? sql`${agencyColumn(role)} is null` : sql`${agencyColumn(role)} = ${key}::uuid`;
    case 'dimension':
      return sql`coalesce(${dimensionColumn(def)}, ${NO_VALUE}) = ${key}`;
  }
}

/** The recorded fact an indicator breaks down by; 400 when it declares none. */
export function dimensionColumn(def: IndicatorDef): SQL {
  if (!def.dimension) throw problems.validation([field('groupBy', '该指标没有可分组的类别', 'This indicator has no dimension to group by')]);
  return sql`c.attrs ->> ${def.dimension.attr}`;
}

/** Infer the grouping from a group key when the caller did not say (county for 6-digit codes). */
export function inferGroupBy(key: string): GroupBy | undefined {
  if (MONTH_RE.test(key)) return 'month';
  if (key === NO_AGENCY || UUID_RE.test(key)) return 'agency';
  if (/^\d{6}$/.test(key)) return 'county';
  if (/^\d{9}(\d{3})?$/.test(key)) return 'town';
  return undefined;
}

export function checkGroupKey(by: GroupBy, key: string): void {
  const ok =
    by === 'month'
      ? MONTH_RE.test(key)
      : by === 'agency'
        ? key === NO_AGENCY || UUID_RE.test(key)
        : by === 'dimension'
          ? /^[\w-]{0,60}$/.test(key)
          : REGION_RE.test(key);
  if (!ok) throw problems.validation([field('group', `分组键 ${key} 与分组方式 ${by} 不符`, `group ${key} does not fit groupBy ${by}`)]);
}
