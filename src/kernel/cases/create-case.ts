import { randomInt, randomUUID } from 'node:crypto';
import { type Orm, one, sql } from '../db/client.js';
import { Problem, field, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission, inScope } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { GENESIS, sealEvent } from './events.js';
import { assigneeAttrs, clockAttrs, computeClocks, manifestFor, resolveContext, stripPersonal, writeActionResult } from './engine.js';
import { linkCases } from './links.js';
import type { NewParty } from './manifest.js';

export interface CreateCaseCommand {
  type: string;
  input: unknown;
  actor: Actor;
  source: 'staff' | 'portal' | 'import' | 'demo' | 'handoff';
  /** A hand-off from a case that has a 查询码: the new case gets one too, answering to the same contacts. */
  tracking?: boolean;
}

export interface CreatedCase {
  id: string;
  trackingCode: string | null;
  receivedOn: string;
  version: number;
}

// No 0/O/1/I/L: the code is read over the phone.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/**
 * Registers a new case (staff, portal, import, demo): validate, map through the manifest, write the
 * case, its parties (personal data encrypted), its first event and its clocks in one transaction.
 */
export async function createCase(k: Kernel, tx: Orm, cmd: CreateCaseCommand): Promise<CreatedCase> {
  const m = manifestFor(k, cmd.type);
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

  // Everything the checks need in one round trip: the handling organ (or the configured default),
  // its region, the respondent, the region's path and the names of agency parties.
  const partyAgencies = mapped.parties.flatMap((p) => (p.kind === 'agency' && p.agencyId ? [p.agencyId] : []));
  const look = await one<{ agency_id: string | null; agency_region: string | null; subject_ok: boolean; path: string | null; names: Record<string, string> | null }>(
    tx,
    sql`with h as (select coalesce(${mapped.agencyId ?? null}::uuid,
                      (select (value #>> '{}')::uuid from setting where key = ${`intake.${cmd.type}.agency_id`}),
                      (select a.id from agency a join region r on r.code = a.region_code where a.kind = 'government' order by length(r.path), a.created_at limit 1)) as id)
        select h.id as agency_id,
          (select region_code from agency where id = h.id) as agency_region,
          ${mapped.subjectAgencyId ? sql`exists (select 1 from agency where id = ${mapped.subjectAgencyId})` : sql`true`} as subject_ok,
          (select path from region where code = coalesce(${mapped.regionCode ?? null}, (select region_code from agency where id = h.id))) as path,
          ${partyAgencies.length ? sql`(select json_object_agg(id, name) from agency where id in (${sql.join(partyAgencies.map((a) => sql`${a}`), sql`, `)}))` : sql`null::json`} as names
        from h`,
  );
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
          data: mapped.data, attrs: mapped.attrs ?? {},
        }),
      )
    : {};
  const data = stripPersonal({ ...mapped.data, ...(resolved.data ?? {}) });
  const finalAgency = resolved.agencyId ?? agencyId;
  const trackingCode = cmd.source === 'portal' || cmd.tracking ? newTrackingCode() : null;
  const secrets = mapped.parties.flatMap((p) => [p.phone, p.idNumber].filter(Boolean).map((v) => k.pii.lookupHash(v!)));

  const actorLabel = cmd.source === 'portal' ? '申请人（网上）' : cmd.actor.displayName;
  const event = sealEvent({ caseId: id, n: 1, prevHash: GENESIS, action: 'create', actorId: cmd.actor.id, actorLabel, effectiveOn: receivedOn, stateFrom: null, stateTo: state, payload: { source: cmd.source, data, ...(resolved.note ?? {}) } });
  const clocks = await computeClocks(k, tx, m, [{ action: 'create', effectiveOn: receivedOn, payload: {} }], data);
  const attrs = { ...(mapped.attrs ?? {}), ...(resolved.attrs ?? {}), ...assigneeAttrs(resolved), ...clockAttrs(clocks) };
  // An agency party is named by the agency register, not by whatever the form said.
  const parties = mapped.parties.map((p) => partyValues(k, id, p.kind === 'agency' && p.agencyId ? { ...p, name: look.names?.[p.agencyId] ?? p.name } : p));
  await writeActionResult(tx, {
    before: [
      sql`c as (insert into fz_case (id, type, number, title, state, state_category, region_code, agency_id, subject_agency_id, assignee_id,
          version, head_hash, received_on, data, attrs, tracking_code, tracking_secret, source)
        values (${id}, ${cmd.type}, ${mapped.externalNumber ?? null}, ${mapped.title}, ${state}, ${m.states[state].category}, ${regionCode}, ${finalAgency},
          ${mapped.subjectAgencyId ?? null}, ${resolved.assigneeId ?? null}, 1, ${event.hash}, ${receivedOn}, ${JSON.stringify(data)}::jsonb,
          ${JSON.stringify(attrs)}::jsonb, ${trackingCode}, ${secrets.length ? secrets.join(',') : null}, ${cmd.source}))`,
      ...(parties.length
        ? [sql`p as (insert into party (id, case_id, role, kind, name, agency_id, credit_code, id_number_enc, id_number_hash, phone_enc, phone_hash, address_enc)
            values ${sql.join(parties, sql`, `)})`]
        : []),
    ],
    event,
    clocks,
    topic: `case.${cmd.type}.created`,
    main: sql`select 1`,
  });
  for (const lf of m.create.linkFields ?? []) {
    const other = input[lf.field];
    if (typeof other === 'string' && other)
      await linkCases(k, tx, other, { toCaseId: id, relation: lf.relation }, cmd.actor, { asField: lf.field });
  }
  return { id, trackingCode, receivedOn, version: 1 };
}

function partyValues(k: Kernel, caseId: string, p: NewParty) {
  const enc = (v?: string) => (v ? k.pii.encrypt(v) : null);
  const hash = (v?: string) => (v ? k.pii.lookupHash(v) : null);
  return sql`(${randomUUID()}::uuid, ${caseId}::uuid, ${p.role}, ${p.kind}, ${p.name}, ${p.agencyId ?? null}::uuid, ${p.creditCode ?? null},
    ${enc(p.idNumber)}, ${hash(p.idNumber)}, ${enc(p.phone)}, ${hash(p.phone)}, ${enc(p.address)})`;
}
