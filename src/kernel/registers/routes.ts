import { z } from 'zod';
import { readUpload } from '../attachments/upload.js';
import { appendAudit } from '../audit/log.js';
import { readRows } from '../cases/import.js';
import { jsonSchemaOf } from '../cases/read.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { problems } from '../http/problem.js';
import { assertPermission, hasPermission } from '../identity/policy.js';
import { createEntry } from './create-entry.js';
import { entryHistory, getEntry } from './get-entry.js';
import { exportEntries, importEntries, registerTemplate } from './import.js';
import { countEntries, entryQuery, listEntries, parseEntryQuery } from './list-entries.js';
import { registerFor, registersOf } from './registry.js';
import type { RegisterDef } from './types.js';
import { updateEntry } from './update-entry.js';

const TAG = 'registers';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type KeyParams = { Params: { key: string } };
type EntryParams = { Params: { key: string; id: string } };

/** A register as the web needs it: labels, lifecycle, list columns and the JSON Schema of its form. */
function describeRegister(def: RegisterDef) {
  return {
    key: def.key,
    label: def.label,
    description: def.description,
    permissions: def.permissions,
    statuses: def.statuses ?? {},
    transitions: def.transitions ?? null,
    columns: def.columns,
    parent: def.parent ?? null,
    refs: def.refs ?? {},
    personal: def.personal ?? [],
    indicators: (def.indicators ?? []).map((i) => ({ key: i.key, label: i.label, unit: i.unit })),
    inputSchema: jsonSchemaOf(def.input),
  };
}

const patchBody = z.looseObject({ version: z.number().int().min(1) });

export const registerRegisterRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/registers', doc(TAG, '登记簿 Registers the user may read, with their forms'), async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    const actor = req.actor;
    return registersOf(k)
      .all()
      .filter((d) => hasPermission(actor, d.permissions.read))
      .map(describeRegister);
  });

  app.get<KeyParams>('/api/v1/registers/:key', doc(TAG, '列表 List entries, newest first, keyset-paged (?cursor=)', { querystring: entryQuery }), async (req) =>
    listEntries(k, k.db.orm, req.params.key, parseEntryQuery(req.query), req.actor!),
  );

  app.get<KeyParams>('/api/v1/registers/:key/count', doc(TAG, '计数 Count entries with the list filters', { querystring: entryQuery }), async (req) =>
    countEntries(k, k.db.orm, req.params.key, parseEntryQuery(req.query), req.actor!),
  );

  app.get<KeyParams>('/api/v1/registers/:key/export.xlsx', doc(TAG, '导出 Excel export of a list (masked, audited)', { querystring: entryQuery }), async (req, reply) => {
    const def = registerFor(k, req.params.key);
    assertPermission(req.actor, def.permissions.read);
    const q = parseEntryQuery(req.query);
    const { buffer, rows } = await exportEntries(k, k.db.orm, def.key, q, req.actor);
    await k.db.tx((tx) => appendAudit(tx, { actor: req.actor, action: 'export', target: `register:${def.key}`, detail: { query: q, rows } }));
    reply.header('content-disposition', `attachment; filename="${def.key}-${k.today()}.xlsx"`);
    return reply.type(XLSX).send(buffer);
  });

  app.get<KeyParams>('/api/v1/registers/:key/template.xlsx', doc(TAG, '导入模板 Import template: one column per input field'), async (req, reply) => {
    const def = registerFor(k, req.params.key);
    assertPermission(req.actor, def.permissions.write);
    reply.header('content-disposition', `attachment; filename="${def.key}-template.xlsx"`);
    return reply.type(XLSX).send(await registerTemplate(def));
  });

  app.post<KeyParams>(
    '/api/v1/registers/:key/import',
    doc(TAG, '批量导入 Import .xlsx/.csv; ?dryRun=1 (default) reports per row, ?dryRun=0 writes all rows or none'),
    async (req) => {
      const def = registerFor(k, req.params.key);
      assertPermission(req.actor, def.permissions.write);
      const actor = req.actor;
      const dryRun = (req.query as { dryRun?: string }).dryRun !== '0';
      const file = await readUpload(req, k.config.maxUploadBytes);
      const records = await readRows(file.filename, file.content);
      return k.db.tx(async (tx) => {
        const report = await importEntries(k, tx, def.key, records, actor, dryRun);
        if (report.created)
          await appendAudit(tx, { actor, action: 'import', target: `register:${def.key}`, detail: { rows: report.created, file: file.filename } });
        return report;
      });
    },
  );

  app.post<KeyParams>('/api/v1/registers/:key', doc(TAG, '登记 Create an entry (400 field messages, 409 duplicate key)'), async (req, reply) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    const entry = await k.db.tx((tx) => createEntry(k, tx, req.params.key, req.body ?? {}, actor));
    return reply.status(201).send(entry);
  });

  app.get<EntryParams>('/api/v1/registers/:key/:id', doc(TAG, '详情 One entry with its history (?reveal=1: personal data in clear, audited)'), async (req) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    const reveal = (req.query as { reveal?: string }).reveal === '1';
    return k.db.tx((tx) => getEntry(k, tx, req.params.key, req.params.id, actor, { reveal }));
  });

  app.patch<EntryParams>('/api/v1/registers/:key/:id', doc(TAG, '修改 Update fields or status {version, …} (409 when stale)', { body: patchBody }), async (req) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    return k.db.tx((tx) => updateEntry(k, tx, req.params.key, req.params.id, req.body, actor));
  });

  app.get<EntryParams>('/api/v1/registers/:key/:id/history', doc(TAG, '变更记录 Every version of an entry'), async (req) => {
    const actor = req.actor;
    if (!actor) throw problems.unauthenticated();
    return entryHistory(k, k.db.orm, req.params.key, req.params.id, actor);
  });
};
