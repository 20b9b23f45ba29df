import type { Orm } from '../db/client.js';
import { sql } from '../db/client.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { loadCaseForAction, manifestFor, writeActionResult } from './engine.js';
import { handOff } from './handoff.js';
import { numberCte } from './numbering.js';
import { planAction } from './plan.js';

export interface PerformCommand {
  caseId: string;
  action: string;
  input: unknown;
  /** The version the actor saw; a different current version answers 409. */
  version: number;
  actor: Actor;
}

/**
 * `perform(case, action, input, actor)`: policy, validation, state change with an optimistic version,
 * an append-only hashed event, clocks, outbox — all in the caller's transaction. Side effects run
 * from the outbox after commit.
 */
export async function performAction(k: Kernel, tx: Orm, cmd: PerformCommand): Promise<{ version: number; state: string }> {
  const s = await loadCaseForAction(tx, cmd.caseId, cmd.actor);
  const { c } = s;
  const p = await planAction(k, tx, manifestFor(k, c.type), s, cmd);
  const numbering = p.number ? numberCte(p.number) : null;
  const n = p.event.n;
  await writeActionResult(tx, {
    before: numbering ? [numbering.cte] : [],
    event: p.event,
    clocks: p.clocks,
    topic: `case.${c.type}.${cmd.action}`,
    main: sql`update fz_case set state = ${p.to}, state_category = ${p.category}, outcome = ${p.outcome},
      data = ${JSON.stringify(p.data)}::jsonb, attrs = ${JSON.stringify(p.attrs)}::jsonb, version = ${n}, head_hash = ${p.event.hash},
      closed_on = ${p.closedOn}, number = ${numbering ? numbering.value : c.number},
      agency_id = ${p.agencyId}, assignee_id = ${p.assigneeId},
      updated_at = now()
    where id = ${c.id}`,
  });
  if (p.handoff) {
    const h = await handOff(k, tx, { ...c, data: p.data, version: n, headHash: p.event.hash }, p.handoff, { action: cmd.action, input: p.payload, effectiveOn: p.effectiveOn }, cmd.actor);
    return { version: h.sourceVersion, state: p.to };
  }
  return { version: n, state: p.to };
}
