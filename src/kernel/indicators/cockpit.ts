import type { Label } from '../cases/manifest.js';
import type { Registry } from '../cases/registry.js';
import type { Orm } from '../db/client.js';
import type { Actor } from '../identity/types.js';
import { getSetting } from '../settings.js';
import type { RegisterRegistry } from '../registers/registry.js';
import { findIndicator } from './catalog.js';
import { computeIndicator, type IndicatorGroup, type IndicatorResult } from './compute.js';
import { computeRegisterIndicator } from './register-indicators.js';
import type { IndicatorQuery } from './predicates.js';

/** The headline rates of the 驾驶舱 (the seed report's three: 复议纠错率, 一审败诉率, 负责人出庭率). */
export const COCKPIT_KEYS = [
  'reconsideration.correction_rate',
  'litigation.loss_rate',
  'litigation.head_appearance_rate',
] as const;

/** The counts shown beside them (审结数, 纠错数, 一审结案数, 败诉数…). */
export const COCKPIT_COUNT_KEYS = [
  'reconsideration.received',
  'reconsideration.concluded',
  'reconsideration.corrected',
  'litigation.first_instance_concluded',
  'litigation.lost',
  // Register counts (企业法律服务): skipped where the module is not installed.
  'legal_services.consultations',
  'legal_services.deliveries',
  'legal_services.health_checks',
] as const;

/** A city may choose other headlines: setting `cockpit.keys` = {"headline": [...], "counts": [...]}. */
export const COCKPIT_SETTING = 'cockpit.keys';

export interface CockpitHeadline {
  key: string;
  label: Label;
  unit: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  definition: Label;
  source: string;
  version: string;
  variant: string | null;
  byCounty: IndicatorGroup[];
  byMonth: IndicatorGroup[];
}

export interface Cockpit {
  year: number;
  region: string | null;
  from: string;
  to: string;
  headline: CockpitHeadline[];
  counts: { key: string; label: Label; unit: string; value: number | null }[];
}

async function cockpitKeys(orm: Orm): Promise<{ headline: string[]; counts: string[] }> {
  const s = await getSetting<unknown>(orm, COCKPIT_SETTING, null);
  const pick = (v: unknown, d: readonly string[]) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : [...d];
  const o = (s && typeof s === 'object' ? s : {}) as { headline?: unknown; counts?: unknown };
  return { headline: pick(o.headline, COCKPIT_KEYS), counts: pick(o.counts, COCKPIT_COUNT_KEYS) };
}

/**
 * The cockpit for one calendar year: each headline's value, by county and by month (two grouped
 * queries per headline; the totals come from the grouped query's total row), plus the counts.
 * Keys that no installed module declares are skipped, so a city without a module still gets a cockpit.
 */
export async function computeCockpit(
  orm: Orm,
  registry: Registry,
  q: { year: number; region?: string },
  actor: Actor,
  registers?: RegisterRegistry,
): Promise<Cockpit> {
  const keys = await cockpitKeys(orm);
  // A key names a case indicator or a register one; neither → skipped.
  const compute = (key: string, query: IndicatorQuery): Promise<IndicatorResult> | undefined => {
    const e = findIndicator(registry, key);
    if (e) return computeIndicator(orm, registry, e.def, query, actor);
    if (registers?.indicator(key)) return computeRegisterIndicator(orm, registers, key, query, actor);
    return undefined;
  };
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  const base = { from, to, region: q.region };
  const headline: CockpitHeadline[] = [];
  for (const key of keys.headline) {
    const byCountyP = compute(key, { ...base, groupBy: 'county' });
    if (!byCountyP) continue;
    const byCounty = await byCountyP;
    const byMonth = (await compute(key, { ...base, groupBy: 'month' }))!;
    headline.push({
      key,
      label: byCounty.label,
      unit: byCounty.unit,
      value: byCounty.value,
      numerator: byCounty.numerator,
      denominator: byCounty.denominator,
      definition: byCounty.definition,
      source: byCounty.source,
      version: byCounty.version,
      variant: byCounty.variant,
      byCounty: byCounty.groups ?? [],
      byMonth: byMonth.groups ?? [],
    });
  }
  const counts: Cockpit['counts'] = [];
  for (const key of keys.counts) {
    const p = compute(key, base);
    if (!p) continue;
    const r = await p;
    counts.push({ key, label: r.label, unit: r.unit, value: r.value });
  }
  return { year: q.year, region: q.region ?? null, from, to, headline, counts };
}
