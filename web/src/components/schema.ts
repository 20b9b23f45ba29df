/**
 * Reading the JSON Schema the server derives (z.toJSONSchema) from the same zod schema it validates
 * with. Pure functions, so the form and its tests agree on how a schema becomes fields.
 */
import type { Bi, Lang } from '../i18n.js';

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  /** English label beside the Chinese `title`. */
  en?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  /** Labels of enum values: { value: {zh, en} }. */
  options?: Record<string, Bi>;
  format?: string;
  widget?: 'textarea' | 'agency' | 'region' | 'phone' | 'idNumber' | string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  [k: string]: unknown;
}

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'radio'
  | 'select'
  | 'multiselect'
  | 'tags'
  | 'date'
  | 'datetime'
  | 'agency'
  | 'region'
  | 'phone'
  | 'idNumber'
  | 'category'
  | 'town'
  | 'registerRef'
  | 'object'
  | 'union'
  | 'array'
  | 'unknown';

/** Up to this many choices show as radio buttons (all visible at once); more go into a dropdown. */
export const RADIO_MAX_OPTIONS = 4;

function isNullSchema(s: JsonSchema): boolean {
  return s.type === 'null' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null');
}

/**
 * Strip the wrappers zod puts around optional/nullable values (`anyOf: [X, {type: null}]`,
 * `type: ['string', 'null']`) and merge the wrapper's own annotations (title, description) into X.
 * A union of constants (`anyOf: [{const: 'a'}, {const: 'b'}]`) becomes an enum.
 */
export function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const variants = schema.anyOf ?? schema.oneOf;
  const { anyOf: _a, oneOf: _o, ...own } = schema;
  if (variants && variants.length > 0) {
    const nonNull = variants.filter((v) => !isNullSchema(v));
    const nullable = nonNull.length < variants.length;
    if (nonNull.length === 1) {
      const inner = unwrap(nonNull[0]);
      return { schema: { ...inner.schema, ...own }, nullable: nullable || inner.nullable };
    }
    if (nonNull.length > 1 && nonNull.every((v) => 'const' in v)) {
      const values = nonNull.map((v) => v.const);
      const options: Record<string, Bi> = { ...(own.options ?? {}) };
      for (const v of nonNull) {
        if (v.title && !options[String(v.const)]) options[String(v.const)] = { zh: v.title, en: v.en ?? v.title };
      }
      return { schema: { type: typeof values[0] === 'number' ? 'number' : 'string', ...own, enum: values, options }, nullable };
    }
    // A union of object shapes: for paths and labels, one object with every branch's fields
    // (the form itself renders the chosen branch: see `unionOf`).
    if (nonNull.length > 1) return { schema: { ...mergeBranches(nonNull), ...own }, nullable };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types[0] }, nullable: types.length < schema.type.length };
  }
  return { schema, nullable: false };
}

function mergeBranches(branches: JsonSchema[]): JsonSchema {
  const objects = branches.map((b) => unwrap(b).schema);
  if (!objects.every((o) => o.type === 'object' || o.properties)) return objects[0];
  const properties: Record<string, JsonSchema> = {};
  for (const o of objects) for (const [k, v] of Object.entries(o.properties ?? {})) properties[k] ??= v;
  const required = (objects[0].required ?? []).filter((k) => objects.every((o) => o.required?.includes(k)));
  return { type: 'object', properties, required };
}

export interface UnionBranch {
  value: string;
  label: Bi;
  schema: JsonSchema;
}

/** Branch labels of common discriminators; a branch may also carry its own title. */
const BRANCH_LABELS: Record<string, Bi> = {
  person: { zh: '公民（自然人）', en: 'Individual' },
  org: { zh: '法人或其他组织', en: 'Organisation' },
  agency: { zh: '行政机关', en: 'Administrative agency' },
};

/**
 * A discriminated union (`oneOf`/`anyOf` of objects that each fix one property with `const`, e.g.
 * `kind: 'person' | 'org'`): the discriminator key and one branch per value, or null.
 */
export function unionOf(raw: JsonSchema): { key: string; label?: string; en?: string; branches: UnionBranch[] } | null {
  const variants = (raw.anyOf ?? raw.oneOf ?? []).filter((v) => !isNullSchema(v)).map((v) => unwrap(v).schema);
  if (variants.length < 2 || !variants.every((v) => v.properties)) return null;
  const first = variants[0].properties ?? {};
  const key = Object.keys(first).find((k) =>
    variants.every((v) => {
      const p = v.properties?.[k];
      return p && (p.const !== undefined || p.enum?.length === 1);
    }),
  );
  if (!key) return null;
  const branches = variants.map((v) => {
    const p = v.properties?.[key] as JsonSchema;
    const value = String(p.const ?? p.enum?.[0]);
    const label: Bi = BRANCH_LABELS[value] ?? (v.title ? { zh: v.title, en: v.en ?? v.title } : { zh: value, en: value });
    return { value, label, schema: v };
  });
  return { key, label: first[key].title, en: first[key].en, branches };
}

export function fieldKind(raw: JsonSchema): FieldKind {
  if (unionOf(raw)) return 'union';
  const s = unwrap(raw).schema;
  if (s.widget === 'textarea') return 'textarea';
  if (s.widget === 'agency') return 'agency';
  if (s.widget === 'region') return 'region';
  if (s.widget === 'phone') return 'phone';
  if (s.widget === 'idNumber') return 'idNumber';
  if (s.widget === 'mediation-category') return 'category';
  if (s.widget === 'town') return 'town';
  if (typeof s.widget === 'string' && s.widget.startsWith('register:')) return 'registerRef';
  // z.literal(true) ("both parties agree"): a switch the user must turn on, not a one-option list.
  if (typeof s.const === 'boolean') return 'boolean';
  if (s.enum && s.enum.length > 0) return s.enum.length <= RADIO_MAX_OPTIONS ? 'radio' : 'select';
  if (s.const !== undefined) return 'select';
  switch (s.type) {
    case 'string':
      if (s.format === 'date') return 'date';
      if (s.format === 'date-time') return 'datetime';
      return 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array': {
      const items = s.items ? unwrap(s.items).schema : undefined;
      if (items?.enum?.length) return 'multiselect';
      if (items && (items.type === 'object' || items.properties)) return 'array';
      if (items?.type === 'string') return 'tags';
      return 'array';
    }
  }
  if (s.properties) return 'object';
  return 'unknown';
}

/** Label in the current language: `title` is Chinese, `en` English; fall back to the key. */
export function fieldLabel(s: JsonSchema, key: string, lang: Lang): string {
  const u = unwrap(s).schema;
  if (lang === 'en') return u.en ?? u.title ?? key;
  return u.title ?? u.en ?? key;
}

/** Options of an enum field with labels in the current language. */
export function enumOptions(raw: JsonSchema, lang: Lang): { value: string | number | boolean; label: string }[] {
  const s = unwrap(raw).schema;
  const src = s.enum ?? (s.const !== undefined ? [s.const] : (unwrap(s.items ?? {}).schema.enum ?? []));
  const labels = s.options ?? unwrap(s.items ?? {}).schema.options ?? {};
  return src
    .filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map((v) => {
      const l = labels[String(v)];
      return { value: v, label: l ? l[lang] || l.zh : String(v) };
    });
}

/** "a.b.0.c" (the server's error path) → ['a', 'b', 0, 'c'] (an antd form field name). */
export function pathToName(path: string): (string | number)[] {
  if (!path) return [];
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Whether a field name points at an input the form renders, so a server error can be shown on it.
 * Errors on a whole object or list, on unknown keys or at the root go into a summary above the form.
 */
export function schemaHasPath(root: JsonSchema, name: (string | number)[]): boolean {
  if (name.length === 0) return false;
  let cur: JsonSchema | undefined = unwrap(root).schema;
  for (const seg of name) {
    if (!cur) return false;
    const kind = fieldKind(cur);
    if (typeof seg === 'number') {
      if (kind === 'array' && cur.items) cur = unwrap(cur.items).schema;
      else return false;
    } else {
      const next: JsonSchema | undefined = kind === 'object' ? cur.properties?.[seg] : undefined;
      if (!next) return false;
      cur = unwrap(next).schema;
    }
  }
  const last = fieldKind(cur);
  return last !== 'object' && last !== 'array' && last !== 'unknown';
}

/** "applicant.phone" → "申请人 › 联系电话" for the error summary; unknown parts stay as they are. */
export function pathLabel(root: JsonSchema, name: (string | number)[], lang: Lang): string {
  const parts: string[] = [];
  let cur: JsonSchema | undefined = unwrap(root).schema;
  for (const seg of name) {
    if (typeof seg === 'number') {
      parts.push(lang === 'zh' ? `第 ${seg + 1} 项` : `#${seg + 1}`);
      cur = cur?.items ? unwrap(cur.items).schema : undefined;
    } else {
      const next: JsonSchema | undefined = cur?.properties?.[seg];
      parts.push(next ? fieldLabel(next, seg, lang) : seg);
      cur = next ? unwrap(next).schema : undefined;
    }
  }
  return parts.join(' › ');
}

/**
 * The values to send: drop empty strings, nulls and undefined (an untouched optional field must be
 * absent, not ""), recursively; keep false and 0.
 */
export function cleanValues(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cleanValues).filter((x) => x !== undefined);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cleanValues(x);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  if (v === '' || v === null || v === undefined) return undefined;
  return v;
}

/** Ordered field list of an object schema with its required flags. */
export function fieldsOf(raw: JsonSchema): { key: string; schema: JsonSchema; required: boolean }[] {
  const s = unwrap(raw).schema;
  const req = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, schema]) => {
    // A field with a default may be left empty: the server fills it in.
    return { key, schema, required: req.has(key) && unwrap(schema).schema.default === undefined };
  });
}

/** A fact value for display: enum labels, yes/no, dates as they are, nested values compact. */
export function displayValue(raw: JsonSchema | undefined, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (raw) {
    const opts = enumOptions(raw, lang);
    if (opts.length) {
      const byValue = (x: unknown) => opts.find((o) => o.value === x)?.label ?? String(x);
      if (Array.isArray(v)) return v.map(byValue).join('、');
      return byValue(v);
    }
  }
  if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The first filled value of a field with one of these widgets (e.g. the applicant's phone). */
export function findWidgetValue(raw: JsonSchema, values: unknown, widgets: string[]): string | undefined {
  const s = unwrap(raw).schema;
  if (!values || typeof values !== 'object') return undefined;
  for (const [k, child] of Object.entries(s.properties ?? {})) {
    const c = unwrap(child).schema;
    const v = (values as Record<string, unknown>)[k];
    if (c.widget && widgets.includes(c.widget) && typeof v === 'string' && v) return v;
    if (fieldKind(c) === 'object') {
      const found = findWidgetValue(c, v, widgets);
      if (found) return found;
    }
    if (fieldKind(c) === 'array' && Array.isArray(v) && c.items) {
      for (const el of v) {
        const found = findWidgetValue(c.items, el, widgets);
        if (found) return found;
      }
    }
  }
  return undefined;
}
