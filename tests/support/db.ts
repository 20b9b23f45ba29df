import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Db, openDb } from '../../src/kernel/db/client.js';
import { withDb } from './global-setup.js';

/** A fresh, migrated, baseline-seeded database for one test file (PGlite, or PostgreSQL in test:pg). */
export async function testDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const tpl = inject('pgTemplate');
    const name = `fazhi_t_${tpl.split('_').pop()}_${randomBytes(4).toString('hex')}`;
    const admin = await openDb({ url, poolSize: 1 });
    await admin.execScript(`create database ${name} template ${tpl}`);
    await admin.close();
    return openDb({ url: withDb(url, name), poolSize: 5 });
  }
  const file = inject('pgliteTemplate');
  return openDb({ loadDataDir: new Blob([readFileSync(file)]) });
}
