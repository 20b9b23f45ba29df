/** Small pure helpers shared by pages (kept here so they can be unit-tested without a DOM). */
import type { Region } from './api.js';
import { type Bi, type Lang, pick } from './i18n.js';

/** Only same-site paths: `next` comes from the URL and must not send the user elsewhere. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}

/**
 * A v4 UUID for Idempotency-Key. `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost); a government intranet often serves plain HTTP, where getRandomValues still works.
 */
export function uuid(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // insecure context: fall through
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** First and last civil day of a year, for period filters. */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A ratio for display: 12.5 → "12.5%", counts as integers with grouping. */
export function formatValue(value: number | null | undefined, unit: 'count' | 'percent' | 'yuan', lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  if (unit === 'percent') return `${value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
  if (unit === 'yuan') return `${value.toLocaleString(locale, { maximumFractionDigits: 2 })}${lang === 'zh' ? ' 元' : ' CNY'}`;
  return value.toLocaleString(locale, { maximumFractionDigits: 0 });
}

/**
 * Update URL filters: set non-empty values, delete empty ones; any filter change goes back to page 1
 * (the old page number may not exist in the new result).
 */
export function withFilters(params: URLSearchParams, patch: Record<string, string | number | null | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  if (!('page' in patch)) next.delete('page');
  return next;
}

/** Current year in Asia/Shanghai (the statutory calendar's zone), whatever the browser's zone. */
export function currentYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}


function isBi(x: unknown): x is Bi {
  return !!x && typeof x === 'object' && typeof (x as Bi).zh === 'string';
}

/**
 * 复议前置 hints arrive as data whose exact shape is the server's business: strings, {zh,en},
 * {label, text|items}, arrays of those, or a record keyed by category. Flatten them to lines.
 */
export function hintLines(hints: unknown, lang: Lang): { title?: string; text: string }[] {
  if (hints === null || hints === undefined) return [];
  if (typeof hints === 'string') return [{ text: hints }];
  if (isBi(hints)) return [{ text: pick(lang, hints) }];
  if (Array.isArray(hints)) return hints.flatMap((h) => hintLines(h, lang));
  if (typeof hints === 'object') {
    const o = hints as Record<string, unknown>;
    const title = isBi(o.label) || typeof o.label === 'string' ? pick(lang, o.label as Bi | string) : isBi(o.title) || typeof o.title === 'string' ? pick(lang, o.title as Bi | string) : undefined;
    const body = o.text ?? o.hint ?? o.description ?? o.items ?? o.examples;
    if (title !== undefined) {
      const lines = hintLines(body, lang);
      if (lines.length === 0) return [{ text: title }];
      return lines.map((x) => ({ title, text: x.text }));
    }
    // A record keyed by category.
    return Object.entries(o).flatMap(([k, v]) => hintLines(v, lang).map((x) => ({ title: x.title ?? k, text: x.text })));
  }
  return [{ text: String(hints) }];
}

export interface RegionNode {
  value: string;
  title: string;
  children?: RegionNode[];
}

/** The flat region list as a tree, cut at `maxDepth` levels (the city is level 1). */
export function regionTree(regions: Region[], maxDepth = Infinity): RegionNode[] {
  const byParent = new Map<string | null, Region[]>();
  const codes = new Set(regions.map((r) => r.code));
  for (const r of regions) {
    const parent = r.parentCode && codes.has(r.parentCode) ? r.parentCode : null;
    const list = byParent.get(parent) ?? [];
    list.push(r);
    byParent.set(parent, list);
  }
  const build = (parent: string | null, depth: number): RegionNode[] =>
    (byParent.get(parent) ?? []).map((r) => {
      const children = depth < maxDepth ? build(r.code, depth + 1) : [];
      return { value: r.code, title: r.name, ...(children.length ? { children } : {}) };
    });
  return build(null, 1);
}

/** A UTC timestamp shown in Asia/Shanghai, whatever zone the browser (or a test runner) is in. */
export function formatInstant(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export interface CategoryNode {
  value: string;
  label: string;
  children?: CategoryNode[];
}

/**
 * Dispute categories (two levels, parentCode) as cascader options. Only leaves are chosen; a top
 * category without children is itself a leaf.
 */
export function categoryTree(list: { code: string; parentCode: string | null; nameZh: string; nameEn: string }[], lang: Lang): CategoryNode[] {
  const codes = new Set(list.map((c) => c.code));
  const byParent = new Map<string | null, typeof list>();
  for (const c of list) {
    const parent = c.parentCode && codes.has(c.parentCode) ? c.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const build = (parent: string | null): CategoryNode[] =>
    (byParent.get(parent) ?? []).map((c) => {
      const children = build(c.code);
      return { value: c.code, label: lang === 'en' ? c.nameEn || c.nameZh : c.nameZh, ...(children.length ? { children } : {}) };
    });
  return build(null);
}

/** The cascader path (root → leaf) of a category code, so a chosen value shows as 邻里纠纷 / 噪音. */
export function categoryPath(list: { code: string; parentCode: string | null }[], code: string | undefined): string[] {
  if (!code) return [];
  const byCode = new Map(list.map((c) => [c.code, c]));
  const path: string[] = [];
  let cur = byCode.get(code);
  while (cur && path.length < 10) {
    path.unshift(cur.code);
    cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined;
  }
  return path.length ? path : [code];
}

/**
 * Regions as a tree for a town picker: every level down to the towns, only towns selectable
 * (a dispute is routed to the committee of its town).
 */
export function townTree(regions: Region[]): (RegionNode & { selectable?: boolean })[] {
  const isTown = new Map(regions.map((r) => [r.code, r.level === 'town' || String(r.code).length === 9]));
  const mark = (nodes: RegionNode[]): (RegionNode & { selectable?: boolean })[] =>
    nodes
      .map((n) => {
        const children = n.children ? mark(n.children) : undefined;
        const town = isTown.get(n.value) ?? false;
        return { ...n, selectable: town, ...(children?.length ? { children } : { children: undefined }) };
      })
      // A branch with no town under it has nothing to pick.
      .filter((n) => n.selectable || (n.children?.length ?? 0) > 0);
  return mark(regionTree(regions));
}

/**
 * Heat-map cell colour: transparent at the column's minimum, deep blue at its maximum (light enough
 * that the figure stays readable). No value, no colour.
 */
export function heatColor(value: number | null | undefined, min: number, max: number): string | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return undefined;
  const share = max > min ? (value - min) / (max - min) : 0;
  const alpha = Math.round(share * 55) / 100;
  return alpha > 0 ? `rgba(29, 78, 216, ${alpha})` : undefined;
}

/**
 * Text of a value a resolver wrote whose shape varies: a string, a {zh, en} label, a rule
 * {note: {zh, en}} or a legal basis {law, article}.
 */
export function looseText(x: unknown, lang: Lang): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string' || typeof x === 'number') return String(x);
  if (isBi(x)) return pick(lang, x);
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.law === 'string') return `${o.law}${typeof o.article === 'string' ? ` ${o.article}` : ''}`;
    if (o.note !== undefined) return looseText(o.note, lang);
    if (o.label !== undefined) return looseText(o.label, lang);
  }
  return '';
}

