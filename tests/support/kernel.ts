import { createKernel } from '../../src/kernel/boot.js';
import type { CaseTypeManifest } from '../../src/kernel/cases/manifest.js';
import { type Config, testConfig } from '../../src/kernel/config.js';
import type { Db } from '../../src/kernel/db/client.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import type { RegisterDef } from '../../src/kernel/registers/types.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { testDb } from './db.js';

/** A kernel on a fresh test database; `today` is fixed so clocks are reproducible. */
export async function testKernel(manifests: CaseTypeManifest[], over: Partial<Config> = {}, registers: RegisterDef[] = []): Promise<Kernel & { db: Db }> {
  const db = await testDb();
  return createKernel(db, testConfig({ today: '2021-06-30', ...over }), manifests, registers);
}

export function actor(over: Partial<Actor> = {}): Actor {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    username: 'tester',
    displayName: '测试员',
    roles: ['admin'],
    permissions: ['*'],
    regionCode: '330400',
    regionPath: '/330000/330400/',
    agencyId: null,
    agencyOnly: false,
    ...over,
  };
}
