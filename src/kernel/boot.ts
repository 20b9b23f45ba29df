import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { loadCalendar } from './calendar/service.js';
import type { CaseTypeManifest } from './cases/manifest.js';
import { Registry } from './cases/registry.js';
import type { Config } from './config.js';
import { Pii } from './crypto/pii.js';
import { type Db, openDb } from './db/client.js';
import { migrate } from './db/migrate.js';
import type { Actor } from './identity/types.js';
import { RegisterRegistry } from './registers/registry.js';
import type { RegisterDef } from './registers/types.js';
import { type Kernel, civilToday } from './kernel.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export async function openConfiguredDb(config: Config): Promise<Db> {
  return config.databaseUrl ? openDb({ url: config.databaseUrl }) : openDb({ dataDir: `${config.dataDir}/pglite` });
}

/** Wire the kernel services around an open database (migrations already applied). */
export async function createKernel(db: Db, config: Config, manifests: CaseTypeManifest[], registers: RegisterDef[] = []): Promise<Kernel> {
  const calendar = await loadCalendar(db.orm);
  return {
    db,
    config,
    calendar,
    registry: new Registry(manifests),
    registers: new RegisterRegistry(registers),
    pii: new Pii(config.secretKey),
    today: () => config.today ?? civilToday(),
    version: VERSION,
  };
}

export { migrate };
export type ActorResolver = (k: Kernel, req: FastifyRequest) => Promise<Actor | undefined>;
