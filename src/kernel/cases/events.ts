import { randomUUID } from 'node:crypto';
import { GENESIS, chainHash } from '../audit/chain.js';
import type { SQL } from 'drizzle-orm';
import { type Orm, sql } from '../db/client.js';

export interface NewEvent {
  caseId: string;
  n: number;
  prevHash: string;
  action: string;
  actorId: string | null;
  actorLabel: string;
  effectiveOn: string;
  stateFrom: string | null;
  stateTo: string;
  payload: Record<string, unknown>;
}

/** The hashed content of an event; `fazhi audit verify` recomputes exactly this. */
export function eventContent(e: NewEvent & { at: string }) {
  return {
    caseId: e.caseId,
    n: e.n,
    action: e.action,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    at: e.at,
    effectiveOn: e.effectiveOn,
    stateFrom: e.stateFrom,
    stateTo: e.stateTo,
    payload: e.payload,
  };
}

/**
 * Append-only, per-case chain: hash_n = SM3(hash_{n-1} ‖ content_n), hash_0 = GENESIS. The case row
 * keeps the newest hash, so dropping the last event is detected as well as editing or reordering.
 * A per-case chain (not one global chain) keeps concurrent actions on different cases from
 * serialising on a single head row.
 */
/** Id, time and chained hash of a new event, before it is written. */
export function sealEvent(e: NewEvent): SealedEvent {
  const at = new Date().toISOString();
  return { ...e, id: randomUUID(), at, hash: chainHash(e.prevHash, eventContent({ ...e, at })) };
}

export type SealedEvent = NewEvent & { id: string; at: string; hash: string };

/** The INSERT of a sealed event, alone or as a CTE of a larger write. */
export function eventInsertSql(e: SealedEvent): SQL {
  return sql`insert into case_event (id, case_id, n, action, actor_id, actor_label, at, effective_on, state_from, state_to, payload, prev_hash, hash)
    values (${e.id}, ${e.caseId}, ${e.n}, ${e.action}, ${e.actorId}, ${e.actorLabel}, ${e.at}, ${e.effectiveOn}, ${e.stateFrom}, ${e.stateTo},
      ${JSON.stringify(e.payload)}::jsonb, ${e.prevHash}, ${e.hash})`;
}

export async function appendEvent(tx: Orm, e: NewEvent): Promise<SealedEvent> {
  const sealed = sealEvent(e);
  await tx.execute(eventInsertSql(sealed));
  return sealed;
}

export { GENESIS };
