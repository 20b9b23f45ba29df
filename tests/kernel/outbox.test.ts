import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Orm, one, rows, sql } from '../../src/kernel/db/client.js';
import { outboxHandlers, processOutbox } from '../../src/kernel/jobs/outbox.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { testKernel } from '../support/kernel.js';

let k: Kernel;
beforeAll(async () => {
  k = await testKernel([]);
});
afterAll(() => k.db.close());
afterEach(() => {
  outboxHandlers.length = 0;
});

async function enqueue(topic: string) {
  const r = await one<{ id: string }>(k.db.orm, sql`insert into outbox (topic, payload) values (${topic}, '{"n":1}'::jsonb) returning id`);
  return r!.id;
}
const state = (id: string) =>
  one<{ processed: boolean; attempts: number; dead: boolean; last_error: string | null }>(
    k.db.orm,
    sql`select processed_at is not null as processed, attempts, dead, last_error from outbox where id = ${id}`,
  );

describe('outbox: side effects after commit', () => {
  it('runs the handlers of a topic once and marks the row processed', async () => {
    const seen: unknown[] = [];
    outboxHandlers.push({ prefix: 'case.', handle: async (_k, payload) => void seen.push(payload) });
    const id = await enqueue('case.test.created');
    await processOutbox(k);
    await processOutbox(k);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await state(id)).toMatchObject({ processed: true, attempts: 1, dead: false });
  });

  it('retries a failing handler later and dead-letters it after the last attempt', async () => {
    outboxHandlers.push({ prefix: 'push.', handle: async () => { throw new Error('province system down'); } });
    const id = await enqueue('push.province');
    await processOutbox(k);
    expect(await state(id)).toMatchObject({ processed: false, attempts: 1, dead: false, last_error: 'Error: province system down' });
    // Not retried before its back-off time…
    await processOutbox(k);
    expect((await state(id))!.attempts).toBe(1);
    // …and given up after eight attempts.
    for (let i = 0; i < 10; i++) {
      await k.db.orm.execute(sql`update outbox set available_at = now() - interval '1 second' where id = ${id}`);
      await processOutbox(k);
    }
    expect(await state(id)).toMatchObject({ processed: false, attempts: 8, dead: true });
  });

  it('claims rows with SKIP LOCKED: a row held by another transaction is left alone', async () => {
    const id = await enqueue('case.locked');
    const seen: string[] = [];
    outboxHandlers.push({ prefix: 'case.', handle: async () => void seen.push('x') });
    if (k.db.engine === 'postgres') {
      // A second connection holds the row; this processor must skip it rather than wait.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const holder = k.db.tx(async (tx: Orm) => {
        await rows(tx, sql`select id from outbox where id = ${id} for update`);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      await processOutbox(k);
      expect(seen).toEqual([]);
      release();
      await holder;
    }
    await processOutbox(k);
    expect(seen).toEqual(['x']);
  });
});
