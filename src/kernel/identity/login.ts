import { z } from 'zod';
import { appendAudit } from '../audit/log.js';
import { one, sql } from '../db/client.js';
import type { Kernel } from '../kernel.js';
import { PASSWORD_MAX_LENGTH, hashPassword, verifyPassword } from './password.js';
import { createSession } from './session.js';
import { identitySettings } from './settings.js';
import { getUserView, type UserView } from './users.js';

export const zLogin = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.output<typeof zLogin>;

export type LoginResult =
  | { kind: 'ok'; user: UserView; token: string; expiresAt: Date }
  /** Unknown user and wrong password look the same to the caller. */
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date }
  | { kind: 'disabled' };

// Hash of a random string, so an unknown username costs the same argon2 work as a known one.
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword(`${Math.random()}-no-such-user`);
  return dummyHash;
}

interface Candidate {
  id: string;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
  lockedUntil: string | Date | null;
  locked: boolean;
}

/**
 * Checks the password and counts failures: after `maxFailedLogins` consecutive failures the account
 * is locked for `lockoutMinutes`; a success resets the count. While locked, the password is not even
 * checked. Every outcome is audited; failures commit even though the caller then answers 401/423.
 */
export async function login(k: Kernel, input: LoginInput, meta: { ip?: string } = {}): Promise<LoginResult> {
  const u = await one<Candidate>(
    k.db.orm,
    sql`select id, display_name as "displayName", password_hash as "passwordHash", disabled,
               locked_until as "lockedUntil", coalesce(locked_until > now(), false) as locked
        from app_user where username = ${input.username}`,
  );
  const detail = { username: input.username, ip: meta.ip };
  if (!u) {
    await verifyPassword(await timingDummy(), input.password);
    await k.db.tx((tx) => appendAudit(tx, { action: 'login_failed', target: `username:${input.username}`, detail: { ...detail, reason: 'unknown_user' } }));
    return { kind: 'invalid' };
  }
  const who = { id: u.id, displayName: u.displayName };
  if (u.locked) {
    await k.db.tx((tx) => appendAudit(tx, { actor: who, action: 'login_failed', target: `user:${u.id}`, detail: { ...detail, reason: 'locked' } }));
    return { kind: 'locked', until: new Date(u.lockedUntil!) };
  }

  const ok = await verifyPassword(u.passwordHash, input.password);
  const settings = await identitySettings(k.db.orm);
  if (!ok) {
    return k.db.tx(async (tx) => {
      // The increment is atomic, so concurrent guesses cannot slip past the threshold.
      const r = await one<{ lockedNow: boolean; lockedUntil: string | Date | null }>(
        tx,
        sql`update app_user set
              failed_logins = case when failed_logins + 1 >= ${settings.maxFailedLogins} then 0 else failed_logins + 1 end,
              locked_until = case when failed_logins + 1 >= ${settings.maxFailedLogins}
                                  then now() + make_interval(mins => ${settings.lockoutMinutes}::int) else locked_until end
            where id = ${u.id}
            returning coalesce(locked_until > now(), false) as "lockedNow", locked_until as "lockedUntil"`,
      );
      await appendAudit(tx, { actor: who, action: 'login_failed', target: `user:${u.id}`, detail: { ...detail, reason: 'wrong_password' } });
      if (!r!.lockedNow) return { kind: 'invalid' } as const;
      await appendAudit(tx, {
        actor: who,
        action: 'lockout',
        target: `user:${u.id}`,
        detail: { ...detail, until: new Date(r!.lockedUntil!).toISOString(), failures: settings.maxFailedLogins },
      });
      return { kind: 'locked', until: new Date(r!.lockedUntil!) } as const;
    });
  }
  if (u.disabled) {
    await k.db.tx((tx) => appendAudit(tx, { actor: who, action: 'login_failed', target: `user:${u.id}`, detail: { ...detail, reason: 'disabled' } }));
    return { kind: 'disabled' };
  }
  const session = await k.db.tx(async (tx) => {
    await tx.execute(sql`update app_user set failed_logins = 0, locked_until = null where id = ${u.id}`);
    const s = await createSession(tx, u.id, settings.sessionHours);
    await appendAudit(tx, { actor: who, action: 'login', target: `user:${u.id}`, detail });
    return s;
  });
  const user = (await getUserView(k.db, u.id))!;
  return { kind: 'ok', user, ...session };
}
