import { appendAudit } from '../audit/log.js';
import { type Orm, one, rows, sql } from '../db/client.js';
import { problems } from '../http/problem.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { ENTRY_SELECT, type EntryView, entryScopeSql, maskPersonal, maskedView, openPersonal } from './entries.js';
import { registerFor } from './registry.js';

export interface HistoryRow {
  version: number;
  action: string;
  actorId: string | null;
  actorLabel: string;
  at: string;
  change: Record<string, unknown>;
}

export interface EntryDetail extends EntryView {
  history: HistoryRow[];
}

/** The row, or 404 when it is not in this register or outside the actor's scope (existence does not leak). */
export async function loadEntry(tx: Orm, registerKey: string, id: string, actor: Actor, forUpdate = false): Promise<EntryView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound('entry', '记录');
  const row = await one<EntryView>(
    tx,
    sql`${ENTRY_SELECT} where e.id = ${id} and e.register = ${registerKey} and ${entryScopeSql(actor)} ${forUpdate ? sql`for update of e` : sql``}`,
  );
  if (!row) throw problems.notFound('entry', '记录');
  return row;
}

export async function entryHistory(k: Kernel, tx: Orm, registerKey: string, id: string, actor: Actor): Promise<HistoryRow[]> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.read);
  await loadEntry(tx, registerKey, id, actor);
  const list = await rows<HistoryRow>(
    tx,
    sql`select version, action, actor_id as "actorId", actor_label as "actorLabel", at, change
        from register_history where entry_id = ${id} order by version`,
  );
  // History keeps data as stored; readers see personal fields masked like everywhere else.
  return list.map((h) => ({ ...h, change: maskChange(k, registerKey, h.change) }));
}

function maskChange(k: Kernel, registerKey: string, change: Record<string, unknown>): Record<string, unknown> {
  const def = registerFor(k, registerKey);
  const data = change.data as Record<string, unknown> | undefined;
  return data ? { ...change, data: maskPersonal(def, data) } : change;
}

/**
 * One entry with its history, personal fields masked. `reveal` (write permission) shows them in
 * clear and writes a `read_personal_data` audit record in the same transaction.
 */
export async function getEntry(k: Kernel, tx: Orm, registerKey: string, id: string, actor: Actor, opts: { reveal?: boolean } = {}): Promise<EntryDetail> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.read);
  const row = await loadEntry(tx, registerKey, id, actor);
  const history = await entryHistory(k, tx, registerKey, id, actor);
  if (opts.reveal && def.personal?.length) {
    assertPermission(actor, def.permissions.write);
    await appendAudit(tx, { actor, action: 'read_personal_data', target: `register:${def.key}:${id}`, detail: { fields: def.personal } });
    return { ...row, data: openPersonal(k.pii, def, row.data), history };
  }
  return { ...maskedView(def, row), history };
}
