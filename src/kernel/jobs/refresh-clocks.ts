import { rows, sql } from '../db/client.js';
import { manifestFor, rewriteClocks } from '../cases/engine.js';
import type { Kernel } from '../kernel.js';

/**
 * After the official calendar changes (a new year's notice imported, a day edited), every clock still
 * running or paused — and every one computed as provisional — is derived again, so due dates and the
 * "provisional" flag are right everywhere they appear. Clocks that have stopped keep their result.
 */
export async function refreshClocks(k: Kernel, batch = 200): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let n = 0;
  for (;;) {
    const cases = await rows<{ id: string; type: string; data: Record<string, unknown> }>(
      k.db.orm,
      sql`select c.id, c.type, c.data from fz_case c
          where c.id > ${after} and exists (select 1 from case_clock cc where cc.case_id = c.id and (cc.status in ('running','paused') or cc.provisional))
          order by c.id limit ${batch}`,
    );
    if (!cases.length) return n;
    await k.db.tx(async (tx) => {
      for (const c of cases) {
        if (!k.registry.get(c.type)) continue;
        await rewriteClocks(k, tx, manifestFor(k, c.type), c.id, c.data);
        n++;
      }
    });
    after = cases[cases.length - 1].id;
  }
}
