import { sql } from '../db/client.js';
import type { RouteRegistrar } from './app.js';
import { doc } from './doc.js';

export const registerHealthRoutes: RouteRegistrar = (app, k) => {
  app.get('/api/v1/health', doc('system', '健康检查 Version and database engine'), async () => {
    await k.db.orm.execute(sql`select 1`);
    return { status: 'ok', version: k.version, engine: k.db.engine, calendarYears: k.calendar.loadedYears().length };
  });
};
