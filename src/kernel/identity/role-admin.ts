import { z } from 'zod';
import { appendAudit } from '../audit/log.js';
import { type Orm, one, rows, sql } from '../db/client.js';
import { type FieldError, field, problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { type PermissionInfo, isKnownPermission } from './permissions.js';
import { hasPermission } from './policy.js';
import { ADMIN_ROLE } from './roles.js';
import type { Actor } from './types.js';
import { pgTextArray } from './users.js';

export interface RoleView {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  builtin: boolean;
  /** A built-in role an admin edited: seeding leaves it as the admin left it. */
  customised: boolean;
  userCount: number;
}

const NAME_MAX = 50;
const zRoleName = (zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, bi(`${zh}不能为空`, `${en} is required`))
    .max(NAME_MAX, bi(`${zh}不超过${NAME_MAX}字`, `${en} is at most ${NAME_MAX} characters`));

export const zRoleKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, bi('角色标识为2–40位小写字母、数字或下划线，以字母开头', 'Role key: 2–40 lowercase letters, digits or _, starting with a letter'));

export const zRolePut = z.strictObject({
  nameZh: zRoleName('中文名称', 'Chinese name'),
  nameEn: zRoleName('英文名称', 'English name'),
  permissions: z.array(z.string().trim().min(1)).transform((ps) => [...new Set(ps)]),
});

const SELECT = sql`
  select r.key, r.name_zh as "nameZh", r.name_en as "nameEn", r.permissions, r.builtin, r.customised,
         (select count(*)::int from app_user u where r.key = any(u.roles)) as "userCount"
  from role r`;

export async function listRoles(orm: Orm): Promise<RoleView[]> {
  return rows<RoleView>(orm, sql`${SELECT} order by r.builtin desc, r.key`);
}

/**
 * Create or replace a role. Permissions must be known (or already on the role, e.g. a module not
 * installed here), and the editor must hold each one: 'admin.roles' alone cannot mint '*'.
 */
export async function putRole(
  tx: Orm,
  actor: Actor,
  key: string,
  body: unknown,
  known: readonly PermissionInfo[],
): Promise<RoleView> {
  const k = parseInput(z.object({ key: zRoleKey }), { key }).key;
  const input = parseInput(zRolePut, body);
  const current = await one<RoleView>(tx, sql`${SELECT} where r.key = ${k} for update of r`);

  const errors: FieldError[] = [];
  input.permissions.forEach((p, i) => {
    if (!isKnownPermission(p, known) && !current?.permissions.includes(p))
      errors.push(field(`permissions.${i}`, `未知的权限：${p}`, `Unknown permission: ${p}`));
    else if (!hasPermission(actor, p))
      errors.push(field(`permissions.${i}`, `不能授予自身不具备的权限：${p}`, `Cannot grant a permission you lack: ${p}`));
  });
  if (k === ADMIN_ROLE && !(input.permissions.length === 1 && input.permissions[0] === '*'))
    errors.push(field('permissions', '系统管理员角色必须保留全部权限（*）', 'The admin role must keep every permission (*)'));
  if (errors.length) throw problems.validation(errors);

  await tx.execute(sql`
    insert into role (key, name_zh, name_en, permissions, builtin, customised)
    values (${k}, ${input.nameZh}, ${input.nameEn}, ${pgTextArray(input.permissions)}::text[], false, false)
    on conflict (key) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
      permissions = excluded.permissions, customised = role.builtin`);
  await appendAudit(tx, {
    actor,
    action: 'role_change',
    target: `role:${k}`,
    detail: { op: current ? 'update' : 'create', before: current?.permissions ?? null, ...input },
  });
  return (await one<RoleView>(tx, sql`${SELECT} where r.key = ${k}`))!;
}

export async function deleteRole(tx: Orm, actor: Actor, key: string): Promise<void> {
  const current = await one<RoleView>(tx, sql`${SELECT} where r.key = ${key} for update of r`);
  if (!current) throw problems.notFound('role', '角色');
  if (current.builtin) throw problems.conflict('builtin-role', '内置角色不能删除', 'Built-in roles cannot be deleted');
  if (current.userCount > 0)
    throw problems.conflict('role-in-use', `仍有 ${current.userCount} 个用户使用该角色`, `${current.userCount} user(s) still have this role`, {
      userCount: current.userCount,
    });
  await tx.execute(sql`delete from role where key = ${key}`);
  await appendAudit(tx, { actor, action: 'role_change', target: `role:${key}`, detail: { op: 'delete', permissions: current.permissions } });
}
