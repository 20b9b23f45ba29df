import type { CivilDate } from './types.js';

/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01). Statutory dates carry no time zone:
 * working with integers avoids Date objects, DST-free UTC tricks and string churn in the hot path.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Years outside this window are rejected: nothing statutory lives there, and it bounds every loop. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Howard Hinnant's days_from_civil (proleptic Gregorian). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Parses 'YYYY-MM-DD' strictly (no 2021-02-30, no 2021-2-3); undefined when invalid. */
export function parseCivil(s: string): number | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return dayNumber(y, mo, d);
}

export function isCivilDate(s: unknown): s is CivilDate {
  return typeof s === 'string' && parseCivil(s) !== undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function toCivil(n: number): CivilDate {
  const { y, m, d } = fromDayNumber(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 'YYYY-MM-DD' plus n calendar days (n may be negative). */
export function addDays(date: CivilDate, n: number): CivilDate {
  const day = parseCivil(date);
  if (day === undefined) throw new Error(`not a civil date: ${date}`);
  return toCivil(day + n);
}

export function yearOf(n: number): number {
  return fromDayNumber(n).y;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const w = weekday(n);
  return w === 0 || w === 6;
}

/**
 * Same-numbered day `months` later, or that month's last day when it has no such day
 * (民法典 第202条: Jan 31 + 1 month → Feb 28/29).
 */
export function addMonths(n: number, months: number): number {
  const { y, m, d } = fromDayNumber(n);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
