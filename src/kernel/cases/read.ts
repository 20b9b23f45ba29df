import { z } from 'zod';
import { type Orm, one, rows, sql } from '../db/client.js';
import { maskIdNumber, maskName, maskPhone } from '../crypto/pii.js';
import { caseScopeSql, hasPermission, inScope } from '../identity/policy.js';
import { problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { DUE_SOON_WORKDAYS, cachedSettings } from '../settings.js';
import { type StoredClockStatus, liveStatus } from './clocks.js';
import { CASE_COLUMNS, type CaseRow, manifestFor, scoped } from './engine.js';
import type { CaseTypeManifest } from './manifest.js';

const schemaCache = new WeakMap<z.ZodType, unknown>();

/** JSON Schema of a form, computed once per schema object (manifests are immutable at run time). */
export function jsonSchemaOf(schema: z.ZodType): unknown {
  let js = schemaCache.get(schema);
  if (!js) {
    js = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
    schemaCache.set(schema, js);
  }
  return js;
}

/** The manifest as the web needs it: labels, states, actions and the JSON Schema of every form. */
export function describeCaseType(m: CaseTypeManifest) {
  return {
    type: m.type,
    label: m.label,
    description: m.description,
    states: m.states,
    outcomes: m.outcomes,
    partyRoles: m.partyRoles,
    links: m.links ?? [],
    messages: !!m.messages,
    actions: Object.fromEntries(
      Object.entries(m.actions).map(([name, a]) => [
        name,
        { label: a.label, from: a.from, permission: a.permission, confirm: !!a.confirm, systemOnly: !!a.systemOnly, public: !!a.public, handoff: !!a.handoff, schema: jsonSchemaOf(a.input) },
      ]),
    ),
    create: { permission: m.create.permission, publicIntake: !!m.create.publicIntake, schema: jsonSchemaOf(m.create.input) },
    clocks: m.clocks.map((c) => ({ key: c.key, label: c.label, amount: c.amount, unit: c.unit, basis: c.basis })),
    documents: (m.documents ?? []).map((d) => ({ key: d.key, label: d.label })),
    indicators: (m.indicators ?? []).map((i) => ({ key: i.key, label: i.label, unit: i.unit, definition: i.definition, source: i.source, version: i.version })),
  };
}

/** Events the engine records itself (not manifest actions). */
const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  create: { zh: '收案登记', en: 'Registered' },
  link: { zh: '关联案件', en: 'Linked a case' },
};

export async function getCaseDetail(k: Kernel, orm: Orm, id: string, actor: Actor) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound('case', '案件');
  const dueSoon = await dueSoonWorkdays(orm);
  // One round trip for everything on the case page.
  const agg = await one<CaseRow & {
    region: string;
    agency: string | null;
    assignee: string | null;
    subject: string | null;
    parties: { id: string; role: string; kind: string; name: string; credit_code: string | null; phone_enc: string | null; id_number_enc: string | null }[] | null;
    clocks: { key: string; status: StoredClockStatus; started_on: string; due_on: string; stopped_on: string | null; provisional: boolean; detail: Record<string, any> }[] | null;
    events: { n: number; action: string; actor_label: string; at: string; effective_on: string; state_from: string | null; state_to: string; payload: Record<string, unknown> }[] | null;
    links: { relation: string; direction: 'out' | 'in'; id: string; type: string; number: string | null; title: string; state: string }[] | null;
    attachments: { id: string; kind: string; filename: string; size: number; mime: string; createdAt: string }[] | null;
  }>(
    orm,
    sql`select ${CASE_COLUMNS}, r.name as region,
        (select name from agency where id = c.agency_id) as agency,
        (select name from agency where id = c.subject_agency_id) as subject,
        (select display_name from app_user where id = c.assignee_id) as assignee,
        (select json_agg(p order by p.created_at, p.id) from (select id, role, kind, name, credit_code, phone_enc, id_number_enc, created_at from party where case_id = c.id) p) as parties,
        (select json_agg(x order by x.due_on) from (select key, status, started_on, due_on, stopped_on, provisional, detail from case_clock where case_id = c.id) x) as clocks,
        (select json_agg(e order by e.n) from (select n, action, actor_label, at, effective_on, state_from, state_to, payload from case_event where case_id = c.id) e) as events,
        (select json_agg(l) from (
          select l.relation, 'out' as direction, o.id, o.type, o.number, o.title, o.state from case_link l join fz_case o on o.id = l.to_case_id where l.from_case_id = c.id
          union all
          select l.relation, 'in' as direction, o.id, o.type, o.number, o.title, o.state from case_link l join fz_case o on o.id = l.from_case_id where l.to_case_id = c.id) l) as links,
        (select json_agg(a order by a."createdAt") from (select id, kind, filename, size, mime, created_at as "createdAt" from attachment where case_id = c.id) a) as attachments
      from fz_case c join region r on r.code = c.region_code where c.id = ${id}`,
  );
  // Out of scope reads as not found, exactly like the action path.
  if (!agg || !inScope(actor, scoped(agg))) throw problems.notFound('case', '案件');
  const c: CaseRow = agg;
  const m = manifestFor(k, c.type);
  const names = { region: agg.region, agency: agg.agency, subject: agg.subject };
  const parties = agg?.parties ?? [];
  const clocks = agg?.clocks ?? [];
  const events = agg?.events ?? [];
  const links = agg?.links ?? [];
  const attachments = agg?.attachments ?? [];
  const today = k.today();
  const linkLabel = (rel: string, dir: 'out' | 'in', other: string) => {
    for (const mm of [m, k.registry.get(other)]) {
      const d = mm?.links?.find((x) => x.relation === rel);
      if (d) return (dir === 'out') === (mm === m) ? d.label : d.inverseLabel;
    }
    return { zh: rel, en: rel };
  };
  const isSystem = actor.permissions.includes('*');
  return {
    id: c.id,
    type: c.type,
    typeLabel: m.label,
    number: c.number,
    title: c.title,
    state: c.state,
    stateLabel: m.states[c.state]?.label,
    category: c.stateCategory,
    outcome: c.outcome,
    outcomeLabel: c.outcome ? m.outcomes[c.outcome]?.label : null,
    version: c.version,
    regionCode: c.regionCode,
    regionName: names?.region,
    agencyId: c.agencyId,
    agencyName: names?.agency,
    subjectAgencyId: c.subjectAgencyId,
    subjectAgencyName: names?.subject,
    assigneeId: c.assigneeId,
    assigneeName: agg.assignee,
    receivedOn: c.receivedOn,
    closedOn: c.closedOn,
    trackingCode: c.trackingCode,
    data: c.data,
    attrs: c.attrs,
    parties: parties.map((p) => ({
      id: p.id,
      role: p.role,
      roleLabel: m.partyRoles.find((r) => r.role === p.role)?.label ?? { zh: p.role, en: p.role },
      kind: p.kind,
      name: p.kind === 'person' ? maskName(p.name) : p.name,
      phone: p.phone_enc ? maskPhone(k.pii.decrypt(p.phone_enc)) : null,
      idNumber: p.id_number_enc ? maskIdNumber(k.pii.decrypt(p.id_number_enc)) : null,
      creditCode: p.credit_code,
    })),
    clocks: clocks.map((cl) => {
      const live = liveStatus(cl.status, cl.due_on, today, k.calendar, dueSoon);
      return {
        key: cl.key,
        label: cl.detail.label,
        status: live.status,
        daysLeft: live.daysLeft,
        startedOn: cl.started_on,
        dueOn: cl.due_on,
        stoppedOn: cl.stopped_on,
        provisional: cl.provisional,
        paused: cl.status === 'paused',
        basis: cl.detail.basis,
        explanation: cl.detail.explanation,
        amount: cl.detail.amount,
        unit: cl.detail.unit,
        extension: cl.detail.extension,
        pauses: cl.detail.pauses,
      };
    }),
    events: events.map((e) => ({
      n: e.n,
      action: e.action,
      label: EVENT_LABELS[e.action] ?? m.actions[e.action]?.label ?? { zh: e.action, en: e.action },
      actorLabel: e.actor_label,
      at: e.at,
      effectiveOn: e.effective_on,
      stateFrom: e.state_from,
      stateTo: e.state_to,
      stateToLabel: m.states[e.state_to]?.label,
      payload: e.payload,
    })),
    links: links.map((l) => ({
      relation: l.relation,
      label: linkLabel(l.relation, l.direction, l.type),
      direction: l.direction,
      case: { id: l.id, type: l.type, typeLabel: k.registry.get(l.type)?.label, number: l.number, title: l.title, stateLabel: k.registry.get(l.type)?.states[l.state]?.label },
    })),
    attachments,
    documents: (m.documents ?? []).map((d) => ({ key: d.key, label: d.label, available: true })),
    availableActions: Object.entries(m.actions)
      .filter(([, a]) => a.from.includes(c.state) && !(a.systemOnly && !isSystem) && hasPermission(actor, a.permission) && (!a.guard || a.guard.test(c.data, c.attrs)))
      .map(([name, a]) => ({ name, label: a.label, confirm: !!a.confirm, schema: jsonSchemaOf(a.input) })),
  };
}

/**
 * The case types whose work is the actor's: those they may register or take an action on. The to-do
 * list is theirs; a read-only role (a leader, the rule-of-law office) does neither and sees every type.
 */
export function workTypes(k: Kernel, actor: Actor): string[] | undefined {
  const mine = k.registry
    .all()
    .filter((m) => hasPermission(actor, m.create.permission) || Object.values(m.actions).some((a) => !a.systemOnly && hasPermission(actor, a.permission)));
  return mine.length ? mine.map((m) => m.type) : undefined;
}

/** Working days before a due date when a clock turns yellow (a city setting, read on every list). */
async function dueSoonWorkdays(orm: Orm): Promise<number> {
  return Number((await cachedSettings(orm, [DUE_SOON_WORKDAYS.key])).get(DUE_SOON_WORKDAYS.key) ?? DUE_SOON_WORKDAYS.default);
}

export const listQuery = z.strictObject({
  type: z.string().max(40).optional(),
  state: z.string().max(60).optional(),
  category: z.enum(['open', 'paused', 'closed']).optional(),
  q: z.string().max(100).optional(),
  region: z.string().regex(/^\d{6,12}$/).optional(),
  agency: z.uuid().optional(),
  due: z.enum(['overdue', 'due_soon']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ids: z.string().max(4000).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['due', 'received', 'number']).default('received'),
});
export type ListQuery = z.output<typeof listQuery>;

/** Case lists and the to-do list: one query, filtered by scope in SQL, with each case's nearest open clock. */
export async function listCases(
  k: Kernel,
  orm: Orm,
  q: ListQuery,
  actor: Actor,
  opts: { limitMax?: number; withTotal?: boolean; types?: string[] } = {},
) {
  const today = k.today();
  const dueSoon = await dueSoonWorkdays(orm);
  const conds = [caseScopeSql(actor, 'c')];
  if (q.type) conds.push(sql`c.type = ${q.type}`);
  if (opts.types) conds.push(opts.types.length ? sql`c.type in (${sql.join(opts.types.map((t) => sql`${t}`), sql`, `)})` : sql`false`);
  if (q.state) conds.push(sql`c.state = ${q.state}`);
  if (q.category) conds.push(sql`c.state_category = ${q.category}`);
  if (q.region) conds.push(sql`c.region_code in (select code from region where path like ${`%/${q.region}/%`})`);
  if (q.agency) conds.push(sql`(c.agency_id = ${q.agency} or c.subject_agency_id = ${q.agency})`);
  if (q.from) conds.push(sql`c.received_on >= ${q.from}`);
  if (q.to) conds.push(sql`c.received_on <= ${q.to}`);
  if (q.q) conds.push(sql`(c.title ilike ${`%${q.q}%`} or c.number ilike ${`%${q.q}%`})`);
  if (q.due === 'overdue') conds.push(sql`nc.due_on < ${today}`);
  if (q.due) conds.push(sql`nc.due_on is not null`);
  const where = sql.join(conds, sql` and `);
  const order =
    q.sort === 'due' ? sql`nc.due_on asc nulls last, c.received_on` : q.sort === 'number' ? sql`c.number desc nulls last` : sql`c.received_on desc, c.created_at desc`;
  const limit = Math.min(q.pageSize, opts.limitMax ?? 200);
  const base = sql`from fz_case c
      join region r on r.code = c.region_code
      left join lateral (select key, due_on, status, provisional, detail->'label' as label from case_clock cc
        where cc.case_id = c.id and cc.status in ('running','paused') order by cc.due_on limit 1) nc on true
      where ${where}`;
  const items = await rows<any>(
    orm,
    sql`select c.id, c.type, c.number, c.title, c.state, c.state_category as category, c.outcome, c.region_code as "regionCode",
        r.name as "regionName", (select name from agency where id = c.agency_id) as "agencyName",
        (select name from agency where id = c.subject_agency_id) as "subjectAgencyName",
        c.received_on as "receivedOn", c.closed_on as "closedOn",
        (select name from party p where p.case_id = c.id and p.role in ('applicant','plaintiff') order by p.created_at limit 1) as applicant,
        (select kind from party p where p.case_id = c.id and p.role in ('applicant','plaintiff') order by p.created_at limit 1) as "applicantKind",
        nc.key as clock_key, nc.due_on as clock_due, nc.status as clock_status, nc.provisional as clock_provisional, nc.label as clock_label
      ${base} order by ${order} limit ${limit} offset ${(q.page - 1) * limit}`,
  );
  // An export pages through everything and needs no count.
  const total = opts.withTotal === false ? 0 : Number((await one<{ n: string }>(orm, sql`select count(*) as n ${base}`))?.n ?? 0);
  const mapped = items
    .map((i) => {
      const m = k.registry.get(i.type);
      const live = i.clock_due ? liveStatus(i.clock_status, i.clock_due, today, k.calendar, dueSoon) : null;
      return {
        id: i.id,
        type: i.type,
        typeLabel: m?.label,
        number: i.number,
        title: i.title,
        state: i.state,
        stateLabel: m?.states[i.state]?.label,
        category: i.category,
        outcome: i.outcome,
        outcomeLabel: i.outcome ? m?.outcomes[i.outcome]?.label : null,
        regionCode: i.regionCode,
        regionName: i.regionName,
        agencyName: i.agencyName,
        subjectAgencyName: i.subjectAgencyName,
        receivedOn: i.receivedOn,
        closedOn: i.closedOn,
        applicant: i.applicant ? (i.applicantKind === 'person' ? maskName(i.applicant) : i.applicant) : null,
        nextClock: live
          ? { key: i.clock_key, label: i.clock_label, dueOn: i.clock_due, status: live.status, daysLeft: live.daysLeft, provisional: i.clock_provisional }
          : null,
      };
    })
    .filter((i) => q.due !== 'due_soon' || i.nextClock?.status === 'due_soon' || i.nextClock?.status === 'overdue');
  return { items: mapped, total };
}
