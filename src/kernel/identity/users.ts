import { ASSIGNMENT_ROLES } from './roles.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/log.js';
import { type Db, type Orm, one, rows, sql, isUniqueViolation } from '../db/client.js';
import { type FieldError, Problem, field, problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { hasPermission } from './policy.js';
import { generatePassword, hashPassword, zNewPassword } from './password.js';
import { deleteUserSessions, expandPermissions, rolePermissions } from './session.js';
import type { Actor } from './types.js';

/** What the client knows about the signed-in user (`/auth/me`, login). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  regionCode: string;
  regionName: string;
  agencyId: string | null;
  agencyName: string | null;
  agencyOnly: boolean;
  mustChangePassword: boolean;
}

/** The admin's view adds account state. */
export interface AdminUserView extends UserView {
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
}

const DISPLAY_NAME_MAX = 50;
const LIST_LIMIT = 500;

export const zUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/, bi('用户名为3–64位字母、数字或 . _ @ -', 'Username: 3–64 letters, digits or . _ @ -'));
const zDisplayName = z
  .string()
  .trim()
  .min(1, bi('姓名不能为空', 'Display name is required'))
  .max(DISPLAY_NAME_MAX, bi(`姓名不超过${DISPLAY_NAME_MAX}字`, `Display name is at most ${DISPLAY_NAME_MAX} characters`));
const zRoles = z.array(z.string().trim().min(1)).min(1, bi('至少选择一个角色', 'Choose at least one role'));

export const zUserCreate = z.strictObject({
  username: zUsername,
  displayName: zDisplayName,
  password: zNewPassword,
  roles: zRoles,
  regionCode: z.string().trim().min(1, bi('请选择数据范围（区划）', 'Region is required')),
  agencyId: z.uuid().nullable().optional(),
  agencyOnly: z.boolean().optional(),
  mustChangePassword: z.boolean().optional(),
});
export type UserCreateInput = z.input<typeof zUserCreate>;

export const zUserPatch = z
  .strictObject({
    displayName: zDisplayName,
    roles: zRoles,
    regionCode: z.string().trim().min(1),
    agencyId: z.uuid().nullable(),
    agencyOnly: z.boolean(),
    disabled: z.boolean(),
    resetPassword: z.literal(true),
    unlock: z.literal(true),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: bi('没有要修改的内容', 'Nothing to change') });
export type UserPatchInput = z.input<typeof zUserPatch>;

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  regionPath: string;
  agencyId: string | null;
  agencyName: string | null;
  agencyOnly: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | Date | null;
  createdAt: string | Date;
}

const SELECT = sql`
  select u.id, u.username, u.display_name as "displayName", u.roles, u.region_code as "regionCode",
         r.name as "regionName", r.path as "regionPath", u.agency_id as "agencyId", a.name as "agencyName",
         u.agency_only as "agencyOnly", u.must_change_password as "mustChangePassword", u.disabled,
         u.failed_logins as "failedLogins", u.locked_until as "lockedUntil", u.created_at as "createdAt"
  from app_user u join region r on r.code = u.region_code left join agency a on a.id = u.agency_id`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function toView(u: UserRow, byRole: Map<string, string[]>): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    permissions: expandPermissions(u.roles, byRole),
    regionCode: u.regionCode,
    regionName: u.regionName,
    agencyId: u.agencyId,
    agencyName: u.agencyName,
    agencyOnly: u.agencyOnly,
    mustChangePassword: u.mustChangePassword,
  };
}

function toAdminView(u: UserRow, byRole: Map<string, string[]>): AdminUserView {
  return {
    ...toView(u, byRole),
    disabled: u.disabled,
    failedLogins: u.failedLogins,
    lockedUntil: iso(u.lockedUntil),
    createdAt: iso(u.createdAt)!,
  };
}

async function loadUser(orm: Orm, id: string): Promise<UserRow | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  return one<UserRow>(orm, sql`${SELECT} where u.id = ${id}`);
}

/** Role permissions read inside the transaction, so a view reflects roles written in it. */
async function rolesNow(orm: Orm): Promise<Map<string, string[]>> {
  const list = await rows<{ key: string; permissions: string[] }>(orm, sql`select key, permissions from role`);
  return new Map(list.map((r) => [r.key, r.permissions]));
}

export async function getUserView(db: Db, id: string): Promise<UserView | undefined> {
  const u = await loadUser(db.orm, id);
  return u && toView(u, await rolePermissions(db));
}

export async function getAdminUserView(orm: Orm, id: string): Promise<AdminUserView | undefined> {
  const u = await loadUser(orm, id);
  return u && toAdminView(u, await rolesNow(orm));
}

/** Users inside the admin's own region subtree. */
export async function listUsers(
  orm: Orm,
  actor: Actor,
  opts: { q?: string; region?: string; role?: string } = {},
): Promise<AdminUserView[]> {
  const where = [sql`r.path like ${`${actor.regionPath}%`}`];
  if (opts.region) where.push(sql`r.path like (select path from region where code = ${opts.region}) || '%'`);
  if (opts.role) where.push(sql`${opts.role} = any(u.roles)`);
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(u.username ilike ${like} or u.display_name ilike ${like})`);
  }
  const list = await rows<UserRow>(orm, sql`${SELECT} where ${sql.join(where, sql` and `)} order by u.username limit ${LIST_LIMIT}`);
  const byRole = await rolesNow(orm);
  return list.map((u) => toAdminView(u, byRole));
}

/**
 * An actor may hand out only what they hold themselves, so 'admin.users' alone cannot mint an admin,
 * and only inside their own region subtree.
 */
async function checkAssignment(
  tx: Orm,
  actor: Actor | undefined,
  next: { roles: string[]; regionCode: string; agencyId: string | null; agencyOnly: boolean },
  rolesAdded: string[],
): Promise<void> {
  const errors: FieldError[] = [];
  const region = await one<{ path: string }>(tx, sql`select path from region where code = ${next.regionCode}`);
  if (!region) errors.push(field('regionCode', '区划代码不存在', 'Unknown region code'));
  else if (actor && !region.path.startsWith(actor.regionPath))
    errors.push(field('regionCode', '超出您的管理范围', 'Outside your own region'));

  const byRole = await rolesNow(tx);
  for (const r of next.roles) if (!byRole.has(r)) errors.push(field('roles', `角色不存在：${r}`, `Unknown role: ${r}`));
  if (actor) {
    for (const r of rolesAdded) {
      const missing = (byRole.get(r) ?? []).filter((p) => !hasPermission(actor, p));
      if (missing.length)
        errors.push(field('roles', `不能授予超出自身权限的角色：${r}`, `Cannot grant a role with permissions you lack: ${r}`));
    }
  }

  if (next.agencyId) {
    const agency = await one<{ path: string }>(
      tx,
      sql`select r.path from agency a join region r on r.code = a.region_code where a.id = ${next.agencyId}`,
    );
    if (!agency) errors.push(field('agencyId', '机关不存在', 'Unknown agency'));
    else if (next.agencyOnly && region && !agency.path.startsWith(region.path))
      // Scope is region AND agency: an agency outside the region would leave the officer seeing nothing.
      errors.push(field('agencyId', '机关不在该用户的区划范围内', "The agency is outside the user's region"));
  } else if (next.agencyOnly && !next.roles.every((r) => ASSIGNMENT_ROLES.has(r))) {
    // Only roles that work on assigned cases (a legal-aid lawyer) make sense agency-only without an agency.
    errors.push(field('agencyId', '仅限本机关的用户必须指定机关', 'An agency-only user needs an agency'));
  }
  if (errors.length) throw problems.validation(errors);
}

function duplicateUsername() {
  return problems.conflict('duplicate-username', '用户名已存在', 'Username already taken');
}

/** For the admin API, the demo generator and the CLI. Pass `actor` to check and audit as that admin. */
export async function createUser(tx: Orm, input: UserCreateInput, actor?: Actor): Promise<AdminUserView> {
  const u = parseInput(zUserCreate, input);
  const next = { roles: u.roles, regionCode: u.regionCode, agencyId: u.agencyId ?? null, agencyOnly: u.agencyOnly ?? false };
  await checkAssignment(tx, actor, next, u.roles);
  if (await one(tx, sql`select 1 from app_user where username = ${u.username}`)) throw duplicateUsername();
  const id = randomUUID();
  try {
    await tx.execute(sql`
      insert into app_user (id, username, display_name, password_hash, roles, agency_id, region_code, agency_only, must_change_password)
      values (${id}, ${u.username}, ${u.displayName}, ${await hashPassword(u.password)}, ${pgTextArray(u.roles)}::text[],
              ${next.agencyId}, ${u.regionCode}, ${next.agencyOnly}, ${u.mustChangePassword ?? false})`);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUsername();
    throw err;
  }
  if (actor) {
    const { password: _omit, ...detail } = u;
    await appendAudit(tx, { actor, action: 'user_change', target: `user:${id}`, detail: { op: 'create', ...detail } });
  }
  return (await getAdminUserView(tx, id))!;
}

/**
 * Admin edits. Disabling or resetting a password ends the user's sessions; a reset returns the new
 * password once (it is stored only as a hash) and unlocks the account.
 */
export async function updateUser(
  tx: Orm,
  actor: Actor,
  id: string,
  input: UserPatchInput,
): Promise<{ user: AdminUserView; newPassword?: string }> {
  const current = await loadUser(tx, id);
  if (!current?.regionPath.startsWith(actor.regionPath)) throw problems.notFound('user', '用户');
  const p = parseInput(zUserPatch, input);
  // Otherwise a limited user admin could reset an administrator's password and log in as them.
  const byRole = await rolesNow(tx);
  if (current.roles.some((r) => (byRole.get(r) ?? []).some((perm) => !hasPermission(actor, perm))))
    throw new Problem(403, 'forbidden', '不能管理权限高于自己的用户', 'Cannot manage a user who holds permissions you lack');
  if (p.disabled === true && id === actor.id)
    throw problems.validation([field('disabled', '不能停用自己的账号', 'You cannot disable your own account')]);

  const next = {
    roles: p.roles ?? current.roles,
    regionCode: p.regionCode ?? current.regionCode,
    agencyId: p.agencyId === undefined ? current.agencyId : p.agencyId,
    agencyOnly: p.agencyOnly ?? current.agencyOnly,
  };
  await checkAssignment(tx, actor, next, next.roles.filter((r) => !current.roles.includes(r)));

  const newPassword = p.resetPassword ? generatePassword() : undefined;
  const unlock = p.unlock || p.resetPassword;
  await tx.execute(sql`
    update app_user set
      display_name = ${p.displayName ?? current.displayName},
      roles = ${pgTextArray(next.roles)}::text[],
      region_code = ${next.regionCode},
      agency_id = ${next.agencyId},
      agency_only = ${next.agencyOnly},
      disabled = ${p.disabled ?? current.disabled}
      ${newPassword ? sql`, password_hash = ${await hashPassword(newPassword)}, must_change_password = true` : sql``}
      ${unlock ? sql`, failed_logins = 0, locked_until = null` : sql``}
    where id = ${id}`);
  if (p.disabled || newPassword) await deleteUserSessions(tx, id);
  await appendAudit(tx, { actor, action: 'user_change', target: `user:${id}`, detail: { op: 'update', ...p } });
  const user = (await getAdminUserView(tx, id))!;
  return newPassword ? { user, newPassword } : { user };
}

/** A text[] literal: drizzle expands a JS array into a parameter list, not one array parameter. */
export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
