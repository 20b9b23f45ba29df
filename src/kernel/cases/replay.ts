import type { SQL } from 'drizzle-orm';
import { type Orm, rows, sql } from '../db/client.js';
import { type FieldError, Problem } from '../http/problem.js';
import { type Actor, SYSTEM_ACTOR } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import type { DerivedClock } from './clocks.js';
import { clockValues, manifestFor } from './engine.js';
import type { SealedEvent } from './events.js';
import { linkCases } from './links.js';
import type { CaseTypeManifest } from './manifest.js';
import { type NumberNeed, formatNumber, numberKey, reserveNumbers } from './numbering.js';
import { type CaseState, type CreatePlan, type CreatePrep, PARTY_COLUMNS, applyAction, lookupCreate, partyValues, planAction, planCreate, prepareCreate } from './plan.js';

/** A concluded (or partly handled) case as history: its registration and the acts that followed, in order. */
export interface ReplayItem {
  type: string;
  input: unknown;
  /** Who registered it; defaults to the system. Each act may name its own actor, else this one. */
  actor?: Actor;
  source: 'staff' | 'import' | 'demo';
  actions: { action: string; input: unknown; actor?: Actor }[];
}

export interface ReplayedCase {
  id: string;
  number: string | null;
  state: string;
  version: number;
}

/** Rows per multi-row INSERT: large enough to amortise a statement, small enough for PGlite's parser. */
const CHUNK = 400;

/**
 * The fast history path: registers many cases with their acts through the same planner as
 * createCase/performAction (same validation, state machine, resolvers, SM3-chained events, clocks,
 * facts, 案号), but plans everything in memory first and then writes with a handful of multi-row
 * INSERTs. Any invalid item or act throws a problem naming `items.<i>(.actions.<j>)` before anything
 * is written; the caller's transaction keeps it all-or-nothing.
 *
 * Differences from replaying one by one, by design: resolvers read the database as it stood before
 * the batch (cases of the same batch are not visible to them yet), and an act that would hand the
 * case off to another mechanism is refused — hand-offs create and link a second case and go through
 * performAction.
 */
export async function replayCases(k: Kernel, tx: Orm, items: ReplayItem[]): Promise<ReplayedCase[]> {
  const manifests: CaseTypeManifest[] = [];
  const preps: CreatePrep[] = [];
  for (const [i, it] of items.entries()) {
    try {
      manifests.push(manifestFor(k, it.type));
      preps.push(prepareCreate(k, manifests[i], { ...it, actor: it.actor ?? SYSTEM_ACTOR }));
    } catch (e) {
      throw located(e, `items.${i}`, i);
    }
  }

  // One lookup statement per type and chunk instead of one per case.
  const looks = new Array<Awaited<ReturnType<typeof lookupCreate>>[number]>(items.length);
  const byType = new Map<string, number[]>();
  for (const [i, it] of items.entries()) (byType.get(it.type) ?? byType.set(it.type, []).get(it.type)!).push(i);
  for (const [type, idx] of byType)
    for (let from = 0; from < idx.length; from += CHUNK) {
      const part = idx.slice(from, from + CHUNK);
      const found = await lookupCreate(tx, type, part.map((i) => preps[i]));
      for (const [j, i] of part.entries()) looks[i] = found[j];
    }

  const abbrs = new Map<string, string>();
  const abbrOf = async (agencyId: string | null): Promise<string> => {
    if (!agencyId) return '';
    if (!abbrs.has(agencyId)) {
      const r = await rows<{ abbr: string | null }>(tx, sql`select coalesce(abbr, left(name, 1)) as abbr from agency where id = ${agencyId}`);
      abbrs.set(agencyId, r[0]?.abbr ?? '');
    }
    return abbrs.get(agencyId)!;
  };

  interface Planned {
    state: CaseState;
    clocks: DerivedClock[];
    parties: Parameters<typeof partyValues>[2][];
    trackingSecret: string | null;
    source: string;
    links: CreatePlan['links'];
    number: NumberNeed | null;
    numberOffset: number;
  }
  const planned: Planned[] = [];
  const events: { e: SealedEvent; topic: string }[] = [];
  const counts = new Map<string, { scopeKey: string; year: number; count: number }>();

  for (const [i, it] of items.entries()) {
    const m = manifests[i];
    const creator = it.actor ?? SYSTEM_ACTOR;
    let created: CreatePlan;
    try {
      created = await planCreate(k, tx, m, { ...it, actor: creator }, preps[i], looks[i]);
    } catch (e) {
      throw located(e, `items.${i}`, i);
    }
    events.push({ e: created.event, topic: `case.${it.type}.created` });
    let s = created.state;
    let clocks = created.clocks;
    let number: NumberNeed | null = null;
    let numberOffset = 0;
    for (const [j, a] of it.actions.entries()) {
      try {
        s = { ...s, agencyAbbr: await abbrOf(s.c.agencyId) };
        const p = await planAction(k, tx, m, s, { action: a.action, input: a.input, actor: a.actor ?? creator });
        if (p.handoff)
          throw new Problem(422, 'handoff-not-replayable', '移交他类案件的操作不能批量补录，请逐件办理', 'A hand-off to another mechanism cannot be replayed in bulk; perform it case by case');
        if (p.number) {
          number = p.number;
          const key = numberKey(p.number);
          const c = counts.get(key) ?? counts.set(key, { scopeKey: p.number.scopeKey, year: p.number.year, count: 0 }).get(key)!;
          numberOffset = c.count++;
        }
        // The real 案号 is formatted once the counters are reserved; the planner only needs to know one is set.
        s = applyAction(s, p, p.number ? PENDING_NUMBER : null);
        clocks = p.clocks;
        events.push({ e: p.event, topic: `case.${it.type}.${a.action}` });
      } catch (e) {
        throw located(e, `items.${i}.actions.${j}`, i, j);
      }
    }
    planned.push({ state: s, clocks, parties: created.parties, trackingSecret: created.trackingSecret, source: it.source, links: created.links, number, numberOffset });
  }

  const first = await reserveNumbers(tx, counts);
  for (const p of planned)
    if (p.number) p.state.c.number = formatNumber(p.number, first.get(numberKey(p.number))! + p.numberOffset);

  await insertChunks(
    tx,
    sql`insert into fz_case (id, type, number, title, state, state_category, outcome, region_code, agency_id, subject_agency_id, assignee_id,
      version, head_hash, received_on, closed_on, data, attrs, tracking_code, tracking_secret, source) values`,
    planned.map(({ state: { c }, trackingSecret, source }) => sql`(${c.id}::uuid, ${c.type}, ${c.number}, ${c.title}, ${c.state}, ${c.stateCategory}, ${c.outcome},
      ${c.regionCode}, ${c.agencyId}::uuid, ${c.subjectAgencyId}::uuid, ${c.assigneeId}::uuid, ${c.version}::int, ${c.headHash}, ${c.receivedOn}::date,
      ${c.closedOn}::date, ${JSON.stringify(c.data)}::jsonb, ${JSON.stringify(c.attrs)}::jsonb, ${c.trackingCode}, ${trackingSecret}, ${source})`),
  );
  await insertChunks(
    tx,
    sql`insert into party ${PARTY_COLUMNS} values`,
    planned.flatMap((p) => p.parties.map((party) => partyValues(k, p.state.c.id, party))),
  );
  // In plan order, so that each case's events get ascending seq as the audit walk expects.
  await insertChunks(
    tx,
    sql`insert into case_event (id, case_id, n, action, actor_id, actor_label, at, effective_on, state_from, state_to, payload, prev_hash, hash) values`,
    events.map(({ e }) => sql`(${e.id}::uuid, ${e.caseId}::uuid, ${e.n}::int, ${e.action}, ${e.actorId}::uuid, ${e.actorLabel}, ${e.at}::timestamptz,
      ${e.effectiveOn}::date, ${e.stateFrom}, ${e.stateTo}, ${JSON.stringify(e.payload)}::jsonb, ${e.prevHash}, ${e.hash})`),
  );
  await insertChunks(
    tx,
    sql`insert into case_clock (case_id, key, status, started_on, due_on, stopped_on, provisional, detail) values`,
    planned.flatMap((p) => p.clocks.map((c) => clockValues(p.state.c.id, c))),
  );
  await insertChunks(
    tx,
    sql`insert into outbox (topic, payload) values`,
    events.map(({ e, topic }) => sql`(${topic}, ${JSON.stringify({ caseId: e.caseId, eventId: e.id })}::jsonb)`),
  );

  for (const [i, p] of planned.entries())
    for (const l of p.links) {
      try {
        await linkCases(k, tx, l.other, { toCaseId: p.state.c.id, relation: l.relation }, items[i].actor ?? SYSTEM_ACTOR, { asField: l.field });
      } catch (e) {
        throw located(e, `items.${i}`, i);
      }
    }

  return planned.map(({ state: { c } }) => ({ id: c.id, number: c.number, state: c.state, version: c.version }));
}

const PENDING_NUMBER = '\u0000pending';

async function insertChunks(tx: Orm, head: SQL, tuples: SQL[]): Promise<void> {
  for (let i = 0; i < tuples.length; i += CHUNK) await tx.execute(sql`${head} ${sql.join(tuples.slice(i, i + CHUNK), sql`, `)}`);
}

/**
 * A problem re-addressed to the item (and act) it came from: field errors get the item's path in
 * front (`items.12.actions.3.input.recoveredAmount`), other problems one error naming the item or act.
 */
function located(e: unknown, base: string, item: number, act?: number): unknown {
  if (!(e instanceof Problem)) return e;
  const inputBase = `${base}.input`;
  const errors: FieldError[] = e.opts.errors?.length
    ? e.opts.errors.map((x) => ({ ...x, path: x.path ? `${inputBase}.${x.path}` : base }))
    : [{ path: base, zh: e.titleZh, en: e.titleEn }];
  const where = act === undefined ? { zh: `第${item + 1}件`, en: `item ${item}` } : { zh: `第${item + 1}件第${act + 1}项操作`, en: `item ${item}, act ${act}` };
  return new Problem(e.status, e.code, e.titleZh, e.titleEn, {
    ...e.opts,
    detailZh: `${where.zh}：${e.opts.detailZh ?? e.titleZh}`,
    detailEn: `${where.en}: ${e.opts.detailEn ?? e.titleEn}`,
    errors,
    extra: { ...e.opts.extra, item, ...(act === undefined ? {} : { act }) },
  });
}
