import { randomBytes } from 'node:crypto';
import { type Db, openDb } from '../src/kernel/db/client.js';

/**
 * A database for one benchmark: in-memory PGlite, or a throw-away database created on the PostgreSQL
 * server at `url` and dropped by `drop()`.
 */
export async function throwawayDb(url?: string, poolSize = 20): Promise<{ db: Db; name: string | null; drop: () => Promise<void> }> {
  if (!url) {
    const db = await openDb();
    return { db, name: null, drop: () => db.close() };
  }
  const name = `fazhi_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await openDb({ url, poolSize: 1 });
  await admin.execScript(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDb({ url: u.toString(), poolSize });
  return {
    db,
    name,
    drop: async () => {
      await db.close();
      await admin.execScript(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** Runs fn repeatedly for ~ms milliseconds; returns operations per second. */
export function timeOps(fn: () => unknown, ms: number): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let j = 0; j < 100; j++) fn();
    n += 100;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

export async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

export function report(title: string, rows: [string, number | string][]): void {
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(52)} ${typeof v === 'number' ? (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2)) : v}`);
}
