import { z } from 'zod';
import type { Kernel } from '../kernel.js';
import type { RouteRegistrar } from '../http/app.js';
import { problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { assertPermission, hasPermission } from '../identity/policy.js';
import { findIndicator, listIndicatorSummaries } from './catalog.js';
import { computeCockpit } from './cockpit.js';
import { computeIndicator, listIndicatorRecords, MAX_PAGE_SIZE } from './compute.js';
import { GROUP_BYS, isCivilDate, NO_AGENCY, REGION_RE } from './predicates.js';
import { registersOf } from '../registers/registry.js';
import { computeRegisterIndicator, listRegisterIndicatorRecords, registerIndicatorSummaries } from './register-indicators.js';
import { setIndicatorVariant } from './variant.js';

const civilDate = z
  .string()
  .refine(isCivilDate, { message: bi('日期格式应为 YYYY-MM-DD 且为真实日期', 'Must be a real YYYY-MM-DD date') });
const regionCode = z.string().regex(REGION_RE, { message: bi('区划代码应为 6 或 9 位数字', 'Region code must be 6 or 9 digits') });

const scopeFields = {
  from: civilDate.optional(),
  to: civilDate.optional(),
  region: regionCode.optional(),
  agency: z.uuid({ message: bi('机关标识应为 UUID', 'agency must be a UUID') }).optional(),
  agencyRole: z.enum(['handler', 'subject']).optional(),
  groupBy: z.enum(GROUP_BYS as [string, ...string[]]).optional(),
};

function periodCheck(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: bi('结束日期不能早于开始日期', 'to must not be before from') });
}

const indicatorQuery = z.strictObject(scopeFields).superRefine(periodCheck);

const recordsQuery = z
  .strictObject({
    ...scopeFields,
    part: z.enum(['numerator', 'denominator'], { message: bi('part 应为 numerator 或 denominator', 'part must be numerator or denominator') }),
    group: z
      .string()
      .max(64)
      // Agency ids, months, region codes, or a dimension's value (a category code): checked against the grouping later.
      .regex(/^[\w-]{0,64}$/, { message: bi('分组键无效', 'Invalid group key') })
      .optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  })
  .superRefine(periodCheck);

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const cockpitQuery = z.strictObject({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  region: regionCode.optional(),
});

const variantBody = z.strictObject({ variant: z.string().min(1).max(64) });

/** An empty `?region=` from a form means "not set", not an invalid code. */
function query(req: { query: unknown }): Record<string, unknown> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ''));
}

/** Without from/to: the current calendar year in Asia/Shanghai. */
function period(k: Kernel, q: { from?: string; to?: string }): { from: string; to: string } {
  const year = k.today().slice(0, 4);
  return { from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31` };
}

function entryOr404(k: Kernel, key: string) {
  const e = findIndicator(k.registry, key);
  if (!e) throw problems.notFound('indicator', '指标');
  return e;
}

/** Register indicators share the API: a key names either a case indicator or a register one. */
const isRegisterIndicator = (k: Kernel, key: string) => !findIndicator(k.registry, key) && !!registersOf(k).indicator(key);

export const registerIndicatorRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/indicators', async (req) => {
    assertPermission(req.actor, 'indicator.read');
    return [...(await listIndicatorSummaries(k.db.orm, k.registry)), ...registerIndicatorSummaries(registersOf(k))];
  });

  app.get<{ Params: { key: string } }>('/api/v1/indicators/:key', async (req) => {
    assertPermission(req.actor, 'indicator.read');
    if (isRegisterIndicator(k, req.params.key)) {
      const q = parseInput(indicatorQuery, query(req));
      return computeRegisterIndicator(k.db.orm, registersOf(k), req.params.key, { ...q, ...period(k, q) } as Parameters<typeof computeRegisterIndicator>[3], req.actor);
    }
    const e = entryOr404(k, req.params.key);
    const q = parseInput(indicatorQuery, query(req));
    const p = period(k, q);
    return computeIndicator(k.db.orm, k.registry, e.def, { ...q, ...p } as Parameters<typeof computeIndicator>[3], req.actor);
  });

  app.get<{ Params: { key: string } }>('/api/v1/indicators/:key/records', async (req) => {
    assertPermission(req.actor, 'indicator.read');
    if (isRegisterIndicator(k, req.params.key)) {
      const q = parseInput(recordsQuery, query(req));
      return listRegisterIndicatorRecords(k.db.orm, registersOf(k), req.params.key, { ...q, ...period(k, q) } as Parameters<typeof listRegisterIndicatorRecords>[3], req.actor);
    }
    entryOr404(k, req.params.key);
    const q = parseInput(recordsQuery, query(req));
    const p = period(k, q);
    return listIndicatorRecords(
      k.db.orm,
      k.registry,
      req.params.key,
      { ...q, ...p } as Parameters<typeof listIndicatorRecords>[3],
      req.actor,
    );
  });

  app.put<{ Params: { key: string } }>('/api/v1/indicators/:key/variant', async (req) => {
    assertPermission(req.actor, 'admin.settings');
    const actor = req.actor;
    if (isRegisterIndicator(k, req.params.key))
      throw problems.conflict('no-variants', '该指标只有一种口径，无法切换', 'This indicator has a single definition; there is no variant to choose');
    entryOr404(k, req.params.key);
    const body = parseInput(variantBody, req.body ?? {});
    return k.db.tx((tx) => setIndicatorVariant(tx, k.registry, req.params.key, body.variant, actor));
  });

  // The cockpit's own permission, or indicator.read (which already lets one see every figure on it).
  app.get('/api/v1/cockpit', async (req) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    if (!hasPermission(actor, 'cockpit.read') && !hasPermission(actor, 'indicator.read')) throw problems.forbidden('cockpit.read');
    const q = parseInput(cockpitQuery, query(req));
    return computeCockpit(k.db.orm, k.registry, { year: q.year ?? Number(k.today().slice(0, 4)), region: q.region }, actor, registersOf(k));
  });
};
