import { createHash } from 'node:crypto';
import { canonical } from '../audit/chain.js';
import { type Db, type Orm, isUniqueViolation, one, sql } from '../db/client.js';
import { Problem, field, problems } from '../http/problem.js';

const KEY_RE = /^[A-Za-z0-9_-]{8,100}$/;

export function requireIdempotencyKey(header: unknown): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (typeof key !== 'string' || !KEY_RE.test(key))
    throw problems.validation([
      field('Idempotency-Key', '缺少或无效的 Idempotency-Key 请求头（8–100 位字母、数字、-、_）', 'Missing or invalid Idempotency-Key header (8–100 of A–Z a–z 0–9 - _)'),
    ]);
  return key;
}

/**
 * Runs a public submission at most once per key: the stored response is replayed for a retry with the
 * same body; the same key with a different body is refused. The key row is written in the same
 * transaction as the submission, so a crash leaves neither.
 */
export async function once<T>(
  db: Db,
  scope: string,
  key: string,
  body: unknown,
  run: (tx: Orm) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
  const replay = async () => {
    const prev = await one<{ request_hash: string; status: number; body: T }>(
      db.orm,
      sql`select request_hash, status, body from idempotency_key where scope = ${scope} and key = ${key}`,
    );
    if (!prev) return undefined;
    if (prev.request_hash !== requestHash)
      throw new Problem(422, 'idempotency-key-reused', '该 Idempotency-Key 已用于另一内容的提交', 'This Idempotency-Key was used for a different submission');
    return { status: prev.status, body: prev.body, replayed: true };
  };
  // No look-up first: retries are rare, and the primary key decides a race anyway (below).
  try {
    const res = await db.tx(async (tx) => {
      const r = await run(tx);
      await tx.execute(sql`insert into idempotency_key (scope, key, request_hash, status, body)
        values (${scope}, ${key}, ${requestHash}, ${r.status}, ${JSON.stringify(r.body)}::jsonb)`);
      return r;
    });
    return { ...res, replayed: false };
  } catch (e) {
    // A concurrent twin won the race on the primary key: answer with its response.
    if (isUniqueViolation(e)) {
      const r = await replay();
      if (r) return r;
    }
    throw e;
  }
}
