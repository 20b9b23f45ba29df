import chineseDays from 'chinese-days';
import { type Db, sql } from '../db/client.js';
import { isWeekend, parseCivil } from './civil.js';
import { chineseDaysName } from './names.js';
import { insertDays } from './store.js';
import type { CalendarDay } from './types.js';

/**
 * chinese-days 1.5.7 holds the official 放假安排 for these years only; outside them it silently
 * answers Mon–Fri, so nothing beyond them may be seeded as "loaded".
 */
export const CHINESE_DAYS_FIRST_YEAR = 2004;
export const CHINESE_DAYS_LAST_YEAR = 2026;
export const CHINESE_DAYS_SOURCE = 'chinese-days';

/**
 * The exceptions to Mon–Fri that chinese-days knows for [fromYear, toYear]: every day of its
 * holiday table (weekend days inside a holiday block included) and every working weekend day (调休).
 */
export function chineseDaysRows(fromYear = CHINESE_DAYS_FIRST_YEAR, toYear = CHINESE_DAYS_LAST_YEAR): CalendarDay[] {
  // The package walks dayjs objects day by day (~0.2–0.4 s for all years): do it once per process.
  const key = `${fromYear}-${toYear}`;
  const hit = cache.get(key);
  if (hit) return hit.map((d) => ({ ...d }));
  const rows = computeRows(fromYear, toYear);
  cache.set(key, rows);
  return rows.map((d) => ({ ...d }));
}

const cache = new Map<string, CalendarDay[]>();

function computeRows(fromYear: number, toYear: number): CalendarDay[] {
  if (fromYear < CHINESE_DAYS_FIRST_YEAR || toYear > CHINESE_DAYS_LAST_YEAR)
    throw new RangeError(`chinese-days covers ${CHINESE_DAYS_FIRST_YEAR}–${CHINESE_DAYS_LAST_YEAR} only`);
  const out: CalendarDay[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const a = `${y}-01-01`;
    const b = `${y}-12-31`;
    // includeWeekends=false: exactly the dates in its holiday table, not every Saturday and Sunday.
    for (const day of chineseDays.getHolidaysInRange(a, b, false))
      out.push({ day, kind: 'holiday', name: chineseDaysName(chineseDays.getDayDetail(day).name) });
    // includeWeekends=true keeps 调休 weekend days; of those, only the weekend ones are exceptions.
    for (const day of chineseDays.getWorkdaysInRange(a, b, true)) {
      const n = parseCivil(day);
      if (n !== undefined && isWeekend(n))
        out.push({ day, kind: 'workday', name: `${chineseDaysName(chineseDays.getDayDetail(day).name)}调休上班` });
    }
  }
  return out.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
}

/**
 * Fill calendar_day/calendar_year from chinese-days. Idempotent, and it never overwrites: a year
 * already in calendar_year (seeded before, or imported/edited by an admin) is left untouched.
 */
export async function seedCalendar(db: Db): Promise<void> {
  const days = chineseDaysRows();
  const years: number[] = [];
  for (let y = CHINESE_DAYS_FIRST_YEAR; y <= CHINESE_DAYS_LAST_YEAR; y++) years.push(y);
  await db.tx(async (tx) => {
    await insertDays(tx, days, { skipLoadedYears: true });
    await tx.execute(sql`
      insert into calendar_year (year, source)
      select y, ${CHINESE_DAYS_SOURCE} from unnest(${sql.param(years)}::int[]) as t(y)
      on conflict (year) do nothing`);
  });
}
