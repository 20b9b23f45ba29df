import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Orm, rows, sql } from '../db/client.js';
import { problems } from '../http/problem.js';
import { bi } from '../http/validate.js';
import type { Kernel } from '../kernel.js';
import { storeAttachment } from '../attachments/attachments.js';
import { manifestFor } from './engine.js';

export const messageBody = z.strictObject({
  body: z.string().trim().min(1, bi('请输入内容', 'Write a message')).max(2000, bi('内容不超过2000字', 'At most 2000 characters')),
});

export interface CaseMessage {
  id: string;
  authorKind: 'staff' | 'party';
  authorLabel: string;
  body: string;
  attachment: { id: string; filename: string; size: number } | null;
  createdAt: string;
}

/** Only case types that declare an online room have one (a 复议 file is not a chat). */
export function assertMessaging(k: Kernel, type: string): void {
  if (!manifestFor(k, type).messages) throw problems.notFound('message room', '在线调解室');
}

export async function listMessages(tx: Orm, caseId: string): Promise<CaseMessage[]> {
  return rows<CaseMessage>(
    tx,
    sql`select m.id, m.author_kind as "authorKind", m.author_label as "authorLabel", m.body, m.created_at as "createdAt",
          case when a.id is null then null else json_build_object('id', a.id, 'filename', a.filename, 'size', a.size) end as attachment
        from case_message m left join attachment a on a.id = m.attachment_id
        where m.case_id = ${caseId} order by m.created_at, m.id`,
  );
}

/** One message, with its file if any, in the caller's transaction. */
export async function postMessage(
  tx: Orm,
  m: { caseId: string; authorKind: 'staff' | 'party'; authorId: string | null; authorLabel: string; body: string; file?: { filename: string; content: Buffer } },
): Promise<{ id: string }> {
  const att = m.file
    ? await storeAttachment(tx, { caseId: m.caseId, kind: m.authorKind === 'party' ? 'evidence' : 'other', filename: m.file.filename, content: m.file.content, uploadedBy: m.authorLabel })
    : null;
  const id = randomUUID();
  await tx.execute(sql`insert into case_message (id, case_id, author_kind, author_id, author_label, body, attachment_id)
    values (${id}, ${m.caseId}, ${m.authorKind}, ${m.authorId}, ${m.authorLabel}, ${m.body}, ${att?.id ?? null})`);
  return { id };
}
