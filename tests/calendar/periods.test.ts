import { describe, expect, it } from 'vitest';
import { Problem } from '../../src/kernel/http/problem.js';
import type { DateRange, PeriodUnit, SkippedDay } from '../../src/kernel/calendar/types.js';
import { WorkCalendar } from '../../src/kernel/calendar/service.js';
import { seededCalendar } from './helpers.js';

/*
 * Expected values come from the State Council's 放假安排 notices for each year (dates of the holiday
 * blocks and of the 调休 working days quoted in the comments) and from counting by hand; the domain
 * notes §9.3 give the two 2025 worked examples. None is produced by the code under test.
 */
const cal = seededCalendar();

interface Case {
  what: string;
  from: string;
  amount: number;
  unit: PeriodUnit;
  due: string;
  pauses?: DateRange[];
  /** Count of skipped days per reason (only where the case is about them). */
  skipped?: Partial<Record<SkippedDay['reason'], number>>;
  /** Named days that must appear among the skipped ones. */
  skippedNames?: Record<string, number>;
}

const cases: Case[] = [
  // §9.3: act known 2025-03-01 → day 1 = 03-02 → day 60 = 04-30 (Wed, a working day).
  { what: '§9.3 复议申请期限 60 CD', from: '2025-03-01', amount: 60, unit: 'day', due: '2025-04-30', skipped: {} },
  // §9.3: day 60 would be 05-01 → 劳动节 5/1–5/5 → 05-06.
  { what: '§9.3 variant: day 60 on 5/1 rolls to 5/6', from: '2025-03-02', amount: 60, unit: 'day', due: '2025-05-06', skipped: { roll_forward: 5 } },
  // §9.3: 补正 10 WD from Fri 04-25; Sun 04-27 is a 调休 working day; 5/1–5/5 off; 5/10–11 weekend.
  {
    what: '§9.3 补正 10 WD across 劳动节 2025',
    from: '2025-04-25',
    amount: 10,
    unit: 'workday',
    due: '2025-05-13',
    skipped: { weekend: 3, holiday: 5 },
    skippedNames: { 劳动节: 5 },
  },
  // 2021 春节: 2/11–2/17 off; Sun 2/7 and Sat 2/20 worked.
  { what: '春节 2021, 5 WD', from: '2021-02-05', amount: 5, unit: 'workday', due: '2021-02-18', skipped: { weekend: 1, holiday: 7 } },
  { what: '春节 2021, 10 WD through Sat 2/20', from: '2021-02-09', amount: 10, unit: 'workday', due: '2021-03-01', skipped: { holiday: 7, weekend: 3 } },
  // 2023 春节: 1/21–1/27 off; Sat 1/28 and Sun 1/29 worked — the 3rd WD is a Sunday.
  { what: '春节 2023, ends on a 调休 Sunday', from: '2023-01-19', amount: 3, unit: 'workday', due: '2023-01-29', skipped: { holiday: 7 } },
  // 2024 春节: 2/10–2/17 off; Sun 2/4 and Sun 2/18 worked; 除夕 2/9 is officially a working day.
  { what: '春节 2024, 5 WD before the block', from: '2024-02-02', amount: 5, unit: 'workday', due: '2024-02-08', skipped: { weekend: 1 } },
  { what: '春节 2024, 5 WD across the block', from: '2024-02-07', amount: 5, unit: 'workday', due: '2024-02-20', skipped: { holiday: 8 } },
  // 2025 春节: 1/28–2/4 off; Sun 1/26 and Sat 2/8 worked.
  { what: '春节 2025, 10 WD', from: '2025-01-24', amount: 10, unit: 'workday', due: '2025-02-13', skipped: { weekend: 2, holiday: 8 }, skippedNames: { 春节: 8 } },
  // 2019 国庆: 10/1–10/7 off; Sun 9/29 and Sat 10/12 worked — the 7th WD is that Saturday.
  { what: '国庆 2019, 7 WD ends on a 调休 Saturday', from: '2019-09-27', amount: 7, unit: 'workday', due: '2019-10-12', skipped: { weekend: 1, holiday: 7 } },
  // 2020 国庆+中秋: 10/1–10/8 off; Sun 9/27 and Sat 10/10 worked.
  { what: '国庆+中秋 2020, 5 WD', from: '2020-09-25', amount: 5, unit: 'workday', due: '2020-10-09', skipped: { weekend: 1, holiday: 8 } },
  { what: '国庆+中秋 2020, 10 WD', from: '2020-09-30', amount: 10, unit: 'workday', due: '2020-10-21', skipped: { holiday: 8, weekend: 3 } },
  // 2023 中秋+国庆: 9/29–10/6 off; Sat 10/7 and Sun 10/8 worked.
  { what: '中秋+国庆 2023, 5 WD', from: '2023-09-27', amount: 5, unit: 'workday', due: '2023-10-10', skipped: { holiday: 8 } },
  // 2019 劳动节: 5/1–5/4 off; Sun 4/28 and Sun 5/5 worked.
  { what: '劳动节 2019, 5 WD', from: '2019-04-26', amount: 5, unit: 'workday', due: '2019-05-06', skipped: { weekend: 1, holiday: 4 } },
  // 2024 劳动节: 5/1–5/5 off; Sun 4/28 and Sat 5/11 worked.
  { what: '劳动节 2024, 10 WD', from: '2024-04-26', amount: 10, unit: 'workday', due: '2024-05-13', skipped: { weekend: 2, holiday: 5 } },
  // 行政复议法 第30条: 5 WD acceptance review, received the day before 国庆 2025 (10/1–10/8 off, Sat 10/11 worked).
  { what: '受理审查 5 WD across 国庆 2025', from: '2025-09-30', amount: 5, unit: 'workday', due: '2025-10-14', skipped: { holiday: 8, weekend: 1 } },
  // 2024 国庆: 10/1–10/7 off. 15 CD from 9/16 ends on 10/1 → rolls to Tue 10/8.
  { what: '15 CD ending in 国庆 2024', from: '2024-09-16', amount: 15, unit: 'day', due: '2024-10-08', skipped: { roll_forward: 7 } },
  // A CD period ending on the 调休 Saturday 2025-02-08 is not rolled (practice, domain notes §9.2).
  { what: '10 CD ending on a 调休 Saturday', from: '2025-01-29', amount: 10, unit: 'day', due: '2025-02-08', skipped: {} },
  // 6 months from 2025-01-12 → Sat 2025-07-12 → Mon 07-14.
  { what: '6 M ending on a Saturday', from: '2025-01-12', amount: 6, unit: 'month', due: '2025-07-14', skipped: { roll_forward: 2 } },
  // 民法典 第202条 by analogy: no 31st in February → month-end.
  { what: 'month-end 2021-08-31 + 6 M', from: '2021-08-31', amount: 6, unit: 'month', due: '2022-02-28', skipped: {} },
  { what: 'month-end in a leap year', from: '2024-01-31', amount: 1, unit: 'month', due: '2024-02-29' },
  { what: 'month-end in a common year', from: '2025-01-31', amount: 1, unit: 'month', due: '2025-02-28' },
  { what: '3 M across a year end', from: '2024-11-30', amount: 3, unit: 'month', due: '2025-02-28' },
  // Pauses.
  {
    what: 'WD with three working days paused',
    from: '2025-04-25',
    amount: 10,
    unit: 'workday',
    pauses: [{ from: '2025-04-28', to: '2025-04-30', name: '补正期间不计' }],
    due: '2025-05-16',
    skipped: { paused: 3, holiday: 5, weekend: 3 },
    skippedNames: { 补正期间不计: 3 },
  },
  // 60 CD + 10 paused days = day 70 = Sat 2025-05-10 → Mon 05-12.
  {
    what: 'CD with ten days paused, then rolled',
    from: '2025-03-01',
    amount: 60,
    unit: 'day',
    pauses: [{ from: '2025-03-10', to: '2025-03-19' }],
    due: '2025-05-12',
    skipped: { paused: 10, roll_forward: 2 },
  },
  // Month arithmetic first (→ 2025-02-12), then the 5 paused days are added (→ Mon 02-17).
  {
    what: 'month with a pause',
    from: '2025-01-12',
    amount: 1,
    unit: 'month',
    pauses: [{ from: '2025-01-20', to: '2025-01-24' }],
    due: '2025-02-17',
    skipped: { paused: 5 },
  },
  {
    what: 'pause entirely before the trigger day is ignored',
    from: '2025-03-01',
    amount: 60,
    unit: 'day',
    pauses: [{ from: '2025-01-01', to: '2025-02-28' }],
    due: '2025-04-30',
    skipped: {},
  },
];

describe('due dates on the official calendar', () => {
  it.each(cases)('$what: $from + $amount $unit → $due', (c) => {
    const r = cal.due(c.from, c.amount, c.unit, { pauses: c.pauses });
    expect(r.due).toBe(c.due);
    expect(r.provisional).toBe(false);
    expect(r.unloadedYears).toEqual([]);
    expect(r).toMatchObject({ from: c.from, amount: c.amount, unit: c.unit });
    if (c.skipped) {
      const counts: Record<string, number> = {};
      for (const s of r.skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
      expect(counts).toEqual(c.skipped);
    }
    for (const [name, n] of Object.entries(c.skippedNames ?? {}))
      expect(r.skipped.filter((s) => s.name === name)).toHaveLength(n);
    // Every skipped day lies after the trigger day and not after the due date.
    for (const s of r.skipped) {
      expect(s.date > c.from).toBe(true);
      expect(s.date < r.due).toBe(true);
    }
  });

  it('explains itself in one sentence, zh and en', () => {
    const r = cal.due('2025-04-25', 10, 'workday');
    expect(r.explanation.zh).toBe('自2025-04-25起10个工作日，跳过周末3天、劳动节5天，截止2025-05-13');
    expect(r.explanation.en).toContain('due 2025-05-13');
    expect(r.explanation.en).toContain('Labour Day');
    const rolled = cal.due('2024-09-16', 15, 'day');
    expect(rolled.explanation.zh).toContain('顺延至2024-10-08');
    expect(rolled.explanation.zh).toContain('2024-10-01为国庆');
    expect(rolled.explanation.en).toContain('2024-10-08');
  });

  it('lists the 2025 劳动节 block by date, weekend days inside it as holiday', () => {
    const r = cal.due('2025-04-25', 10, 'workday');
    expect(r.skipped.filter((s) => s.reason === 'holiday').map((s) => s.date)).toEqual([
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
    ]);
    expect(r.skipped.find((s) => s.date === '2025-04-27')).toBeUndefined(); // worked Sunday
  });

  it('knows working days, 调休 days and holidays', () => {
    expect(cal.isWorkday('2025-04-27')).toBe(true); // Sunday, 调休
    expect(cal.isWorkday('2020-10-10')).toBe(true); // Saturday, 调休
    expect(cal.isWorkday('2025-05-01')).toBe(false);
    expect(cal.isWorkday('2025-05-03')).toBe(false); // Saturday inside the block
    expect(cal.isWorkday('2025-02-09')).toBe(false); // ordinary Sunday
    expect(cal.isWorkday('2025-05-06')).toBe(true);
    expect(cal.isWorkday('2024-02-09')).toBe(true); // 除夕 2024 was not an official day off
  });

  it('counts working days between two dates', () => {
    expect(cal.workdaysBetween('2025-04-25', '2025-05-13')).toBe(10);
    expect(cal.workdaysBetween('2025-05-13', '2025-04-25')).toBe(-10);
    expect(cal.workdaysBetween('2025-05-13', '2025-05-13')).toBe(0);
    // Friday → Monday over a plain weekend: one working day.
    expect(cal.workdaysBetween('2025-03-07', '2025-03-10')).toBe(1);
    expect(cal.workdaysBetween('2025-09-30', '2025-10-14')).toBe(5);
  });

  it('reports which years are loaded', () => {
    expect(cal.isLoaded(2004)).toBe(true);
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
    expect(cal.isLoaded(2003)).toBe(false);
    expect(cal.loadedYears()).toHaveLength(2026 - 2004 + 1);
  });
});

describe('unloaded years: provisional, never silent', () => {
  it('a period entirely in 2027 counts Mon–Fri and is provisional', () => {
    // 2027-03-01 is a Monday: WD 1–4 = 3/2–3/5, 5–9 = 3/8–3/12, 10 = 3/15.
    const r = cal.due('2027-03-01', 10, 'workday');
    expect(r.due).toBe('2027-03-15');
    expect(r.provisional).toBe(true);
    expect(r.unloadedYears).toEqual([2027]);
    expect(r.explanation.zh).toContain('暂定');
    expect(r.explanation.en).toContain('provisional');
  });

  it('a period crossing from 2026 into 2027 is provisional for 2027 only', () => {
    // Thu 2026-12-24: 12/25 = 1, 12/28–12/31 = 2–5, Fri 2027-01-01 counted (no notice loaded) = 6, 1/4–1/7 = 7–10.
    const r = cal.due('2026-12-24', 10, 'workday');
    expect(r.due).toBe('2027-01-07');
    expect(r.provisional).toBe(true);
    expect(r.unloadedYears).toEqual([2027]);
  });

  it('a period that stays inside 2026 is not provisional', () => {
    const r = cal.due('2026-11-02', 10, 'workday');
    expect(r.provisional).toBe(false);
  });

  it('years before the seeded data are flagged too', () => {
    // 2003-12-02 … 2004-03-01: 2003 is not loaded, 2004 is.
    const r = cal.due('2003-12-01', 3, 'month');
    expect(r.due).toBe('2004-03-01');
    expect(r.unloadedYears).toEqual([2003]);
    expect(cal.due('2003-06-01', 10, 'workday').unloadedYears).toEqual([2003]);
  });

  it('an admin-loaded year stops being provisional', () => {
    const c = new WorkCalendar(
      [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
      [2026, { year: 2027, source: '国办发明电〔2026〕N号' }],
    );
    const r = c.due('2026-12-31', 1, 'workday');
    expect(r.due).toBe('2027-01-04');
    expect(r.provisional).toBe(false);
    expect(c.yearSource(2027)).toBe('国办发明电〔2026〕N号');
  });
});

describe('bad input', () => {
  it.each([
    ['2021-02-30', 1, 'day'],
    ['2021-2-3', 1, 'day'],
    ['not a date', 1, 'day'],
    ['2025-01-01', -1, 'day'],
    ['2025-01-01', 1.5, 'workday'],
    ['2025-01-01', Number.NaN, 'workday'],
    ['2025-01-01', 1, 'week'],
  ])('due(%s, %s, %s) is a 400 problem', (from, amount, unit) => {
    const run = () => cal.due(from as string, amount as number, unit as PeriodUnit);
    expect(run).toThrow(Problem);
    try {
      run();
    } catch (e) {
      expect((e as Problem).status).toBe(400);
      expect((e as Problem).opts.errors?.[0].zh).toBeTruthy();
      expect((e as Problem).opts.errors?.[0].en).toBeTruthy();
    }
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => cal.due('2025-01-01', 5, 'day', { pauses: [{ from: '2025-01-05', to: '2025-01-03' }] })).toThrow(Problem);
  });

  it('rejects a period that would run past the supported range', () => {
    expect(() => cal.due('2999-06-01', 12, 'month')).toThrow(Problem);
  });

  it('rejects an invalid row when data is replaced', () => {
    expect(() => new WorkCalendar([{ day: '2025-02-30', kind: 'holiday', name: 'x' }], [])).toThrow();
  });

  it('amount 0 is the trigger day itself, rolled forward when it is not a working day', () => {
    expect(cal.due('2025-05-01', 0, 'day').due).toBe('2025-05-06');
    expect(cal.due('2025-04-30', 0, 'workday').due).toBe('2025-04-30');
  });
});
