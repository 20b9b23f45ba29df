import ExcelJS from 'exceljs';
import { z } from 'zod';
import { storeAttachment } from '../attachments/attachments.js';
import { readUpload } from '../attachments/upload.js';
import { appendAudit } from '../audit/log.js';
import { one, rows, sql } from '../db/client.js';
import { formatChineseDate, renderDocx } from '../documents/docx.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import { kickOutbox } from '../jobs/outbox.js';
import { createCase } from './create-case.js';
import { loadCase, manifestFor } from './engine.js';
import { linkCases, linkInput } from './links.js';
import { performAction } from './perform-action.js';
import { describeCaseType, getCaseDetail, listCases, listQuery, workTypes } from './read.js';

const createBody = z.strictObject({ type: z.string().max(40), input: z.unknown() });
const actionBody = z.strictObject({ version: z.number().int().min(1), input: z.unknown().default({}) });

/** Side effects run after commit; a failure there never undoes the committed action. */
function afterCommit(k: Parameters<RouteRegistrar>[1]) {
  kickOutbox(k);
}

export const registerCaseRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/case-types', doc('cases', '案件类型 Case types: states, actions, forms (JSON Schema), clocks, indicators'), async (req) => {
    assertPermission(req.actor, 'case.read');
    return k.registry.all().map(describeCaseType);
  });

  app.get('/api/v1/cases', doc('cases', '案件列表 Cases in the caller\'s scope', { querystring: listQuery }), async (req) => {
    assertPermission(req.actor, 'case.read');
    const q = parseInput(listQuery, req.query);
    return listCases(k, k.db.orm, q, req.actor);
  });

  app.get('/api/v1/todo', doc('cases', '待办 To-do: open cases by nearest statutory deadline'), async (req) => {
    assertPermission(req.actor, 'case.read');
    const q = parseInput(listQuery, { ...(req.query as object), sort: 'due', pageSize: (req.query as { pageSize?: string }).pageSize ?? '50' });
    const list = await listCases(k, k.db.orm, { ...q, due: undefined }, req.actor, { types: workTypes(k, req.actor!) });
    const withClock = list.items.filter((i) => i.nextClock);
    const counts = { overdue: 0, due_soon: 0, running: 0, paused: 0 };
    for (const i of withClock) counts[i.nextClock!.status as keyof typeof counts] = (counts[i.nextClock!.status as keyof typeof counts] ?? 0) + 1;
    return { items: withClock, counts, total: list.total };
  });

  app.get('/api/v1/cases/export.xlsx', doc('cases', '导出 Excel export of a list (audited)', { querystring: listQuery }), async (req, reply) => {
    assertPermission(req.actor, 'case.export');
    const q = parseInput(listQuery, { ...(req.query as object), page: '1', pageSize: '200' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('案件 Cases');
    ws.columns = [
      { header: '案号 Number', key: 'number', width: 22 },
      { header: '类型 Type', key: 'type', width: 12 },
      { header: '案由 Title', key: 'title', width: 40 },
      { header: '状态 State', key: 'state', width: 14 },
      { header: '结果 Outcome', key: 'outcome', width: 14 },
      { header: '区域 Region', key: 'region', width: 12 },
      { header: '机关 Agency', key: 'agency', width: 20 },
      { header: '收案日期 Received', key: 'receivedOn', width: 12 },
      { header: '结案日期 Closed', key: 'closedOn', width: 12 },
      { header: '最近期限 Next due', key: 'due', width: 12 },
    ];
    let total = 0;
    for (let page = 1; page <= 500; page++) {
      const res = await listCases(k, k.db.orm, { ...q, page, pageSize: 200 }, req.actor, { withTotal: false });
      for (const i of res.items)
        ws.addRow({ number: i.number, type: i.typeLabel?.zh, title: i.title, state: i.stateLabel?.zh, outcome: i.outcomeLabel?.zh, region: i.regionName, agency: i.subjectAgencyName ?? i.agencyName, receivedOn: i.receivedOn, closedOn: i.closedOn, due: i.nextClock?.dueOn });
      total += res.items.length;
      if (res.items.length < 200) break;
    }
    await k.db.tx((tx) => appendAudit(tx, { actor: req.actor, action: 'export', target: 'cases', detail: { query: q, rows: total } }));
    const buf = await wb.xlsx.writeBuffer();
    reply.header('content-disposition', `attachment; filename="cases-${k.today()}.xlsx"`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(buf));
  });

  app.post('/api/v1/cases', doc('cases', '登记 Register a case; `input` follows the type\'s create schema', { body: createBody }), async (req, reply) => {
    if (!req.actor) throw problems.unauthenticated();
    const body = parseInput(createBody, req.body);
    const created = await k.db.tx((tx) => createCase(k, tx, { type: body.type, input: body.input, actor: req.actor!, source: 'staff' }));
    afterCommit(k);
    reply.status(201);
    return getCaseDetail(k, k.db.orm, created.id, req.actor);
  });

  app.get('/api/v1/cases/:id', doc('cases', '案件 A case as the caller may see it, with the actions they may take now'), async (req) => {
    assertPermission(req.actor, 'case.read');
    return getCaseDetail(k, k.db.orm, (req.params as { id: string }).id, req.actor);
  });

  app.post('/api/v1/cases/:id/actions/:action', doc('cases', '办理 Perform an action; 409 on a stale version or a state that does not allow it', { body: actionBody, description: 'Send `Prefer: return=minimal` to get `{id, version, state}` instead of the case.' }), async (req, reply) => {
    if (!req.actor) throw problems.unauthenticated();
    const { id, action } = req.params as { id: string; action: string };
    const body = parseInput(actionBody, req.body);
    const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input: body.input, version: body.version, actor: req.actor! }));
    afterCommit(k);
    // RFC 7240: a client that will not render the case (an integration, a batch) can skip the case page.
    if (/return=minimal/.test(String(req.headers.prefer ?? ''))) {
      reply.header('preference-applied', 'return=minimal');
      return { id, ...r };
    }
    return getCaseDetail(k, k.db.orm, id, req.actor);
  });

  app.post('/api/v1/cases/:id/links', doc('cases', '关联 Link two cases with a declared relation', { body: linkInput }), async (req, reply) => {
    if (!req.actor) throw problems.unauthenticated();
    const body = parseInput(linkInput, req.body);
    const r = await k.db.tx((tx) => linkCases(k, tx, (req.params as { id: string }).id, body, req.actor!));
    reply.status(201);
    return r;
  });

  app.post('/api/v1/cases/:id/attachments', doc('cases', '附件 Upload an attachment (multipart: file, kind)'), async (req, reply) => {
    assertPermission(req.actor, 'case.attach');
    const c = await loadCase(k.db.orm, (req.params as { id: string }).id, req.actor);
    const file = await readUpload(req, k.config.maxUploadBytes);
    const kind = file.fields.kind ?? 'evidence';
    const a = await k.db.tx((tx) => storeAttachment(tx, { caseId: c.id, kind, filename: file.filename, content: file.content, uploadedBy: req.actor!.displayName }));
    reply.status(201);
    return a;
  });

  app.get('/api/v1/cases/:id/attachments/:aid', doc('cases', '下载附件 Download an attachment'), async (req, reply) => {
    assertPermission(req.actor, 'case.read');
    const { id, aid } = req.params as { id: string; aid: string };
    const c = await loadCase(k.db.orm, id, req.actor);
    if (!/^[0-9a-f-]{36}$/i.test(aid)) throw problems.notFound('attachment', '附件');
    const a = await one<{ filename: string; mime: string; content: Uint8Array }>(
      k.db.orm,
      sql`select filename, mime, content from attachment where id = ${aid} and case_id = ${c.id}`,
    );
    if (!a) throw problems.notFound('attachment', '附件');
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
    return reply.type(a.mime).send(Buffer.from(a.content));
  });

  app.get('/api/v1/cases/:id/documents/:key', doc('cases', '文书 Generate a document as DOCX'), async (req, reply) => {
    assertPermission(req.actor, 'case.read');
    const { id, key } = req.params as { id: string; key: string };
    const c = await loadCase(k.db.orm, id, req.actor);
    const m = manifestFor(k, c.type);
    const doc = m.documents?.find((d) => d.key === key.replace(/\.docx$/, ''));
    if (!doc) throw problems.notFound('document', '文书');
    const names = await one<{ agency: string | null; subject: string | null }>(
      k.db.orm,
      sql`select (select name from agency where id = ${c.agencyId}) as agency, (select name from agency where id = ${c.subjectAgencyId}) as subject`,
    );
    const parties = await rows<{ role: string; name: string }>(k.db.orm, sql`select role, name from party where case_id = ${c.id} order by created_at`);
    const events = await rows<{ action: string; effectiveOn: string; payload: Record<string, unknown> }>(
      k.db.orm,
      sql`select action, effective_on as "effectiveOn", payload from case_event where case_id = ${c.id} order by n`,
    );
    const content = doc.build({
      caseNumber: c.number, title: c.title, data: c.data, agencyName: names?.agency ?? '', subjectAgencyName: names?.subject ?? null,
      parties, events, today: k.today(), formatDate: formatChineseDate,
    });
    const buf = await renderDocx(content);
    const filename = `${content.title}${c.number ? `-${c.number}` : ''}.docx`;
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(buf);
  });
};
