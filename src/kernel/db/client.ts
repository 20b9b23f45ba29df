import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** Drizzle handle usable both at top level and inside a transaction. */
export type Orm = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type Engine = 'pglite' | 'postgres';

/**
 * One database, two engines. Everything above this file speaks PostgreSQL 15 SQL through drizzle;
 * only this file knows whether it is the embedded PGlite or a server.
 */
export interface Db {
  engine: Engine;
  orm: Orm;
  /** Run fn in one transaction; anything it throws rolls the whole thing back. */
  tx<T>(fn: (tx: Orm) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters (migrations, test fixtures). */
  execScript(text: string): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance (embedded engine only): for dumps in tests and backups. */
  pglite?: PGlite;
}

export interface OpenOptions {
  /** postgres://… for a server; otherwise the embedded engine. */
  url?: string;
  /** Folder for the embedded engine; omitted = in memory. */
  dataDir?: string;
  /** Preloaded PGlite data dir (tests copy a migrated template this way). */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export async function openDb(opts: OpenOptions = {}): Promise<Db> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection can be closed by the server (restart, admin kill); without a listener the
    // pool's 'error' event would end the process. The pool replaces the connection on next use.
    pool.on('error', (err) => console.error('database connection lost:', err.message));
    // Statutory dates are civil dates; keep `date` columns as strings, never JS Dates shifted by the TZ.
    pg.types.setTypeParser(1082, (v) => v);
    const orm = drizzlePg(pool) as unknown as Orm;
    return {
      engine: 'postgres',
      orm,
      tx: (fn) => orm.transaction((tx) => fn(tx as unknown as Orm)),
      async execScript(text) {
        const c = await pool.connect();
        try {
          await c.query(text);
        } finally {
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = new PGlite({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { 1082: (v: string) => v },
  });
  await client.waitReady;
  const orm = drizzlePglite(client) as unknown as Orm;
  return {
    engine: 'pglite',
    orm,
    pglite: client,
    tx: (fn) => orm.transaction((tx) => fn(tx as unknown as Orm)),
    execScript: async (text) => {
      await client.exec(text);
    },
    close: () => client.close(),
  };
}

/** Rows of a raw query, the same shape on both engines. */
export async function rows<T = Record<string, unknown>>(orm: Orm, q: SQL): Promise<T[]> {
  const r = (await orm.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

export async function one<T = Record<string, unknown>>(orm: Orm, q: SQL): Promise<T | undefined> {
  return (await rows<T>(orm, q))[0];
}

/** PostgreSQL unique_violation (23505), from pg or PGlite, whether or not drizzle wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

export { sql };
