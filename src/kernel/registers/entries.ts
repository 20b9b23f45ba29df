import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Pii } from '../crypto/pii.js';
import { maskIdNumber, maskName, maskPhone } from '../crypto/pii.js';
import { type Orm, rows, sql } from '../db/client.js';
import { type FieldError, Problem, field } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { Actor } from '../identity/types.js';
import { isCivilDate, UUID_RE } from '../indicators/predicates.js';
import type { Kernel } from '../kernel.js';
import type { RegisterDef, RegisterEntryValues } from './types.js';

/** A personal field at rest: the ciphertext, a keyed hash for equality lookups, and the masked form lists show. */
export interface Sealed {
  enc: string;
  hash: string;
  masked: string;
}

const isSealed = (v: unknown): v is Sealed => !!v && typeof v === 'object' && typeof (v as Sealed).enc === 'string';

/** 138****5678, 330402********123X, 张*三; longer text (an address) keeps its first six characters. */
export function maskValue(s: string): string {
  const t = s.trim();
  if (/^1\d{10}$/.test(t)) return maskPhone(t);
  if (/^\d{17}[\dXx]$/.test(t)) return maskIdNumber(t);
  if ([...t].length <= 4) return maskName(t);
  return `${[...t].slice(0, 6).join('')}****`;
}

export function sealPersonal(pii: Pii, def: RegisterDef, data: Record<string, unknown>): Record<string, unknown> {
  if (!def.personal?.length) return data;
  const out = { ...data };
  for (const f of def.personal) {
    const v = out[f];
    if (typeof v === 'string' && v !== '') out[f] = { enc: pii.encrypt(v), hash: pii.lookupHash(v), masked: maskValue(v) } satisfies Sealed;
  }
  return out;
}

export function openPersonal(pii: Pii, def: RegisterDef, data: Record<string, unknown>): Record<string, unknown> {
  if (!def.personal?.length) return data;
  const out = { ...data };
  for (const f of def.personal) {
    const v = out[f];
    if (isSealed(v)) out[f] = pii.decrypt(v.enc);
  }
  return out;
}

export function maskPersonal(def: RegisterDef, data: Record<string, unknown>): Record<string, unknown> {
  if (!def.personal?.length) return data;
  const out = { ...data };
  for (const f of def.personal) {
    const v = out[f];
    if (isSealed(v)) out[f] = v.masked;
  }
  return out;
}

/**
 * Data scope of an entry: its region in the actor's region subtree. Entries without a region (a
 * guideline, a push to the whole city) are seen by everyone with the register's read permission.
 */
export function entryScopeSql(actor: Actor, alias = 'e'): SQL {
  if (actor.regionPath === '/') return sql`true`;
  const a = sql.raw(alias);
  return sql`(${a}.region_code is null or ${a}.region_code = any(array(select code from region where path like ${`${actor.regionPath}%`})))`;
}

/**
 * A text[] bound as one parameter (drizzle would expand a JS array into a list of parameters). A
 * constant, so `= any(…)` is evaluated once and can drive an index scan.
 */
export function textArray(values: string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}

export interface EntryView {
  id: string;
  register: string;
  version: number;
  title: string;
  occurredOn: string;
  regionCode: string | null;
  regionName: string | null;
  status: string | null;
  naturalKey: string | null;
  parentId: string | null;
  refs: Record<string, string>;
  data: Record<string, unknown>;
  attrs: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export const ENTRY_SELECT = sql`select e.id, e.register, e.version, e.title, e.occurred_on as "occurredOn", e.region_code as "regionCode",
  (select r.name from region r where r.code = e.region_code) as "regionName", e.status, e.natural_key as "naturalKey",
  e.parent_id as "parentId", e.refs, e.data, e.attrs, e.created_at as "createdAt", e.updated_at as "updatedAt"
  from register_entry e`;

/** The view every reader gets: personal fields masked (the one unmasked read is audited, see get-entry.ts). */
export function maskedView(def: RegisterDef, row: EntryView): EntryView {
  return { ...row, data: maskPersonal(def, row.data) };
}

/** An entry ready to be written: validated, resolved (refs to ids, inherited region) and sealed. */
export interface PreparedEntry {
  id: string;
  title: string;
  occurredOn: string;
  regionCode: string | null;
  status: string | null;
  naturalKey: string | null;
  parentId: string | null;
  refs: Record<string, string>;
  /** Stored data: the input with personal fields sealed. */
  data: Record<string, unknown>;
  attrs: Record<string, unknown>;
}

export interface RowErrors {
  /** Index in the inputs. */
  index: number;
  errors: FieldError[];
  /** A natural key already taken: a 409 for a single write, a row error in an import. */
  conflict?: boolean;
}

interface Draft {
  index: number;
  values: RegisterEntryValues;
}

/**
 * Validate and resolve a batch in a handful of queries whatever its size: one per referenced
 * register, one for natural keys, one for regions. Each row gets all of its errors, so an import's
 * dry run reports the whole sheet at once. `selfId` is the entry being updated (its own natural key is not a clash).
 */
export async function prepareEntries(
  k: Kernel,
  tx: Orm,
  def: RegisterDef,
  inputs: unknown[],
  actor: Actor,
  opts: { selfId?: string; ids?: string[] } = {},
): Promise<{ entries: PreparedEntry[]; errors: RowErrors[] }> {
  const errs = new Map<number, RowErrors>();
  const fail = (index: number, e: FieldError, conflict = false) => {
    const r = errs.get(index) ?? { index, errors: [] };
    r.errors.push(e);
    if (conflict) r.conflict = true;
    errs.set(index, r);
  };
  const drafts: Draft[] = [];
  for (const [index, raw] of inputs.entries()) {
    try {
      const values = def.toEntry(parseInput(def.input, raw));
      drafts.push({ index, values });
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      for (const fe of e.opts.errors ?? [field('', e.titleZh, e.titleEn)]) fail(index, fe);
    }
  }

  for (const d of drafts) {
    const v = d.values;
    if (v.status != null && !def.statuses?.[v.status])
      fail(d.index, field('status', `状态 ${v.status} 未在${def.label.zh}中声明`, `Status ${v.status} is not declared by ${def.label.en}`));
    if (v.occurredOn !== undefined && !isCivilDate(v.occurredOn)) fail(d.index, field('occurredOn', '日期无效', 'Invalid date'));
    for (const name of Object.keys(v.refs ?? {}))
      if (!def.refs?.[name]) throw new Error(`register ${def.key}: toEntry returned undeclared ref ${name}`);
    if (v.parentId !== undefined && !def.parent) throw new Error(`register ${def.key}: toEntry returned a parent but none is declared`);
  }

  // Natural keys: unique within the batch and against the stored entries.
  const keyPath = def.naturalKeyField ?? 'naturalKey';
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const nk = d.values.naturalKey;
    if (nk == null) continue;
    if (seen.has(nk))
      fail(d.index, field(keyPath, `与第 ${seen.get(nk)! + 1} 条重复：${nk}`, `Duplicates entry ${seen.get(nk)! + 1}: ${nk}`), true);
    else seen.set(nk, d.index);
  }
  if (seen.size) {
    const taken = await rows<{ natural_key: string }>(
      tx,
      sql`select natural_key from register_entry where register = ${def.key} and natural_key = any(${textArray([...seen.keys()])})
          ${opts.selfId ? sql`and id <> ${opts.selfId}` : sql``}`,
    );
    for (const t of taken)
      fail(seen.get(t.natural_key)!, field(keyPath, `${def.label.zh}中已有相同标识的记录：${t.natural_key}`, `${def.label.en}: an entry with ${t.natural_key} already exists`), true);
  }

  // Parent and refs: by id or by natural key, within the actor's scope (an unseen entry is not found).
  const links: { name: string; register: string; label: string; labelEn: string; get: (v: RegisterEntryValues) => string | undefined }[] = [];
  if (def.parent) {
    const p = def.parent;
    links.push({ name: 'parent', register: p.register, label: p.label.zh, labelEn: p.label.en, get: (v) => v.parentId });
  }
  for (const [name, r] of Object.entries(def.refs ?? {}))
    links.push({ name, register: r.register, label: r.label.zh, labelEn: r.label.en, get: (v) => v.refs?.[name] });
  const resolved = new Map<string, Map<string, { id: string; region: string | null }>>();
  for (const l of links) {
    const wanted = [...new Set(drafts.map((d) => l.get(d.values)).filter((x): x is string => !!x))];
    const found = new Map<string, { id: string; region: string | null }>();
    if (wanted.length) {
      const ids = wanted.filter((w) => UUID_RE.test(w));
      const keys = wanted.filter((w) => !UUID_RE.test(w));
      const list = await rows<{ id: string; natural_key: string | null; region_code: string | null }>(
        tx,
        sql`select e.id, e.natural_key, e.region_code from register_entry e
            where e.register = ${l.register} and ${entryScopeSql(actor)}
              and (e.id = any(${textArray(ids)}::uuid[]) or e.natural_key = any(${textArray(keys)}))`,
      );
      for (const x of list) {
        found.set(x.id, { id: x.id, region: x.region_code });
        if (x.natural_key) found.set(x.natural_key, { id: x.id, region: x.region_code });
      }
    }
    resolved.set(l.name, found);
    for (const d of drafts) {
      const want = l.get(d.values);
      if (want && !found.has(want))
        fail(d.index, field(l.name, `${l.label}不存在或无权查看：${want}`, `${l.labelEn} not found: ${want}`));
    }
  }

  // Regions: own or inherited, existing, and inside the actor's scope.
  const regionOf = (v: RegisterEntryValues): string | null => {
    if (v.regionCode) return v.regionCode;
    if (!def.regionFrom) return null;
    const want = def.regionFrom === 'parent' ? v.parentId : v.refs?.[def.regionFrom];
    return (want && resolved.get(def.regionFrom)?.get(want)?.region) || null;
  };
  const codes = [...new Set(drafts.map((d) => regionOf(d.values)).filter((x): x is string => !!x))];
  const paths = new Map<string, string>();
  if (codes.length)
    for (const r of await rows<{ code: string; path: string }>(tx, sql`select code, path from region where code = any(${textArray(codes)})`))
      paths.set(r.code, r.path);

  const entries: PreparedEntry[] = [];
  for (const d of drafts) {
    const v = d.values;
    const region = regionOf(v);
    if (region && !paths.has(region)) fail(d.index, field('regionCode', `区划代码 ${region} 不存在`, `Unknown region code ${region}`));
    else if (region && !paths.get(region)!.startsWith(actor.regionPath))
      fail(d.index, field('regionCode', `区划 ${region} 不在您的数据范围内`, `Region ${region} is outside your data scope`));
    if (errs.has(d.index)) continue;
    const refs: Record<string, string> = {};
    for (const [name, want] of Object.entries(v.refs ?? {})) refs[name] = resolved.get(name)!.get(want)!.id;
    entries.push({
      id: opts.ids?.[d.index] ?? randomUUID(),
      title: v.title,
      occurredOn: v.occurredOn ?? k.today(),
      regionCode: region,
      status: v.status ?? null,
      naturalKey: v.naturalKey ?? null,
      parentId: v.parentId ? resolved.get('parent')!.get(v.parentId)!.id : null,
      refs,
      data: sealPersonal(k.pii, def, v.data),
      attrs: v.attrs ?? {},
    });
  }
  return { entries, errors: [...errs.values()].sort((a, b) => a.index - b.index) };
}

/** What a history row records of an entry: its promoted values and data as stored (personal fields sealed). */
export function snapshot(e: PreparedEntry): Record<string, unknown> {
  return {
    title: e.title,
    occurredOn: e.occurredOn,
    regionCode: e.regionCode,
    status: e.status,
    naturalKey: e.naturalKey,
    parentId: e.parentId,
    refs: e.refs,
    data: e.data,
  };
}

/** 409 for a natural key already taken (single writes; an import reports it per row). */
export function duplicateProblem(def: RegisterDef, errors: FieldError[]): Problem {
  return new Problem(409, 'duplicate-entry', `${def.label.zh}中已存在相同标识的记录`, `${def.label.en}: an entry with this key already exists`, { errors });
}
