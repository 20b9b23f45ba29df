import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Orm, one, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { loadCase, manifestFor } from './engine.js';
import { appendEvent } from './events.js';

export const linkInput = z
  .strictObject({
    toCaseId: z.uuid().optional(),
    toNumber: z.string().max(80).optional(),
    relation: z.string().regex(/^[a-z_]{2,40}$/),
    note: z.string().max(500).optional(),
  })
  .refine((v) => v.toCaseId || v.toNumber, { message: '请指定关联案件\u241ePlease name the case to link', path: ['toCaseId'] });

/**
 * A named relation between two cases of any types (a 复议 decision → the 诉讼 that follows it).
 * Both cases must be visible to the actor; the relation must be declared by one of the two manifests.
 * The link is recorded as an event on the source case so the timeline shows it.
 */
export async function linkCases(k: Kernel, tx: Orm, fromId: string, raw: z.output<typeof linkInput>, actor: Actor, opts: { asField?: string } = {}) {
  // A link named in a create form is part of creating the case, not a separate linking act.
  if (!opts.asField) assertPermission(actor, 'case.link');
  let from: Awaited<ReturnType<typeof loadCase>>;
  try {
    from = await loadCase(tx, fromId, actor, true);
  } catch (e) {
    if (opts.asField) throw problems.validation([field(opts.asField, '关联案件不存在或无权查看', 'The linked case does not exist or is not visible')]);
    throw e;
  }
  let toId = raw.toCaseId;
  if (!toId && raw.toNumber) {
    const r = await one<{ id: string }>(tx, sql`select id from fz_case where number = ${raw.toNumber} limit 1`);
    if (!r) throw problems.validation([field('toNumber', '未找到该案号的案件', 'No case with that number')]);
    toId = r.id;
  }
  const to = await loadCase(tx, toId!, actor);
  if (to.id === from.id) throw problems.validation([field('toCaseId', '不能关联案件本身', 'A case cannot be linked to itself')]);
  const declared = [manifestFor(k, from.type), manifestFor(k, to.type)].some((m) => m.links?.some((l) => l.relation === raw.relation));
  if (!declared) throw problems.validation([field('relation', '未声明的关联关系', 'Undeclared relation')]);
  const exists = await one(tx, sql`select 1 as x from case_link where from_case_id = ${from.id} and to_case_id = ${to.id} and relation = ${raw.relation}`);
  if (exists) throw problems.conflict('duplicate-link', '该关联已存在', 'This link already exists');
  await tx.execute(sql`insert into case_link (id, from_case_id, to_case_id, relation, note, created_by)
    values (${randomUUID()}, ${from.id}, ${to.id}, ${raw.relation}, ${raw.note ?? null}, ${actor.id})`);
  // Linking does not change state; it is still an event so the chain and the timeline record it.
  const n = from.version + 1;
  const { hash } = await appendEvent(tx, {
    caseId: from.id, n, prevHash: from.headHash, action: 'link', actorId: actor.id, actorLabel: actor.displayName,
    effectiveOn: k.today(), stateFrom: from.state, stateTo: from.state, payload: { relation: raw.relation, toCaseId: to.id },
  });
  await tx.execute(sql`update fz_case set version = ${n}, head_hash = ${hash}, updated_at = now() where id = ${from.id}`);
  return { fromId: from.id, toId: to.id, relation: raw.relation };
}
