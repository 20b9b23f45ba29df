import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/log.js';
import { type Orm, one, rows, sql } from '../../kernel/db/client.js';
import type { RouteRegistrar } from '../../kernel/http/app.js';
import { doc } from '../../kernel/http/doc.js';
import { field, problems } from '../../kernel/http/problem.js';
import { bi, parseInput } from '../../kernel/http/validate.js';
import { assertPermission, caseScopeSql } from '../../kernel/identity/policy.js';
import { pgTextArray } from '../../kernel/identity/users.js';
import type { Kernel } from '../../kernel/kernel.js';
import { checkCategories, createCommittee, getCommittee, listCommittees } from './committees.js';
import { findSimilar, mediatorsOf, route } from './routing.js';
import { LEVELS, categoryCode, categoryInput, categoryPatch, committeeInput, ruleInput } from './schemas.js';

/**
 * What is special to 人民调解: the taxonomy (also public, for the portal form), committees, routing
 * rules with an explain endpoint, and the similar-dispute lookup. Each route checks its permission first.
 */

const CATEGORY_SELECT = sql`select code, parent_code as "parentCode", name_zh as "nameZh", name_en as "nameEn", sort, committee_industry as "committeeIndustry" from dispute_category`;
const listCategories = (orm: Orm) => rows(orm, sql`${CATEGORY_SELECT} order by sort, code`);

const RULE_SELECT = sql`select id, priority, category_codes as "categoryCodes", target, industry, note_zh as "noteZh", note_en as "noteEn", active from routing_rule`;

const previewQuery = z.strictObject({
  category: categoryCode,
  regionCode: z.string().regex(/^\d{9}$/, bi('请选择乡镇（街道）', 'Choose a town (9-digit code)')),
});
const similarQuery = z
  .strictObject({
    phone: z.string().trim().max(40).optional(),
    name: z.string().trim().max(50).optional(),
    address: z.string().trim().max(200).optional(),
    regionCode: z.string().regex(/^\d{9}$/).optional(),
  })
  .refine((q) => q.phone || q.name || (q.address && q.regionCode), {
    message: bi('请至少提供电话、姓名，或纠纷地点加乡镇', 'Give a phone, a name, or a place with its town'),
    path: ['phone'],
  });
const committeeQuery = z.strictObject({ level: z.enum(LEVELS).optional(), region: z.string().regex(/^\d{6,12}$/).optional() });
const committeePatch = z.strictObject({
  level: z.enum(LEVELS).optional(),
  industry: z.string().trim().max(20).nullable().optional(),
  accepts: z.array(categoryCode).optional(),
});
const uuid = z.uuid();

export const registerMediationRoutes: RouteRegistrar = (app, k: Kernel) => {
  const limit = { rateLimit: { max: k.config.portalRateLimitPerMinute, timeWindow: '1 minute' } };

  // ── taxonomy ───────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/mediation/categories', doc('mediation', '纠纷类别 Dispute categories (flat, with parents)'), async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    return listCategories(k.db.orm);
  });

  app.get('/api/v1/portal/mediation/categories', { config: limit, ...doc('portal', '纠纷类别 Dispute categories for the public form') }, async () => listCategories(k.db.orm));

  app.post('/api/v1/mediation/categories', doc('mediation', '新增纠纷类别 Add a category (mediation.taxonomy.write)', { body: categoryInput }), async (req, reply) => {
    assertPermission(req.actor, 'mediation.taxonomy.write');
    const actor = req.actor;
    const c = parseInput(categoryInput, req.body);
    const out = await k.db.tx(async (tx) => {
      if (await one(tx, sql`select 1 from dispute_category where code = ${c.code}`))
        throw problems.conflict('duplicate-category', '类别代码已存在', 'A category with this code exists');
      if (c.parentCode) await assertParent(tx, c.parentCode, c.code);
      await tx.execute(sql`insert into dispute_category (code, parent_code, name_zh, name_en, sort, committee_industry)
        values (${c.code}, ${c.parentCode ?? null}, ${c.nameZh}, ${c.nameEn}, ${c.sort}, ${c.committeeIndustry ?? null})`);
      await appendAudit(tx, { actor, action: 'setting_change', target: `dispute_category:${c.code}`, detail: { op: 'create', ...c } });
      return one(tx, sql`${CATEGORY_SELECT} where code = ${c.code}`);
    });
    reply.status(201);
    return out;
  });

  app.patch('/api/v1/mediation/categories/:code', doc('mediation', '修改纠纷类别 Edit a category (mediation.taxonomy.write)', { body: categoryPatch }), async (req) => {
    assertPermission(req.actor, 'mediation.taxonomy.write');
    const actor = req.actor;
    const { code } = req.params as { code: string };
    const p = parseInput(categoryPatch, req.body);
    return k.db.tx(async (tx) => {
      const cur = await one<Record<string, unknown>>(tx, sql`${CATEGORY_SELECT} where code = ${code} for update`);
      if (!cur) throw problems.notFound('category', '纠纷类别');
      if (p.parentCode) await assertParent(tx, p.parentCode, code);
      await tx.execute(sql`update dispute_category set
          parent_code = ${p.parentCode === undefined ? (cur.parentCode as string | null) : p.parentCode},
          name_zh = ${p.nameZh ?? (cur.nameZh as string)}, name_en = ${p.nameEn ?? (cur.nameEn as string)}, sort = ${p.sort ?? (cur.sort as number)},
          committee_industry = ${p.committeeIndustry === undefined ? (cur.committeeIndustry as string | null) : p.committeeIndustry}
        where code = ${code}`);
      await appendAudit(tx, { actor, action: 'setting_change', target: `dispute_category:${code}`, detail: { op: 'update', ...p } });
      return one(tx, sql`${CATEGORY_SELECT} where code = ${code}`);
    });
  });

  app.delete('/api/v1/mediation/categories/:code', doc('mediation', '删除纠纷类别 Delete an unused category (mediation.taxonomy.write)'), async (req, reply) => {
    assertPermission(req.actor, 'mediation.taxonomy.write');
    const actor = req.actor;
    const { code } = req.params as { code: string };
    await k.db.tx(async (tx) => {
      if (!(await one(tx, sql`select 1 from dispute_category where code = ${code} for update`))) throw problems.notFound('category', '纠纷类别');
      // Recorded disputes and rules keep their category: retire a used one by renaming instead.
      const used = await one<{ children: boolean; cases: boolean; rules: boolean }>(
        tx,
        sql`select exists (select 1 from dispute_category where parent_code = ${code}) as children,
              exists (select 1 from fz_case where type = 'mediation' and attrs @> ${JSON.stringify({ category: code })}::jsonb) as cases,
              exists (select 1 from routing_rule where ${code} = any(category_codes)) as rules`,
      );
      if (used?.children || used?.cases || used?.rules)
        throw problems.conflict('category-in-use', '该类别有下级类别、纠纷或分流规则在用，不能删除', 'The category has children, disputes or rules using it');
      await tx.execute(sql`delete from dispute_category where code = ${code}`);
      await appendAudit(tx, { actor, action: 'setting_change', target: `dispute_category:${code}`, detail: { op: 'delete' } });
    });
    reply.status(204);
  });

  // ── committees ─────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/mediation/committees', doc('mediation', '人民调解委员会 Committees (mediation.committee.read)', { querystring: committeeQuery }), async (req) => {
    assertPermission(req.actor, 'mediation.committee.read');
    return listCommittees(k.db.orm, parseInput(committeeQuery, req.query));
  });

  app.post('/api/v1/mediation/committees', doc('mediation', '设立调委会 Register a committee (mediation.committee.write)', { body: committeeInput }), async (req, reply) => {
    assertPermission(req.actor, 'mediation.committee.write');
    const actor = req.actor;
    const c = await k.db.tx((tx) => createCommittee(tx, req.body as z.input<typeof committeeInput>, actor));
    reply.status(201);
    return c;
  });

  app.patch('/api/v1/mediation/committees/:id', doc('mediation', '修改调委会 Edit level, industry, categories (mediation.committee.write)', { body: committeePatch }), async (req) => {
    assertPermission(req.actor, 'mediation.committee.write');
    const actor = req.actor;
    const { id } = req.params as { id: string };
    if (!uuid.safeParse(id).success) throw problems.notFound('committee', '调委会');
    const p = parseInput(committeePatch, req.body);
    return k.db.tx(async (tx) => {
      const cur = await getCommittee(tx, id);
      if (!cur) throw problems.notFound('committee', '调委会');
      if (p.accepts) await checkCategories(tx, p.accepts, 'accepts');
      const level = p.level ?? cur.level;
      const industry = p.industry === undefined ? cur.industry : p.industry;
      if (level === 'industry' && !industry) throw problems.validation([field('industry', '行业性调委会须注明行业', 'Name the industry')]);
      await tx.execute(sql`update mediation_committee set level = ${level}, industry = ${industry},
          accepts = ${pgTextArray(p.accepts ?? cur.accepts)}::text[] where agency_id = ${id}`);
      await appendAudit(tx, { actor, action: 'mediation_committee_change', target: `agency:${id}`, detail: { op: 'update', ...p } });
      return getCommittee(tx, id);
    });
  });

  app.get('/api/v1/mediation/committees/:id/mediators', doc('mediation', '调委会的调解员及在办数 Mediators of a committee with workload (mediation.mediator.read)'), async (req) => {
    assertPermission(req.actor, 'mediation.mediator.read');
    const { id } = req.params as { id: string };
    if (!uuid.safeParse(id).success) throw problems.notFound('committee', '调委会');
    return mediatorsOf(k.db.orm, id);
  });

  // ── routing rules ──────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/mediation/routing-rules', doc('mediation', '分流规则 Routing rules (mediation.committee.read)'), async (req) => {
    assertPermission(req.actor, 'mediation.committee.read');
    return rows(k.db.orm, sql`${RULE_SELECT} order by priority, id`);
  });

  app.post('/api/v1/mediation/routing-rules', doc('mediation', '新增分流规则 Add a rule (mediation.routing.write)', { body: ruleInput }), async (req, reply) => {
    assertPermission(req.actor, 'mediation.routing.write');
    const actor = req.actor;
    const r = parseInput(ruleInput, req.body);
    const id = randomUUID();
    const out = await k.db.tx(async (tx) => {
      await checkCategories(tx, r.categoryCodes, 'categoryCodes');
      await tx.execute(sql`insert into routing_rule (id, priority, category_codes, target, industry, note_zh, note_en, active)
        values (${id}, ${r.priority}, ${pgTextArray(r.categoryCodes)}::text[], ${r.target}, ${r.industry ?? null}, ${r.noteZh}, ${r.noteEn}, ${r.active})`);
      await appendAudit(tx, { actor, action: 'setting_change', target: `routing_rule:${id}`, detail: { op: 'create', ...r } });
      return one(tx, sql`${RULE_SELECT} where id = ${id}`);
    });
    reply.status(201);
    return out;
  });

  app.patch('/api/v1/mediation/routing-rules/:id', doc('mediation', '修改分流规则 Edit a rule (mediation.routing.write)'), async (req) => {
    assertPermission(req.actor, 'mediation.routing.write');
    const actor = req.actor;
    const { id } = req.params as { id: string };
    if (!uuid.safeParse(id).success) throw problems.notFound('rule', '分流规则');
    return k.db.tx(async (tx) => {
      const cur = await one<Record<string, unknown>>(tx, sql`${RULE_SELECT} where id = ${id} for update`);
      if (!cur) throw problems.notFound('rule', '分流规则');
      // The whole rule is re-validated with the change applied, so cross-field checks still hold.
      const { id: _id, ...current } = cur;
      const r = parseInput(ruleInput, { ...current, ...(req.body as object) });
      await checkCategories(tx, r.categoryCodes, 'categoryCodes');
      await tx.execute(sql`update routing_rule set priority = ${r.priority}, category_codes = ${pgTextArray(r.categoryCodes)}::text[], target = ${r.target},
          industry = ${r.industry ?? null}, note_zh = ${r.noteZh}, note_en = ${r.noteEn}, active = ${r.active} where id = ${id}`);
      await appendAudit(tx, { actor, action: 'setting_change', target: `routing_rule:${id}`, detail: { op: 'update', ...(req.body as object) } });
      return one(tx, sql`${RULE_SELECT} where id = ${id}`);
    });
  });

  app.get('/api/v1/mediation/route-preview', doc('mediation', '分流预览 Where a dispute would go, and why (mediation.create)', { querystring: previewQuery }), async (req) => {
    assertPermission(req.actor, 'mediation.create');
    const q = parseInput(previewQuery, req.query);
    return route(k.db.orm, { category: q.category, regionCode: q.regionCode });
  });

  app.get('/api/v1/mediation/similar', doc('mediation', '疑似重复纠纷 Open disputes sharing a phone, name or place (mediation.create, scoped)', { querystring: similarQuery }), async (req) => {
    assertPermission(req.actor, 'mediation.create');
    assertPermission(req.actor, 'case.read');
    const q = parseInput(similarQuery, req.query);
    return findSimilar(k.db.orm, {
      phoneHashes: q.phone ? [k.pii.lookupHash(q.phone)] : [],
      names: q.name ? [q.name] : [],
      address: q.address,
      regionCode: q.regionCode,
      scope: caseScopeSql(req.actor, 'c'),
    });
  });
};

async function assertParent(tx: Orm, parent: string, self: string): Promise<void> {
  const r = await one<{ cycle: boolean }>(
    tx,
    sql`with recursive up(code, parent_code) as (
          select code, parent_code from dispute_category where code = ${parent}
          union select d.code, d.parent_code from dispute_category d join up on d.code = up.parent_code)
        select exists (select 1 from up where code = ${self}) as cycle, exists (select 1 from up) as found`,
  );
  const found = (r as { found?: boolean } | undefined)?.found;
  if (!found) throw problems.validation([field('parentCode', '上级类别不存在', 'Unknown parent category')]);
  if (r?.cycle) throw problems.validation([field('parentCode', '上级类别不能是自身或其下级', 'A category cannot sit under itself')]);
}
