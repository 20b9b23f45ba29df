import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { registerCalendarRoutes } from './kernel/calendar/routes.js';
import { registerCaseRoutes } from './kernel/cases/routes.js';
import { type App, type RouteRegistrar, buildApp } from './kernel/http/app.js';
import { registerHealthRoutes } from './kernel/http/health.js';
import { registerAdminRoutes } from './kernel/identity/admin-routes.js';
import { registerAuthRoutes } from './kernel/identity/auth-routes.js';
import { resolveActor } from './kernel/identity/session.js';
import { registerImportRoutes } from './kernel/cases/import-routes.js';
import { registerIndicatorRoutes } from './kernel/indicators/routes.js';
import type { Kernel } from './kernel/kernel.js';
import { registerOrgRoutes } from './kernel/org/routes.js';
import { registerPortalRoutes } from './kernel/portal/routes.js';
import { registerOpenApi } from './kernel/http/openapi.js';
import { registerMessageRoutes } from './kernel/cases/message-routes.js';
import { registerRegisterRoutes } from './kernel/registers/routes.js';
import { modules } from './modules/index.js';


export const WEB_DIST = fileURLToPath(new URL('../dist/web', import.meta.url));

/** Serves the built web app with SPA fallback (workbench, cockpit and portal are one bundle). */
const registerWeb: RouteRegistrar = async (app) => {
  if (!existsSync(WEB_DIST)) return;
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
};

/** The whole HTTP surface: kernel routes, the modules' own routes, then the web app. */
export async function createApp(k: Kernel, opts: { logger?: boolean } = {}): Promise<App> {
  return buildApp(k, {
    logger: opts.logger,
    resolveActor,
    routes: [
      registerOpenApi,
      registerHealthRoutes,
      registerAuthRoutes,
      registerAdminRoutes,
      registerOrgRoutes,
      registerCalendarRoutes,
      registerCaseRoutes,
      registerImportRoutes,
      registerPortalRoutes,
      registerIndicatorRoutes,
      registerMessageRoutes,
      registerRegisterRoutes,
      // What is special to each mechanism (its registers, routing rules) — mounted before the web fallback.
      ...modules.flatMap((m) => m.routes ?? []),
      registerWeb,
    ],
  });
}
