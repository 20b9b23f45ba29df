import { z } from 'zod';
import type { RouteRegistrar } from '../http/app.js';
import { problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
// Bodies are typed for callers in code; both use cases validate them with parseInput.
import { type AgencyCreateInput, type AgencyPatchInput, createAgency, listAgencies, updateAgency } from './agencies.js';
import { listRegions } from './regions.js';

const zRegionQuery = z.object({ parent: z.string().trim().min(1).optional() });
const zAgencyQuery = z.object({ region: z.string().trim().min(1).optional(), q: z.string().optional() });
const zId = z.object({ id: z.uuid() });

/** Regions and agencies: readable by any logged-in user, agencies writable with 'admin.agencies'. */
export const registerOrgRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/regions', async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    return listRegions(k.db.orm, parseInput(zRegionQuery, req.query));
  });

  app.get('/api/v1/agencies', async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    return listAgencies(k.db.orm, parseInput(zAgencyQuery, req.query));
  });

  app.post('/api/v1/agencies', async (req, reply) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.agencies');
    const agency = await k.db.tx((tx) => createAgency(tx, req.body as AgencyCreateInput, actor));
    return reply.status(201).send(agency);
  });

  app.patch('/api/v1/agencies/:id', async (req) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.agencies');
    const params = zId.safeParse(req.params);
    if (!params.success) throw problems.notFound('agency', '机关');
    return k.db.tx((tx) => updateAgency(tx, params.data.id, req.body as AgencyPatchInput, actor));
  });
};
