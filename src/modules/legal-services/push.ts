import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type Orm, rows, sql } from '../../kernel/db/client.js';
import type { RouteRegistrar } from '../../kernel/http/app.js';
import { doc } from '../../kernel/http/doc.js';
import { problems } from '../../kernel/http/problem.js';
import { parseInput } from '../../kernel/http/validate.js';
import { assertPermission } from '../../kernel/identity/policy.js';
import type { Actor } from '../../kernel/identity/types.js';
import type { Kernel } from '../../kernel/kernel.js';
import { entryScopeSql, textArray } from '../../kernel/registers/entries.js';
import { getEntry } from '../../kernel/registers/get-entry.js';
import { insertEntries } from '../../kernel/registers/insert-entries.js';
import { pushInput, targetInput } from './schemas.js';

/** At most this many deliveries per push (a whole city's enterprises fit with room to spare). */
export const MAX_PUSH_TARGETS = 50_000;

const createBody = pushInput.extend({
  limit: z.number().int().min(1).max(MAX_PUSH_TARGETS).optional().meta({ title: '最多推送企业数', en: 'At most this many enterprises' }),
});
const previewBody = z.strictObject({ target: targetInput });

type Target = z.output<typeof targetInput>;

/** Enterprises in the target set and in the actor's scope; stable order (credit code) so a capped push is reproducible. */
function targetWhere(t: Target, actor: Actor): SQL {
  const parts: SQL[] = [sql`e.register = 'enterprise'`, entryScopeSql(actor)];
  if (t.industries.length) parts.push(sql`e.data->>'industry' = any(${textArray(t.industries)})`);
  if (t.regionCodes.length)
    parts.push(sql`e.region_code = any(array(select r.code from region r join region t on r.path like t.path || '%' where t.code = any(${textArray(t.regionCodes)})))`);
  return sql.join(parts, sql` and `);
}

export async function previewPush(orm: Orm, target: Target, actor: Actor): Promise<{ count: number }> {
  const [r] = await rows<{ n: number }>(orm, sql`select count(*)::int as n from register_entry e where ${targetWhere(target, actor)}`);
  return { count: r.n };
}

/** How each delivery starts: 'sent' from the route; an import of past pushes may record receipts. */
export type DeliveryState = { status: 'sent' | 'delivered' | 'read'; readAt?: string };

/**
 * A push and one delivery per matching enterprise, in the caller's transaction, through the
 * register bulk path (validated, history rows, all or nothing).
 */
export async function createPush(
  k: Kernel,
  tx: Orm,
  body: unknown,
  actor: Actor,
  opts: { deliveryState?: (index: number) => DeliveryState } = {},
): Promise<{ pushId: string; deliveries: number }> {
  assertPermission(actor, 'legal_services.push.write');
  assertPermission(actor, 'legal_services.delivery.write');
  const { limit, ...input } = parseInput(createBody, body);
  const targets = await rows<{ id: string }>(
    tx,
    sql`select e.id from register_entry e where ${targetWhere(input.target, actor)} order by e.natural_key, e.id limit ${limit ?? MAX_PUSH_TARGETS}`,
  );
  if (targets.length === 0)
    throw problems.validation([{ path: 'target', zh: '推送对象中没有企业', en: 'The target set has no enterprises' }]);
  const guide = await rows<{ title: string }>(tx, sql`select title from register_entry where register = 'guideline' and (id::text = ${input.guideline} or natural_key = ${input.guideline})`);
  const {
    ids: [pushId],
  } = await insertEntries(k, tx, 'push', [{ ...input, title: input.title ?? guide[0]?.title }], actor);
  const deliveries = targets.map((t, i) => ({
    push: pushId,
    enterprise: t.id,
    sentOn: input.pushedOn,
    ...(opts.deliveryState?.(i) ?? { status: 'sent' }),
  }));
  await insertEntries(k, tx, 'delivery', deliveries, actor);
  return { pushId, deliveries: deliveries.length };
}

export const registerPushRoutes: RouteRegistrar = (app, k) => {
  app.post(
    '/api/v1/legal-services/pushes/preview',
    doc('legal-services', '推送预览 How many enterprises a target set reaches (in your scope)', { body: previewBody }),
    async (req) => {
      assertPermission(req.actor, 'legal_services.push.write');
      const { target } = parseInput(previewBody, req.body ?? {});
      return previewPush(k.db.orm, target, req.actor);
    },
  );

  app.post(
    '/api/v1/legal-services/pushes',
    doc('legal-services', '推送指引 Push a guideline: the push and one delivery per matching enterprise, in one transaction', { body: createBody }),
    async (req, reply) => {
      const actor = req.actor;
      if (!actor) throw problems.unauthenticated();
      const r = await k.db.tx(async (tx) => {
        const res = await createPush(k, tx, req.body ?? {}, actor);
        return { ...res, push: await getEntry(k, tx, 'push', res.pushId, actor) };
      });
      return reply.status(201).send(r);
    },
  );
};

