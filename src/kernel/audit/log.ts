import { type Orm, one, sql } from '../db/client.js';
import type { Actor } from '../identity/types.js';
import { chainHash } from './chain.js';

export interface AuditEntry {
  actor?: Pick<Actor, 'id' | 'displayName'> | null;
  /** login | login_failed | logout | password_change | export | read_personal_data | user_change | role_change | calendar_change | setting_change */
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}

/**
 * Append to the global audit log (sensitive reads, exports, logins, admin changes), hash-chained with
 * SM3. Call it inside the request's transaction so the record and the change commit together.
 * Case events have their own per-case chain (kernel/cases/events.ts); both are checked by `fazhi audit verify`.
 */
export async function appendAudit(tx: Orm, e: AuditEntry): Promise<void> {
  const head = await one<{ hash: string; seq: string }>(tx, sql`select hash, seq from audit_head where id = 1 for update`);
  if (!head) throw new Error('audit_head missing');
  const at = new Date().toISOString();
  const content = {
    at,
    actorId: e.actor?.id ?? null,
    actorLabel: e.actor?.displayName ?? 'anonymous',
    action: e.action,
    target: e.target ?? null,
    detail: e.detail ?? {},
  };
  const hash = chainHash(head.hash, content);
  const r = await one<{ seq: string }>(
    tx,
    sql`insert into audit_log (at, actor_id, actor_label, action, target, detail, prev_hash, hash)
        values (${at}, ${content.actorId}, ${content.actorLabel}, ${e.action}, ${content.target}, ${JSON.stringify(content.detail)}::jsonb, ${head.hash}, ${hash})
        returning seq`,
  );
  await tx.execute(sql`update audit_head set hash = ${hash}, seq = ${r!.seq} where id = 1`);
}
