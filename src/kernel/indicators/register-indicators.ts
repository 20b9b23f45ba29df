import type { SQL } from 'drizzle-orm';
import { type Orm, rows, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { entryScopeSql } from '../registers/entries.js';
import type { RegisterRegistry } from '../registers/registry.js';
import type { RegisterDef, RegisterFilter, RegisterIndicatorDef } from '../registers/types.js';
import type { IndicatorSummary } from './catalog.js';
import { figureQuery, fillSql, type IndicatorResult, MAX_PAGE_SIZE, type RecordsQuery } from './compute.js';
import { checkGroupKey, checkQuery, type GroupBy, type IndicatorQuery, inferGroupBy, regionGroupCte, regionPathOf } from './predicates.js';

/**
 * Register indicators (咨询次数, 推送次数, 已读率 …) beside the case ones: the same API, the same
 * result shape, grouped by county, town or month of `occurred_on`, drilled down to the entries.
 * Entries have no agency, so grouping by agency is a 400.
 */
export const REGISTER_DATE_FIELD = 'occurred_on' as const;

export function registerIndicatorSummaries(registers: RegisterRegistry): IndicatorSummary[] {
  return registers.indicators().map(({ register, def }) => ({
    key: def.key,
    type: register.key,
    typeLabel: register.label,
    label: def.label,
    unit: def.unit,
    version: def.version,
    dateField: REGISTER_DATE_FIELD,
    definition: def.definition,
    source: def.source,
    variant: null,
    variantSettingKey: null,
    variants: [],
  }));
}

function filterSql(f: RegisterFilter): SQL {
  switch (f.kind) {
    case 'status_in':
      return f.statuses.length ? sql`e.status in (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})` : sql`false`;
    case 'data_equals':
      // Containment matches the JSON type too: true ≠ "true".
      return sql`e.data @> ${JSON.stringify({ [f.field]: f.value })}::jsonb`;
    case 'attr_equals':
      return sql`e.attrs @> ${JSON.stringify({ [f.attr]: f.value })}::jsonb`;
    default:
      throw new Error(`unknown register filter ${JSON.stringify(f)}`);
  }
}

const all = (fs: RegisterFilter[]): SQL => (fs.length ? sql`(${sql.join(fs.map(filterSql), sql` and `)})` : sql`true`);

/** Shared by the figure and its drill-down, so the two cannot disagree. */
function predicates(register: RegisterDef, def: RegisterIndicatorDef, q: IndicatorQuery, actor: Actor, regionPath: string | null) {
  const parts: SQL[] = [sql`e.register = ${register.key}`, sql`e.occurred_on between ${q.from}::date and ${q.to}::date`, entryScopeSql(actor)];
  if (regionPath !== null && !actor.regionPath.startsWith(regionPath))
    parts.push(sql`e.region_code = any(array(select code from region where path like ${`${regionPath}%`}))`);
  const base = sql`(${sql.join(parts, sql` and `)})`;
  if (!def.denominator) return { base, numerator: all(def.numerator), denominator: null };
  const den = all(def.denominator);
  return { base, numerator: sql`(${den} and ${all(def.numerator)})`, denominator: den };
}

function checkRegisterQuery(q: IndicatorQuery): void {
  checkQuery(q);
  if (q.groupBy === 'agency' || q.agency !== undefined)
    throw problems.validation([field(q.agency !== undefined ? 'agency' : 'groupBy', '登记簿指标不按机关统计', 'Register indicators have no agency')]);
  if (q.groupBy === 'dimension') throw problems.validation([field('groupBy', '登记簿指标没有可分组的类别', 'Register indicators have no dimension')]);
}

function rawKey(by: GroupBy): SQL {
  return by === 'month' ? sql`to_char(e.occurred_on, 'YYYY-MM')` : sql`e.region_code`;
}

export async function computeRegisterIndicator(
  orm: Orm,
  registers: RegisterRegistry,
  key: string,
  q: IndicatorQuery,
  actor: Actor,
): Promise<IndicatorResult> {
  checkRegisterQuery(q);
  const found = registers.indicator(key);
  if (!found) throw problems.notFound('indicator', '指标');
  const { register, def } = found;
  const regionPath = q.region !== undefined ? await regionPathOf(orm, q.region) : null;
  const p = predicates(register, def, q, actor, regionPath);
  const isRatio = p.denominator !== null;
  const scanned = p.denominator ?? p.numerator;
  const numAgg = isRatio
    ? sql`count(*) filter (where ${p.numerator})`
    : def.sum
      ? sql`coalesce(sum((e.attrs->>${def.sum.attr})::numeric), 0)`
      : sql`count(*)`;
  const head = {
    key: def.key,
    type: register.key,
    label: def.label,
    unit: def.unit,
    version: def.version,
    variant: null,
    variantLabel: null,
    definition: def.definition,
    source: def.source,
    dateField: REGISTER_DATE_FIELD,
    from: q.from,
    to: q.to,
  };
  const from = sql`register_entry e`;
  const where = sql`${p.base} and ${scanned}`;
  if (!q.groupBy) return { ...head, ...(await figureQuery(orm, { from, where, numAgg, isRatio })) };
  const by = q.groupBy as Exclude<GroupBy, 'agency' | 'dimension'>;
  const labelled =
    by === 'month'
      ? sql`select rkey as gkey, to_char(to_date(rkey, 'YYYY-MM'), 'YYYY"年"FMMM"月"') as glabel, n, d from agg`
      : sql`select coalesce(rg.gkey, agg.rkey) as gkey, coalesce(rg.glabel, agg.rkey) as glabel, sum(n) as n, sum(d) as d
          from agg left join (${regionGroupCte(by)}) rg on rg.code = agg.rkey group by 1, 2`;
  const res = await figureQuery(orm, { from, where, numAgg, isRatio, group: { rawKey: rawKey(by), labelled, fill: fillSql(by, q, regionPath, actor) } });
  return { ...head, ...res, groupBy: by };
}

export interface RegisterIndicatorRecord {
  id: string;
  register: string;
  title: string;
  status: string | null;
  regionCode: string | null;
  regionName: string | null;
  occurredOn: string;
}

/** The entries behind a figure: `total` of a part equals the figure's numerator (denominator), whole or per group. */
export async function listRegisterIndicatorRecords(
  orm: Orm,
  registers: RegisterRegistry,
  key: string,
  q: RecordsQuery,
  actor: Actor,
): Promise<{ items: RegisterIndicatorRecord[]; total: number; page: number; pageSize: number }> {
  checkRegisterQuery(q);
  const found = registers.indicator(key);
  if (!found) throw problems.notFound('indicator', '指标');
  const { register, def } = found;
  if (!Number.isInteger(q.page) || q.page < 1) throw problems.validation([field('page', '页码无效', 'page must be ≥ 1')]);
  if (!Number.isInteger(q.pageSize) || q.pageSize < 1 || q.pageSize > MAX_PAGE_SIZE)
    throw problems.validation([field('pageSize', `每页条数应为 1–${MAX_PAGE_SIZE}`, `pageSize must be 1–${MAX_PAGE_SIZE}`)]);
  const regionPath = q.region !== undefined ? await regionPathOf(orm, q.region) : null;
  const p = predicates(register, def, q, actor, regionPath);
  let part: SQL;
  if (q.part === 'numerator') part = p.numerator;
  else if (p.denominator) part = p.denominator;
  else throw problems.validation([field('part', '该指标是计数，没有分母', 'This indicator is a count: it has no denominator')]);
  const conds = [p.base, part];
  if (q.group !== undefined) {
    const by = q.groupBy ?? inferGroupBy(q.group);
    if (!by || by === 'agency' || by === 'dimension') throw problems.validation([field('group', '无法识别的分组键', 'Unrecognised group key')]);
    checkGroupKey(by, q.group);
    conds.push(
      by === 'month'
        ? sql`to_char(e.occurred_on, 'YYYY-MM') = ${q.group}`
        : sql`e.region_code in (select g.code from (${regionGroupCte(by)}) g where g.gkey = ${q.group})`,
    );
  }
  const where = sql.join(conds, sql` and `);
  const [{ total }] = await rows<{ total: number }>(orm, sql`select count(*)::int as total from register_entry e where ${where}`);
  const items = await rows<RegisterIndicatorRecord>(
    orm,
    sql`select e.id, e.register, e.title, e.status, e.region_code as "regionCode",
          (select r.name from region r where r.code = e.region_code) as "regionName", e.occurred_on as "occurredOn"
        from register_entry e where ${where}
        order by e.occurred_on desc, e.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items, total, page: q.page, pageSize: q.pageSize };
}
