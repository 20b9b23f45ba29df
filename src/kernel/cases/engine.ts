import type { SQL } from 'drizzle-orm';
import { type Orm, one, rows, sql } from '../db/client.js';
import { problems } from '../http/problem.js';
import { inScope } from '../identity/policy.js';
import type { Actor, ScopedRecord } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { cachedSettings } from '../settings.js';
import { type ClockEvent, type DerivedClock, deriveClocks } from './clocks.js';
import { type SealedEvent, eventInsertSql } from './events.js';
import type { CaseTypeManifest, ClockRule, ResolveContext, Resolution } from './manifest.js';

/** A case row as the engine uses it (snake_case columns mapped once here). */
export interface CaseRow {
  id: string;
  type: string;
  number: string | null;
  title: string;
  state: string;
  stateCategory: string;
  outcome: string | null;
  regionCode: string;
  regionPath: string;
  agencyId: string | null;
  subjectAgencyId: string | null;
  assigneeId: string | null;
  version: number;
  headHash: string;
  receivedOn: string;
  closedOn: string | null;
  data: Record<string, unknown>;
  attrs: Record<string, unknown>;
  trackingCode: string | null;
}

export const CASE_COLUMNS = sql`c.id, c.type, c.number, c.title, c.state, c.state_category as "stateCategory", c.outcome,
  c.region_code as "regionCode", r.path as "regionPath", c.agency_id as "agencyId", c.subject_agency_id as "subjectAgencyId",
  c.assignee_id as "assigneeId", c.version, c.head_hash as "headHash", c.received_on as "receivedOn", c.closed_on as "closedOn", c.data, c.attrs,
  c.tracking_code as "trackingCode"`;

/** A case row with the events its clocks need, in one round trip (the action path). */
export async function loadCaseForAction(
  tx: Orm,
  id: string,
  actor: Actor,
): Promise<{ c: CaseRow; events: ClockEvent[]; agencyAbbr: string; parties: { role: string; name: string }[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound('case', '案件');
  const row = await one<CaseRow & { events: ClockEvent[] | null; agencyAbbr: string | null; parties: { role: string; name: string }[] | null }>(
    tx,
    sql`select ${CASE_COLUMNS},
          (select json_agg(json_build_object('action', e.action, 'effectiveOn', e.effective_on, 'payload', e.payload) order by e.n)
             from case_event e where e.case_id = c.id) as events,
          (select coalesce(abbr, left(name, 1)) from agency where id = c.agency_id) as "agencyAbbr",
          (select json_agg(json_build_object('role', p.role, 'name', p.name) order by p.created_at, p.id) from party p where p.case_id = c.id) as parties
        from fz_case c join region r on r.code = c.region_code where c.id = ${id} for update of c`,
  );
  if (!row || !inScope(actor, scoped(row))) throw problems.notFound('case', '案件');
  const { events, agencyAbbr, parties, ...c } = row;
  return { c, agencyAbbr: agencyAbbr ?? '', parties: parties ?? [], events: (events ?? []).map((e) => ({ ...e, effectiveOn: String(e.effectiveOn).slice(0, 10), payload: e.payload ?? {} })) };
}

/** Loads a case the actor may see; out of scope reads as not found. `forUpdate` locks the row. */
export async function loadCase(tx: Orm, id: string, actor: Actor, forUpdate = false): Promise<CaseRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound('case', '案件');
  const row = await one<CaseRow>(
    tx,
    sql`select ${CASE_COLUMNS} from fz_case c join region r on r.code = c.region_code where c.id = ${id} ${forUpdate ? sql`for update of c` : sql``}`,
  );
  if (!row || !inScope(actor, scoped(row))) throw problems.notFound('case', '案件');
  return row;
}

/** What the scope rule needs from a case row: where it is, who handles it, who is assigned. */
export function scoped(c: Pick<CaseRow, 'regionPath' | 'agencyId' | 'subjectAgencyId' | 'assigneeId' | 'attrs'>): ScopedRecord {
  const assignees = Array.isArray(c.attrs?.assignees) ? (c.attrs.assignees as string[]) : [];
  return { regionPath: c.regionPath, agencyId: c.agencyId, subjectAgencyId: c.subjectAgencyId, assignees: c.assigneeId ? [c.assigneeId, ...assignees] : assignees };
}

/** The lead and the other assignees as the indicator/scope attribute `assignees` (user ids). */
export function assigneeAttrs(r: Resolution): Record<string, unknown> {
  if (r.assigneeId === undefined && r.assignees === undefined) return {};
  return { assignees: [...new Set([...(r.assigneeId ? [r.assigneeId] : []), ...(r.assignees ?? [])])] };
}

export function resolveContext(k: Kernel, tx: Orm, input: Record<string, unknown>, c: ResolveContext['case']): ResolveContext {
  return {
    tx,
    today: k.today(),
    input,
    case: c,
    setting: async (key) => (await cachedSettings(tx, [key])).get(key),
    lookupHash: (v) => k.pii.lookupHash(v),
  };
}

export function manifestFor(k: Kernel, type: string): CaseTypeManifest {
  const m = k.registry.get(type);
  if (!m) throw problems.notFound(`case type ${type}`, '案件类型');
  return m;
}

/** Settings may override statutory amounts the domain notes mark UNCONFIRMED. */
export async function clockAmounts(tx: Orm, rules: ClockRule[]): Promise<Map<string, number>> {
  const m = new Map<string, number>(rules.map((r) => [r.key, r.amount]));
  const keys = rules.filter((r) => r.amountSetting).map((r) => r.amountSetting!);
  if (!keys.length) return m;
  const stored = await cachedSettings(tx, keys);
  for (const r of rules) {
    const v = r.amountSetting ? stored.get(r.amountSetting) : undefined;
    if (v !== undefined && Number.isFinite(Number(v))) m.set(r.key, Number(v));
  }
  return m;
}

/** Events as the clocks need them: dates, plus the payload of extension actions only. */
export async function clockEvents(tx: Orm, manifest: CaseTypeManifest, caseId: string): Promise<ClockEvent[]> {
  const extActions = manifest.clocks.flatMap((c) => (c.extension ? [c.extension.action] : []));
  const events = await rows<{ action: string; effectiveOn: string; payload: Record<string, unknown> | null }>(
    tx,
    sql`select action, effective_on as "effectiveOn",
          ${extActions.length ? sql`case when action in (${sql.join(extActions.map((a) => sql`${a}`), sql`, `)}) then payload end` : sql`null`} as payload
        from case_event where case_id = ${caseId} order by n`,
  );
  return events.map((e) => ({ ...e, payload: e.payload ?? {} }));
}

/** Derive every clock of the case from its events (the new one included) on the official calendar. */
export async function computeClocks(k: Kernel, tx: Orm, manifest: CaseTypeManifest, events: ClockEvent[], data: Record<string, unknown>): Promise<DerivedClock[]> {
  const amounts = await clockAmounts(tx, manifest.clocks);
  return deriveClocks(manifest.clocks, events, data, k.calendar, k.today(), (r) => amounts.get(r.key) ?? r.amount);
}

/**
 * Everything an action writes after its checks, in ONE statement: the event, the clock cache (stale
 * keys deleted, the rest upserted), the outbox row and the case row. Fewer round trips matter on the
 * embedded engine, where each statement costs about half a millisecond of JavaScript.
 */
export async function writeActionResult(
  tx: Orm,
  w: { before?: SQL[]; event: SealedEvent; clocks: DerivedClock[]; topic: string; main: SQL },
): Promise<void> {
  const e = w.event;
  const cache = clockCacheSql(e.caseId, w.clocks);
  await tx.execute(sql`with
    ${w.before?.length ? sql`${sql.join(w.before, sql`, `)},` : sql``}
    ev as (${eventInsertSql(e)}),
    del as (${cache.deleteStale}),
    ${cache.upsert ? sql`up as (${cache.upsert}),` : sql``}
    ob as (insert into outbox (topic, payload) values (${w.topic}, ${JSON.stringify({ caseId: e.caseId, eventId: e.id })}::jsonb))
    ${w.main}`);
}

/** The clock cache of a case as two statements: drop clocks that no longer apply, upsert the rest. */
function clockCacheSql(caseId: string, clocks: DerivedClock[]): { deleteStale: SQL; upsert: SQL | null } {
  const keys = clocks.map((c) => sql`${c.key}`);
  const values = clocks.map((c) => clockValues(caseId, c));
  return {
    deleteStale: sql`delete from case_clock where case_id = ${caseId} ${keys.length ? sql`and key not in (${sql.join(keys, sql`, `)})` : sql``}`,
    upsert: values.length
      ? sql`insert into case_clock (case_id, key, status, started_on, due_on, stopped_on, provisional, detail)
          values ${sql.join(values, sql`, `)}
          on conflict (case_id, key) do update set status = excluded.status, started_on = excluded.started_on, due_on = excluded.due_on,
            stopped_on = excluded.stopped_on, provisional = excluded.provisional, detail = excluded.detail`
      : null,
  };
}

/** One case_clock row as a VALUES tuple (case_id, key, status, started_on, due_on, stopped_on, provisional, detail). */
export function clockValues(caseId: string, c: DerivedClock): SQL {
  return sql`(${caseId}::uuid, ${c.key}, ${c.status}, ${c.startedOn}::date, ${c.dueOn}::date, ${c.stoppedOn}::date, ${c.provisional}, ${JSON.stringify(c.detail)}::jsonb)`;
}

/** Re-derive and rewrite the clock cache alone (after a calendar change). */
export async function rewriteClocks(k: Kernel, tx: Orm, manifest: CaseTypeManifest, caseId: string, data: Record<string, unknown>): Promise<DerivedClock[]> {
  const clocks = await computeClocks(k, tx, manifest, await clockEvents(tx, manifest, caseId), data);
  const cache = clockCacheSql(caseId, clocks);
  await tx.execute(cache.deleteStale);
  if (cache.upsert) await tx.execute(cache.upsert);
  return clocks;
}

/** Facts the indicators may read about clocks: `<clock>_met` true/false once a clock has stopped. */
export function clockAttrs(clocks: DerivedClock[]): Record<string, boolean> {
  const a: Record<string, boolean> = {};
  for (const c of clocks) {
    if (c.status !== 'met' && c.status !== 'missed') continue;
    a[`${c.key}_met`] = c.status === 'met';
    if (c.detail.metAttr) a[c.detail.metAttr] = c.status === 'met';
  }
  return a;
}

const PERSONAL_KEYS = /^(idNumber|phone|mobile|address|contact)$/i;

/** Personal data lives encrypted in `party`; it must never leak into data, events or logs. */
export function stripPersonal<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripPersonal) as T;
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(v)) if (!PERSONAL_KEYS.test(key)) o[key] = stripPersonal(val);
    return o as T;
  }
  return v;
}
