import type { CaseTypeManifest, IndicatorDef, IndicatorFilter, Label } from '../cases/manifest.js';
import type { Registry } from '../cases/registry.js';
import { type Orm, rows, sql } from '../db/client.js';

/** An indicator with the case type that declares it (its type and outcome groups scope the SQL). */
export interface IndicatorEntry {
  manifest: CaseTypeManifest;
  def: IndicatorDef;
}

/** Find an indicator by key across all manifests. */
export function findIndicator(registry: Registry, key: string): IndicatorEntry | undefined {
  for (const manifest of registry.all()) {
    const def = manifest.indicators?.find((d) => d.key === key);
    if (def) return { manifest, def };
  }
  return undefined;
}

export function allIndicators(registry: Registry): IndicatorEntry[] {
  return registry.all().flatMap((manifest) => (manifest.indicators ?? []).map((def) => ({ manifest, def })));
}

/** The formula actually in force: the def's filters, overridden by the selected 口径 option. */
export interface ResolvedFormula {
  /** Selected option key, or null when the indicator has no variants. */
  variant: string | null;
  variantLabel: Label | null;
  numerator: IndicatorFilter[];
  denominator: IndicatorFilter[] | undefined;
}

/**
 * The stored choice is a JSON string in `setting`. A missing row, or a value naming an option that a
 * later manifest version removed, falls back to the default: a stale setting must not break the cockpit.
 */
export function resolveFormula(def: IndicatorDef, stored: unknown): ResolvedFormula {
  const vs = def.variantSetting;
  if (!vs) return { variant: null, variantLabel: null, numerator: def.numerator, denominator: def.denominator };
  const variant = typeof stored === 'string' && vs.options[stored] ? stored : vs.default;
  const opt = vs.options[variant];
  return {
    variant,
    variantLabel: opt?.label ?? null,
    numerator: opt?.numerator ?? def.numerator,
    denominator: opt?.denominator ?? def.denominator,
  };
}

/** Stored variant choices for these defs, in one query. */
export async function loadVariantChoices(orm: Orm, defs: IndicatorDef[]): Promise<Map<string, unknown>> {
  const keys = [...new Set(defs.flatMap((d) => (d.variantSetting ? [d.variantSetting.key] : [])))];
  const out = new Map<string, unknown>();
  if (keys.length === 0) return out;
  const list = await rows<{ key: string; value: unknown }>(
    orm,
    sql`select key, value from setting where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
  for (const r of list) out.set(r.key, r.value);
  return out;
}

export async function loadFormula(orm: Orm, def: IndicatorDef): Promise<ResolvedFormula> {
  const choices = await loadVariantChoices(orm, [def]);
  return resolveFormula(def, def.variantSetting ? choices.get(def.variantSetting.key) : undefined);
}

/** Outcome codes of the manifest whose groups meet any of `groups`. */
export function outcomeCodes(manifest: CaseTypeManifest, groups: string[]): string[] {
  return Object.entries(manifest.outcomes)
    .filter(([, o]) => o.groups.some((g) => groups.includes(g)))
    .map(([code]) => code)
    .sort();
}

/** What the list endpoint and the web's indicator picker show about one indicator. */
export interface IndicatorSummary {
  key: string;
  type: string;
  typeLabel: Label;
  label: Label;
  unit: IndicatorDef['unit'];
  version: string;
  /** Register indicators place entries by `occurred_on`. */
  dateField: IndicatorDef['dateField'] | 'occurred_on';
  definition: Label;
  source: string;
  /** Current 口径 and the documented options (null / [] when there is only one formula). */
  variant: string | null;
  variantSettingKey: string | null;
  variants: { key: string; label: Label }[];
  /** What `groupBy=dimension` breaks the figure down by (e.g. 纠纷类别), if anything. */
  dimension?: Label | null;
}

export function summarize(e: IndicatorEntry, stored: unknown): IndicatorSummary {
  const { def, manifest } = e;
  const f = resolveFormula(def, stored);
  return {
    key: def.key,
    type: manifest.type,
    typeLabel: manifest.label,
    label: def.label,
    unit: def.unit,
    dimension: def.dimension?.label ?? null,
    version: def.version,
    dateField: def.dateField,
    definition: def.definition,
    source: def.source,
    variant: f.variant,
    variantSettingKey: def.variantSetting?.key ?? null,
    variants: def.variantSetting
      ? Object.entries(def.variantSetting.options).map(([key, o]) => ({ key, label: o.label }))
      : [],
  };
}

export async function listIndicatorSummaries(orm: Orm, registry: Registry): Promise<IndicatorSummary[]> {
  const entries = allIndicators(registry);
  const choices = await loadVariantChoices(
    orm,
    entries.map((e) => e.def),
  );
  return entries.map((e) => summarize(e, e.def.variantSetting ? choices.get(e.def.variantSetting.key) : undefined));
}
