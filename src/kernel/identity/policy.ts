import { type SQL, sql } from 'drizzle-orm';
import { problems } from '../http/problem.js';
import type { Actor, ScopedRecord } from './types.js';

/** 'reconsideration.accept' is granted by itself, by 'reconsideration.*' or by '*'. */
export function hasPermission(actor: Actor, permission: string): boolean {
  const p = actor.permissions;
  if (p.includes('*') || p.includes(permission)) return true;
  const parts = permission.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    if (p.includes(`${parts.slice(0, i).join('.')}.*`)) return true;
  }
  return false;
}

export function assertPermission(actor: Actor | undefined, permission: string): asserts actor is Actor {
  if (!actor) throw problems.unauthenticated();
  if (!hasPermission(actor, permission)) throw problems.forbidden(permission);
}

/**
 * Region subtree, then (for agency-only users) the agency as handler or as the subject of the case.
 * An agency-only user (a committee's mediator, a court's seconded judge) also sees cases assigned to them.
 */
export function inScope(actor: Actor, rec: ScopedRecord): boolean {
  if (actor.agencyOnly && rec.assignees?.includes(actor.id)) return true;
  if (!rec.regionPath.startsWith(actor.regionPath)) return false;
  if (!actor.agencyOnly) return true;
  return !!actor.agencyId && (rec.agencyId === actor.agencyId || rec.subjectAgencyId === actor.agencyId);
}

/**
 * The same rule as `inScope`, as a WHERE fragment over a case table alias, so lists and counts are
 * filtered in the database and never leak a row.
 */
export function caseScopeSql(actor: Actor, alias = 'c'): SQL {
  const a = sql.raw(alias);
  // `= any(array(…))` runs the subquery once and does not depend on table statistics being present.
  const region = sql`${a}.region_code = any(array(select code from region where path like ${`${actor.regionPath}%`}))`;
  if (actor.regionPath === '/' && !actor.agencyOnly) return sql`true`;
  if (!actor.agencyOnly) return region;
  // A mediator or seconded judge assigned to a case sees it even outside their own agency.
  const assigned = sql`(${a}.assignee_id = ${actor.id} or ${a}.attrs -> 'assignees' @> ${JSON.stringify([actor.id])}::jsonb)`;
  return sql`((${region} and (${a}.agency_id = ${actor.agencyId} or ${a}.subject_agency_id = ${actor.agencyId})) or ${assigned})`;
}
