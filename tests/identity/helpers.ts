import type { CalendarService } from '../../src/kernel/calendar/types.js';
import { Registry } from '../../src/kernel/cases/registry.js';
import { testConfig, type Config } from '../../src/kernel/config.js';
import { Pii } from '../../src/kernel/crypto/pii.js';
import type { Db } from '../../src/kernel/db/client.js';
import { type App, type RouteRegistrar, buildApp } from '../../src/kernel/http/app.js';
import { registerAdminRoutes } from '../../src/kernel/identity/admin-routes.js';
import { registerAuthRoutes } from '../../src/kernel/identity/auth-routes.js';
import { resolveActor } from '../../src/kernel/identity/session.js';
import { createUser, type UserCreateInput } from '../../src/kernel/identity/users.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { registerOrgRoutes } from '../../src/kernel/org/routes.js';

export function testKernel(db: Db, opts: { config?: Partial<Config>; registry?: Registry } = {}): Kernel {
  const config = testConfig(opts.config);
  return {
    db,
    config,
    pii: new Pii(config.secretKey),
    registry: opts.registry ?? new Registry([]),
    calendar: {} as CalendarService,
    today: () => '2021-06-01',
    version: '0.0.0',
  };
}

export const ALL_ROUTES: RouteRegistrar[] = [registerAuthRoutes, registerAdminRoutes, registerOrgRoutes];

export function testApp(k: Kernel, routes = ALL_ROUTES): Promise<App> {
  return buildApp(k, { resolveActor, routes });
}

export const PASSWORD = 'correct-horse-42';

/** A user straight into the database (no admin actor), password PASSWORD unless given. */
export async function makeUser(db: Db, over: Partial<UserCreateInput> & { username: string }) {
  return db.tx((tx) =>
    createUser(tx, {
      displayName: over.username,
      password: PASSWORD,
      roles: ['admin'],
      regionCode: '330400',
      ...over,
    }),
  );
}

let clientSeq = 0;
/** A fresh client address per call, so the login rate limit (per address) does not trip across tests. */
export function clientIp(): Record<string, string> {
  clientSeq++;
  return { 'x-forwarded-for': `10.0.${clientSeq >> 8}.${clientSeq & 255}` };
}

/** Logs in and returns the Cookie header value for later requests. */
export async function loginCookie(app: App, username: string, password = PASSWORD): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: clientIp() });
  if (r.statusCode !== 200) throw new Error(`login ${username} → ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((x) => x.name === 'fz_session');
  if (!c) throw new Error('no session cookie');
  return `fz_session=${c.value}`;
}
