import { z } from 'zod';
import { appendAudit } from '../audit/log.js';
import { one, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { Kernel } from '../kernel.js';
import { PASSWORD_MAX_LENGTH, hashPassword, verifyPassword, zNewPassword } from './password.js';
import { deleteUserSessions } from './session.js';
import type { Actor } from './types.js';

export const zChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: zNewPassword,
});

/** The user's own change: proves the current password, clears must-change, ends their other sessions. */
export async function changePassword(k: Kernel, actor: Actor, body: unknown, keepToken?: string): Promise<void> {
  const input = parseInput(zChangePassword, body);
  const u = await one<{ hash: string }>(k.db.orm, sql`select password_hash as hash from app_user where id = ${actor.id}`);
  if (!u || !(await verifyPassword(u.hash, input.currentPassword)))
    throw problems.validation([field('currentPassword', '当前密码不正确', 'Current password is wrong')]);
  if (input.newPassword === input.currentPassword)
    throw problems.validation([field('newPassword', '新密码不能与当前密码相同', 'The new password must differ from the current one')]);
  const hash = await hashPassword(input.newPassword);
  await k.db.tx(async (tx) => {
    await tx.execute(sql`update app_user set password_hash = ${hash}, must_change_password = false where id = ${actor.id}`);
    await deleteUserSessions(tx, actor.id, keepToken);
    await appendAudit(tx, { actor, action: 'password_change', target: `user:${actor.id}` });
  });
}
