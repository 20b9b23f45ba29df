import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINESE_DAYS_SOURCE, chineseDaysRows, seedCalendar } from '../../src/kernel/calendar/seed.js';
import { loadCalendar } from '../../src/kernel/calendar/service.js';
import { type Db, one, rows, sql } from '../../src/kernel/db/client.js';
import { testDb } from '../support/db.js';
import { SEEDED_YEARS, seededCalendar, weekdayUtc } from './helpers.js';

describe('seedCalendar', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb(); // the baseline seed already ran seedCalendar once
  });
  afterAll(async () => {
    await db.close();
  });

  const count = async () =>
    one<{ days: string; years: string }>(
      db.orm,
      sql`select (select count(*) from calendar_day) as days, (select count(*) from calendar_year) as years`,
    );

  it('holds 2004–2026 from chinese-days', async () => {
    const years = await rows<{ year: number; source: string }>(db.orm, sql`select year, source from calendar_year order by year`);
    expect(years.map((y) => Number(y.year))).toEqual(SEEDED_YEARS);
    expect(new Set(years.map((y) => y.source))).toEqual(new Set([CHINESE_DAYS_SOURCE]));
    expect(Number((await count())?.days)).toBe(chineseDaysRows().length);
  });

  it('stores the official 2020 国庆+中秋 block and its two make-up days', async () => {
    const r = await rows<{ day: string; kind: string }>(
      db.orm,
      sql`select to_char(day, 'YYYY-MM-DD') as day, kind from calendar_day
           where day between '2020-09-20' and '2020-10-15' order by day`,
    );
    expect(r).toEqual([
      { day: '2020-09-27', kind: 'workday' },
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({ day: `2020-10-${d}`, kind: 'holiday' })),
      { day: '2020-10-10', kind: 'workday' },
    ]);
  });

  it('stores make-up working days only on weekends, with a name', async () => {
    const r = await rows<{ day: string; name: string }>(
      db.orm,
      sql`select to_char(day, 'YYYY-MM-DD') as day, name from calendar_day where kind = 'workday'`,
    );
    expect(r.length).toBeGreaterThan(100);
    for (const d of r) {
      expect([0, 6]).toContain(weekdayUtc(d.day));
      expect(d.name).toMatch(/调休上班$/);
    }
    const names = await rows<{ name: string }>(db.orm, sql`select distinct name from calendar_day where kind = 'holiday'`);
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']));
  });

  it('is idempotent', async () => {
    const before = await count();
    await seedCalendar(db);
    await seedCalendar(db);
    expect(await count()).toEqual(before);
  });

  it('does not bring back a day an admin removed from a loaded year', async () => {
    await db.orm.execute(sql`delete from calendar_day where day = '2025-05-05'`);
    await seedCalendar(db);
    const r = await one(db.orm, sql`select 1 from calendar_day where day = '2025-05-05'`);
    expect(r).toBeUndefined();
  });

  it('fills a year that is missing again', async () => {
    await db.orm.execute(sql`delete from calendar_day where day between '2019-01-01' and '2019-12-31'`);
    await db.orm.execute(sql`delete from calendar_year where year = 2019`);
    await seedCalendar(db);
    const n = await one<{ n: string }>(db.orm, sql`select count(*) as n from calendar_day where day between '2019-01-01' and '2019-12-31'`);
    expect(Number(n?.n)).toBe(chineseDaysRows(2019, 2019).length);
  });

  it('loadCalendar gives the same answers as the in-memory seed', async () => {
    await db.orm.execute(sql`insert into calendar_day (day, kind, name) values ('2025-05-05', 'holiday', '劳动节') on conflict do nothing`);
    const fromDb = await loadCalendar(db.orm);
    const mem = seededCalendar();
    expect(fromDb.loadedYears()).toEqual(mem.loadedYears());
    for (const [from, n] of [
      ['2025-04-25', 10],
      ['2024-02-07', 5],
      ['2020-09-30', 10],
    ] as const) {
      expect(fromDb.due(from, n, 'workday')).toEqual(mem.due(from, n, 'workday'));
    }
  });

  it('reload picks up a change made in the database', async () => {
    const cal = await loadCalendar(db.orm);
    expect(cal.isWorkday('2025-03-03')).toBe(true);
    await db.orm.execute(sql`insert into calendar_day (day, kind, name) values ('2025-03-03', 'holiday', '测试')`);
    expect(cal.isWorkday('2025-03-03')).toBe(true);
    await cal.reload(db.orm);
    expect(cal.isWorkday('2025-03-03')).toBe(false);
    expect(cal.describe('2025-03-03')).toMatchObject({ kind: 'holiday', name: '测试', loaded: true });
  });
});
