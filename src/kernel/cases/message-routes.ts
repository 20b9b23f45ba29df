import type { RouteRegistrar } from '../http/app.js';
import { doc } from '../http/doc.js';
import { parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import { readUpload } from '../attachments/upload.js';
import { loadCase } from './engine.js';
import { assertMessaging, listMessages, messageBody, postMessage } from './messages.js';

/** The online room of a case, staff side (the party side is on the portal). */
export const registerMessageRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/cases/:id/messages', doc('cases', '在线调解室 Messages of a case\'s online room'), async (req) => {
    assertPermission(req.actor, 'case.read');
    const c = await loadCase(k.db.orm, (req.params as { id: string }).id, req.actor);
    assertMessaging(k, c.type);
    return listMessages(k.db.orm, c.id);
  });

  app.post('/api/v1/cases/:id/messages', doc('cases', '发送消息 Post to the online room (JSON {body}, or multipart: file, body)'), async (req, reply) => {
    assertPermission(req.actor, 'case.message');
    const c = await loadCase(k.db.orm, (req.params as { id: string }).id, req.actor);
    assertMessaging(k, c.type);
    const upload = req.isMultipart() ? await readUpload(req, k.config.maxUploadBytes) : null;
    const { body } = parseInput(messageBody, upload ? { body: upload.fields.body ?? '' } : req.body);
    const r = await k.db.tx((tx) =>
      postMessage(tx, { caseId: c.id, authorKind: 'staff', authorId: req.actor!.id, authorLabel: req.actor!.displayName, body, file: upload ?? undefined }),
    );
    reply.status(201);
    return r;
  });
};
