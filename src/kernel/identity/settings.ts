import { type Orm, rows, sql } from '../db/client.js';

/**
 * Login and session limits. They are settings (table `setting`, jsonb number) so a city can follow its
 * own security policy; the defaults follow common practice for GB/T 22239-2019 (等保 2.0) §8.1.4.1,
 * which requires login-failure handling (限制非法登录次数) and ending idle or stale sessions, without
 * fixing the numbers.
 */
export const IDENTITY_SETTINGS = {
  maxFailedLogins: { key: 'identity.max_failed_logins', default: 5 },
  lockoutMinutes: { key: 'identity.lockout_minutes', default: 15 },
  sessionHours: { key: 'identity.session_hours', default: 12 },
} as const;

export type IdentitySettings = { -readonly [K in keyof typeof IDENTITY_SETTINGS]: number };

/** One query; a missing, non-numeric or non-positive value falls back to the default. */
export async function identitySettings(orm: Orm): Promise<IdentitySettings> {
  const defs = Object.entries(IDENTITY_SETTINGS) as [keyof IdentitySettings, { key: string; default: number }][];
  const found = await rows<{ key: string; value: unknown }>(
    orm,
    sql`select key, value from setting where key in (${sql.join(
      defs.map(([, d]) => sql`${d.key}`),
      sql`, `,
    )})`,
  );
  const byKey = new Map(found.map((r) => [r.key, r.value]));
  const out = {} as IdentitySettings;
  for (const [name, d] of defs) {
    const v = Number(byKey.get(d.key));
    out[name] = Number.isFinite(v) && v > 0 ? v : d.default;
  }
  return out;
}
