import { type Orm, isUniqueViolation, sql } from '../db/client.js';
import { problems } from '../http/problem.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { type PreparedEntry, type RowErrors, duplicateProblem, prepareEntries, snapshot } from './entries.js';
import { registerFor } from './registry.js';

/** Rows per INSERT: one statement binds a single JSON parameter, so the chunk only bounds its size. */
export const INSERT_CHUNK = 500;

/**
 * Write prepared entries with their first history rows: one `insert … select from jsonb_to_recordset`
 * per chunk (a JSON parameter, not one placeholder per value: ~4× faster than multi-row VALUES).
 */
export async function writeEntries(tx: Orm, registerKey: string, entries: PreparedEntry[], actor: Actor, action: 'create' | 'import'): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const chunk = entries.slice(i, i + INSERT_CHUNK);
    const json = JSON.stringify(
      chunk.map((e) => ({
        id: e.id,
        title: e.title,
        occurred_on: e.occurredOn,
        region_code: e.regionCode,
        status: e.status,
        natural_key: e.naturalKey,
        parent_id: e.parentId,
        refs: e.refs,
        data: e.data,
        attrs: e.attrs,
        change: snapshot(e),
      })),
    );
    await tx.execute(sql`
      insert into register_entry (id, register, title, occurred_on, region_code, status, natural_key, parent_id, refs, data, attrs, created_by)
      select x.id, ${registerKey}, x.title, x.occurred_on, x.region_code, x.status, x.natural_key, x.parent_id, x.refs, x.data, x.attrs, ${actor.id}::uuid
      from jsonb_to_recordset(${json}::jsonb) as x(id uuid, title text, occurred_on date, region_code text, status text, natural_key text,
           parent_id uuid, refs jsonb, data jsonb, attrs jsonb)`);
    await tx.execute(sql`
      insert into register_history (entry_id, version, action, actor_id, actor_label, change)
      select x.id, 1, ${action}, ${actor.id}::uuid, ${actor.displayName}, x.change
      from jsonb_to_recordset(${json}::jsonb) as x(id uuid, change jsonb)`);
  }
}

export interface BulkResult {
  ids: string[];
  errors: RowErrors[];
}

/**
 * The bulk path (imports, the demo, a push's deliveries): every row validated first, then written in
 * chunks inside the caller's transaction. Any row error → 400 listing every bad row (nothing written);
 * `dryRun` reports instead of throwing and writes nothing.
 */
export async function insertEntries(
  k: Kernel,
  tx: Orm,
  registerKey: string,
  inputs: unknown[],
  actor: Actor,
  opts: { dryRun?: boolean; action?: 'create' | 'import'; checkPermission?: boolean } = {},
): Promise<BulkResult> {
  const def = registerFor(k, registerKey);
  if (opts.checkPermission !== false) assertPermission(actor, def.permissions.write);
  const { entries, errors } = await prepareEntries(k, tx, def, inputs, actor);
  if (opts.dryRun) return { ids: [], errors };
  if (errors.length)
    throw problems.validation(errors.flatMap((r) => r.errors.map((e) => ({ ...e, path: `${r.index}${e.path ? `.${e.path}` : ''}` }))));
  try {
    await writeEntries(tx, def.key, entries, actor, opts.action ?? 'create');
  } catch (e) {
    // Another transaction took a natural key between the check and the insert.
    if (isUniqueViolation(e)) throw duplicateProblem(def, []);
    throw e;
  }
  return { ids: entries.map((e) => e.id), errors: [] };
}
