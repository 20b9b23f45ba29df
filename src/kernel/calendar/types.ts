import type { Orm } from '../db/client.js';

/** Civil date 'YYYY-MM-DD' in Asia/Shanghai. */
export type CivilDate = string;

/** 工作日 | 自然日 | 月 — see docs/modules/calendar.md for the counting rules and their legal basis. */
export type PeriodUnit = 'workday' | 'day' | 'month';

export interface DateRange {
  /** First day not counted (inclusive). */
  from: CivilDate;
  /** Last day not counted (inclusive). */
  to: CivilDate;
  /** Why the days do not count, shown in `skipped` (default 期间暂停不计), e.g. 补正期间不计. */
  name?: string;
}

/** One stored exception to Mon–Fri (table calendar_day). */
export interface CalendarDay {
  day: CivilDate;
  /** holiday = 法定假日 or a weekend day inside a holiday block; workday = 调休上班 (a working weekend day). */
  kind: 'holiday' | 'workday';
  name: string;
}

/** A year whose official 放假安排 is loaded (table calendar_year). */
export interface CalendarYear {
  year: number;
  source: string;
}

export interface SkippedDay {
  date: CivilDate;
  reason: 'weekend' | 'holiday' | 'paused' | 'roll_forward';
  /** e.g. 春节, 周末, 补正期间不计 */
  name: string;
}

export interface DueResult {
  from: CivilDate;
  amount: number;
  unit: PeriodUnit;
  due: CivilDate;
  /** True when any year the computation touched is not in the loaded official calendar. */
  provisional: boolean;
  unloadedYears: number[];
  /** Days the count passed over and why (weekends, holidays, pauses, the final roll-forward). */
  skipped: SkippedDay[];
  /** One-line explanation, zh-CN then en-US. */
  explanation: { zh: string; en: string };
}

export interface CalendarService {
  /**
   * The statutory due date. The trigger day is not counted; `workday` counts working days (调休
   * make-up days count, holidays and weekends do not); `day`/`month` periods whose last day is not
   * a working day roll forward to the next working day. Days inside `pauses` are not counted.
   */
  due(from: CivilDate, amount: number, unit: PeriodUnit, opts?: { pauses?: DateRange[] }): DueResult;
  isWorkday(date: CivilDate): boolean;
  /** Working days strictly after `from` up to and including `to` (negative when to < from). */
  workdaysBetween(from: CivilDate, to: CivilDate): number;
  isLoaded(year: number): boolean;
  loadedYears(): number[];
  /** Re-read the calendar tables, so that admin edits take effect in this process. */
  reload(orm: Orm): Promise<void>;
}
