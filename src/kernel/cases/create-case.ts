import { type Orm, sql } from '../db/client.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { manifestFor, writeActionResult } from './engine.js';
import { linkCases } from './links.js';
import { type CaseSource, PARTY_COLUMNS, lookupCreate, partyValues, planCreate, prepareCreate } from './plan.js';

export { newTrackingCode } from './plan.js';

export interface CreateCaseCommand {
  type: string;
  input: unknown;
  actor: Actor;
  source: CaseSource;
  /** A hand-off from a case that has a 查询码: the new case gets one too, answering to the same contacts. */
  tracking?: boolean;
}

export interface CreatedCase {
  id: string;
  trackingCode: string | null;
  receivedOn: string;
  version: number;
}

/**
 * Registers a new case (staff, portal, import, demo): validate, map through the manifest, write the
 * case, its parties (personal data encrypted), its first event and its clocks in one transaction.
 */
export async function createCase(k: Kernel, tx: Orm, cmd: CreateCaseCommand): Promise<CreatedCase> {
  const m = manifestFor(k, cmd.type);
  const prep = prepareCreate(k, m, cmd);
  const [look] = await lookupCreate(tx, cmd.type, [prep]);
  const plan = await planCreate(k, tx, m, cmd, prep, look);
  const { c } = plan.state;
  const parties = plan.parties.map((p) => partyValues(k, c.id, p));
  await writeActionResult(tx, {
    before: [
      sql`c as (insert into fz_case (id, type, number, title, state, state_category, region_code, agency_id, subject_agency_id, assignee_id,
          version, head_hash, received_on, data, attrs, tracking_code, tracking_secret, source)
        values (${c.id}, ${c.type}, ${c.number}, ${c.title}, ${c.state}, ${c.stateCategory}, ${c.regionCode}, ${c.agencyId},
          ${c.subjectAgencyId}, ${c.assigneeId}, 1, ${c.headHash}, ${c.receivedOn}, ${JSON.stringify(c.data)}::jsonb,
          ${JSON.stringify(c.attrs)}::jsonb, ${c.trackingCode}, ${plan.trackingSecret}, ${plan.source}))`,
      ...(parties.length ? [sql`p as (insert into party ${PARTY_COLUMNS} values ${sql.join(parties, sql`, `)})`] : []),
    ],
    event: plan.event,
    clocks: plan.clocks,
    topic: `case.${cmd.type}.created`,
    main: sql`select 1`,
  });
  for (const l of plan.links) await linkCases(k, tx, l.other, { toCaseId: c.id, relation: l.relation }, cmd.actor, { asField: l.field });
  return { id: c.id, trackingCode: c.trackingCode, receivedOn: c.receivedOn, version: 1 };
}
