import { z } from 'zod';
import { rows, sql } from '../db/client.js';
import { refreshClocks } from '../jobs/refresh-clocks.js';
import type { RouteRegistrar } from '../http/app.js';
import { doc as routeDoc } from '../http/doc.js';
import { problems } from '../http/problem.js';
import { bi, parseInput } from '../http/validate.js';
import { assertPermission } from '../identity/policy.js';
import { deleteCalendarDay, setCalendarDay } from './admin.js';
import { isCivilDate, MAX_YEAR, MIN_YEAR } from './civil.js';
import { importCalendarYear, NAME_MAX, parseCalendarFile } from './import.js';
import type { CalendarDay, PeriodUnit } from './types.js';

/** API guard, not a statutory value: ten years of days is beyond any period the platform computes. */
export const MAX_DUE_AMOUNT = 3650;
export const CALENDAR_ADMIN_PERMISSION = 'admin.calendar';

const civilDate = z
  .string({ error: bi('请填写日期（YYYY-MM-DD）', 'A date (YYYY-MM-DD) is required') })
  .refine(isCivilDate, { error: bi('日期无效，应为实际存在的 YYYY-MM-DD 日期', 'Invalid date: expected an existing YYYY-MM-DD date') });

const dueQuery = z.object({
  from: civilDate,
  amount: z
    .string({ error: bi('请填写期间数值', 'The amount is required') })
    .regex(/^[1-9]\d*$/, { error: bi('期间数值应为正整数', 'The amount must be a positive integer') })
    .transform(Number)
    .refine((n) => n <= MAX_DUE_AMOUNT, {
      error: bi(`期间数值不能超过 ${MAX_DUE_AMOUNT}`, `The amount must not exceed ${MAX_DUE_AMOUNT}`),
    }),
  unit: z.enum(['workday', 'day', 'month'], {
    error: bi('期间单位应为 workday（工作日）、day（日）或 month（月）', 'The unit must be workday, day or month'),
  }),
});

const yearQuery = z.object({
  year: z
    .string({ error: bi('请填写年份', 'The year is required') })
    .regex(/^\d{4}$/, { error: bi('年份应为四位数字', 'The year must have four digits') })
    .transform(Number)
    .refine((y) => y >= MIN_YEAR && y <= MAX_YEAR, {
      error: bi(`年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `The year must be within ${MIN_YEAR}–${MAX_YEAR}`),
    }),
});

const dateParams = z.object({ date: civilDate });

const dayBody = z.strictObject({
  kind: z.enum(['holiday', 'workday'], {
    error: bi('类型应为 holiday（放假）或 workday（调休上班）', 'The kind must be holiday or workday'),
  }),
  name: z
    .string({ error: bi('请填写名称', 'The name is required') })
    .trim()
    .min(1, { error: bi('请填写名称', 'The name is required') })
    .max(NAME_MAX, { error: bi(`名称最多 ${NAME_MAX} 字`, `The name has at most ${NAME_MAX} characters`) }),
});

const importBody = z.strictObject({
  text: z.string({ error: bi('请提供放假安排文本', 'The calendar text is required') }).min(1, {
    error: bi('请提供放假安排文本', 'The calendar text is required'),
  }),
});

// Documentation only: validation stays in parseInput so errors keep their zh/en field messages.
const doc = (summary: string) => routeDoc('calendar', summary);

export const registerCalendarRoutes: RouteRegistrar = (app, k) => {
  // Public: anyone (a citizen too) may ask when a period ends.
  app.get('/api/v1/calendar/due', doc('期限计算 Due date of a statutory period (?from=YYYY-MM-DD&amount=N&unit=workday|day|month)'), async (req) => {
    const q = parseInput(dueQuery, req.query);
    return k.calendar.due(q.from, q.amount, q.unit as PeriodUnit);
  });

  app.get('/api/v1/calendar/years', doc('已载入年份 Loaded years and their source'), async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    const years = await rows<{ year: number; source: string; loaded_at: string; holidays: string; workdays: string }>(
      k.db.orm,
      sql`select y.year, y.source, y.loaded_at::text as loaded_at,
                 (select count(*) from calendar_day d where d.kind = 'holiday' and extract(year from d.day)::int = y.year) as holidays,
                 (select count(*) from calendar_day d where d.kind = 'workday' and extract(year from d.day)::int = y.year) as workdays
            from calendar_year y order by y.year`,
    );
    return years.map((y) => ({
      year: Number(y.year),
      source: y.source,
      loadedAt: y.loaded_at,
      holidays: Number(y.holidays),
      workdays: Number(y.workdays),
    }));
  });

  app.get('/api/v1/calendar/days', doc('某年放假与调休 Holidays and make-up working days of one year (?year=YYYY)'), async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    const { year } = parseInput(yearQuery, req.query);
    // Whether the year is loaded, and from which source, is in GET /years.
    return rows<CalendarDay>(
      k.db.orm,
      sql`select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_day
           where day between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date order by day`,
    );
  });

  app.get('/api/v1/calendar/alerts', doc('未载入提醒 This or next year not loaded'), async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    const today = k.today();
    const thisYear = Number(today.slice(0, 4));
    return [thisYear, thisYear + 1]
      .filter((y) => !k.calendar.isLoaded(y))
      .map((year) => ({
        year,
        message: {
          zh: `${year}年放假安排尚未载入：涉及该年的期限按周一至周五推算，结果为暂定。请导入国务院办公厅通知。`,
          en: `The ${year} holiday schedule is not loaded: deadlines in that year assume Mon–Fri and are provisional. Import the State Council notice.`,
        },
      }));
  });

  app.put('/api/v1/calendar/days/:date', doc('设置某日 Set one day (admin.calendar)'), async (req) => {
    assertPermission(req.actor, CALENDAR_ADMIN_PERMISSION);
    const { date } = parseInput(dateParams, req.params);
    const body = parseInput(dayBody, req.body);
    const r = await setCalendarDay(k.db, req.actor, { day: date, kind: body.kind, name: body.name });
    await k.calendar.reload(k.db.orm);
    return { ...r, refreshedCases: await refreshClocks(k) };
  });

  app.delete('/api/v1/calendar/days/:date', doc('恢复某日 Remove one day\'s exception (admin.calendar)'), async (req, reply) => {
    assertPermission(req.actor, CALENDAR_ADMIN_PERMISSION);
    const { date } = parseInput(dateParams, req.params);
    await deleteCalendarDay(k.db, req.actor, date);
    await k.calendar.reload(k.db.orm);
    await refreshClocks(k);
    return reply.status(204).send();
  });

  app.post('/api/v1/calendar/import', doc('导入放假安排 Import a year\'s notice (admin.calendar)'), async (req) => {
    assertPermission(req.actor, CALENDAR_ADMIN_PERMISSION);
    const { text } = parseInput(importBody, req.body);
    const parsed = parseCalendarFile(text);
    const r = await importCalendarYear(k.db, parsed, req.actor);
    await k.calendar.reload(k.db.orm);
    return { ...r, refreshedCases: await refreshClocks(k) };
  });
};
