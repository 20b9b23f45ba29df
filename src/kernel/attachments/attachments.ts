import { createHash, randomUUID } from 'node:crypto';
import { type Orm, sql } from '../db/client.js';
import { Problem, problems } from '../http/problem.js';

/** What may be uploaded, recognised by content (magic bytes), not by the name the browser sends. */
const KINDS: { mime: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: ['docx'],
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  { mime: 'text/plain', ext: ['txt'], test: (b) => !b.includes(0) },
];

export const ATTACHMENT_KINDS = ['evidence', 'defence', 'application', 'other'] as const;

export function sniff(filename: string, content: Buffer): string {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  const k = KINDS.find((x) => x.ext.includes(ext));
  if (!k?.test(content)) throw problems.unsupportedType(ext || 'unknown');
  return k.mime;
}

export async function storeAttachment(
  tx: Orm,
  a: { caseId: string; kind: string; filename: string; content: Buffer; uploadedBy: string },
): Promise<{ id: string; filename: string; size: number; mime: string; kind: string }> {
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(a.kind))
    throw new Problem(400, 'validation', '附件类别无效', 'Invalid attachment kind', { errors: [{ path: 'kind', zh: '附件类别无效', en: 'Invalid kind' }] });
  if (a.content.length === 0) throw new Problem(400, 'empty-file', '文件为空', 'Empty file');
  const mime = sniff(a.filename, a.content);
  const id = randomUUID();
  const filename = a.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 200);
  await tx.execute(sql`insert into attachment (id, case_id, kind, filename, mime, size, sha256, content, uploaded_by)
    values (${id}, ${a.caseId}, ${a.kind}, ${filename}, ${mime}, ${a.content.length},
      ${createHash('sha256').update(a.content).digest('hex')}, ${a.content}, ${a.uploadedBy})`);
  return { id, filename, size: a.content.length, mime, kind: a.kind };
}
