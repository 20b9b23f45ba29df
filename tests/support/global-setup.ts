import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb, rows, sql } from '../../src/kernel/db/client.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import { seedBaseline } from '../../src/kernel/seed.js';

/**
 * Migrate one template database per run, then every test file copies it:
 * PGlite — a dumped data dir loaded per file (~0.5 s instead of a 3–5 s initdb);
 * PostgreSQL (TEST_DATABASE_URL) — CREATE DATABASE … TEMPLATE per file.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const tpl = `fazhi_tpl_${process.pid}`;
    const admin = await openDb({ url, poolSize: 1 });
    await admin.execScript(`drop database if exists ${tpl}`);
    await admin.execScript(`create database ${tpl}`);
    const db = await openDb({ url: withDb(url, tpl), poolSize: 1 });
    await migrate(db);
    await seedBaseline(db);
    await db.close();
    project.provide('pgTemplate', tpl);
    return async () => {
      await admin.execScript(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname like 'fazhi_t_${process.pid}_%' or datname = '${tpl}'`,
      );
      const dbs = await rows<{ datname: string }>(
        admin.orm,
        sql.raw(`select datname from pg_database where datname like 'fazhi_t_${process.pid}_%'`),
      );
      for (const r of dbs) await admin.execScript(`drop database if exists ${r.datname}`);
      await admin.execScript(`drop database if exists ${tpl}`);
      await admin.close();
    };
  }
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const db = await openDb();
  await migrate(db);
  await seedBaseline(db);
  const dump = await db.pglite!.dumpDataDir('none');
  const file = join(dir, `template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
