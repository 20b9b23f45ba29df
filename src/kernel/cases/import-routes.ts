import { appendAudit } from '../audit/log.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { Problem, problems } from '../http/problem.js';
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
    if (!req.isMultipart()) throw new Problem(415, 'unsupported-media-type', '请以 multipart/form-data 上传文件', 'Upload as multipart/form-data');
    const file = await req.file();
    if (!file) throw problems.validation([{ path: 'file', zh: '请选择文件', en: 'No file' }]);
    const content = await file.toBuffer().catch((e) => {
      throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? problems.tooLarge(k.config.maxUploadBytes) : e;
    });
    const records = await readRows(file.filename, content);
    const report = await importCases(k, type, records, req.actor!, dryRun);
    if (!dryRun && report.created)
      await k.db.tx((tx) => appendAudit(tx, { actor: req.actor, action: 'import', target: type, detail: { rows: report.created, file: file.filename } }));
    return report;
  });
};
