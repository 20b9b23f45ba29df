import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { testDb } from '../support/db.js';
import { PASSWORD, clientIp, loginCookie, makeUser, testApp, testKernel } from './helpers.js';

let db: Db;
let app: App;
beforeAll(async () => {
  db = await testDb();
  app = await testApp(testKernel(db));
  await makeUser(db, { username: 'newadmin', roles: ['admin'], regionCode: '330400', mustChangePassword: true });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('a generated password must be changed before anything else', () => {
  it('answers 403 password-change-required everywhere but /auth/me, /auth/password and /auth/logout, until changed', async () => {
    const cookie = await loginCookie(app, 'newadmin');
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie, ...clientIp() } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toContain('password-change-required');
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie, ...clientIp() } });
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, ...clientIp() },
      payload: { currentPassword: PASSWORD, newPassword: 'a-new-secret-2026' },
    });
    expect(changed.statusCode).toBe(204);
    const open = await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie, ...clientIp() } });
    expect(open.statusCode).toBe(200);
  });
});
