import { appendAudit } from '../audit/log.js';
import { type Db, one, sql } from '../db/client.js';
import { type FieldError, field, Problem } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { dayNumber, isWeekend, MAX_YEAR, MIN_YEAR, parseCivil, toCivil, yearOf } from './civil.js';
import { insertDays } from './store.js';
import type { CalendarDay } from './types.js';

/**
 * The plain-text form of one year's 国务院办公厅 放假安排 notice (docs/modules/calendar.md):
 *
 *   # comment
 *   year: 2027
 *   source: 国办发明电〔2026〕N号
 *   holiday 2027-01-01..2027-01-03 元旦
 *   workday 2027-02-06 春节调休上班
 *
 * `holiday` lines list every day off of a block, weekend days included (so they carry the festival
 * name); `workday` lines list 调休 make-up working days, which are always a Saturday or Sunday.
 */
export interface CalendarFileEntry {
  line: number;
  kind: CalendarDay['kind'];
  from: string;
  to: string;
  name: string;
}

export interface CalendarFile {
  year: number;
  source: string;
  entries: CalendarFileEntry[];
  /** Every day the entries cover, sorted. */
  days: CalendarDay[];
}

export interface ImportResult {
  year: number;
  source: string;
  holidays: number;
  workdays: number;
  /** What the year held before (undefined when it was not loaded). */
  previous?: { source: string; holidays: number; workdays: number };
}

/** Display limits: a festival name or a notice number longer than this is a paste error. */
export const NAME_MAX = 50;
export const SOURCE_MAX = 200;

const HEADER_RE = /^(year|source)\s*[:：]\s*(.*)$/i;
const ENTRY_RE = /^(\S+)\s+(\S+)(?:\s+(.+))?$/;

function lineError(line: number, zh: string, en: string): FieldError {
  return field(`text.line${line}`, `第${line}行：${zh}`, `Line ${line}: ${en}`);
}

/** Parse and validate; throws a 400 Problem listing every error with its line number. */
export function parseCalendarFile(text: string): CalendarFile {
  const errors: FieldError[] = [];
  let year: number | undefined;
  let yearLine = 0;
  let source: string | undefined;
  const raw: { line: number; kind: string; spec: string; name?: string }[] = [];

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const s = rawLine.trim();
    if (!s || s.startsWith('#')) return;
    const h = HEADER_RE.exec(s);
    if (h) {
      const key = h[1].toLowerCase();
      const value = h[2].trim();
      if (key === 'year') {
        if (year !== undefined || yearLine) {
          errors.push(lineError(line, 'year 重复出现', 'year given twice'));
          return;
        }
        yearLine = line;
        const y = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
        if (!(y >= MIN_YEAR && y <= MAX_YEAR))
          errors.push(lineError(line, `年份无效：${value}`, `invalid year: ${value}`));
        else year = y;
      } else {
        if (source !== undefined) {
          errors.push(lineError(line, 'source 重复出现', 'source given twice'));
          return;
        }
        if (!value) errors.push(lineError(line, 'source 不能为空（填写通知文号）', 'source is empty (give the notice number)'));
        else if (value.length > SOURCE_MAX)
          errors.push(lineError(line, `source 过长（最多${SOURCE_MAX}字）`, `source too long (at most ${SOURCE_MAX} characters)`));
        source = value;
      }
      return;
    }
    const m = ENTRY_RE.exec(s);
    if (!m) {
      errors.push(lineError(line, `无法识别：${s}`, `cannot read: ${s}`));
      return;
    }
    raw.push({ line, kind: m[1], spec: m[2], name: m[3]?.trim() });
  });

  if (!yearLine) errors.push(field('text', '缺少 “year: 年份” 行', 'Missing the "year: YYYY" line'));
  if (source === undefined) errors.push(field('text', '缺少 “source: 通知文号” 行', 'Missing the "source: …" line'));
  if (raw.length === 0)
    errors.push(field('text', '没有任何 holiday / workday 条目', 'No holiday or workday entries'));

  const entries: CalendarFileEntry[] = [];
  const seen = new Map<number, number>();
  const days: CalendarDay[] = [];
  for (const r of raw) {
    const kind = r.kind.toLowerCase();
    if (kind !== 'holiday' && kind !== 'workday') {
      errors.push(lineError(r.line, `未知关键字“${r.kind}”（应为 holiday 或 workday）`, `unknown keyword "${r.kind}" (expected holiday or workday)`));
      continue;
    }
    const [a, b, extra] = r.spec.split('..');
    const from = parseCivil(a);
    const to = b === undefined ? from : parseCivil(b);
    if (extra !== undefined || from === undefined || to === undefined) {
      errors.push(lineError(r.line, `日期无效：${r.spec}（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）`, `invalid date: ${r.spec} (expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)`));
      continue;
    }
    if (to < from) {
      errors.push(lineError(r.line, `日期范围颠倒：${r.spec}`, `date range ends before it starts: ${r.spec}`));
      continue;
    }
    if (!r.name) {
      errors.push(lineError(r.line, '缺少名称（如 春节）', 'missing name (e.g. 春节)'));
      continue;
    }
    if (r.name.length > NAME_MAX) {
      errors.push(lineError(r.line, `名称过长（最多${NAME_MAX}字）`, `name too long (at most ${NAME_MAX} characters)`));
      continue;
    }
    if (year !== undefined && (yearOf(from) !== year || yearOf(to) !== year)) {
      errors.push(lineError(r.line, `日期 ${r.spec} 不在 ${year} 年内`, `date ${r.spec} is outside the year ${year}`));
      continue;
    }
    if (year === undefined) continue; // cannot be checked further; the missing year is reported
    let bad = false;
    for (let n = from; n <= to; n++) {
      const prev = seen.get(n);
      if (prev !== undefined) {
        errors.push(lineError(r.line, `${toCivil(n)} 与第${prev}行重叠`, `${toCivil(n)} overlaps line ${prev}`));
        bad = true;
        break;
      }
      if (kind === 'workday' && !isWeekend(n)) {
        errors.push(lineError(r.line, `${toCivil(n)} 是周一至周五，本就是工作日；调休上班日应为周六或周日`, `${toCivil(n)} is a weekday and already a working day; make-up working days fall on a Saturday or Sunday`));
        bad = true;
        break;
      }
    }
    if (bad) continue;
    for (let n = from; n <= to; n++) {
      seen.set(n, r.line);
      days.push({ day: toCivil(n), kind, name: r.name });
    }
    entries.push({ line: r.line, kind, from: toCivil(from), to: toCivil(to), name: r.name });
  }

  if (errors.length || year === undefined || source === undefined)
    throw new Problem(400, 'calendar-file-invalid', '放假安排文件有误', 'Invalid calendar file', { errors });
  days.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
  return { year, source, entries, days };
}

/** The same format back from stored rows (one line per run of consecutive days with one name). */
export function formatCalendarFile(year: number, source: string, days: readonly CalendarDay[]): string {
  const sorted = days
    .map((d) => ({ ...d, n: parseCivil(d.day) ?? Number.NaN }))
    .filter((d) => !Number.isNaN(d.n))
    .sort((a, b) => a.n - b.n);
  const out = [`year: ${year}`, `source: ${source}`];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (
      j + 1 < sorted.length &&
      sorted[j + 1].n === sorted[j].n + 1 &&
      sorted[j + 1].kind === sorted[i].kind &&
      sorted[j + 1].name === sorted[i].name
    )
      j++;
    const spec = i === j ? sorted[i].day : `${sorted[i].day}..${sorted[j].day}`;
    out.push(`${sorted[i].kind} ${spec} ${sorted[i].name}`);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

/**
 * Replace one year's rows with the file's, mark the year loaded from this source, and audit it —
 * all in one transaction. The caller reloads the in-memory calendar afterwards.
 */
export async function importCalendarYear(db: Db, parsed: CalendarFile, actor: Actor | null): Promise<ImportResult> {
  const first = toCivil(dayNumber(parsed.year, 1, 1));
  const last = toCivil(dayNumber(parsed.year, 12, 31));
  return db.tx(async (tx) => {
    const prev = await one<{ source: string | null; holidays: string; workdays: string }>(
      tx,
      sql`select (select source from calendar_year where year = ${parsed.year}) as source,
                 count(*) filter (where kind = 'holiday') as holidays,
                 count(*) filter (where kind = 'workday') as workdays
            from calendar_day where day between ${first}::date and ${last}::date`,
    );
    await tx.execute(sql`delete from calendar_day where day between ${first}::date and ${last}::date`);
    await insertDays(tx, parsed.days);
    await tx.execute(sql`
      insert into calendar_year (year, source, loaded_at) values (${parsed.year}, ${parsed.source}, now())
      on conflict (year) do update set source = excluded.source, loaded_at = excluded.loaded_at`);
    const result: ImportResult = {
      year: parsed.year,
      source: parsed.source,
      holidays: parsed.days.filter((d) => d.kind === 'holiday').length,
      workdays: parsed.days.filter((d) => d.kind === 'workday').length,
      ...(prev?.source != null
        ? { previous: { source: prev.source, holidays: Number(prev.holidays), workdays: Number(prev.workdays) } }
        : {}),
    };
    await appendAudit(tx, {
      actor,
      action: 'calendar_change',
      target: `calendar_year:${parsed.year}`,
      detail: { op: 'import', ...result, entries: parsed.entries.map(({ line: _l, ...e }) => e) },
    });
    return result;
  });
}

/** Parse and import in one call (CLI `fazhi calendar import <file>`). */
export async function importCalendarText(db: Db, text: string, actor: Actor | null): Promise<ImportResult> {
  return importCalendarYear(db, parseCalendarFile(text), actor);
}
