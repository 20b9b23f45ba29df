import { type Orm, rows, sql } from '../db/client.js';
import { field, type Problem, problems } from '../http/problem.js';
import { addMonths, dayNumber, isWeekend, MAX_YEAR, parseCivil, toCivil, yearOf } from './civil.js';
import { DEFAULT_PAUSE_NAME, festivalEn, WEEKEND_NAME } from './names.js';
import type {
  CalendarDay,
  CalendarService,
  CalendarYear,
  CivilDate,
  DateRange,
  DueResult,
  PeriodUnit,
  SkippedDay,
} from './types.js';

export const PERIOD_UNITS: readonly PeriodUnit[] = ['workday', 'day', 'month'];

interface Exception {
  holiday: boolean;
  name: string;
}

interface Pause {
  from: number;
  to: number;
  name: string;
}

/** Last day any computation may reach; bounds every loop (a pause cannot run on forever). */
const LAST_DAY = dayNumber(MAX_YEAR, 12, 31);

const UNIT_ZH: Record<PeriodUnit, string> = { workday: '个工作日', day: '日', month: '个月' };
const UNIT_EN: Record<PeriodUnit, [string, string]> = {
  workday: ['working day', 'working days'],
  day: ['calendar day', 'calendar days'],
  month: ['month', 'months'],
};

function badInput(path: string, zh: string, en: string): Problem {
  return problems.validation([field(path, zh, en)]);
}

function parseOrThrow(date: string, path: string): number {
  const n = typeof date === 'string' ? parseCivil(date) : undefined;
  if (n === undefined)
    throw badInput(path, `日期无效：${String(date)}（应为 YYYY-MM-DD）`, `Invalid date: ${String(date)} (expected YYYY-MM-DD)`);
  return n;
}

/**
 * The official working-day calendar held in memory. Only exceptions to Mon–Fri are stored
 * (holidays, including weekend days inside a holiday block, and 调休 make-up working days); every
 * computation is synchronous so that clocks can be evaluated on each case action without I/O.
 */
export class WorkCalendar implements CalendarService {
  private exceptions = new Map<number, Exception>();
  private years = new Map<number, string>();
  private yearList: number[] = [];

  constructor(days: readonly CalendarDay[] = [], years: readonly (CalendarYear | number)[] = []) {
    this.replaceData(days, years);
  }

  /** Swap the whole data set at once (admin edits, imports): readers never see half of it. */
  replaceData(days: readonly CalendarDay[], years: readonly (CalendarYear | number)[]): void {
    const ex = new Map<number, Exception>();
    for (const d of days) {
      const n = parseCivil(d.day);
      if (n === undefined) throw new Error(`calendar_day has an invalid date: ${d.day}`);
      ex.set(n, { holiday: d.kind === 'holiday', name: d.name });
    }
    const ys = new Map<number, string>();
    for (const y of years) {
      if (typeof y === 'number') ys.set(y, 'memory');
      else ys.set(y.year, y.source);
    }
    this.exceptions = ex;
    this.years = ys;
    this.yearList = [...ys.keys()].sort((a, b) => a - b);
  }

  async reload(orm: Orm): Promise<void> {
    const data = await readCalendar(orm);
    this.replaceData(data.days, data.years);
  }

  isLoaded(year: number): boolean {
    return this.years.has(year);
  }

  loadedYears(): number[] {
    return [...this.yearList];
  }

  /** Source of a loaded year (chinese-days, the notice's 文号, admin), or undefined. */
  yearSource(year: number): string | undefined {
    return this.years.get(year);
  }

  isWorkday(date: CivilDate): boolean {
    return this.workdayN(parseOrThrow(date, 'date'));
  }

  /** What the calendar says about one day, for the UI and for explanations. */
  describe(date: CivilDate): {
    date: CivilDate;
    workday: boolean;
    kind: 'workday' | 'weekend' | 'holiday' | 'makeup_workday';
    name: string;
    loaded: boolean;
  } {
    const n = parseOrThrow(date, 'date');
    const e = this.exceptions.get(n);
    const loaded = this.years.has(yearOf(n));
    if (e) return { date, workday: !e.holiday, kind: e.holiday ? 'holiday' : 'makeup_workday', name: e.name, loaded };
    if (isWeekend(n)) return { date, workday: false, kind: 'weekend', name: WEEKEND_NAME, loaded };
    return { date, workday: true, kind: 'workday', name: '工作日', loaded };
  }

  workdaysBetween(from: CivilDate, to: CivilDate): number {
    const a = parseOrThrow(from, 'from');
    const b = parseOrThrow(to, 'to');
    if (b < a) return -this.countWorkdays(b, a);
    return this.countWorkdays(a, b);
  }

  due(from: CivilDate, amount: number, unit: PeriodUnit, opts: { pauses?: DateRange[] } = {}): DueResult {
    const start = parseOrThrow(from, 'from');
    if (!Number.isSafeInteger(amount) || amount < 0)
      throw badInput('amount', '期间数值应为非负整数', 'The amount must be a non-negative integer');
    if (!PERIOD_UNITS.includes(unit))
      throw badInput('unit', '期间单位应为 workday、day 或 month', 'The unit must be workday, day or month');
    const pauses = normalisePauses(opts.pauses ?? []);

    const skipped: SkippedDay[] = [];
    let pi = 0;
    // Pauses are sorted and the walk only moves forward, so one cursor finds the covering range.
    const pausedAt = (n: number): Pause | undefined => {
      while (pi < pauses.length && pauses[pi].to < n) pi++;
      const p = pauses[pi];
      return p && p.from <= n ? p : undefined;
    };
    const guard = (n: number) => {
      if (n > LAST_DAY)
        throw badInput('amount', `期间届满日超出 ${MAX_YEAR} 年`, `The period runs past the year ${MAX_YEAR}`);
    };

    let n = start;
    if (unit === 'workday') {
      let left = amount;
      while (left > 0) {
        n++;
        guard(n);
        const p = pausedAt(n);
        if (p) {
          skipped.push({ date: toCivil(n), reason: 'paused', name: p.name });
          continue;
        }
        const e = this.exceptions.get(n);
        if (e) {
          if (e.holiday) skipped.push({ date: toCivil(n), reason: 'holiday', name: e.name });
          else left--;
        } else if (isWeekend(n)) {
          skipped.push({ date: toCivil(n), reason: 'weekend', name: WEEKEND_NAME });
        } else left--;
      }
    } else {
      // A month period becomes the calendar days up to the same-numbered day (民法典 第202条);
      // paused days are then added on top, i.e. the period is extended by the days it was paused.
      let left = unit === 'day' ? amount : addMonths(start, amount) - start;
      guard(start + left);
      while (left > 0) {
        n++;
        guard(n);
        const p = pausedAt(n);
        if (p) {
          skipped.push({ date: toCivil(n), reason: 'paused', name: p.name });
          continue;
        }
        left--;
      }
    }

    // 顺延 (民事诉讼法 第85条): a last day that is not a working day moves to the next working day.
    // For `workday` periods the count already ends on one (amount 0 aside).
    const nominal = n;
    let rolledName: string | undefined;
    if (unit !== 'workday' || amount === 0) {
      for (;;) {
        guard(n);
        const p = pausedAt(n);
        if (!p && this.workdayN(n)) break;
        const name = p ? p.name : this.nameN(n);
        rolledName ??= name;
        skipped.push({ date: toCivil(n), reason: p ? 'paused' : 'roll_forward', name });
        n++;
      }
    }
    const due = n;

    const unloadedYears: number[] = [];
    const firstYear = yearOf(due > start ? start + 1 : start);
    const lastYear = yearOf(due);
    for (let y = firstYear; y <= lastYear; y++) if (!this.years.has(y)) unloadedYears.push(y);

    const dueCivil = toCivil(due);
    return {
      from,
      amount,
      unit,
      due: dueCivil,
      provisional: unloadedYears.length > 0,
      unloadedYears,
      skipped,
      explanation: explain(from, amount, unit, dueCivil, skipped, nominal !== due ? { nominal: toCivil(nominal), name: rolledName ?? '' } : undefined, unloadedYears),
    };
  }

  private workdayN(n: number): boolean {
    const e = this.exceptions.get(n);
    if (e) return !e.holiday;
    return !isWeekend(n);
  }

  private nameN(n: number): string {
    const e = this.exceptions.get(n);
    if (e) return e.name;
    return isWeekend(n) ? WEEKEND_NAME : '工作日';
  }

  /** Working days in (a, b]. */
  private countWorkdays(a: number, b: number): number {
    let c = 0;
    for (let n = a + 1; n <= b; n++) if (this.workdayN(n)) c++;
    return c;
  }
}

function normalisePauses(ranges: readonly DateRange[]): Pause[] {
  const out: Pause[] = [];
  ranges.forEach((r, i) => {
    const from = parseOrThrow(r.from, `pauses.${i}.from`);
    const to = parseOrThrow(r.to, `pauses.${i}.to`);
    if (to < from)
      throw badInput(`pauses.${i}`, '暂停期间的结束日早于开始日', 'A pause ends before it starts');
    out.push({ from, to, name: r.name?.trim() || DEFAULT_PAUSE_NAME });
  });
  // Overlapping ranges would be harmless for the count but the cursor needs them disjoint and sorted.
  out.sort((x, y) => x.from - y.from);
  const merged: Pause[] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to + 1) {
      if (p.to > last.to) merged.push({ from: last.to + 1, to: p.to, name: p.name });
    } else merged.push(p);
  }
  return merged;
}

function explain(
  from: CivilDate,
  amount: number,
  unit: PeriodUnit,
  due: CivilDate,
  skipped: SkippedDay[],
  rolled: { nominal: CivilDate; name: string } | undefined,
  unloadedYears: number[],
): { zh: string; en: string } {
  const groups = new Map<string, { reason: SkippedDay['reason']; name: string; count: number }>();
  for (const s of skipped) {
    if (s.reason === 'roll_forward') continue;
    const key = `${s.reason}\u0000${s.name}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { reason: s.reason, name: s.name, count: 1 });
  }
  const zhParts: string[] = [];
  const enParts: string[] = [];
  for (const g of groups.values()) {
    zhParts.push(`${g.name}${g.count}天`);
    const days = g.count === 1 ? 'day' : 'days';
    if (g.reason === 'weekend') enParts.push(`${g.count} weekend ${days}`);
    else if (g.reason === 'paused') enParts.push(`${g.count} paused ${days} (${g.name})`);
    else enParts.push(`${g.count} ${days} of ${festivalEn(g.name)} (${g.name})`);
  }
  let zh = `自${from}起${amount}${UNIT_ZH[unit]}`;
  let en = `${amount} ${UNIT_EN[unit][amount === 1 ? 0 : 1]} from ${from}`;
  if (zhParts.length) {
    zh += `，跳过${zhParts.join('、')}`;
    en += `, skipping ${enList(enParts)}`;
  }
  if (rolled) {
    zh += `，届满日${rolled.nominal}为${rolled.name === WEEKEND_NAME ? '周末' : rolled.name}，顺延至${due}`;
    en += `; the last day ${rolled.nominal} falls on ${rolled.name === WEEKEND_NAME ? 'a weekend' : festivalEn(rolled.name)}, so it moves to the next working day, ${due}`;
  } else {
    zh += `，截止${due}`;
    en += `, due ${due}`;
  }
  if (unloadedYears.length) {
    zh += `（${unloadedYears.join('、')}年放假安排未载入，按周一至周五推算，结果为暂定）`;
    en += ` (provisional: no official holiday schedule loaded for ${unloadedYears.join(', ')}; Mon–Fri assumed)`;
  }
  return { zh, en };
}

function enList(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Rows and years as stored; dates as 'YYYY-MM-DD' text on both engines. */
export async function readCalendar(orm: Orm): Promise<{ days: CalendarDay[]; years: CalendarYear[] }> {
  const days = await rows<CalendarDay>(
    orm,
    sql`select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_day order by day`,
  );
  const years = await rows<CalendarYear>(orm, sql`select year, source from calendar_year order by year`);
  return { days, years: years.map((y) => ({ year: Number(y.year), source: y.source })) };
}

export async function loadCalendar(orm: Orm): Promise<WorkCalendar> {
  const data = await readCalendar(orm);
  return new WorkCalendar(data.days, data.years);
}
