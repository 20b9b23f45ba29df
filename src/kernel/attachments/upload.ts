import type { FastifyRequest } from 'fastify';
import { Problem, problems } from '../http/problem.js';

export interface Upload {
  filename: string;
  content: Buffer;
  /** The other form fields sent with the file (kind, contact …). */
  fields: Record<string, string>;
}

/**
 * The one file of a multipart request, read whole (uploads are size-capped by the multipart plugin):
 * 415 when the request is not multipart, 400 without a file, 413 over the limit.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) throw new Problem(415, 'unsupported-media-type', '请以 multipart/form-data 上传文件', 'Upload as multipart/form-data');
  const file = await req.file();
  if (!file) throw problems.validation([{ path: 'file', zh: '请选择文件', en: 'No file' }]);
  const content = await file.toBuffer().catch((e) => {
    throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? problems.tooLarge(maxBytes) : e;
  });
  const fields: Record<string, string> = {};
  for (const [name, f] of Object.entries(file.fields)) {
    const value = (f as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') fields[name] = value;
  }
  return { filename: file.filename, content, fields };
}
