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
    const done: string[] = [];
    for (const it of items) {
      try {
        // A savepoint per row: a handler that fails leaves none of its writes behind.
        const handlers = outboxHandlers.filter((h) => it.topic.startsWith(h.prefix));
        if (handlers.length)
          await tx.transaction(async (sp) => {
            for (const h of handlers) await h.handle(k, it.payload, sp as unknown as Orm);
          });
        done.push(it.id);
      } catch (e) {
        const attempts = it.attempts + 1;
        await tx.execute(sql`update outbox set attempts = ${attempts}, last_error = ${String(e)}, dead = ${attempts >= MAX_ATTEMPTS},
          available_at = now() + (${2 ** attempts} * interval '1 second') where id = ${it.id}`);
      }
    }
    if (done.length)
      await tx.execute(sql`update outbox set processed_at = now(), attempts = attempts + 1 where id in (${sql.join(done.map((d) => sql`${d}`), sql`, `)})`);
    return items.length;
  });
}

const running = new WeakMap<Kernel, { again: boolean }>();

/**
 * Called after a commit: process the outbox soon, but never run two processors at once in this
 * process — a burst of requests is drained by one loop in batches instead of one transaction each.
 */
export function kickOutbox(k: Kernel): void {
  const state = running.get(k);
  if (state) {
    state.again = true;
    return;
  }
  const s = { again: false };
  running.set(k, s);
  setTimeout(async () => {
    try {
      do {
        s.again = false;
        while ((await processOutbox(k, 500)) === 500);
      } while (s.again);
    } catch {
      // Left for the periodic job: rows stay pending and are retried.
    } finally {
      running.delete(k);
    }
  }, 50);
}
