import { type Orm, rows, sql } from '../db/client.js';
import type { Kernel } from '../kernel.js';

export type OutboxHandler = (k: Kernel, payload: Record<string, unknown>, tx: Orm) => Promise<void>;

/** Handlers by topic prefix ('case.' matches every case event). Modules and integrations add theirs. */
export const outboxHandlers: { prefix: string; handle: OutboxHandler }[] = [];

const MAX_ATTEMPTS = 8;

/**
 * Processes committed outbox rows: each claimed with SKIP LOCKED so several server processes can run
 * this at once; failures retry with backoff and end in the dead-letter state after MAX_ATTEMPTS.
 */
export async function processOutbox(k: Kernel, batch = 100): Promise<number> {
  return k.db.tx(async (tx) => {
    const items = await rows<{ id: string; topic: string; payload: Record<string, unknown>; attempts: number }>(
      tx,
      sql`select id, topic, payload, attempts from outbox where processed_at is null and not dead and available_at <= now()
          order by id limit ${batch} for update skip locked`,
    );
    for (const it of items) {
      try {
        for (const h of outboxHandlers) if (it.topic.startsWith(h.prefix)) await h.handle(k, it.payload, tx);
        await tx.execute(sql`update outbox set processed_at = now(), attempts = attempts + 1 where id = ${it.id}`);
      } catch (e) {
        const attempts = it.attempts + 1;
        await tx.execute(sql`update outbox set attempts = ${attempts}, last_error = ${String(e)}, dead = ${attempts >= MAX_ATTEMPTS},
          available_at = now() + (${2 ** attempts} * interval '1 second') where id = ${it.id}`);
      }
    }
    return items.length;
  });
}
