import type { z } from 'zod';
import { appendAudit } from '../../kernel/audit/log.js';
import { type Orm, one, rows, sql } from '../../kernel/db/client.js';
import { field, problems } from '../../kernel/http/problem.js';
import { parseInput } from '../../kernel/http/validate.js';
import { pgTextArray } from '../../kernel/identity/users.js';
import type { Actor } from '../../kernel/identity/types.js';
import { createAgency } from '../../kernel/org/agencies.js';
import { committeeInput } from './schemas.js';

export const COMMITTEE_KIND = 'mediation_committee' as const;

export interface CommitteeView {
  id: string;
  name: string;
  abbr: string | null;
  regionCode: string;
  regionName: string;
  level: string;
  industry: string | null;
  accepts: string[];
}

const SELECT = sql`select a.id, a.name, a.abbr, a.region_code as "regionCode", r.name as "regionName", mc.level, mc.industry, mc.accepts
  from mediation_committee mc join agency a on a.id = mc.agency_id join region r on r.code = a.region_code`;

/**
 * A 人民调解委员会: an agency (so cases, scope and 案号 work as for any handler) plus its level,
 * industry and the categories it takes.
 */
export async function createCommittee(tx: Orm, raw: z.input<typeof committeeInput>, actor?: Actor): Promise<CommitteeView> {
  const i = parseInput(committeeInput, raw);
  await checkCategories(tx, i.accepts, 'accepts');
  const a = await createAgency(tx, { name: i.name, kind: COMMITTEE_KIND, regionCode: i.regionCode, abbr: i.abbr });
  await tx.execute(sql`insert into mediation_committee (agency_id, level, industry, accepts)
    values (${a.id}, ${i.level}, ${i.industry ?? null}, ${pgTextArray(i.accepts)}::text[])`);
  if (actor) await appendAudit(tx, { actor, action: 'mediation_committee_change', target: `agency:${a.id}`, detail: { op: 'create', ...i } });
  return (await getCommittee(tx, a.id))!;
}

export async function getCommittee(tx: Orm, id: string): Promise<CommitteeView | undefined> {
  return one<CommitteeView>(tx, sql`${SELECT} where a.id = ${id}`);
}

export async function listCommittees(tx: Orm, q: { level?: string; region?: string }): Promise<CommitteeView[]> {
  return rows<CommitteeView>(
    tx,
    sql`${SELECT} where true ${q.level ? sql`and mc.level = ${q.level}` : sql``}
        ${q.region ? sql`and r.path like (select path from region where code = ${q.region}) || '%'` : sql``}
        order by r.path, mc.level, a.name limit 2000`,
  );
}

export async function checkCategories(tx: Orm, codes: string[], path: string): Promise<void> {
  if (!codes.length) return;
  const known = await rows<{ code: string }>(tx, sql`select code from dispute_category where code = any(${pgTextArray(codes)}::text[])`);
  const bad = codes.findIndex((c) => !known.some((k) => k.code === c));
  if (bad >= 0) throw problems.validation([field(`${path}.${bad}`, '纠纷类别不存在', 'Unknown dispute category')]);
}
