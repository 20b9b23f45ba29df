import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatCalendarFile,
  importCalendarText,
  importCalendarYear,
  parseCalendarFile,
} from '../../src/kernel/calendar/import.js';
import { chineseDaysRows, seedCalendar } from '../../src/kernel/calendar/seed.js';
import { loadCalendar } from '../../src/kernel/calendar/service.js';
import { type Db, one, rows, sql } from '../../src/kernel/db/client.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { SYSTEM_ACTOR } from '../../src/kernel/identity/types.js';
import { testDb } from '../support/db.js';

// A plausible 2027 notice (the real one is not published yet): 元旦 1/1–1/3, 春节 2/6–2/13 with the
// weekend days around it worked, 劳动节 5/1–5/5 with Sat 4/24 worked.
const NOTICE_2027 = `# 国务院办公厅关于2027年部分节假日安排的通知
year: 2027
source: 国办发明电〔2026〕N号

holiday 2027-01-01..2027-01-03 元旦
holiday 2027-02-06..2027-02-13 春节
workday 2027-01-31 春节调休上班
workday 2027-02-20 春节调休上班
holiday 2027-05-01..2027-05-05 劳动节
workday 2027-04-24 劳动节调休上班
`;

function problemOf(fn: () => unknown): Problem {
  try {
    fn();
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a Problem');
}

describe('parseCalendarFile', () => {
  it('reads a notice', () => {
    const f = parseCalendarFile(NOTICE_2027);
    expect(f.year).toBe(2027);
    expect(f.source).toBe('国办发明电〔2026〕N号');
    expect(f.entries).toHaveLength(6);
    // 3 + 8 + 5 days off, 3 make-up days.
    expect(f.days.filter((d) => d.kind === 'holiday')).toHaveLength(16);
    expect(f.days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2027-01-31', '2027-02-20', '2027-04-24']);
    expect(f.days.find((d) => d.day === '2027-02-07')).toEqual({ day: '2027-02-07', kind: 'holiday', name: '春节' });
  });

  it('tolerates a BOM, CRLF, a full-width colon and comments', () => {
    const f = parseCalendarFile('\uFEFFyear：2027\r\nsource: x\r\n# note\r\nholiday 2027-10-01 国庆节\r\n');
    expect(f.days).toEqual([{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }]);
  });

  it.each([
    ['an impossible date', 'holiday 2027-02-30 春节', 3, '日期无效'],
    ['a malformed range', 'holiday 2027-02-01..2027-02-03..2027-02-05 春节', 3, '日期无效'],
    ['a reversed range', 'holiday 2027-02-05..2027-02-01 春节', 3, '颠倒'],
    ['a date outside the year', 'holiday 2026-12-31..2027-01-01 元旦', 3, '不在 2027 年内'],
    ['an unknown keyword', 'vacation 2027-02-01 春节', 3, '未知关键字'],
    ['a missing name', 'holiday 2027-02-01', 3, '缺少名称'],
    ['a make-up day on a weekday', 'workday 2027-02-01 春节调休上班', 3, '周六或周日'],
    ['an unreadable line', 'holiday', 3, '无法识别'],
  ])('rejects %s with its line number', (_what, line, lineNo, zh) => {
    const p = problemOf(() => parseCalendarFile(`year: 2027\nsource: test\n${line}\n`));
    expect(p.status).toBe(400);
    expect(p.code).toBe('calendar-file-invalid');
    const e = p.opts.errors!.find((x) => x.path === `text.line${lineNo}`);
    expect(e, JSON.stringify(p.opts.errors)).toBeDefined();
    expect(e!.zh).toContain(`第${lineNo}行`);
    expect(e!.zh).toContain(zh);
    expect(e!.en).toContain(`Line ${lineNo}`);
  });

  it('rejects overlapping entries, naming both lines', () => {
    const p = problemOf(() =>
      parseCalendarFile('year: 2027\nsource: t\nholiday 2027-02-06..2027-02-13 春节\nholiday 2027-02-13 春节\n'),
    );
    expect(p.opts.errors).toHaveLength(1);
    expect(p.opts.errors![0]).toMatchObject({ path: 'text.line4' });
    expect(p.opts.errors![0].zh).toContain('第3行');
    expect(p.opts.errors![0].en).toContain('overlaps line 3');
  });

  it('reports every error at once, and missing headers', () => {
    const p = problemOf(() => parseCalendarFile('holiday 2027-02-30 x\nfoo 2027-01-01 y\n'));
    const paths = p.opts.errors!.map((e) => e.path);
    expect(paths.filter((x) => x === 'text')).toHaveLength(2); // year and source missing
    expect(paths).toContain('text.line2');
  });

  it('rejects duplicate headers, a bad year and an empty file', () => {
    expect(problemOf(() => parseCalendarFile('year: 2027\nyear: 2028\nsource: a\nholiday 2027-01-01 元旦')).opts.errors![0].path).toBe(
      'text.line2',
    );
    expect(problemOf(() => parseCalendarFile('year: 27\nsource: a\nholiday 2027-01-01 元旦')).opts.errors![0].zh).toContain('年份无效');
    expect(problemOf(() => parseCalendarFile('year: 2027\nsource: a\n')).opts.errors![0].path).toBe('text');
    expect(problemOf(() => parseCalendarFile('year: 2027\nsource:\nholiday 2027-01-01 元旦')).opts.errors![0].path).toBe('text.line2');
  });

  it('round-trips through formatCalendarFile for every seeded year', () => {
    const all = chineseDaysRows();
    for (let y = 2004; y <= 2026; y++) {
      const days = all.filter((d) => d.day.startsWith(`${y}-`));
      const text = formatCalendarFile(y, 'chinese-days', days);
      const back = parseCalendarFile(text);
      expect(back.days).toEqual(days);
    }
  });
});

describe('importCalendarYear', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads a new year, audited, and the calendar stops being provisional', async () => {
    const before = await loadCalendar(db.orm);
    expect(before.due('2027-01-29', 5, 'workday').provisional).toBe(true);

    const r = await importCalendarText(db, NOTICE_2027, SYSTEM_ACTOR);
    expect(r).toMatchObject({ year: 2027, source: '国办发明电〔2026〕N号', holidays: 16, workdays: 3 });
    expect(r.previous).toBeUndefined();

    const cal = await loadCalendar(db.orm);
    expect(cal.isLoaded(2027)).toBe(true);
    // Fri 1/29 → Sun 1/31 worked = 1, 2/1–2/5 = 2–6 … 5 WD ends Thu 2/4.
    const d = cal.due('2027-01-29', 5, 'workday');
    expect(d.provisional).toBe(false);
    expect(d.due).toBe('2027-02-04');
    // Fri 2/5 → 2/6–2/13 off → Mon 2/15 = 1.
    expect(cal.due('2027-02-05', 1, 'workday').due).toBe('2027-02-15');

    const audit = await one<{ action: string; target: string; detail: { op: string; year: number } }>(
      db.orm,
      sql`select action, target, detail from audit_log order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ action: 'calendar_change', target: 'calendar_year:2027', detail: { op: 'import', year: 2027 } });
  });

  it('replaces the year on re-import and records what was there', async () => {
    const r = await importCalendarYear(db, parseCalendarFile('year: 2027\nsource: 更正\nholiday 2027-01-01 元旦\n'), SYSTEM_ACTOR);
    expect(r.previous).toEqual({ source: '国办发明电〔2026〕N号', holidays: 16, workdays: 3 });
    const left = await rows<{ day: string }>(
      db.orm,
      sql`select to_char(day, 'YYYY-MM-DD') as day from calendar_day where day >= '2027-01-01' and day <= '2027-12-31'`,
    );
    expect(left.map((x) => x.day)).toEqual(['2027-01-01']);
    const y = await one<{ source: string }>(db.orm, sql`select source from calendar_year where year = 2027`);
    expect(y?.source).toBe('更正');
  });

  it('leaves neighbouring years alone', async () => {
    const n2026 = await one<{ n: string }>(
      db.orm,
      sql`select count(*) as n from calendar_day where day between '2026-01-01' and '2026-12-31'`,
    );
    expect(Number(n2026?.n)).toBe(chineseDaysRows(2026, 2026).length);
  });

  it('an imported year survives a later seedCalendar run', async () => {
    await importCalendarYear(db, parseCalendarFile('year: 2025\nsource: admin\nholiday 2025-01-01 元旦\n'), SYSTEM_ACTOR);
    await seedCalendar(db);
    const n = await one<{ n: string }>(db.orm, sql`select count(*) as n from calendar_day where day between '2025-01-01' and '2025-12-31'`);
    expect(Number(n?.n)).toBe(1);
    const y = await one<{ source: string }>(db.orm, sql`select source from calendar_year where year = 2025`);
    expect(y?.source).toBe('admin');
  });
});
