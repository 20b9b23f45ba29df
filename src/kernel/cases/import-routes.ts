import { readUpload } from '../attachments/upload.js';
import { appendAudit } from '../audit/log.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { assertPermission } from '../identity/policy.js';
import { manifestFor } from './engine.js';
import { importCases, readRows, templateWorkbook } from './import.js';

export const registerImportRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/import/:type/template.xlsx', doc('import', '导入模板 Import template: the create form\'s fields plus _actions'), async (req, reply) => {
    assertPermission(req.actor, 'case.import');
    const { type } = req.params as { type: string };
    manifestFor(k, type);
    reply.header('content-disposition', `attachment; filename="import-${type}.xlsx"`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await templateWorkbook(k, type));
  });

  app.post('/api/v1/import/:type', doc('import', '批量导入 Import .xlsx/.csv; ?dryRun=1 reports per row, ?dryRun=0 writes all or nothing'), async (req) => {
    assertPermission(req.actor, 'case.import');
    const { type } = req.params as { type: string };
    const m = manifestFor(k, type);
    assertPermission(req.actor, m.create.permission);
    const dryRun = (req.query as { dryRun?: string }).dryRun !== '0';
    const file = await readUpload(req, k.config.maxUploadBytes);
    const records = await readRows(file.filename, file.content);
    const report = await importCases(k, type, records, req.actor!, dryRun);
    if (!dryRun && report.created)
      await k.db.tx((tx) => appendAudit(tx, { actor: req.actor, action: 'import', target: type, detail: { rows: report.created, file: file.filename } }));
    return report;
  });
};
