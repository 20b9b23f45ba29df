import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/log.js';
import { type Orm, one, rows, sql, isUniqueViolation } from '../db/client.js';
import { type FieldError, field, problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import type { Actor } from '../identity/types.js';
import { zCreditCode } from './validators.js';

export const AGENCY_KINDS = ['government', 'department', 'justice_bureau', 'court', 'mediation_committee', 'legal_aid_centre', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  regionCode: string;
  regionName: string;
  creditCode: string | null;
  abbr: string | null;
  parentId: string | null;
}

const NAME_MAX = 100;
const ABBR_MAX = 10;
const LIST_LIMIT = 1000;

const zName = z
  .string()
  .trim()
  .min(1, bi('名称不能为空', 'Name is required'))
  .max(NAME_MAX, bi(`名称不超过${NAME_MAX}字`, `Name is at most ${NAME_MAX} characters`));
const zOptText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`不超过${max}字`, `At most ${max} characters`))
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

const fields = {
  name: zName,
  shortName: zOptText(NAME_MAX),
  kind: z.enum(AGENCY_KINDS),
  regionCode: z.string().trim().min(1, bi('请选择所属区划', 'Region is required')),
  creditCode: zCreditCode.nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  abbr: zOptText(ABBR_MAX),
};

export const zAgencyCreate = z.strictObject({ ...fields, id: z.uuid().optional(), kind: fields.kind.default('department') });
export type AgencyCreateInput = z.input<typeof zAgencyCreate>;

// No defaults here: an omitted field keeps its value.
export const zAgencyPatch = z.strictObject(fields).partial();
export type AgencyPatchInput = z.input<typeof zAgencyPatch>;

const SELECT = sql`
  select a.id, a.name, a.short_name as "shortName", a.kind, a.region_code as "regionCode", r.name as "regionName",
         a.credit_code as "creditCode", a.abbr, a.parent_id as "parentId"
  from agency a join region r on r.code = a.region_code`;

/** Agencies in a region's subtree (or all), optionally matching text in name, short name or abbreviation. */
export async function listAgencies(orm: Orm, opts: { region?: string; q?: string } = {}): Promise<Agency[]> {
  const where = [sql`true`];
  if (opts.region) {
    where.push(sql`r.path like (select path from region where code = ${opts.region}) || '%'`);
  }
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(a.name ilike ${like} or a.short_name ilike ${like} or a.abbr ilike ${like} or a.credit_code = ${q.toUpperCase()})`);
  }
  return rows<Agency>(orm, sql`${SELECT} where ${sql.join(where, sql` and `)} order by r.path, a.name limit ${LIST_LIMIT}`);
}

export async function getAgency(orm: Orm, id: string): Promise<Agency | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  return one<Agency>(orm, sql`${SELECT} where a.id = ${id}`);
}

/** Reference checks shared by create and update; field errors rather than a foreign-key 500. */
async function checkReferences(
  tx: Orm,
  input: { regionCode?: string; parentId?: string | null },
  selfId?: string,
): Promise<void> {
  const errors: FieldError[] = [];
  if (input.regionCode !== undefined) {
    const r = await one(tx, sql`select 1 from region where code = ${input.regionCode}`);
    if (!r) errors.push(field('regionCode', '区划代码不存在', 'Unknown region code'));
  }
  if (input.parentId) {
    if (!(await one(tx, sql`select 1 from agency where id = ${input.parentId}`)))
      errors.push(field('parentId', '上级机关不存在', 'Unknown parent agency'));
    else if (selfId && (await isDescendantOrSelf(tx, input.parentId, selfId)))
      errors.push(field('parentId', '上级机关不能是自身或其下级', 'An agency cannot sit under itself or its own subordinate'));
  }
  if (errors.length) throw problems.validation(errors);
}

async function isDescendantOrSelf(tx: Orm, candidate: string, root: string): Promise<boolean> {
  const r = await one(
    tx,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from agency where id = ${candidate}
          union select a.id, a.parent_id from agency a join up on a.id = up.parent_id)
        select 1 from up where id = ${root}`,
  );
  return !!r;
}

async function assertNoDuplicate(tx: Orm, a: { name: string; regionCode: string; creditCode?: string | null }, selfId?: string) {
  const dup = await one<{ id: string; byCode: boolean }>(
    tx,
    sql`select id, (credit_code is not distinct from ${a.creditCode ?? null} and credit_code is not null) as "byCode"
        from agency
        where id is distinct from ${selfId ?? null}::uuid
          and ((region_code = ${a.regionCode} and name = ${a.name}) or credit_code = ${a.creditCode ?? null})
        limit 1`,
  );
  if (dup) throw duplicate(dup.byCode, dup.id);
}

function duplicate(byCode: boolean, existingId?: string) {
  return byCode
    ? problems.conflict('duplicate-credit-code', '统一社会信用代码已被其他机关使用', 'Another agency already has this credit code', { existingId })
    : problems.conflict('duplicate-agency', '该区划下已有同名机关', 'An agency with this name already exists in the region', { existingId });
}

/** Used by the admin API and the demo generator; pass `actor` to have the change audited. */
export async function createAgency(tx: Orm, input: AgencyCreateInput, actor?: Actor): Promise<Agency> {
  const a = parseInput(zAgencyCreate, input);
  await checkReferences(tx, a);
  await assertNoDuplicate(tx, a);
  const id = a.id ?? randomUUID();
  try {
    await tx.execute(sql`
      insert into agency (id, name, short_name, kind, region_code, credit_code, parent_id, abbr)
      values (${id}, ${a.name}, ${a.shortName ?? null}, ${a.kind}, ${a.regionCode}, ${a.creditCode ?? null},
              ${a.parentId ?? null}, ${a.abbr ?? null})`);
  } catch (err) {
    // A concurrent insert won the race between the check and the write.
    if (isUniqueViolation(err)) throw duplicate(!!a.creditCode);
    throw err;
  }
  if (actor) await appendAudit(tx, { actor, action: 'agency_change', target: `agency:${id}`, detail: { op: 'create', ...a } });
  return (await getAgency(tx, id))!;
}

export async function updateAgency(tx: Orm, id: string, input: AgencyPatchInput, actor?: Actor): Promise<Agency> {
  const current = await getAgency(tx, id);
  if (!current) throw problems.notFound('agency', '机关');
  const p = parseInput(zAgencyPatch, input);
  await checkReferences(tx, p, id);
  const next = {
    name: p.name ?? current.name,
    shortName: p.shortName === undefined ? current.shortName : p.shortName,
    kind: p.kind ?? current.kind,
    regionCode: p.regionCode ?? current.regionCode,
    creditCode: p.creditCode === undefined ? current.creditCode : p.creditCode,
    parentId: p.parentId === undefined ? current.parentId : p.parentId,
    abbr: p.abbr === undefined ? current.abbr : p.abbr,
  };
  await assertNoDuplicate(tx, next, id);
  try {
    await tx.execute(sql`
      update agency set name = ${next.name}, short_name = ${next.shortName}, kind = ${next.kind},
        region_code = ${next.regionCode}, credit_code = ${next.creditCode}, parent_id = ${next.parentId}, abbr = ${next.abbr}
      where id = ${id}`);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(!!p.creditCode);
    throw err;
  }
  if (actor) await appendAudit(tx, { actor, action: 'agency_change', target: `agency:${id}`, detail: { op: 'update', ...p } });
  return (await getAgency(tx, id))!;
}
