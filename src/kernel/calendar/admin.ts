import { appendAudit } from '../audit/log.js';
import { type Db, one, sql } from '../db/client.js';
import { field, problems } from '../http/problem.js';
import type { Actor } from '../identity/types.js';
import { isWeekend, parseCivil } from './civil.js';
import type { CalendarDay } from './types.js';

/**
 * Admin edits of single days (a correction, or a local closure the notice did not cover). The year's
 * loaded status is not changed: a year becomes "loaded" only by an import of its whole notice.
 */
export async function setCalendarDay(
  db: Db,
  actor: Actor,
  day: CalendarDay,
): Promise<CalendarDay & { previous?: Omit<CalendarDay, 'day'> }> {
  const n = parseCivil(day.day);
  if (n === undefined) throw problems.validation([field('date', '日期无效', 'Invalid date')]);
  if (day.kind === 'workday' && !isWeekend(n))
    throw problems.validation([
      field(
        'kind',
        '周一至周五本就是工作日；调休上班日应为周六或周日',
        'Monday to Friday are working days already; a make-up working day falls on a Saturday or Sunday',
      ),
    ]);
  return db.tx(async (tx) => {
    const prev = await one<Omit<CalendarDay, 'day'>>(
      tx,
      sql`select kind, name from calendar_day where day = ${day.day}::date for update`,
    );
    await tx.execute(sql`
      insert into calendar_day (day, kind, name) values (${day.day}::date, ${day.kind}, ${day.name})
      on conflict (day) do update set kind = excluded.kind, name = excluded.name`);
    await appendAudit(tx, {
      actor,
      action: 'calendar_change',
      target: `calendar_day:${day.day}`,
      detail: { op: 'set', kind: day.kind, name: day.name, previous: prev ?? null },
    });
    return { ...day, ...(prev ? { previous: prev } : {}) };
  });
}

/** Back to the Mon–Fri default for that day; 404 when the day held no exception. */
export async function deleteCalendarDay(db: Db, actor: Actor, date: string): Promise<Omit<CalendarDay, 'day'>> {
  return db.tx(async (tx) => {
    const prev = await one<Omit<CalendarDay, 'day'>>(
      tx,
      sql`delete from calendar_day where day = ${date}::date returning kind, name`,
    );
    if (!prev) throw problems.notFound('calendar day', '日历调整');
    await appendAudit(tx, {
      actor,
      action: 'calendar_change',
      target: `calendar_day:${date}`,
      detail: { op: 'delete', previous: prev },
    });
    return prev;
  });
}
