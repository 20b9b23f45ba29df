import { CHINESE_DAYS_FIRST_YEAR, CHINESE_DAYS_LAST_YEAR, chineseDaysRows } from '../../src/kernel/calendar/seed.js';
import { WorkCalendar } from '../../src/kernel/calendar/service.js';

export const SEEDED_YEARS: number[] = [];
for (let y = CHINESE_DAYS_FIRST_YEAR; y <= CHINESE_DAYS_LAST_YEAR; y++) SEEDED_YEARS.push(y);

/** The calendar as a freshly seeded database would hold it, without a database. */
export function seededCalendar(): WorkCalendar {
  return new WorkCalendar(chineseDaysRows(), SEEDED_YEARS);
}

/** Independent of the code under test: JS Date in UTC, one day at a time. */
export function addDaysUtc(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function weekdayUtc(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
