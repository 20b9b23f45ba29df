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
