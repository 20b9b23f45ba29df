import { rows, sql } from '../db/client.js';
import { SYSTEM_ACTOR } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { manifestFor } from '../cases/engine.js';
import { performAction } from '../cases/perform-action.js';

/**
 * Clocks whose expiry has a legal consequence (silence = 视为受理) are acted on by the system. Each
 * case is claimed with SKIP LOCKED so that several processes sweeping at once never act twice.
 */
export async function sweepExpiredClocks(k: Kernel, limit = 500): Promise<number> {
  const today = k.today();
  const due = await rows<{ case_id: string; key: string; due_on: string; on_expiry: string }>(
    k.db.orm,
    sql`select case_id, key, due_on, detail->>'onExpiry' as on_expiry from case_clock
        where status = 'running' and due_on < ${today} and detail ? 'onExpiry' and detail->>'onExpiry' is not null
        order by due_on limit ${limit}`,
  );
  let acted = 0;
  for (const d of due) {
    await k.db.tx(async (tx) => {
      const c = (await rows<{ id: string; type: string; version: number; state: string }>(
        tx,
        sql`select id, type, version, state from fz_case where id = ${d.case_id} for update skip locked`,
      ))[0];
      if (!c) return;
      const m = manifestFor(k, c.type);
      const action = m.actions[d.on_expiry];
      if (!action?.from.includes(c.state)) return;
      const input: Record<string, unknown> = {};
      if (action.effectiveDateField) input[action.effectiveDateField] = d.due_on;
      await performAction(k, tx, { caseId: c.id, action: d.on_expiry, input, version: c.version, actor: SYSTEM_ACTOR });
      acted++;
    });
  }
  return acted;
}
