import { z } from 'zod';
import { storeAttachment } from '../attachments/attachments.js';
import { readUpload } from '../attachments/upload.js';
import { createCase } from '../cases/create-case.js';
import { manifestFor } from '../cases/engine.js';
import type { CaseTypeManifest } from '../cases/manifest.js';
import { jsonSchemaOf } from '../cases/read.js';
import { one, rows, sql } from '../db/client.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { Problem, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { listRegions } from '../org/regions.js';
import { type Actor, SYSTEM_ACTOR } from '../identity/types.js';
import { assertMessaging, listMessages, messageBody, postMessage } from '../cases/messages.js';
import { performAction } from '../cases/perform-action.js';
import { kickOutbox } from '../jobs/outbox.js';
import type { Kernel } from '../kernel.js';
import { once, requireIdempotencyKey } from './idempotency.js';

const trackBody = z.strictObject({
  trackingCode: z.string().trim().toUpperCase().regex(/^[2-9A-Z]{10}$/, { message: '查询码为10位字母数字\u241eThe tracking code has 10 letters or digits' }),
  contact: z.string().trim().min(4).max(40),
});

const partyActionBody = trackBody.extend({ input: z.unknown().default({}) });
const partyMessageBody = trackBody.extend(messageBody.shape);

const UPLOAD_WINDOW_HOURS = 24;

/** The phone or ID number given at submission, compared by keyed hash (the case stores no plaintext). */
function contactMatches(k: Kernel, trackingSecret: string | null, contact: string): boolean {
  return (trackingSecret?.split(',') ?? []).includes(k.pii.lookupHash(contact));
}

/** Same answer for a wrong code and a wrong contact: a code must not be confirmable on its own. */
const noMatch = () => new Problem(404, 'not-found', '查询码或联系方式不正确', 'Tracking code or contact does not match');

/** The create form minus the fields the server fills for portal submissions. */
function publicSchema(m: CaseTypeManifest): unknown {
  const schema = jsonSchemaOf(m.create.input) as { properties?: Record<string, unknown>; required?: string[] };
  const filled = Object.keys(m.create.portalFill?.('2000-01-01') ?? {});
  if (!filled.length || !schema.properties) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties).filter(([key]) => !filled.includes(key))),
    required: schema.required?.filter((key) => !filled.includes(key)),
  };
}

/** The public portal: no account; a submission returns a 查询码, status needs the code plus a contact. */
export const registerPortalRoutes: RouteRegistrar = (app, k) => {
  const limit = { rateLimit: { max: k.config.portalRateLimitPerMinute, timeWindow: '1 minute' } };

  app.get('/api/v1/portal/case-types', doc('portal', '可网上申请的事项 Types open to public application, with their forms and hints'), async () =>
    k.registry
      .all()
      .filter((m) => m.create.publicIntake)
      .map((m) => ({ type: m.type, label: m.label, description: m.description, schema: publicSchema(m), hints: m.create.hints ?? [] })),
  );

  // Administrative divisions are public: every region or town picker on a public form reads this list.
  app.get('/api/v1/portal/regions', { config: limit, ...doc('portal', '行政区划 Public list of regions (for region and town pickers)') }, async () => listRegions(k.db.orm));

  // Agencies are public bodies: the portal lists them so a citizen can name the respondent.
  app.get('/api/v1/portal/agencies', { config: limit, ...doc('portal', '行政机关 Public list of agencies (for naming a respondent)') }, async (req) => {
    const q = String((req.query as { q?: string }).q ?? '').slice(0, 50);
    return rows(
      k.db.orm,
      sql`select a.id, a.name, r.name as "regionName" from agency a join region r on r.code = a.region_code
          where ${q ? sql`a.name like ${`%${q}%`}` : sql`true`} order by r.path, a.name limit 200`,
    );
  });

  app.post('/api/v1/portal/cases/:type', { config: limit, ...doc('portal', '网上申请 Apply; needs an Idempotency-Key header; returns a 查询码') }, async (req, reply) => {
    const { type } = req.params as { type: string };
    const m = manifestFor(k, type);
    if (!m.create.publicIntake) throw problems.notFound(`public intake for ${type}`, '网上申请');
    const key = requireIdempotencyKey(req.headers['idempotency-key']);
    const res = await once(k.db, `portal:${type}`, key, req.body, async (tx) => {
      const input = { ...(req.body as object), ...(m.create.portalFill?.(k.today()) ?? {}) };
      const c = await createCase(k, tx, { type, input, actor: SYSTEM_ACTOR, source: 'portal' });
      return {
        status: 201,
        body: {
          trackingCode: c.trackingCode,
          receivedOn: c.receivedOn,
          message: { zh: '申请已提交，请妥善保存查询码', en: 'Submitted. Keep your tracking code safe.' },
        },
      };
    });
    if (!res.replayed) kickOutbox(k);
    reply.status(res.status).header('idempotent-replayed', String(res.replayed));
    return res.body;
  });

  /** The case behind a 查询码 once the contact matches; a wrong code and a wrong contact look the same. */
  async function partyCase(trackingCode: string, contact: string) {
    const c = await one<{ id: string; type: string; state: string; state_category: string; number: string | null; received_on: string; outcome: string | null; tracking_secret: string | null; version: number; handler: string | null; data: Record<string, unknown>; attrs: Record<string, unknown> }>(
      k.db.orm,
      sql`select c.id, c.type, c.state, c.state_category, c.number, c.received_on, c.outcome, c.tracking_secret, c.version, c.data, c.attrs,
            (select name from agency where id = c.agency_id) as handler
          from fz_case c where c.tracking_code = ${trackingCode}`,
    );
    if (!c || !contactMatches(k, c.tracking_secret, contact)) throw noMatch();
    return c;
  }

  app.post('/api/v1/portal/track', { config: limit, ...doc('portal', '进度查询 Track by 查询码 plus the phone or ID number given', { body: trackBody }) }, async (req) => {
    const b = parseInput(trackBody, req.body);
    const c = await partyCase(b.trackingCode, b.contact);
    const m = manifestFor(k, c.type);
    // A matter handed into another procedure has its own 查询码, answering to the same contact.
    const handedOff = await rows<{ type: string; tracking_code: string; state: string }>(
      k.db.orm,
      sql`select o.type, o.tracking_code, o.state from case_link l join fz_case o on o.id = l.to_case_id
          where l.from_case_id = ${c.id} and o.tracking_code is not null`,
    );
    const events = await rows<{ action: string; effective_on: string; state_to: string }>(
      k.db.orm,
      sql`select action, effective_on, state_to from case_event where case_id = ${c.id} and action <> 'link' order by n`,
    );
    return {
      trackingCode: b.trackingCode,
      type: c.type,
      typeLabel: m.label,
      state: c.state,
      stateLabel: m.states[c.state]?.label,
      category: c.state_category,
      number: c.number,
      receivedOn: c.received_on,
      outcomeLabel: c.outcome ? m.outcomes[c.outcome]?.label : null,
      handler: c.handler,
      // What the manifest lets a party see of the facts (e.g. why the dispute went where it went).
      ...(m.portalFacts?.(c.data) ?? {}),
      version: c.version,
      messages: !!m.messages,
      // What the party may do now (rate the service, confirm signing), with the forms to do it.
      actions: Object.entries(m.actions)
        .filter(([, a]) => a.public && a.from.includes(c.state) && (!a.guard || a.guard.test(c.data, c.attrs)))
        .map(([key, a]) => ({ key, label: a.label, schema: jsonSchemaOf(a.input) })),
      handedOff: handedOff.map((h) => {
        const hm = k.registry.get(h.type);
        return { type: h.type, typeLabel: hm?.label, trackingCode: h.tracking_code, stateLabel: hm?.states[h.state]?.label };
      }),
      timeline: events.map((e) => ({
        label: e.action === 'create' ? { zh: '已收到申请', en: 'Application received' } : (m.actions[e.action]?.label ?? { zh: e.action, en: e.action }),
        stateLabel: m.states[e.state_to]?.label,
        effectiveOn: e.effective_on,
      })),
    };
  });

  app.post('/api/v1/portal/actions/:action', { config: limit, ...doc('portal', '当事人操作 A party acts on their case (rate the service, confirm signing)', { body: partyActionBody }) }, async (req) => {
    const { action } = req.params as { action: string };
    const b = parseInput(partyActionBody, req.body);
    const c = await partyCase(b.trackingCode, b.contact);
    const def = manifestFor(k, c.type).actions[action];
    if (!def?.public) throw problems.notFound(`action ${action}`, '操作');
    // The party acts only through the actions the manifest opens to them, on their own case.
    const party: Actor = { ...SYSTEM_ACTOR, displayName: '当事人（网上）', roles: ['party'], permissions: [def.permission] };
    const r = await k.db.tx((tx) => performAction(k, tx, { caseId: c.id, action, input: b.input, version: c.version, actor: party }));
    kickOutbox(k);
    return { state: r.state, stateLabel: manifestFor(k, c.type).states[r.state]?.label };
  });

  app.post('/api/v1/portal/messages/list', { config: limit, ...doc('portal', '在线调解室 The messages of the party\'s case', { body: trackBody }) }, async (req) => {
    const b = parseInput(trackBody, req.body);
    const c = await partyCase(b.trackingCode, b.contact);
    assertMessaging(k, c.type);
    return listMessages(k.db.orm, c.id);
  });

  app.post('/api/v1/portal/messages', { config: limit, ...doc('portal', '发送消息 Post to the online room (JSON {trackingCode, contact, body}, or multipart with a file)') }, async (req, reply) => {
    const upload = req.isMultipart() ? await readUpload(req, k.config.maxUploadBytes) : null;
    const b = parseInput(partyMessageBody, upload ? upload.fields : req.body);
    const c = await partyCase(b.trackingCode, b.contact);
    assertMessaging(k, c.type);
    const r = await k.db.tx((tx) =>
      postMessage(tx, { caseId: c.id, authorKind: 'party', authorId: null, authorLabel: '当事人', body: b.body, file: upload ?? undefined }),
    );
    reply.status(201);
    return r;
  });

  app.post('/api/v1/portal/cases/:type/:code/attachments', { config: limit, ...doc('portal', '补充材料 Add evidence within 24 hours (multipart: file, contact)') }, async (req, reply) => {
    const { code } = req.params as { type: string; code: string };
    const file = await readUpload(req, k.config.maxUploadBytes);
    const contact = file.fields.contact ?? '';
    const c = await one<{ id: string; tracking_secret: string | null; age_hours: number }>(
      k.db.orm,
      sql`select id, tracking_secret, extract(epoch from now() - created_at) / 3600 as age_hours from fz_case where tracking_code = ${code.toUpperCase()}`,
    );
    if (!c || !contactMatches(k, c.tracking_secret, contact)) throw noMatch();
    if (Number(c.age_hours) > UPLOAD_WINDOW_HOURS)
      throw problems.conflict('upload-window-closed', '补充材料请联系承办人', 'The upload window has closed; contact the case officer');
    const a = await k.db.tx((tx) => storeAttachment(tx, { caseId: c.id, kind: 'evidence', filename: file.filename, content: file.content, uploadedBy: '申请人（网上）' }));
    reply.status(201);
    return { id: a.id, filename: a.filename, size: a.size };
  });
};
