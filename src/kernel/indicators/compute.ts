import type { SQL } from 'drizzle-orm';
import type { IndicatorDef, Label } from '../cases/manifest.js';
import type { Registry } from '../cases/registry.js';
import { type Orm, rows, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { findIndicator, type IndicatorEntry, loadFormula } from './catalog.js';
import {
  agencyColumn,
  buildPredicates,
  checkGroupKey,
  checkQuery,
  dateColumn,
  dimensionColumn,
  type GroupBy,
  groupMemberSql,
  type IndicatorQuery,
  inferGroupBy,
  NO_VALUE,
  NO_AGENCY,
  regionGroupCte,
  regionPathOf,
} from './predicates.js';

export interface IndicatorGroup {
  key: string;
  label: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface IndicatorResult {
  key: string;
  type: string;
  label: Label;
  unit: IndicatorDef['unit'];
  version: string;
  /** The 口径 in force when computed (null when the indicator has a single formula). */
  variant: string | null;
  variantLabel: Label | null;
  definition: Label;
  source: string;
  /** Register indicators place entries by `occurred_on`. */
  dateField: IndicatorDef['dateField'] | 'occurred_on';
  from: string;
  to: string;
  /** Percent with two decimals for ratios (null when the denominator is 0); the count otherwise. */
  value: number | null;
  numerator: number;
  denominator: number | null;
  groupBy?: GroupBy;
  groups?: IndicatorGroup[];
}

/**
 * One figure over any table (cases, register entries): the numerator aggregate and the row count as
 * denominator, and when grouped, the raw groups labelled, empty groups filled in, and a total row.
 */
export async function figureQuery(
  orm: Orm,
  q: { from: SQL; where: SQL; numAgg: SQL; isRatio: boolean; group?: { rawKey: SQL; labelled: SQL; fill: SQL } },
): Promise<{ value: number | null; numerator: number; denominator: number | null; groups?: IndicatorGroup[] }> {
  const figure = (n: number, d: number | null, pct: number | null) => (q.isRatio ? (d ? pct : null) : n);
  if (!q.group) {
    const [r] = await rows<{ n: number; d: number; pct: number | null }>(
      orm,
      sql`select (${q.numAgg})::float8 as n, count(*)::int as d, round(100.0 * (${q.numAgg}) / nullif(count(*), 0), 2)::float8 as pct
          from ${q.from} where ${q.where}`,
    );
    const d = q.isRatio ? r.d : null;
    return { value: figure(r.n, d, r.pct), numerator: r.n, denominator: d };
  }
  const list = await rows<{ gkey: string | null; glabel: string | null; n: number; d: number; pct: number | null; total: number }>(
    orm,
    sql`with agg as (
          select ${q.group.rawKey} as rkey, (${q.numAgg})::numeric as n, count(*)::int as d
          from ${q.from} where ${q.where}
          group by 1
        ),
        labelled as (${q.group.labelled}),
        fill as (${q.group.fill}),
        merged as (
          select coalesce(l.gkey, f.gkey) as gkey, coalesce(l.glabel, f.glabel) as glabel,
                 coalesce(l.n, 0) as n, coalesce(l.d, 0) as d, 0 as total
          from labelled l full join fill f on f.gkey = l.gkey
          union all
          select null, null, coalesce(sum(n), 0), coalesce(sum(d), 0), 1 from agg
        )
        select gkey, glabel, n::float8 as n, d::int as d, total, round(100.0 * n / nullif(d, 0), 2)::float8 as pct
        from merged order by total desc, gkey`,
  );
  const totalRow = list.find((r) => r.total === 1);
  const n = totalRow?.n ?? 0;
  const d = q.isRatio ? (totalRow?.d ?? 0) : null;
  const groups = list
    .filter((r) => r.total !== 1)
    .map((r) => {
      const gd = q.isRatio ? r.d : null;
      return { key: r.gkey ?? '', label: r.glabel ?? '', value: figure(r.n, gd, r.pct), numerator: r.n, denominator: gd };
    });
  return { value: figure(n, d, totalRow?.pct ?? null), numerator: n, denominator: d, groups };
}

/** Label of the group of cases with no value for the dimension. */
const NO_VALUE_LABEL = '未分类 (none)';

/** Label of the group of cases with no agency in the chosen role. */
const NO_AGENCY_LABEL = '未指定机关 (no agency)';

function entryFor(registry: Registry, def: IndicatorDef): IndicatorEntry {
  const e = findIndicator(registry, def.key);
  if (!e) throw new Error(`indicator ${def.key} is not declared by any registered manifest`);
  return e;
}

/**
 * How a grouping aggregates: first by a raw key on the case row (region code, month, agency id: at most
 * a few hundred groups), then the raw groups are mapped to their group and label. Joining the small
 * aggregate, never the big scan, keeps the plan a single index range scan whatever the region stats say.
 */
function grouping(def: IndicatorDef, by: GroupBy, q: IndicatorQuery): { rawKey: SQL; labelled: SQL } {
  switch (by) {
    case 'county':
    case 'town':
      return {
        rawKey: sql`c.region_code`,
        labelled: sql`select coalesce(rg.gkey, agg.rkey) as gkey, coalesce(rg.glabel, agg.rkey) as glabel, sum(n) as n, sum(d) as d
          from agg left join (${regionGroupCte(by)}) rg on rg.code = agg.rkey group by 1, 2`,
      };
    case 'month':
      return {
        rawKey: sql`to_char(${dateColumn(def)}, 'YYYY-MM')`,
        labelled: sql`select rkey as gkey, to_char(to_date(rkey, 'YYYY-MM'), 'YYYY"年"FMMM"月"') as glabel, n, d from agg`,
      };
    case 'dimension': {
      const lb = def.dimension?.labels;
      const names = lb ? sql`left join (select ${sql.identifier(lb.key)}::text as k, ${sql.identifier(lb.label)}::text as l from ${sql.identifier(lb.table)}) lb on lb.k = agg.rkey` : sql``;
      return {
        rawKey: sql`coalesce(${dimensionColumn(def)}, ${NO_VALUE})`,
        labelled: sql`select agg.rkey as gkey, coalesce(${lb ? sql`lb.l` : sql`null`}, nullif(agg.rkey, ''), ${NO_VALUE_LABEL}) as glabel, n, d from agg ${names}`,
      };
    }
    case 'agency':
      return {
        rawKey: agencyColumn(q.agencyRole),
        labelled: sql`select coalesce(agg.rkey::text, ${NO_AGENCY}) as gkey, coalesce(ag.name, ${NO_AGENCY_LABEL}) as glabel, n, d
          from agg left join agency ag on ag.id = agg.rkey`,
      };
  }
}

/**
 * Groups that should appear even with no cases, so a chart shows a zero bar rather than a gap: the
 * counties (towns) inside both the requested region and the actor's scope, or every month of the
 * period. Agencies are too many to list empty.
 */
export function fillSql(by: GroupBy, q: IndicatorQuery, regionPath: string | null, actor: Actor): SQL {
  switch (by) {
    case 'county':
    case 'town':
      return sql`select code as gkey, name as glabel from region where level = ${by}
        and path like ${`${regionPath ?? '/'}%`} and path like ${`${actor.regionPath}%`}`;
    case 'month':
      return sql`select to_char(m, 'YYYY-MM') as gkey, to_char(m, 'YYYY"年"FMMM"月"') as glabel
        from generate_series(date_trunc('month', ${q.from}::date::timestamp), ${q.to}::date::timestamp, interval '1 month') m`;
    case 'agency':
    case 'dimension':
      return sql`select null::text as gkey, null::text as glabel where false`;
  }
}

/**
 * Compute one indicator: COUNT(*) FILTER over the cases of the def's type in the period, inside the
 * actor's data scope, in one query whatever the grouping (the total row is the sum of the raw groups).
 */
export async function computeIndicator(
  orm: Orm,
  registry: Registry,
  def: IndicatorDef,
  query: IndicatorQuery,
  actor: Actor,
): Promise<IndicatorResult> {
  checkQuery(query);
  const { manifest } = entryFor(registry, def);
  const formula = await loadFormula(orm, def);
  const regionPath = query.region !== undefined ? await regionPathOf(orm, query.region) : null;
  const p = buildPredicates(manifest, def, formula, query, actor, regionPath);
  const isRatio = p.denominator !== null;
  // A ratio scans its denominator rows and FILTERs the numerator; a count scans its numerator rows.
  const scanned = p.denominator ?? p.numerator;
  // A sum adds a recorded amount (attrs are written by the engine from the manifest, never by users).
  const numAgg = isRatio
    ? sql`count(*) filter (where ${p.numerator})`
    : def.sum
      ? sql`coalesce(sum((c.attrs->>${def.sum.attr})::numeric), 0)`
      : sql`count(*)`;
  const head = {
    key: def.key,
    type: manifest.type,
    label: def.label,
    unit: def.unit,
    version: def.version,
    variant: formula.variant,
    variantLabel: formula.variantLabel,
    definition: def.definition,
    source: def.source,
    dateField: def.dateField,
    from: query.from,
    to: query.to,
  };
  if (!query.groupBy) return { ...head, ...(await figureQuery(orm, { from: sql`fz_case c`, where: sql`${p.base} and ${scanned}`, numAgg, isRatio })) };

  const g = grouping(def, query.groupBy, query);
  const res = await figureQuery(orm, {
    from: sql`fz_case c`,
    where: sql`${p.base} and ${scanned}`,
    numAgg,
    isRatio,
    group: { rawKey: g.rawKey, labelled: g.labelled, fill: fillSql(query.groupBy, query, regionPath, actor) },
  });
  const groups = res.groups!;
  if (query.groupBy === 'agency') groups.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN') || a.key.localeCompare(b.key));
  // Categories read best largest first.
  if (query.groupBy === 'dimension') groups.sort((a, b) => b.numerator - a.numerator || a.key.localeCompare(b.key));
  return { ...head, ...res, groupBy: query.groupBy, groups };
}

export interface RecordsQuery extends IndicatorQuery {
  part: 'numerator' | 'denominator';
  /** A group key from the figure's groups; its grouping comes from `groupBy` or is inferred from the key. */
  group?: string;
  page: number;
  pageSize: number;
}

export interface IndicatorRecord {
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

export const MAX_PAGE_SIZE = 200;

/**
 * The cases behind a figure: the same predicates as `computeIndicator`, so `total` of the numerator
 * (denominator) part equals the figure's numerator (denominator), for the whole or for one group.
 */
export async function listIndicatorRecords(
  orm: Orm,
  registry: Registry,
  key: string,
  query: RecordsQuery,
  actor: Actor,
): Promise<{ items: IndicatorRecord[]; total: number; page: number; pageSize: number }> {
  checkQuery(query);
  const entry = findIndicator(registry, key);
  if (!entry) throw problems.notFound('indicator', '指标');
  const { manifest, def } = entry;
  if (!Number.isInteger(query.page) || query.page < 1) throw problems.validation([field('page', '页码无效', 'page must be ≥ 1')]);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > MAX_PAGE_SIZE)
    throw problems.validation([field('pageSize', `每页条数应为 1–${MAX_PAGE_SIZE}`, `pageSize must be 1–${MAX_PAGE_SIZE}`)]);
  const formula = await loadFormula(orm, def);
  const regionPath = query.region !== undefined ? await regionPathOf(orm, query.region) : null;
  const p = buildPredicates(manifest, def, formula, query, actor, regionPath);
  let part: SQL;
  if (query.part === 'numerator') part = p.numerator;
  else if (query.part === 'denominator' && p.denominator) part = p.denominator;
  else if (query.part === 'denominator')
    throw problems.validation([field('part', '该指标是计数，没有分母', 'This indicator is a count: it has no denominator')]);
  else throw problems.validation([field('part', 'part 应为 numerator 或 denominator', 'part must be numerator or denominator')]);

  const conds = [p.base, part];
  if (query.group !== undefined) {
    const by = query.groupBy ?? inferGroupBy(query.group);
    if (!by) throw problems.validation([field('group', '无法识别的分组键', 'Unrecognised group key')]);
    checkGroupKey(by, query.group);
    conds.push(groupMemberSql(def, by, query.group, query.agencyRole));
  }
  const where = sql.join(conds, sql` and `);
  const [{ total }] = await rows<{ total: number }>(orm, sql`select count(*)::int as total from fz_case c where ${where}`);
  const items = await rows<IndicatorRecord>(
    orm,
    sql`select c.id, c.type, c.number, c.title, c.state, c.outcome, c.region_code as "regionCode", r.name as "regionName",
          c.received_on as "receivedOn", c.closed_on as "closedOn"
        from fz_case c join region r on r.code = c.region_code
        where ${where}
        order by ${dateColumn(def)} desc, c.number nulls last, c.id
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}
