import { type Orm, sql } from '../db/client.js';
import type { CalendarDay } from './types.js';

/**
 * One statement for any number of days: three array parameters unnested server-side, which is
 * several times faster than a multi-row VALUES list built in JS (see STACK.md).
 */
export async function insertDays(tx: Orm, days: readonly CalendarDay[], opts: { skipLoadedYears?: boolean } = {}) {
  if (days.length === 0) return;
  const filter = opts.skipLoadedYears
    ? sql`where extract(year from t.day)::int not in (select year from calendar_year)`
    : sql``;
  await tx.execute(sql`
    insert into calendar_day (day, kind, name)
    select t.day, t.kind, t.name
      from unnest(${sql.param(days.map((d) => d.day))}::date[],
                  ${sql.param(days.map((d) => d.kind))}::text[],
                  ${sql.param(days.map((d) => d.name))}::text[]) as t(day, kind, name)
    ${filter}
    on conflict (day) do nothing`);
}
