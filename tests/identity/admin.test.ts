import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCaseType } from '../../src/kernel/cases/manifest.js';
import { Registry } from '../../src/kernel/cases/registry.js';
import { type Db, one, sql } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { BUILTIN_ROLES } from '../../src/kernel/identity/roles.js';
import { seedRoles } from '../../src/kernel/identity/seed.js';
import { invalidateRoleCache } from '../../src/kernel/identity/session.js';
import { testDb } from '../support/db.js';
import { PASSWORD, clientIp, loginCookie, makeUser, testApp, testKernel } from './helpers.js';

const toyType = defineCaseType({
  type: 'toy',
  label: { zh: '玩具案件', en: 'Toy case' },
  description: { zh: '测试用', en: 'For tests' },
  states: {
    open: { label: { zh: '办理中', en: 'Open' }, category: 'open' },
    done: { label: { zh: '已办结', en: 'Done' }, category: 'closed' },
  },
  initialState: 'open',
  create: {
    input: z.object({}),
    permission: 'toy.create',
    effectiveDateField: 'receivedOn',
    toCase: () => ({ title: 't', data: {}, parties: [] }),
  },
  actions: {
    close: { label: { zh: '办结', en: 'Close' }, from: ['open'], to: 'done', permission: 'toy.close', input: z.object({}) },
    expire: { label: { zh: '到期', en: 'Expire' }, from: ['open'], to: 'done', permission: 'toy.expire', input: z.object({}), systemOnly: true },
  },
  clocks: [],
  outcomes: {},
  partyRoles: [],
});

let db: Db;
let app: App;
let admin: string;
let leader: string;
let agencyId: string;

const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  db = await testDb();
  app = await testApp(testKernel(db, { registry: new Registry([toyType]) }));
  await makeUser(db, { username: 'root', displayName: '管理员', roles: ['admin'] });
  await makeUser(db, { username: 'boss', roles: ['leader'] });
  agencyId = (await one<{ id: string }>(db.orm, sql`insert into agency (id, name, region_code) values (gen_random_uuid(), '海宁市公安局', '330481') returning id`))!.id;
  admin = await loginCookie(app, 'root');
  leader = await loginCookie(app, 'boss');
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('access', () => {
  it.each([
    ['GET', '/api/v1/admin/users'],
    ['POST', '/api/v1/admin/users'],
    ['PATCH', `/api/v1/admin/users/${crypto.randomUUID()}`],
    ['GET', '/api/v1/admin/roles'],
    ['PUT', '/api/v1/admin/roles/x_role'],
    ['DELETE', '/api/v1/admin/roles/x_role'],
    ['GET', '/api/v1/admin/permissions'],
  ] as const)('%s %s: 401 without a session, 403 for a leader', async (method, url) => {
    expect((await req(method, url, undefined, {})).statusCode).toBe(401);
    const r = await req(method, url, leader, {});
    expect(r.statusCode).toBe(403);
    expect(r.json().title_zh).toBe('无权执行此操作');
  });
});

describe('users', () => {
  let officerId: string;

  it('creates a user with a generated password shown once and must-change set', async () => {
    const r = await req('POST', '/api/v1/admin/users', admin, {
      username: 'HN.Officer', displayName: '赵法制', roles: ['legal_officer'], regionCode: '330481', agencyId, agencyOnly: true,
    });
    expect(r.statusCode).toBe(201);
    const { user, newPassword } = r.json();
    expect(user).toMatchObject({ username: 'hn.officer', agencyName: '海宁市公安局', agencyOnly: true, mustChangePassword: true, disabled: false });
    expect(user).not.toHaveProperty('passwordHash');
    expect(newPassword).toMatch(/^(?=.*\d)(?=.*[A-Za-z]).{10,}$/);
    officerId = user.id;
    const c = await loginCookie(app, 'hn.officer', newPassword);
    expect((await req('GET', '/api/v1/auth/me', c)).json().mustChangePassword).toBe(true);
    const audit = await one<{ detail: Record<string, unknown> }>(db.orm, sql`select detail from audit_log where target = ${`user:${user.id}`} and action = 'user_change'`);
    expect(JSON.stringify(audit!.detail)).not.toContain(newPassword);
  });

  it('a given password must meet the policy and is never echoed', async () => {
    const weak = await req('POST', '/api/v1/admin/users', admin, { username: 'weak', displayName: 'w', password: 'abc', roles: ['leader'], regionCode: '330400' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('password');
    const ok = await req('POST', '/api/v1/admin/users', admin, { username: 'chosen', displayName: 'c', password: 'chosen-pass-123', roles: ['leader'], regionCode: '330400' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).not.toHaveProperty('newPassword');
  });

  it('duplicate username → 409', async () => {
    const r = await req('POST', '/api/v1/admin/users', admin, { username: 'HN.OFFICER', displayName: 'x', roles: ['leader'], regionCode: '330400' });
    expect(r.statusCode).toBe(409);
  });

  it('unknown role, region and agency, and agency-only without agency are field errors', async () => {
    const r = await req('POST', '/api/v1/admin/users', admin, {
      username: 'bad1', displayName: 'b', roles: ['wizard'], regionCode: '999999', agencyId: crypto.randomUUID(),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['agencyId', 'regionCode', 'roles']);
    const r2 = await req('POST', '/api/v1/admin/users', admin, { username: 'bad2', displayName: 'b', roles: ['legal_officer'], regionCode: '330481', agencyOnly: true });
    expect(r2.json().errors).toEqual([expect.objectContaining({ path: 'agencyId' })]);
    // An agency-only officer whose agency lies outside their region would see nothing.
    const r3 = await req('POST', '/api/v1/admin/users', admin, { username: 'bad3', displayName: 'b', roles: ['legal_officer'], regionCode: '330483', agencyId, agencyOnly: true });
    expect(r3.json().errors).toEqual([expect.objectContaining({ path: 'agencyId' })]);
    const r4 = await req('POST', '/api/v1/admin/users', admin, { username: 'x', displayName: '', roles: [], regionCode: '330400' });
    expect(r4.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['displayName', 'roles', 'username']);
  });

  it('lists users in the admin scope with account state', async () => {
    const r = await req('GET', '/api/v1/admin/users?q=officer', admin);
    expect(r.statusCode).toBe(200);
    expect(r.json().map((u: { username: string }) => u.username)).toEqual(['hn.officer']);
    const byRole = await req('GET', '/api/v1/admin/users?role=leader', admin);
    expect(byRole.json().every((u: { roles: string[] }) => u.roles.includes('leader'))).toBe(true);
    const byRegion = await req('GET', '/api/v1/admin/users?region=330481', admin);
    expect(byRegion.json().map((u: { username: string }) => u.username)).toEqual(['hn.officer']);
  });

  it('PATCH: disable ends sessions; reset returns a new password once; unlock clears the lock', async () => {
    const c = await loginCookie(app, 'chosen', 'chosen-pass-123');
    const id = (await req('GET', '/api/v1/admin/users?q=chosen', admin)).json()[0].id;
    const dis = await req('PATCH', `/api/v1/admin/users/${id}`, admin, { disabled: true });
    expect(dis.statusCode).toBe(200);
    expect(dis.json().user.disabled).toBe(true);
    expect((await req('GET', '/api/v1/auth/me', c)).statusCode).toBe(401);
    await req('PATCH', `/api/v1/admin/users/${id}`, admin, { disabled: false });

    const reset = await req('PATCH', `/api/v1/admin/users/${id}`, admin, { resetPassword: true });
    const { newPassword, user } = reset.json();
    expect(user.mustChangePassword).toBe(true);
    const login = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'chosen', password }, headers: clientIp() });
    expect((await login('chosen-pass-123')).statusCode).toBe(401);
    expect((await login(newPassword)).statusCode).toBe(200);

    await db.tx((tx) => tx.execute(sql`update app_user set failed_logins = 3, locked_until = now() + interval '1 hour' where id = ${id}`));
    expect((await login(newPassword)).statusCode).toBe(423);
    const un = await req('PATCH', `/api/v1/admin/users/${id}`, admin, { unlock: true });
    expect(un.json().user).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(un.json()).not.toHaveProperty('newPassword');
    expect((await login(newPassword)).statusCode).toBe(200);
  });

  it('PATCH: role and region changes take effect on the next request', async () => {
    const c = await loginCookie(app, 'boss');
    const id = (await req('GET', '/api/v1/admin/users?q=boss', admin)).json()[0].id;
    const r = await req('PATCH', `/api/v1/admin/users/${id}`, admin, { roles: ['litigation_staff'], regionCode: '330483' });
    expect(r.statusCode).toBe(200);
    const me = (await req('GET', '/api/v1/auth/me', c)).json();
    expect(me).toMatchObject({ roles: ['litigation_staff'], regionCode: '330483', regionName: '桐乡市' });
    expect(me.permissions).toContain('litigation.*');
    await req('PATCH', `/api/v1/admin/users/${id}`, admin, { roles: ['leader'], regionCode: '330400' });
  });

  it('PATCH refuses: self-disable, empty or unknown fields, a missing user (404)', async () => {
    const self = (await req('GET', '/api/v1/admin/users?q=root', admin)).json()[0].id;
    expect((await req('PATCH', `/api/v1/admin/users/${self}`, admin, { disabled: true })).statusCode).toBe(400);
    expect((await req('PATCH', `/api/v1/admin/users/${officerId}`, admin, {})).statusCode).toBe(400);
    expect((await req('PATCH', `/api/v1/admin/users/${officerId}`, admin, { password: 'x' })).statusCode).toBe(400);
    expect((await req('PATCH', `/api/v1/admin/users/${officerId}`, admin, { resetPassword: false })).statusCode).toBe(400);
    expect((await req('PATCH', `/api/v1/admin/users/${crypto.randomUUID()}`, admin, { disabled: true })).statusCode).toBe(404);
    expect((await req('PATCH', '/api/v1/admin/users/not-a-uuid', admin, { disabled: true })).statusCode).toBe(404);
  });

  it("a county user-admin sees and edits only their county's users, and cannot grant what they lack", async () => {
    await db.tx((tx) =>
      tx.execute(sql`insert into role (key, name_zh, name_en, permissions) values ('user_admin', '用户管理员', 'User admin', '{admin.users,case.read}')`),
    );
    invalidateRoleCache(db); // inserted behind the API's back
    await makeUser(db, { username: 'county.admin', roles: ['user_admin'], regionCode: '330483' });
    const c = await loginCookie(app, 'county.admin');
    const list = (await req('GET', '/api/v1/admin/users', c)).json() as { regionCode: string }[];
    expect(list.every((u) => u.regionCode.startsWith('330483'))).toBe(true);
    expect((await req('PATCH', `/api/v1/admin/users/${officerId}`, c, { disabled: true })).statusCode).toBe(404);
    const outside = await req('POST', '/api/v1/admin/users', c, { username: 'tx1', displayName: 't', roles: ['user_admin'], regionCode: '330481' });
    expect(outside.json().errors).toEqual([expect.objectContaining({ path: 'regionCode' })]);
    const escalate = await req('POST', '/api/v1/admin/users', c, { username: 'tx2', displayName: 't', roles: ['admin'], regionCode: '330483' });
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json().errors[0].en).toMatch(/permissions you lack/);
    const fine = await req('POST', '/api/v1/admin/users', c, { username: 'tx3', displayName: 't', roles: ['user_admin'], regionCode: '330483001' });
    expect(fine.statusCode).toBe(201);
    expect((await req('PATCH', `/api/v1/admin/users/${fine.json().user.id}`, c, { displayName: '改名' })).statusCode).toBe(200);
    // A full admin in the same county is out of reach: resetting their password would hand over '*'.
    const strong = await makeUser(db, { username: 'tx.admin', roles: ['admin'], regionCode: '330483' });
    const reset = await req('PATCH', `/api/v1/admin/users/${strong.id}`, c, { resetPassword: true });
    expect(reset.statusCode).toBe(403);
    expect(reset.json()).not.toHaveProperty('newPassword');
  });
});

describe('roles', () => {
  it('lists the built-in roles with their permissions', async () => {
    const r = await req('GET', '/api/v1/admin/roles', admin);
    expect(r.statusCode).toBe(200);
    const roles = r.json() as { key: string; permissions: string[]; builtin: boolean }[];
    for (const b of BUILTIN_ROLES) {
      expect(roles.find((x) => x.key === b.key)).toMatchObject({ builtin: true, permissions: b.permissions, nameZh: b.name.zh });
    }
  });

  it('creates a custom role; unknown permission keys are field errors; wildcards over known keys are fine', async () => {
    const bad = await req('PUT', '/api/v1/admin/roles/auditor', admin, { nameZh: '审计', nameEn: 'Auditor', permissions: ['case.read', 'case.destroy'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'permissions.1' })]);
    const ok = await req('PUT', '/api/v1/admin/roles/auditor', admin, { nameZh: '审计', nameEn: 'Auditor', permissions: ['case.read', 'toy.*', 'case.read'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ key: 'auditor', builtin: false, customised: false, permissions: ['case.read', 'toy.*'] });
    expect((await req('PUT', '/api/v1/admin/roles/Bad-Key', admin, { nameZh: 'x', nameEn: 'x', permissions: [] })).statusCode).toBe(400);
  });

  it('a role edit reaches signed-in users at once (cache invalidated)', async () => {
    await makeUser(db, { username: 'aud', roles: ['auditor'] });
    const c = await loginCookie(app, 'aud');
    expect((await req('GET', '/api/v1/auth/me', c)).json().permissions).toEqual(['case.read', 'toy.*']);
    await req('PUT', '/api/v1/admin/roles/auditor', admin, { nameZh: '审计', nameEn: 'Auditor', permissions: ['case.read', 'case.export'] });
    expect((await req('GET', '/api/v1/auth/me', c)).json().permissions).toEqual(['case.export', 'case.read']);
  });

  it('an edited built-in role survives re-seeding; untouched ones are reset to the definition', async () => {
    const r = await req('PUT', '/api/v1/admin/roles/leader', admin, { nameZh: '领导', nameEn: 'Leader', permissions: ['case.read', 'case.export', 'cockpit.read'] });
    expect(r.json()).toMatchObject({ builtin: true, customised: true });
    await db.tx((tx) => tx.execute(sql`update role set permissions = '{}' where key = 'rule_of_law_office'`));
    await seedRoles(db);
    const leaderRole = await one<{ permissions: string[] }>(db.orm, sql`select permissions from role where key = 'leader'`);
    expect(leaderRole!.permissions).toEqual(['case.read', 'case.export', 'cockpit.read']);
    const office = await one<{ permissions: string[] }>(db.orm, sql`select permissions from role where key = 'rule_of_law_office'`);
    expect(office!.permissions).toEqual(BUILTIN_ROLES.find((b) => b.key === 'rule_of_law_office')!.permissions);
    const custom = await one<{ permissions: string[] }>(db.orm, sql`select permissions from role where key = 'auditor'`);
    expect(custom!.permissions).toEqual(['case.read', 'case.export']);
  });

  it('the admin role keeps *; built-in roles cannot be deleted; roles in use cannot be deleted', async () => {
    const r = await req('PUT', '/api/v1/admin/roles/admin', admin, { nameZh: '管理员', nameEn: 'Admin', permissions: ['admin.users'] });
    expect(r.statusCode).toBe(400);
    expect((await req('DELETE', '/api/v1/admin/roles/leader', admin)).statusCode).toBe(409);
    const inUse = await req('DELETE', '/api/v1/admin/roles/auditor', admin);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().userCount).toBe(1);
    await req('PUT', '/api/v1/admin/roles/spare', admin, { nameZh: '备用', nameEn: 'Spare', permissions: [] });
    expect((await req('DELETE', '/api/v1/admin/roles/spare', admin)).statusCode).toBe(204);
    expect((await req('DELETE', '/api/v1/admin/roles/spare', admin)).statusCode).toBe(404);
  });

  it('a role editor cannot grant permissions they lack', async () => {
    await db.tx((tx) =>
      tx.execute(sql`insert into role (key, name_zh, name_en, permissions) values ('role_admin', '角色管理员', 'Role admin', '{admin.roles,case.read}')`),
    );
    invalidateRoleCache(db); // inserted behind the API's back
    await makeUser(db, { username: 'role.admin', roles: ['role_admin'] });
    const c = await loginCookie(app, 'role.admin');
    const r = await req('PUT', '/api/v1/admin/roles/mine', c, { nameZh: 'x', nameEn: 'x', permissions: ['case.read', '*'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ path: 'permissions.1' })]);
  });

  it('every write is audited', async () => {
    const n = await one<{ n: number }>(db.orm, sql`select count(*)::int as n from audit_log where action = 'role_change'`);
    expect(n!.n).toBeGreaterThanOrEqual(5);
  });
});

describe('GET /api/v1/admin/permissions', () => {
  it('lists kernel keys and each case type: create, actions (not system-only ones), wildcard', async () => {
    const r = await req('GET', '/api/v1/admin/permissions', admin);
    expect(r.statusCode).toBe(200);
    const list = r.json() as { key: string; label: { zh: string; en: string } }[];
    const keys = list.map((p) => p.key);
    for (const k of ['case.read', 'admin.users', 'admin.calendar', 'toy.create', 'toy.close', 'toy.*']) expect(keys).toContain(k);
    expect(keys).not.toContain('toy.expire');
    expect(new Set(keys).size).toBe(keys.length);
    expect(list.find((p) => p.key === 'toy.close')!.label).toEqual({ zh: '玩具案件：办结', en: 'Toy case: Close' });
  });

  it('is also open to a user admin (the user form shows labels)', async () => {
    const c = await loginCookie(app, 'county.admin');
    expect((await req('GET', '/api/v1/admin/permissions', c)).statusCode).toBe(200);
  });
});

it('PASSWORD fixture satisfies the policy (guards the helpers)', () => {
  expect(PASSWORD.length).toBeGreaterThanOrEqual(10);
});
