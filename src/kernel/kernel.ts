import type { CalendarService, CivilDate } from './calendar/types.js';
import type { Registry } from './cases/registry.js';
import type { Config } from './config.js';
import type { Pii } from './crypto/pii.js';
import type { Db } from './db/client.js';
import type { RegisterRegistry } from './registers/registry.js';

/** Everything a route, a use case or a job needs, passed explicitly (no globals). */
export interface Kernel {
  db: Db;
  config: Config;
  calendar: CalendarService;
  registry: Registry;
  /** The modules' registers (absent in kernels that tests build by hand: use `registersOf(k)`). */
  registers?: RegisterRegistry;
  pii: Pii;
  /** Today's civil date in Asia/Shanghai (or the configured override). */
  today(): CivilDate;
  version: string;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Statutory dates are civil dates in China's time zone, whatever the server's TZ. */
export function civilToday(now = new Date()): CivilDate {
  return SHANGHAI.format(now);
}
