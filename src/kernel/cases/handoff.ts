import { type Orm, rows, sql } from '../db/client.js';
import { Problem } from '../http/problem.js';
import { type Actor, SYSTEM_ACTOR } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { createCase } from './create-case.js';
import type { CaseRow } from './engine.js';
import { manifestFor } from './engine.js';
import { linkCases } from './links.js';
import type { HandoffPayload, NewParty } from './manifest.js';

/**
 * 诉访分离: a matter that belongs to another procedure is routed into it. The source module names the
 * target type; the target module maps the neutral payload to its own create input. Both cases are
 * written and linked in the caller's transaction, so a failed hand-off leaves nothing behind.
 */
export async function handOff(
  k: Kernel,
  tx: Orm,
  source: CaseRow,
  target: { type: string; relation: string },
  act: { action: string; input: Record<string, unknown>; effectiveOn: string },
  actor: Actor,
): Promise<{ caseId: string; trackingCode: string | null; sourceVersion: number }> {
  const tm = manifestFor(k, target.type);
  if (!tm.create.fromHandoff)
    throw new Problem(422, 'handoff-unsupported', `「${tm.label.zh}」不接收移交`, `${tm.label.en} does not accept hand-offs`);
  const parties = await rows<{ role: string; kind: NewParty['kind']; name: string; agency_id: string | null; credit_code: string | null; id_number_enc: string | null; phone_enc: string | null; address_enc: string | null }>(
    tx,
    sql`select role, kind, name, agency_id, credit_code, id_number_enc, phone_enc, address_enc from party where case_id = ${source.id} order by created_at, id`,
  );
  const dec = (v: string | null) => (v ? k.pii.decrypt(v) : undefined);
  const payload: HandoffPayload = {
    sourceType: source.type,
    sourceCaseId: source.id,
    sourceNumber: source.number,
    title: source.title,
    input: act.input,
    facts: source.data,
    receivedOn: act.effectiveOn,
    regionCode: source.regionCode,
    parties: parties.map((p) => ({
      role: p.role,
      kind: p.kind,
      name: p.name,
      agencyId: p.agency_id ?? undefined,
      creditCode: p.credit_code ?? undefined,
      idNumber: dec(p.id_number_enc),
      phone: dec(p.phone_enc),
      address: dec(p.address_enc),
    })),
  };
  // The hand-off is the source handler's act; the target's own intake permission is not theirs to need.
  const system: Actor = { ...SYSTEM_ACTOR, id: actor.id, displayName: actor.displayName };
  const created = await createCase(k, tx, { type: target.type, input: tm.create.fromHandoff(payload), actor: system, source: 'handoff', tracking: !!source.trackingCode });
  await linkCases(k, tx, source.id, { toCaseId: created.id, relation: target.relation }, system, { asField: 'target' });
  return { caseId: created.id, trackingCode: created.trackingCode, sourceVersion: source.version + 1 };
}
