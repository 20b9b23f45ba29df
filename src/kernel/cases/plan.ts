import { randomInt, randomUUID } from 'node:crypto';
import { type Orm, rows, sql } from '../db/client.js';
import { Problem, field, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission, inScope } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import type { ClockEvent, DerivedClock } from './clocks.js';
import { type CaseRow, assigneeAttrs, clockAttrs, computeClocks, resolveContext, stripPersonal } from './engine.js';
import { GENESIS, type SealedEvent, sealEvent } from './events.js';
import type { CaseTypeManifest, NewParty, StateCategory } from './manifest.js';
import { type NumberNeed, numberNeed } from './numbering.js';

/**
 * What an act writes, decided in memory: the one-by-one path (createCase/performAction) and the bulk
 * history path (replayCases) both load → plan → write, so validation, the state machine, events,
 * clocks and facts cannot drift apart between them. Planning may read (resolvers, settings) but
 * never writes.
 */

/** A case as the planner carries it from act to act. */
export interface CaseState {
  c: CaseRow;
  events: ClockEvent[];
  /** Abbreviation of the handling agency, for the 案号. */
  agencyAbbr: string;
  /** Who the parties are (role and name, no personal data): resolvers read them from here. */
  parties: { role: string; name: string }[];
}

export type CaseSource = 'staff' | 'portal' | 'import' | 'demo' | 'handoff';

export interface CreateRequest {
  type: string;
  input: unknown;
  actor: Actor;
  source: CaseSource;
  tracking?: boolean;
}

type Mapped = ReturnType<CaseTypeManifest['create']['toCase']>;

/** The checks that need no database: who may register, the form, the date received. */
export interface CreatePrep {
  input: Record<string, unknown>;
  mapped: Mapped;
  receivedOn: string;
}

/** What the database says about the organs and region a new case names. */
export interface CreateLookup {
  agency_id: string | null;
  agency_region: string | null;
  subject_ok: boolean;
  path: string | null;
  names: Record<string, string> | null;
}

export interface CreatePlan {
  state: CaseState;
  event: SealedEvent;
  clocks: DerivedClock[];
  parties: NewParty[];
  externalNumber: string | null;
  trackingSecret: string | null;
  source: CaseSource;
  /** Other cases the create form names: linked once the new case is written. */
  links: { field: string; other: string; relation: string }[];
}

export interface ActionRequest {
  action: string;
  input: unknown;
  actor: Actor;
  /** The version the actor saw (the interactive path); a bulk replay has none to check. */
  version?: number;
}

export interface ActionPlan {
  action: string;
  input: Record<string, unknown>;
  to: string;
  category: StateCategory;
  outcome: string | null;
  closedOn: string | null;
  data: Record<string, unknown>;
  attrs: Record<string, unknown>;
  agencyId: string | null;
  assigneeId: string | null;
  effectiveOn: string;
  payload: Record<string, unknown>;
  event: SealedEvent;
  clocks: DerivedClock[];
  /** A 案号 to draw: the writer turns it into a number (a CTE, or a block reserved in bulk). */
  number: NumberNeed | null;
  handoff: { type: string; relation: string } | null;
}

// No 0/O/1/I/L: the code is read over the phone.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function prepareCreate(k: Kernel, m: CaseTypeManifest, cmd: CreateRequest): CreatePrep {
  if (cmd.source === 'portal') {
    if (!m.create.publicIntake) throw problems.notFound(`public intake for ${cmd.type}`, '网上申请');
  } else {
    assertPermission(cmd.actor, m.create.permission);
  }
  const input = parseInput(m.create.input, cmd.input) as Record<string, unknown>;
  const mapped = m.create.toCase(input);
  const receivedOn = String(input[m.create.effectiveDateField] ?? k.today());
  if (receivedOn > k.today())
    throw problems.validation([field(m.create.effectiveDateField, '日期不能晚于今天', 'Date cannot be in the future')]);
  return { input, mapped, receivedOn };
}

/**
 * Everything the create checks need, for many new cases in one round trip: the handling organ (or
 * the configured default), its region, the respondent, the region's path and the names of agency parties.
 */
export async function lookupCreate(tx: Orm, type: string, preps: CreatePrep[]): Promise<CreateLookup[]> {
  if (!preps.length) return [];
  const values = preps.map((p, i) => {
    const partyAgencies = p.mapped.parties.flatMap((x) => (x.kind === 'agency' && x.agencyId ? [x.agencyId] : []));
    return sql`(${i}::int, ${p.mapped.agencyId ?? null}::uuid, ${p.mapped.regionCode ?? null}::text, ${p.mapped.subjectAgencyId || null}::uuid,
      ${partyAgencies.length ? partyAgencies.join(',') : null}::text)`;
  });
  const found = await rows<CreateLookup & { i: number }>(
    tx,
    sql`with inp (i, agency_id, region_code, subject_id, party_agencies) as (values ${sql.join(values, sql`, `)}),
        dflt as (select coalesce((select (value #>> '{}')::uuid from setting where key = ${`intake.${type}.agency_id`}),
                   (select a.id from agency a join region r on r.code = a.region_code where a.kind = 'government' order by length(r.path), a.created_at limit 1)) as id),
        h as (select inp.*, coalesce(inp.agency_id, dflt.id) as hid from inp cross join dflt)
      select h.i, h.hid as agency_id,
        (select region_code from agency where id = h.hid) as agency_region,
        (h.subject_id is null or exists (select 1 from agency where id = h.subject_id)) as subject_ok,
        (select path from region where code = coalesce(h.region_code, (select region_code from agency where id = h.hid))) as path,
        (select json_object_agg(id, name) from agency where h.party_agencies is not null and id = any (string_to_array(h.party_agencies, ',')::uuid[])) as names
      from h order by h.i`,
  );
  return found;
}

/** A new case in memory: its row, its parties, its first event and its clocks. */
export async function planCreate(k: Kernel, tx: Orm, m: CaseTypeManifest, cmd: CreateRequest, prep: CreatePrep, look: CreateLookup | undefined): Promise<CreatePlan> {
  const { input, mapped, receivedOn } = prep;
  const agencyId = look?.agency_id ?? null;
  if (!agencyId) throw new Problem(503, 'not-configured', '尚未配置受理机关', 'No handling agency is configured');
  if (!look?.agency_region) throw problems.validation([field('agencyId', '受理机关不存在', 'Unknown handling agency')]);
  if (!look.subject_ok) throw problems.validation([field('respondentAgencyId', '被申请人/被告机关不存在', 'Unknown respondent agency')]);
  if (!look.path) throw problems.validation([field('regionCode', '所属区域不存在', 'Unknown region')]);
  const regionCode = mapped.regionCode ?? look.agency_region!;
  if (cmd.source !== 'portal' && !inScope(cmd.actor, { regionPath: look.path, agencyId, subjectAgencyId: mapped.subjectAgencyId }))
    throw problems.forbidden('scope');

  const id = randomUUID();
  const state = m.initialState;
  const resolved = m.create.resolve
    ? await m.create.resolve(
        resolveContext(k, tx, input, {
          id: null, type: cmd.type, state, regionCode, regionPath: look.path, agencyId, assigneeId: null,
          data: mapped.data, attrs: mapped.attrs ?? {}, parties: mapped.parties.map((x) => ({ role: x.role, name: x.name })),
        }),
      )
    : {};
  const data = stripPersonal({ ...mapped.data, ...(resolved.data ?? {}) });
  const finalAgency = resolved.agencyId ?? agencyId;
  const trackingCode = cmd.source === 'portal' || cmd.tracking ? newTrackingCode() : null;
  const secrets = mapped.parties.flatMap((p) => [p.phone, p.idNumber].filter(Boolean).map((v) => k.pii.lookupHash(v!)));

  const actorLabel = cmd.source === 'portal' ? '申请人（网上）' : cmd.actor.displayName;
  const event = sealEvent({ caseId: id, n: 1, prevHash: GENESIS, action: 'create', actorId: cmd.actor.id, actorLabel, effectiveOn: receivedOn, stateFrom: null, stateTo: state, payload: { source: cmd.source, data, ...(resolved.note ?? {}) } });
  const clockEvents: ClockEvent[] = [{ action: 'create', effectiveOn: receivedOn, payload: {} }];
  const clocks = await computeClocks(k, tx, m, clockEvents, data);
  const attrs = { ...(mapped.attrs ?? {}), ...(resolved.attrs ?? {}), ...assigneeAttrs(resolved), ...clockAttrs(clocks) };
  // An agency party is named by the agency register, not by whatever the form said.
  const parties = mapped.parties.map((p) => (p.kind === 'agency' && p.agencyId ? { ...p, name: look.names?.[p.agencyId] ?? p.name } : p));
  const links = (m.create.linkFields ?? []).flatMap((lf) => {
    const other = input[lf.field];
    return typeof other === 'string' && other ? [{ field: lf.field, other, relation: lf.relation }] : [];
  });
  const c: CaseRow = {
    id, type: cmd.type, number: mapped.externalNumber ?? null, title: mapped.title, state, stateCategory: m.states[state].category, outcome: null,
    regionCode, regionPath: look.path, agencyId: finalAgency, subjectAgencyId: mapped.subjectAgencyId ?? null, assigneeId: resolved.assigneeId ?? null,
    version: 1, headHash: event.hash, receivedOn, closedOn: null, data, attrs, trackingCode,
  };
  return {
    state: { c, events: clockEvents, agencyAbbr: '', parties: parties.map((x) => ({ role: x.role, name: x.name })) },
    event,
    clocks,
    parties,
    externalNumber: mapped.externalNumber ?? null,
    trackingSecret: secrets.length ? secrets.join(',') : null,
    source: cmd.source,
    links,
  };
}

const UNIT_LABELS = {
  workday: { zh: '个工作日', en: 'working days' },
  day: { zh: '日', en: 'days' },
  month: { zh: '个月', en: 'months' },
} as const;

/** One act on a case in memory: policy, state machine, input, dates, extension caps, facts, event, clocks. */
export async function planAction(k: Kernel, tx: Orm, m: CaseTypeManifest, s: CaseState, cmd: ActionRequest): Promise<ActionPlan> {
  const { c, events } = s;
  const def = m.actions[cmd.action];
  if (!def) throw problems.notFound(`action ${cmd.action}`, '操作');
  if (def.systemOnly && !cmd.actor.permissions.includes('*')) throw problems.forbidden(def.permission);
  assertPermission(cmd.actor, def.permission);
  if (cmd.version !== undefined && cmd.version !== c.version) throw problems.stale(c.version);
  if (!def.from.includes(c.state)) {
    const label = m.states[c.state]?.label;
    throw problems.conflict(
      'invalid-transition',
      `案件当前状态为「${label?.zh ?? c.state}」，不能执行「${def.label.zh}」`,
      `The case is ${label?.en ?? c.state}; "${def.label.en}" is not possible now`,
      { state: c.state, action: cmd.action },
    );
  }
  if (def.guard && !def.guard.test(c.data, c.attrs))
    throw problems.conflict(def.guard.code, def.guard.message.zh, def.guard.message.en, { action: cmd.action });
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
          assigneeId: c.assigneeId, data: c.data, attrs: c.attrs, parties: s.parties,
        }),
      )
    : {};
  const data = stripPersonal({ ...c.data, ...(def.data?.(input as never, c.data) ?? {}), ...(resolved.data ?? {}) });
  const outcome = typeof def.outcome === 'function' ? def.outcome(input as never) : def.outcome;
  const category = m.states[to].category;
  const number =
    def.assignsNumber && !c.number && m.numbering
      ? numberNeed(m.numbering, { type: c.type, agencyId: c.agencyId, abbr: s.agencyAbbr, year: Number(effectiveOn.slice(0, 4)) })
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
  return {
    action: cmd.action,
    input,
    to,
    category,
    outcome: outcome ?? c.outcome,
    closedOn: category === 'closed' ? (c.closedOn ?? effectiveOn) : null,
    data,
    attrs,
    agencyId: resolved.agencyId ?? c.agencyId,
    assigneeId: resolved.assigneeId === undefined ? c.assigneeId : resolved.assigneeId,
    effectiveOn,
    payload,
    event,
    clocks,
    number,
    handoff: def.handoff?.(input as never, data) ?? null,
  };
}

/**
 * The case after an act, for the next act to plan against. `number` is the 案号 if this act drew one
 * (the bulk path passes a placeholder and formats the real number once the counters are reserved).
 */
export function applyAction(s: CaseState, p: ActionPlan, number: string | null): CaseState {
  return {
    agencyAbbr: s.agencyAbbr,
    parties: s.parties,
    events: [...s.events, { action: p.action, effectiveOn: p.effectiveOn, payload: p.payload }],
    c: {
      ...s.c,
      state: p.to,
      stateCategory: p.category,
      outcome: p.outcome,
      data: p.data,
      attrs: p.attrs,
      version: p.event.n,
      headHash: p.event.hash,
      closedOn: p.closedOn,
      number: number ?? s.c.number,
      agencyId: p.agencyId,
      assigneeId: p.assigneeId,
    },
  };
}

/** A party row's VALUES tuple, personal data encrypted (and hashed for exact lookup). */
export function partyValues(k: Kernel, caseId: string, p: NewParty) {
  const enc = (v?: string) => (v ? k.pii.encrypt(v) : null);
  const hash = (v?: string) => (v ? k.pii.lookupHash(v) : null);
  return sql`(${randomUUID()}::uuid, ${caseId}::uuid, ${p.role}, ${p.kind}, ${p.name}, ${p.agencyId ?? null}::uuid, ${p.creditCode ?? null},
    ${enc(p.idNumber)}, ${hash(p.idNumber)}, ${enc(p.phone)}, ${hash(p.phone)}, ${enc(p.address)})`;
}

export const PARTY_COLUMNS = sql`(id, case_id, role, kind, name, agency_id, credit_code, id_number_enc, id_number_hash, phone_enc, phone_hash, address_enc)`;
