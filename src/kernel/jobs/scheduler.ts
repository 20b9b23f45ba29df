import type { Kernel } from '../kernel.js';
import { processOutbox } from './outbox.js';
import { sweepExpiredClocks } from './sweep.js';

const MINUTE = 60_000;

/**
 * The server's periodic work. Every job is safe with several processes running it at once (SKIP
 * LOCKED, idempotent reloads), so no leader election is needed.
 * - every minute: act on expired clocks (视为受理, appeal periods), drain the outbox;
 * - every 10 minutes: reload the official calendar (an edit made through another process or the CLI);
 * - every 6 hours on the embedded engine: ANALYZE, which PGlite never runs by itself.
 */
export function startScheduler(k: Kernel, log: (msg: string, e: unknown) => void = console.error): () => void {
  let tick = 0;
  const timer = setInterval(async () => {
    tick++;
    try {
      await sweepExpiredClocks(k);
      await processOutbox(k);
      if (tick % 10 === 0) await k.calendar.reload(k.db.orm);
      if (k.db.engine === 'pglite' && tick % 360 === 0) await k.db.execScript('analyze');
    } catch (e) {
      log('scheduled job failed', e);
    }
  }, MINUTE);
  return () => clearInterval(timer);
}
