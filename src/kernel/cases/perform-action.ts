import type { Orm } from '../db/client.js';
import { sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { sealEvent } from './events.js';
import { assigneeAttrs, clockAttrs, computeClocks, loadCaseForAction, manifestFor, resolveContext, stripPersonal, writeActionResult } from './engine.js';
import { handOff } from './handoff.js';
import { numberCte } from './numbering.js';

const UNIT_LABELS = {
  workday: { zh: '个工作日', en: 'working days' },
  day: { zh: '日', en: 'days' },
  month: { zh: '个月', en: 'months' },
} as const;

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
  const { c, events, agencyAbbr } = await loadCaseForAction(tx, cmd.caseId, cmd.actor);
  const m = manifestFor(k, c.type);
  const def = m.actions[cmd.action];
  if (!def) throw problems.notFound(`action ${cmd.action}`, '操作');
  if (def.systemOnly && !cmd.actor.permissions.includes('*')) throw problems.forbidden(def.permission);
  assertPermission(cmd.actor, def.permission);
  if (cmd.version !== c.version) throw problems.stale(c.version);
  if (!def.from.includes(c.state)) {
    const label = m.states[c.state]?.label;
    throw problems.conflict(
      'invalid-transition',
      `案件当前状态为「${label?.zh ?? c.state}」，不能执行「${def.label.zh}」`,
      `The case is ${label?.en ?? c.state}; "${def.label.en}" is not possible now`,
      { state: c.state, action: cmd.action },
    );
  }
  const input = parseInput(def.input, cmd.input) as Record<string, unknown>;
  const effectiveOn = String((def.effectiveDateField && input[def.effectiveDateField]) || k.today());
  if (def.effectiveDateField) {
    if (effectiveOn > k.today())
      throw problems.validation([field(def.effectiveDateField, '日期不能晚于今天', 'Date cannot be in the future')]);
    if (effectiveOn < c.receivedOn)
      throw problems.validation([field(def.effectiveDateField, '日期不能早于收案日期', 'Date cannot precede the date the case was received')]);
  }
  for (const rule of m.clocks) {
    const ext = rule.extension;
    if (ext?.action !== cmd.action) continue;
    const granted = Number(input[ext.amountField] ?? 0);
    const prior = events.filter((e) => e.action === cmd.action).reduce((sum, e) => sum + Number(e.payload[ext.amountField] ?? 0), 0);
    const unit = UNIT_LABELS[ext.unit];
    if (prior + granted > ext.max)
      throw problems.validation([
        field(ext.amountField, `延期累计不得超过${ext.max}${unit.zh}（${ext.basis.law}${ext.basis.article}）`, `Extensions may not exceed ${ext.max} ${unit.en} in total`),
      ]);
  }

  const to = typeof def.to === 'function' ? def.to(input as never, c.data, c.state) : def.to;
  if (!m.states[to]) throw new Error(`manifest ${m.type}: action ${cmd.action} chose unknown state ${to}`);
  const resolved = def.resolve
    ? await def.resolve(
        resolveContext(k, tx, input, {
          id: c.id, type: c.type, state: c.state, regionCode: c.regionCode, regionPath: c.regionPath, agencyId: c.agencyId,
          assigneeId: c.assigneeId, data: c.data, attrs: c.attrs,
        }),
      )
    : {};
  const data = stripPersonal({ ...c.data, ...(def.data?.(input as never, c.data) ?? {}), ...(resolved.data ?? {}) });
  const outcome = typeof def.outcome === 'function' ? def.outcome(input as never) : def.outcome;
  const category = m.states[to].category;

  const numbering =
    def.assignsNumber && !c.number && m.numbering
      ? numberCte(m.numbering, { type: c.type, agencyId: c.agencyId, abbr: agencyAbbr, year: Number(effectiveOn.slice(0, 4)) })
      : null;

  const n = c.version + 1;
  const payload = stripPersonal({ ...input, ...(resolved.note ?? {}) });
  const event = sealEvent({
    caseId: c.id,
    n,
    prevHash: c.headHash,
    action: cmd.action,
    actorId: cmd.actor.id,
    actorLabel: cmd.actor.displayName,
    effectiveOn,
    stateFrom: c.state,
    stateTo: to,
    payload,
  });
  const clocks = await computeClocks(k, tx, m, [...events, { action: cmd.action, effectiveOn, payload }], data);
  const attrs = { ...c.attrs, ...(def.attrs?.(input as never, c.data) ?? {}), ...(resolved.attrs ?? {}), ...assigneeAttrs(resolved), ...clockAttrs(clocks) };
  const closedOn = category === 'closed' ? (c.closedOn ?? effectiveOn) : null;
  await writeActionResult(tx, {
    before: numbering ? [numbering.cte] : [],
    event,
    clocks,
    topic: `case.${c.type}.${cmd.action}`,
    main: sql`update fz_case set state = ${to}, state_category = ${category}, outcome = ${outcome ?? c.outcome},
      data = ${JSON.stringify(data)}::jsonb, attrs = ${JSON.stringify(attrs)}::jsonb, version = ${n}, head_hash = ${event.hash},
      closed_on = ${closedOn}, number = ${numbering ? numbering.value : c.number},
      agency_id = ${resolved.agencyId ?? c.agencyId}, assignee_id = ${resolved.assigneeId === undefined ? c.assigneeId : resolved.assigneeId},
      updated_at = now()
    where id = ${c.id}`,
  });
  const target = def.handoff?.(input as never, data);
  if (target) {
    const h = await handOff(k, tx, { ...c, data, version: n, headHash: event.hash }, target, { action: cmd.action, input: payload, effectiveOn }, cmd.actor);
    return { version: h.sourceVersion, state: to };
  }
  return { version: n, state: to };
}
