import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type Orm, rows, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import { isCivilDate, REGION_RE, regionPathOf, UUID_RE } from '../indicators/predicates.js';
import type { Kernel } from '../kernel.js';
import { ENTRY_SELECT, type EntryView, entryScopeSql, maskedView } from './entries.js';
import { registerFor } from './registry.js';
import type { RegisterDef } from './types.js';

export const LIST_LIMIT_MAX = 200;

const civilDate = z.string().refine(isCivilDate, { message: bi('日期格式应为 YYYY-MM-DD 且为真实日期', 'Must be a real YYYY-MM-DD date') });

/** The query of a list, a count and an export (`ref.<name>` keys are checked against the register). */
export const entryQuery = z
  .looseObject({
    q: z.string().trim().max(100).optional(),
    from: civilDate.optional(),
    to: civilDate.optional(),
    region: z.string().regex(REGION_RE, { message: bi('区划代码应为 6、9 或 12 位数字', 'Region code must be 6, 9 or 12 digits') }).optional(),
    status: z.string().max(64).optional(),
    parent: z.uuid({ message: bi('上级记录标识应为 UUID', 'parent must be a UUID') }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(50),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: bi('结束日期不能早于开始日期', 'to must not be before from') });
  });
export type EntryQuery = z.output<typeof entryQuery>;

/** An empty `?region=` from a form means "not set". */
export function parseEntryQuery(raw: unknown): EntryQuery {
  const q = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  return parseInput(entryQuery, q);
}

/** The cursor is the last row's sort key: (occurred_on, id), opaque to clients. */
function encodeCursor(occurredOn: string, id: string): string {
  return Buffer.from(`${occurredOn}|${id}`).toString('base64url');
}

function decodeCursor(c: string): { occurredOn: string; id: string } {
  const [occurredOn, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  if (!occurredOn || !isCivilDate(occurredOn) || !id || !UUID_RE.test(id)) throw problems.validation([field('cursor', '翻页游标无效', 'Invalid cursor')]);
  return { occurredOn, id };
}

/** LIKE pattern for a literal substring. */
function likeLiteral(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE of a list and its count: the register, the actor's scope and every filter; each one index-friendly. */
export async function entryWhere(orm: Orm, def: RegisterDef, q: EntryQuery, actor: Actor): Promise<SQL> {
  const parts: SQL[] = [sql`e.register = ${def.key}`, entryScopeSql(actor)];
  if (q.q) parts.push(sql`e.title ilike ${likeLiteral(q.q)}`);
  if (q.from) parts.push(sql`e.occurred_on >= ${q.from}::date`);
  if (q.to) parts.push(sql`e.occurred_on <= ${q.to}::date`);
  if (q.region) {
    const path = await regionPathOf(orm, q.region);
    // When the actor's scope already lies inside the requested region, the scope says it all.
    if (!actor.regionPath.startsWith(path)) parts.push(sql`e.region_code = any(array(select code from region where path like ${`${path}%`}))`);
  }
  if (q.status !== undefined) {
    if (!def.statuses?.[q.status])
      throw problems.validation([field('status', `状态应为：${Object.keys(def.statuses ?? {}).join('、') || '（无）'}`, `status must be one of: ${Object.keys(def.statuses ?? {}).join(', ')}`)]);
    parts.push(sql`e.status = ${q.status}`);
  }
  if (q.parent) parts.push(sql`e.parent_id = ${q.parent}::uuid`);
  for (const [key, value] of Object.entries(q)) {
    if (!key.startsWith('ref.')) continue;
    const name = key.slice(4);
    if (!def.refs?.[name]) throw problems.validation([field(key, `没有名为 ${name} 的关联`, `No ref named ${name}`)]);
    if (typeof value !== 'string' || !UUID_RE.test(value)) throw problems.validation([field(key, '关联记录标识应为 UUID', 'A ref filter must be a UUID')]);
    parts.push(sql`e.refs @> ${JSON.stringify({ [name]: value })}::jsonb`);
  }
  const unknown = Object.keys(q).filter((key) => !key.startsWith('ref.') && !(key in entryQuery.shape));
  if (unknown.length) throw problems.validation(unknown.map((key) => field(key, `未知的查询参数 ${key}`, `Unknown query parameter ${key}`)));
  return sql.join(parts, sql` and `);
}

export interface EntryPage {
  items: EntryView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Newest first, keyset-paged on (occurred_on, id): page 1000 costs what page 1 costs. Totals are a
 * separate call (`countEntries`) so paging never pays for a count.
 */
export async function listEntries(k: Kernel, orm: Orm, registerKey: string, q: EntryQuery, actor: Actor): Promise<EntryPage> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.read);
  const where = [await entryWhere(orm, def, q, actor)];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(e.occurred_on, e.id) < (${c.occurredOn}::date, ${c.id}::uuid)`);
  }
  const list = await rows<EntryView>(
    orm,
    sql`${ENTRY_SELECT} where ${sql.join(where, sql` and `)} order by e.occurred_on desc, e.id desc limit ${q.limit + 1}`,
  );
  const more = list.length > q.limit;
  const items = list.slice(0, q.limit).map((r) => maskedView(def, r));
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last.occurredOn, last.id) : null };
}

export async function countEntries(k: Kernel, orm: Orm, registerKey: string, q: EntryQuery, actor: Actor): Promise<{ total: number }> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.read);
  const [r] = await rows<{ total: number }>(orm, sql`select count(*)::int as total from register_entry e where ${await entryWhere(orm, def, q, actor)}`);
  return { total: r.total };
}
