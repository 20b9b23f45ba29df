import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sm3 } from '../crypto/pii.js';
import { type Db, type Orm, one, rows, sql } from '../db/client.js';
import type { Kernel } from '../kernel.js';
import type { Actor } from './types.js';

export const SESSION_COOKIE = 'fz_session';
const TOKEN_BYTES = 32;
/** base64url of 32 bytes, unpadded. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MS_PER_HOUR = 3_600_000;

/** The cookie carries the token; the database only ever sees its SM3 hash, so a leaked table logs nobody in. */
export function sessionId(token: string): string {
  return sm3(token);
}

export async function createSession(tx: Orm, userId: string, hours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * MS_PER_HOUR);
  // Expired rows of this user go now: cheaper than a sweep job and bounded by logins.
  await tx.execute(sql`delete from user_session where user_id = ${userId} and expires_at <= now()`);
  await tx.execute(
    sql`insert into user_session (id, user_id, expires_at) values (${sessionId(token)}, ${userId}, ${expiresAt.toISOString()})`,
  );
  return { token, expiresAt };
}

export async function deleteSession(tx: Orm, token: string): Promise<void> {
  await tx.execute(sql`delete from user_session where id = ${sessionId(token)}`);
}

/** Logs a user out everywhere, except (optionally) the session making the request. */
export async function deleteUserSessions(tx: Orm, userId: string, keepToken?: string): Promise<void> {
  await tx.execute(
    sql`delete from user_session where user_id = ${userId} and id is distinct from ${keepToken ? sessionId(keepToken) : null}`,
  );
}

export function sessionToken(req: FastifyRequest): string | undefined {
  const t = req.cookies?.[SESSION_COOKIE];
  return t && TOKEN_PATTERN.test(t) ? t : undefined;
}

export function setSessionCookie(k: Kernel, req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: k.config.secureCookies || req.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(k: Kernel, req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: k.config.secureCookies || req.protocol === 'https',
  });
}

// --- role permissions, cached per database --------------------------------------------------------

/**
 * Every request needs its roles' permissions; roles change rarely. A short cache keeps resolveActor at
 * one query while an edit in another process still takes effect within seconds.
 */
const ROLE_CACHE_TTL_MS = 5_000;
const roleCache = new WeakMap<Db, { at: number; byRole: Map<string, string[]> }>();

export async function rolePermissions(db: Db): Promise<Map<string, string[]>> {
  const hit = roleCache.get(db);
  if (hit && Date.now() - hit.at < ROLE_CACHE_TTL_MS) return hit.byRole;
  const list = await rows<{ key: string; permissions: string[] }>(db.orm, sql`select key, permissions from role`);
  const byRole = new Map(list.map((r) => [r.key, r.permissions]));
  roleCache.set(db, { at: Date.now(), byRole });
  return byRole;
}

/** After a role edit in this process, so the editor sees the change at once. */
export function invalidateRoleCache(db: Db): void {
  roleCache.delete(db);
}

export function expandPermissions(roles: string[], byRole: Map<string, string[]>): string[] {
  return [...new Set(roles.flatMap((r) => byRole.get(r) ?? []))].sort();
}

interface SessionRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionPath: string;
  agencyId: string | null;
  agencyOnly: boolean;
  mustChangePassword: boolean;
}

/**
 * The actor behind the `fz_session` cookie: one query over session, user and region. Expired
 * sessions and disabled users resolve to nobody.
 */
export async function resolveActor(k: Kernel, req: FastifyRequest): Promise<Actor | undefined> {
  const token = sessionToken(req);
  if (!token) return undefined;
  const u = await one<SessionRow>(
    k.db.orm,
    sql`select u.id, u.username, u.display_name as "displayName", u.roles, u.region_code as "regionCode",
               r.path as "regionPath", u.agency_id as "agencyId", u.agency_only as "agencyOnly",
               u.must_change_password as "mustChangePassword"
        from user_session s
        join app_user u on u.id = s.user_id
        join region r on r.code = u.region_code
        where s.id = ${sessionId(token)} and s.expires_at > now() and not u.disabled`,
  );
  if (!u) return undefined;
  return { ...u, permissions: expandPermissions(u.roles, await rolePermissions(k.db)) };
}
