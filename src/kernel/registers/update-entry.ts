import { z } from 'zod';
import { type Orm, isUniqueViolation, sql } from '../db/client.js';
import { Problem, problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { duplicateProblem, openPersonal, type PreparedEntry, prepareEntries } from './entries.js';
import { type EntryDetail, getEntry, loadEntry } from './get-entry.js';
import { registerFor } from './registry.js';
import type { RegisterDef } from './types.js';

const envelope = z.looseObject({
  version: z.number({ message: bi('请提供您看到的版本号', 'version (the one you saw) is required') }).int().min(1),
});

export function staleProblem(current: number): Problem {
  return new Problem(409, 'stale-version', '记录已被他人更新，请刷新后重试', 'The entry was changed by someone else; reload and retry', {
    extra: { currentVersion: current },
  });
}

/** A personal field is re-sealed with a fresh IV on every write: compare by its keyed hash. */
function sameValue(a: unknown, b: unknown): boolean {
  const h = (v: unknown) => (v && typeof v === 'object' && 'hash' in v ? (v as { hash: string }).hash : JSON.stringify(v));
  return h(a) === h(b);
}

function checkTransition(def: RegisterDef, from: string | null, to: string | null): void {
  if (from === to || !def.transitions || from === null || to === null) return;
  if (!def.transitions[from]?.includes(to)) {
    const zh = (s: string) => def.statuses?.[s]?.zh ?? s;
    throw problems.conflict('invalid-transition', `状态不能从“${zh(from)}”改为“${zh(to)}”`, `Status cannot change from ${from} to ${to}`, {
      allowed: def.transitions[from] ?? [],
    });
  }
}

/**
 * PATCH {version, …fields}: the fields are merged into the stored input and the whole is validated
 * again (so a status change can require its follow-up fields). Optimistic: a stale version is a 409.
 * The history row keeps only what changed.
 */
export async function updateEntry(k: Kernel, tx: Orm, registerKey: string, id: string, body: unknown, actor: Actor): Promise<EntryDetail> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.write);
  const { version, ...patch } = parseInput(envelope, body ?? {});
  const row = await loadEntry(tx, registerKey, id, actor, true);
  if (row.version !== version) throw staleProblem(row.version);
  const merged = { ...openPersonal(k.pii, def, row.data), ...patch };
  const { entries, errors } = await prepareEntries(k, tx, def, [merged], actor, { selfId: id, ids: [id] });
  if (errors.length) {
    const [r] = errors;
    throw r.conflict ? duplicateProblem(def, r.errors) : problems.validation(r.errors);
  }
  const next: PreparedEntry = entries[0];
  checkTransition(def, row.status, next.status);

  const change: Record<string, unknown> = {};
  const promoted: [string, unknown, unknown][] = [
    ['title', row.title, next.title],
    ['occurredOn', row.occurredOn, next.occurredOn],
    ['regionCode', row.regionCode, next.regionCode],
    ['status', row.status, next.status],
    ['naturalKey', row.naturalKey, next.naturalKey],
    ['parentId', row.parentId, next.parentId],
    ['refs', row.refs, next.refs],
  ];
  for (const [key, before, after] of promoted) if (!sameValue(before, after)) change[key] = after;
  const data: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(row.data), ...Object.keys(next.data)]))
    if (!sameValue(row.data[key], next.data[key])) data[key] = next.data[key] ?? null;
  if (Object.keys(data).length) change.data = data;
  if (Object.keys(change).length === 0) return getEntry(k, tx, registerKey, id, actor);

  try {
    await tx.execute(sql`update register_entry set
        title = ${next.title}, occurred_on = ${next.occurredOn}, region_code = ${next.regionCode}, status = ${next.status},
        natural_key = ${next.naturalKey}, parent_id = ${next.parentId}, refs = ${JSON.stringify(next.refs)}::jsonb,
        data = ${JSON.stringify(next.data)}::jsonb, attrs = ${JSON.stringify(next.attrs)}::jsonb,
        version = version + 1, updated_at = now()
      where id = ${id}`);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateProblem(def, []);
    throw e;
  }
  const statusOnly = Object.keys(change).every((key) => key === 'status' || (key === 'data' && Object.keys(data).every((f) => f === 'status')));
  await tx.execute(sql`insert into register_history (entry_id, version, action, actor_id, actor_label, change)
    values (${id}, ${row.version + 1}, ${statusOnly ? 'status' : 'update'}, ${actor.id}::uuid, ${actor.displayName}, ${JSON.stringify(change)}::jsonb)`);
  return getEntry(k, tx, registerKey, id, actor);
}
