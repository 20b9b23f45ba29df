import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayNumber, parseCivil, toCivil } from '../../src/kernel/calendar/civil.js';
import type { DateRange, PeriodUnit } from '../../src/kernel/calendar/types.js';
import { addDaysUtc, seededCalendar } from './helpers.js';

const cal = seededCalendar();
const RUNS = { numRuns: 300 };

/** Dates 2003–2028: inside, at both edges of and beyond the seeded years. */
const dateArb = fc.integer({ min: dayNumber(2003, 1, 1), max: dayNumber(2028, 12, 31) }).map(toCivil);
const unitArb = fc.constantFrom<PeriodUnit>('workday', 'day', 'month');
const amountFor = (unit: PeriodUnit) => (unit === 'month' ? fc.integer({ min: 1, max: 24 }) : fc.integer({ min: 1, max: 400 }));
const periodArb = unitArb.chain((unit) => fc.record({ from: dateArb, unit: fc.constant(unit), amount: amountFor(unit) }));
const pauseArb = (from: string) =>
  fc
    .record({ start: fc.integer({ min: -30, max: 400 }), len: fc.integer({ min: 0, max: 60 }) })
    .map(({ start, len }): DateRange => ({ from: addDaysUtc(from, start), to: addDaysUtc(from, start + len) }));

describe('calendar properties', () => {
  it('civil dates round-trip and agree with Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(1900, 1, 1), max: dayNumber(2999, 12, 31) }), (n) => {
        const s = toCivil(n);
        expect(parseCivil(s)).toBe(n);
        expect(s).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it('month arithmetic matches 民法典 第202条: same day or month-end', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 120 }), (from, m) => {
        const to = toCivil(addMonths(parseCivil(from)!, m));
        const [fy, fm, fd] = from.split('-').map(Number);
        const monthIdx = fy * 12 + fm - 1 + m;
        const [ty, tm, td] = to.split('-').map(Number);
        expect(ty * 12 + tm - 1).toBe(monthIdx);
        const lastOfMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
        expect(td).toBe(Math.min(fd, lastOfMonth));
      }),
      { numRuns: 1000 },
    );
  });

  it('due ≥ from, and day/month/workday results are working days', () => {
    fc.assert(
      fc.property(periodArb, ({ from, amount, unit }) => {
        const r = cal.due(from, amount, unit);
        expect(r.due > from).toBe(true);
        expect(cal.isWorkday(r.due)).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding a pause never makes a due date earlier, and a paused day is never the due date', () => {
    fc.assert(
      fc.property(
        periodArb.chain((p) => fc.record({ p: fc.constant(p), pauses: fc.array(pauseArb(p.from), { maxLength: 3 }), extra: pauseArb(p.from) })),
        ({ p, pauses, extra }) => {
          const base = cal.due(p.from, p.amount, p.unit, { pauses });
          const more = cal.due(p.from, p.amount, p.unit, { pauses: [...pauses, extra] });
          expect(more.due >= base.due).toBe(true);
          for (const r of [...pauses, extra]) expect(more.due >= r.from && more.due <= r.to).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('a longer period never ends earlier', () => {
    fc.assert(
      fc.property(periodArb, ({ from, amount, unit }) => {
        expect(cal.due(from, amount + 1, unit).due >= cal.due(from, amount, unit).due).toBe(true);
      }),
      RUNS,
    );
  });

  it('provisional exactly when a touched year is outside 2004–2026', () => {
    fc.assert(
      fc.property(periodArb, ({ from, amount, unit }) => {
        const r = cal.due(from, amount, unit);
        const first = Number(addDaysUtc(from, 1).slice(0, 4));
        const last = Number(r.due.slice(0, 4));
        const expected: number[] = [];
        for (let y = first; y <= last; y++) if (y < 2004 || y > 2026) expected.push(y);
        expect(r.unloadedYears).toEqual(expected);
        expect(r.provisional).toBe(expected.length > 0);
      }),
      RUNS,
    );
  });

  // An independent oracle: chinese-days' own isWorkday, one Date step at a time (seeded years only).
  const seededPeriod = fc.record({
    from: fc.integer({ min: dayNumber(2004, 1, 1), max: dayNumber(2025, 6, 30) }).map(toCivil),
    amount: fc.integer({ min: 1, max: 120 }),
  });

  it('working-day counts agree with chinese-days', () => {
    fc.assert(
      fc.property(seededPeriod, ({ from, amount }) => {
        let d = from;
        let left = amount;
        while (left > 0) {
          d = addDaysUtc(d, 1);
          if (chineseDays.isWorkday(d)) left--;
        }
        expect(cal.due(from, amount, 'workday').due).toBe(d);
        expect(cal.workdaysBetween(from, d)).toBe(amount);
        expect(cal.workdaysBetween(d, from)).toBe(-amount);
      }),
      RUNS,
    );
  });

  it('calendar-day counts with 顺延 agree with chinese-days', () => {
    fc.assert(
      fc.property(seededPeriod, ({ from, amount }) => {
        let d = addDaysUtc(from, amount);
        while (!chineseDays.isWorkday(d)) d = addDaysUtc(d, 1);
        expect(cal.due(from, amount, 'day').due).toBe(d);
      }),
      RUNS,
    );
  });

  it('isWorkday agrees with chinese-days on every day it covers', () => {
    for (let n = dayNumber(2004, 1, 1); n <= dayNumber(2026, 12, 31); n++) {
      const s = toCivil(n);
      if (cal.isWorkday(s) !== chineseDays.isWorkday(s)) throw new Error(`disagree on ${s}`);
    }
  });
});
