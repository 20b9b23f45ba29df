import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, rows, sql } from './client.js';

/**
 * Checked-in SQL migrations, applied in file-name order, each once, each in its own transaction.
 * Why not drizzle-kit's migrator: its single journal file makes every module's migration a merge
 * conflict; here a module owns plain numbered files and the order is the file name. The SQL stays
 * within PostgreSQL 15 so that PGlite (18) and the server run the same text.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export function listMigrations(dir = MIGRATIONS_DIR): { id: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.execScript(
    'create table if not exists fazhi_migration (id text primary key, applied_at timestamptz not null default now())',
  );
  const applied: string[] = [];
  // One server process at a time migrates; the others wait on the lock, then find nothing to do.
  await db.tx(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7240001)`);
    const done = new Set((await rows<{ id: string }>(tx, sql`select id from fazhi_migration`)).map((r) => r.id));
    for (const m of listMigrations(dir)) {
      if (done.has(m.id)) continue;
      for (const stmt of splitSql(m.text)) await tx.execute(sql.raw(stmt));
      await tx.execute(sql`insert into fazhi_migration (id) values (${m.id})`);
      applied.push(m.id);
    }
  });
  return applied;
}

/** Split on `;` at line ends outside $$-quoted bodies: migrations are plain DDL written by us. */
export function splitSql(text: string): string[] {
  const out: string[] = [];
  let buf = '';
  let inDollar = false;
  for (const line of text.split('\n')) {
    if (/^\s*--/.test(line)) continue;
    const dollars = (line.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    buf += `${line}\n`;
    if (!inDollar && /;\s*$/.test(line)) {
      const s = buf.trim();
      if (s && s !== ';') out.push(s);
      buf = '';
    }
  }
  if (buf.trim()) out.push(buf.trim());
  return out;
}
