import { z } from 'zod';
import type { RouteRegistrar } from '../http/app.js';
import { problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { generatePassword } from './password.js';
import { knownPermissions } from './permissions.js';
import { assertPermission, hasPermission } from './policy.js';
import { deleteRole, listRoles, putRole } from './role-admin.js';
import { invalidateRoleCache } from './session.js';
import { type UserCreateInput, type UserPatchInput, createUser, listUsers, updateUser } from './users.js';

const zUserQuery = z.object({
  q: z.string().optional(),
  region: z.string().trim().min(1).optional(),
  role: z.string().trim().min(1).optional(),
});

/** Users, roles and the permission catalogue ('admin.users' / 'admin.roles'). Every write is audited. */
export const registerAdminRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/admin/users', async (req) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.users');
    return listUsers(k.db.orm, actor, parseInput(zUserQuery, req.query));
  });

  // Without a password the server makes one and returns it once; the user must change it at first login.
  app.post('/api/v1/admin/users', async (req, reply) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.users');
    const body = (req.body ?? {}) as Partial<UserCreateInput>;
    const generated = body.password === undefined ? generatePassword() : undefined;
    const input = {
      ...body,
      password: generated ?? body.password,
      mustChangePassword: body.mustChangePassword ?? true,
    } as UserCreateInput;
    const user = await k.db.tx((tx) => createUser(tx, input, actor));
    return reply.status(201).send(generated ? { user, newPassword: generated } : { user });
  });

  app.patch('/api/v1/admin/users/:id', async (req) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.users');
    const { id } = req.params as { id: string };
    return k.db.tx((tx) => updateUser(tx, actor, id, req.body as UserPatchInput));
  });

  app.get('/api/v1/admin/roles', async (req) => {
    assertPermission(req.actor, 'admin.roles');
    return listRoles(k.db.orm);
  });

  app.put('/api/v1/admin/roles/:key', async (req) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.roles');
    const { key } = req.params as { key: string };
    const role = await k.db.tx((tx) => putRole(tx, actor, key, req.body, knownPermissions(k.registry)));
    invalidateRoleCache(k.db);
    return role;
  });

  app.delete('/api/v1/admin/roles/:key', async (req, reply) => {
    const actor = req.actor;
    assertPermission(actor, 'admin.roles');
    const { key } = req.params as { key: string };
    await k.db.tx((tx) => deleteRole(tx, actor, key));
    invalidateRoleCache(k.db);
    return reply.status(204).send();
  });

  app.get('/api/v1/admin/permissions', async (req) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    // The role editor and the user form both show permission labels.
    if (!hasPermission(actor, 'admin.roles') && !hasPermission(actor, 'admin.users')) throw problems.forbidden('admin.roles');
    return knownPermissions(k.registry);
  });
};
