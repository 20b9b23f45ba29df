import { randomInt, randomUUID } from 'node:crypto';
import { type Orm, one, sql } from '../db/client.js';
import { Problem, field, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission, inScope } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { getSetting } from '../settings.js';
import { GENESIS, sealEvent } from './events.js';
import { clockAttrs, computeClocks, manifestFor, stripPersonal, writeActionResult } from './engine.js';
import { linkCases } from './links.js';
import type { NewParty } from './manifest.js';

export interface CreateCaseCommand {
  type: string;
  input: unknown;
  actor: Actor;
  source: 'staff' | 'portal' | 'import' | 'demo';
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

  const agencyId = mapped.agencyId ?? (await defaultHandlingAgency(tx, cmd.type));
  const agency = agencyId
    ? await one<{ region_code: string }>(tx, sql`select region_code from agency where id = ${agencyId}`)
    : undefined;
  if (agencyId && !agency) throw problems.validation([field('agencyId', '受理机关不存在', 'Unknown handling agency')]);
  if (mapped.subjectAgencyId) {
    const s = await one(tx, sql`select 1 as x from agency where id = ${mapped.subjectAgencyId}`);
    if (!s) throw problems.validation([field('respondentAgencyId', '被申请人/被告机关不存在', 'Unknown respondent agency')]);
  }
  const regionCode = mapped.regionCode ?? agency?.region_code;
  const region = regionCode
    ? await one<{ path: string }>(tx, sql`select path from region where code = ${regionCode}`)
    : undefined;
  if (!region) throw problems.validation([field('regionCode', '所属区域不存在', 'Unknown region')]);
  if (
    cmd.source !== 'portal' &&
    !inScope(cmd.actor, { regionPath: region.path, agencyId, subjectAgencyId: mapped.subjectAgencyId })
  )
    throw problems.forbidden('scope');

  const id = randomUUID();
  const state = m.initialState;
  const data = stripPersonal(mapped.data);
  const trackingCode = cmd.source === 'portal' ? newTrackingCode() : null;
  const secrets = mapped.parties.flatMap((p) => [p.phone, p.idNumber].filter(Boolean).map((v) => k.pii.lookupHash(v!)));

  const ev = { caseId: id, n: 1, prevHash: GENESIS, action: 'create', actorId: cmd.actor.id, actorLabel: cmd.source === 'portal' ? '申请人（网上）' : cmd.actor.displayName, effectiveOn: receivedOn, stateFrom: null, stateTo: state, payload: { source: cmd.source, data } };
  // The case row must exist before its event (foreign key); insert with a provisional head and fix it below.
  await tx.execute(sql`insert into fz_case (id, type, title, state, state_category, region_code, agency_id, subject_agency_id,
      version, head_hash, received_on, data, attrs, tracking_code, tracking_secret, source)
    values (${id}, ${cmd.type}, ${mapped.title}, ${state}, ${m.states[state].category}, ${regionCode}, ${agencyId ?? null},
      ${mapped.subjectAgencyId ?? null}, 1, ${GENESIS}, ${receivedOn}, ${JSON.stringify(data)}::jsonb,
      ${JSON.stringify(mapped.attrs ?? {})}::jsonb, ${trackingCode}, ${secrets.length ? secrets.join(',') : null}, ${cmd.source})`);
  for (const p of mapped.parties) {
    // An agency party is named by the agency register, not by whatever the form said.
    const name = p.kind === 'agency' && p.agencyId ? ((await one<{ name: string }>(tx, sql`select name from agency where id = ${p.agencyId}`))?.name ?? p.name) : p.name;
    await insertParty(k, tx, id, { ...p, name });
  }
  const event = sealEvent(ev);
  const clocks = await computeClocks(k, tx, m, [{ action: 'create', effectiveOn: receivedOn, payload: {} }], data);
  await writeActionResult(tx, {
    event,
    clocks,
    topic: `case.${cmd.type}.created`,
    caseUpdate: sql`update fz_case set head_hash = ${event.hash}, attrs = attrs || ${JSON.stringify(clockAttrs(clocks))}::jsonb where id = ${id}`,
  });
  for (const lf of m.create.linkFields ?? []) {
    const other = input[lf.field];
    if (typeof other === 'string' && other)
      await linkCases(k, tx, other, { toCaseId: id, relation: lf.relation }, cmd.actor, { asField: lf.field });
  }
  return { id, trackingCode, receivedOn, version: 1 };
}

export async function insertParty(k: Kernel, tx: Orm, caseId: string, p: NewParty): Promise<void> {
  const enc = (v?: string) => (v ? k.pii.encrypt(v) : null);
  const hash = (v?: string) => (v ? k.pii.lookupHash(v) : null);
  await tx.execute(sql`insert into party (id, case_id, role, kind, name, agency_id, credit_code, id_number_enc, id_number_hash, phone_enc, phone_hash, address_enc)
    values (${randomUUID()}, ${caseId}, ${p.role}, ${p.kind}, ${p.name}, ${p.agencyId ?? null}, ${p.creditCode ?? null},
      ${enc(p.idNumber)}, ${hash(p.idNumber)}, ${enc(p.phone)}, ${hash(p.phone)}, ${enc(p.address)})`);
}

/** Portal applications go to the organ configured for the type, else the top-level government. */
async function defaultHandlingAgency(tx: Orm, type: string): Promise<string | null> {
  const configured = await getSetting<string | null>(tx, `intake.${type}.agency_id`, null);
  if (configured) return configured;
  const gov = await one<{ id: string }>(
    tx,
    sql`select a.id from agency a join region r on r.code = a.region_code
        where a.kind = 'government' order by length(r.path), a.created_at limit 1`,
  );
  if (!gov) throw new Problem(503, 'not-configured', '尚未配置受理机关', 'No handling agency is configured');
  return gov.id;
}
