import { seedCalendar } from './calendar/seed.js';
import type { Db } from './db/client.js';
import { seedRoles } from './identity/seed.js';
import { seedRegions } from './org/seed.js';

/**
 * What every new database gets, demo or not: the region tree of the configured city, the built-in
 * roles, and the official calendar for the years the chinese-days package covers.
 */
export async function seedBaseline(db: Db, opts: { cityCode?: string } = {}): Promise<void> {
  await seedRegions(db, opts.cityCode ?? process.env.FAZHI_CITY ?? '3304');
  await seedRoles(db);
  await seedCalendar(db);
}
