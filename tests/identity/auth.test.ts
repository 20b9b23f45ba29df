import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, rows, sql } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { IDENTITY_SETTINGS } from '../../src/kernel/identity/settings.js';
import { sessionId } from '../../src/kernel/identity/session.js';
import { testDb } from '../support/db.js';
import { PASSWORD, clientIp, loginCookie, makeUser, testApp, testKernel } from './helpers.js';

let db: Db;
let app: App;

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { ...clientIp(), ...headers } });
const me = (cookie?: string) => app.inject({ url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });
const failures = () => Number(IDENTITY_SETTINGS.maxFailedLogins.default);

beforeAll(async () => {
  db = await testDb();
  app = await testApp(testKernel(db));
  const agency = await one<{ id: string }>(
    db.orm,
    sql`insert into agency (id, name, region_code) values (gen_random_uuid(), '海宁市交通运输局', '330481') returning id`,
  );
  await makeUser(db, { username: 'Officer', displayName: '王法制', roles: ['legal_officer'], regionCode: '330481', agencyId: agency!.id, agencyOnly: true });
  await makeUser(db, { username: 'staff', displayName: '李复议', roles: ['reconsideration_staff', 'leader'], mustChangePassword: true });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('POST /api/v1/auth/login', () => {
  it('logs in (username is case-insensitive) and sets an HttpOnly, SameSite=Lax, Path=/ cookie', async () => {
    const r = await login('OFFICER', PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json().user).toMatchObject({ username: 'officer', displayName: '王法制', roles: ['legal_officer'], regionCode: '330481', regionName: '海宁市', agencyName: '海宁市交通运输局', agencyOnly: true });
    const c = r.cookies.find((x) => x.name === 'fz_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.secure).toBeFalsy();
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    expect(await one(db.orm, sql`select 1 as x from user_session where id = ${c.value}`)).toBeUndefined();
    expect(await one(db.orm, sql`select 1 as x from user_session where id = ${sessionId(c.value)}`)).toEqual({ x: 1 });
    const audit = await one<{ action: string }>(db.orm, sql`select action from audit_log order by seq desc limit 1`);
    expect(audit!.action).toBe('login');
  });

  it('the session expires after the configured hours (default 12)', async () => {
    const r = await login('officer', PASSWORD);
    const c = r.cookies.find((x) => x.name === 'fz_session')!;
    const row = await one<{ hours: number }>(
      db.orm,
      sql`select round(extract(epoch from (expires_at - created_at)) / 3600)::int as hours from user_session where id = ${sessionId(c.value)}`,
    );
    expect(row!.hours).toBe(IDENTITY_SETTINGS.sessionHours.default);
  });

  it('Secure when the config says so or the request came over TLS', async () => {
    const secureApp = await testApp(testKernel(db, { config: { secureCookies: true } }));
    const r1 = await secureApp.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer', password: PASSWORD } });
    expect(r1.cookies.find((x) => x.name === 'fz_session')!.secure).toBe(true);
    await secureApp.close();
    const r2 = await login('officer', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(r2.cookies.find((x) => x.name === 'fz_session')!.secure).toBe(true);
  });

  it('a wrong password and an unknown user give the same 401, and both are audited', async () => {
    const a = await login('officer', 'wrong-password-1');
    const b = await login('nobody', 'wrong-password-1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().title_zh).toBe('用户名或密码错误');
    expect(a.cookies).toHaveLength(0);
    const audit = await rows<{ action: string; target: string }>(db.orm, sql`select action, target from audit_log order by seq desc limit 2`);
    expect(audit.map((x) => x.action)).toEqual(['login_failed', 'login_failed']);
    expect(audit[0].target).toBe('username:nobody');
    // The successful login below resets the counter.
    expect((await login('officer', PASSWORD)).statusCode).toBe(200);
    expect(await one(db.orm, sql`select failed_logins as n from app_user where username = 'officer'`)).toEqual({ n: 0 });
  });

  it('malformed bodies are 400, not 401', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer' } });
    expect(r.statusCode).toBe(400);
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer', password: 'x', extra: 1 } });
    expect(r2.statusCode).toBe(400);
  });
});

describe('lockout', () => {
  beforeAll(async () => {
    await makeUser(db, { username: 'victim', roles: ['leader'] });
  });

  it(`locks after the configured number of consecutive failures with a 423 saying until when`, async () => {
    const n = failures();
    for (let i = 1; i < n; i++) expect((await login('victim', `bad-guess-${i}`)).statusCode).toBe(401);
    const r = await login('victim', 'bad-guess-last');
    expect(r.statusCode).toBe(423);
    const body = r.json();
    expect(body.type).toBe('https://fazhi.dev/problems/account-locked');
    const until = new Date(body.lockedUntil).getTime();
    const minutes = (until - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(IDENTITY_SETTINGS.lockoutMinutes.default - 1);
    expect(minutes).toBeLessThanOrEqual(IDENTITY_SETTINGS.lockoutMinutes.default);
    expect(body.detail_zh).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const actions = await rows<{ action: string }>(db.orm, sql`select action from audit_log order by seq desc limit 2`);
    expect(actions.map((a) => a.action)).toEqual(['lockout', 'login_failed']);
  });

  it('while locked even the right password is refused (423), without touching the counter', async () => {
    const r = await login('victim', PASSWORD);
    expect(r.statusCode).toBe(423);
    expect(r.cookies).toHaveLength(0);
  });

  it('after the window has passed the right password works again', async () => {
    await db.tx((tx) => tx.execute(sql`update app_user set locked_until = now() - interval '1 second' where username = 'victim'`));
    expect((await login('victim', PASSWORD)).statusCode).toBe(200);
    expect(await one(db.orm, sql`select failed_logins as n, locked_until as u from app_user where username = 'victim'`)).toEqual({ n: 0, u: null });
  });

  it('threshold and window come from settings', async () => {
    await db.tx(async (tx) => {
      await tx.execute(sql`insert into setting (key, value) values (${IDENTITY_SETTINGS.maxFailedLogins.key}, '2'::jsonb), (${IDENTITY_SETTINGS.lockoutMinutes.key}, '60'::jsonb)`);
    });
    expect((await login('victim', 'bad-1')).statusCode).toBe(401);
    const r = await login('victim', 'bad-2');
    expect(r.statusCode).toBe(423);
    const minutes = (new Date(r.json().lockedUntil).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    await db.tx((tx) => tx.execute(sql`delete from setting where key like 'identity.%'`));
  });

  it('a disabled user with the right password gets 403, with a wrong one the usual 401', async () => {
    await makeUser(db, { username: 'gone', roles: ['leader'] });
    await db.tx((tx) => tx.execute(sql`update app_user set disabled = true where username = 'gone'`));
    expect((await login('gone', PASSWORD)).statusCode).toBe(403);
    expect((await login('gone', 'not-the-one-1')).statusCode).toBe(401);
  });
});

describe('session use', () => {
  it('/me needs a session, and answers the contract shape', async () => {
    expect((await me()).statusCode).toBe(401);
    expect((await me('fz_session=not-a-token')).statusCode).toBe(401);
    const cookie = await loginCookie(app, 'staff');
    const r = await me(cookie);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(Object.keys(body).sort()).toEqual(
      ['id', 'username', 'displayName', 'roles', 'permissions', 'regionCode', 'regionName', 'agencyId', 'agencyName', 'agencyOnly', 'mustChangePassword'].sort(),
    );
    expect(body).toMatchObject({ username: 'staff', regionCode: '330400', regionName: '嘉兴市', agencyId: null, mustChangePassword: true });
    // Union of both roles' permissions, no duplicates.
    expect(body.permissions).toContain('reconsideration.*');
    expect(body.permissions).toContain('cockpit.read');
    expect(new Set(body.permissions).size).toBe(body.permissions.length);
  });

  it('logout deletes the session: the same cookie no longer works', async () => {
    const cookie = await loginCookie(app, 'staff');
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((x) => x.name === 'fz_session')!;
    expect(cleared.value).toBe('');
    expect((await me(cookie)).statusCode).toBe(401);
    // Logging out twice, or without a session, is harmless.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
  });

  it('an expired session or a disabled user resolves to nobody', async () => {
    const cookie = await loginCookie(app, 'staff');
    const token = cookie.split('=')[1];
    await db.tx((tx) => tx.execute(sql`update user_session set expires_at = now() - interval '1 second' where id = ${sessionId(token)}`));
    expect((await me(cookie)).statusCode).toBe(401);

    const c2 = await loginCookie(app, 'staff');
    await db.tx((tx) => tx.execute(sql`update app_user set disabled = true where username = 'staff'`));
    expect((await me(c2)).statusCode).toBe(401);
    await db.tx((tx) => tx.execute(sql`update app_user set disabled = false where username = 'staff'`));
    expect((await me(c2)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('401 without a session', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'a', newPassword: 'b' } });
    expect(r.statusCode).toBe(401);
  });

  it('checks the current password and the policy, then ends the other sessions', async () => {
    await makeUser(db, { username: 'changer', roles: ['leader'], mustChangePassword: true });
    const here = await loginCookie(app, 'changer');
    const elsewhere = await loginCookie(app, 'changer');
    const change = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/auth/password', payload, headers: { cookie: here } });

    const wrong = await change({ currentPassword: 'not-my-password-1', newPassword: 'brand-new-pass-2' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('currentPassword');
    for (const weak of ['short1', 'onlyletterslong', '1234567890123']) {
      const r = await change({ currentPassword: PASSWORD, newPassword: weak });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0]).toMatchObject({ path: 'newPassword' });
      expect(r.json().errors[0].zh).toMatch(/密码/);
    }
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).statusCode).toBe(400);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'brand-new-pass-2' })).statusCode).toBe(204);
    expect((await me(here)).json().mustChangePassword).toBe(false);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login('changer', PASSWORD)).statusCode).toBe(401);
    expect((await login('changer', 'brand-new-pass-2')).statusCode).toBe(200);
    const stored = await one<{ h: string }>(db.orm, sql`select password_hash as h from app_user where username = 'changer'`);
    expect(stored!.h.startsWith('$argon2id$')).toBe(true);
  });
});

describe('rate limit', () => {
  it('the login route answers 429 past its per-minute limit', async () => {
    const own = await testApp(testKernel(db));
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await own.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
    await own.close();
  });
});
