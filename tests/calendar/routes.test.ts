import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKernel } from '../../src/kernel/boot.js';
import { registerCalendarRoutes } from '../../src/kernel/calendar/routes.js';
import { testConfig } from '../../src/kernel/config.js';
import { one, rows, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { testDb } from '../support/db.js';

function actor(permissions: string[]): Actor {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    username: permissions.length ? 'caladmin' : 'clerk',
    displayName: permissions.length ? '日历管理员' : '办事员',
    roles: [],
    permissions,
    regionCode: '330400',
    regionPath: '/330000/330400/',
    agencyId: null,
    agencyOnly: false,
  };
}
const ADMIN = actor(['admin.calendar']);
const CLERK = actor(['case.read']);

let k: Kernel;
let app: App;

beforeAll(async () => {
  const db = await testDb();
  k = await createKernel(db, testConfig({ today: '2026-06-01' }), []);
  app = await buildApp(k, {
    // x-test-actor: admin | clerk | (absent = anonymous)
    resolveActor: async (_k, req) =>
      req.headers['x-test-actor'] === 'admin' ? ADMIN : req.headers['x-test-actor'] === 'clerk' ? CLERK : undefined,
    routes: [registerCalendarRoutes],
  });
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

const as = (who?: 'admin' | 'clerk') => (who ? { 'x-test-actor': who } : {});
const auditCount = async () => Number((await one<{ n: string }>(k.db.orm, sql`select count(*) as n from audit_log`))?.n);

describe('GET /api/v1/calendar/due', () => {
  it('computes a due date without login', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/due?from=2025-04-25&amount=10&unit=workday' });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ from: '2025-04-25', amount: 10, unit: 'workday', due: '2025-05-13', provisional: false, unloadedYears: [] });
    expect(b.skipped).toHaveLength(8);
    expect(b.explanation.zh).toContain('截止2025-05-13');
  });

  it('flags a provisional result', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/due?from=2026-12-24&amount=10&unit=workday' });
    expect(res.json()).toMatchObject({ due: '2027-01-07', provisional: true, unloadedYears: [2027] });
  });

  it.each([
    ['from=2021-02-30&amount=5&unit=day', 'from'],
    ['from=2021-13-01&amount=5&unit=day', 'from'],
    ['from=20210201&amount=5&unit=day', 'from'],
    ['amount=5&unit=day', 'from'],
    ['from=2021-02-01&amount=0&unit=day', 'amount'],
    ['from=2021-02-01&amount=-3&unit=day', 'amount'],
    ['from=2021-02-01&amount=1.5&unit=day', 'amount'],
    ['from=2021-02-01&amount=abc&unit=day', 'amount'],
    ['from=2021-02-01&amount=3651&unit=day', 'amount'],
    ['from=2021-02-01&unit=day', 'amount'],
    ['from=2021-02-01&amount=5&unit=week', 'unit'],
    ['from=2021-02-01&amount=5', 'unit'],
  ])('400 for %s (field %s)', async (qs, path) => {
    const res = await app.inject({ url: `/api/v1/calendar/due?${qs}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const b = res.json();
    expect(b.errors.map((e: { path: string }) => e.path)).toContain(path);
    for (const e of b.errors) {
      expect(e.zh).toBeTruthy();
      expect(e.en).toBeTruthy();
      expect(e.zh).not.toContain('\u241e');
    }
  });

  it('accepts the largest allowed amount', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/due?from=2021-02-01&amount=3650&unit=day' });
    expect(res.statusCode).toBe(200);
  });
});

describe('reading the calendar', () => {
  it('needs a login', async () => {
    for (const url of ['/api/v1/calendar/years', '/api/v1/calendar/days?year=2025', '/api/v1/calendar/alerts']) {
      expect((await app.inject({ url })).statusCode).toBe(401);
    }
  });

  it('lists loaded years with their source', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/years', headers: as('clerk') });
    expect(res.statusCode).toBe(200);
    const years = res.json() as { year: number; source: string; holidays: number; workdays: number }[];
    expect(years[0]).toMatchObject({ year: 2004, source: 'chinese-days' });
    expect(years.at(-1)?.year).toBe(2026);
    const y2025 = years.find((y) => y.year === 2025)!;
    // 2025 notice: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8 = 28 days off; 5 make-up days.
    expect(y2025).toMatchObject({ holidays: 28, workdays: 5 });
  });

  it('lists the days of a year', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/days?year=2025', headers: as('clerk') });
    expect(res.statusCode).toBe(200);
    const days = res.json() as { day: string; kind: string; name: string }[];
    expect(days.find((d) => d.day === '2025-04-27')).toEqual({ day: '2025-04-27', kind: 'workday', name: '劳动节调休上班' });
    expect(days.every((d) => d.day.startsWith('2025-'))).toBe(true);
  });

  it.each(['year=25', 'year=abcd', '', 'year=1800'])('400 for days?%s', async (qs) => {
    const res = await app.inject({ url: `/api/v1/calendar/days?${qs}`, headers: as('clerk') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('year');
  });

  it('alerts about next year when it is not loaded', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/alerts', headers: as('admin') });
    expect(res.statusCode).toBe(200);
    const alerts = res.json() as { year: number; message: { zh: string; en: string } }[];
    expect(alerts.map((a) => a.year)).toEqual([2027]);
    expect(alerts[0].message.zh).toContain('2027');
  });
});

describe('admin changes', () => {
  it('401 without login and 403 without the permission; nothing changes', async () => {
    const before = await auditCount();
    const calls = [
      { method: 'PUT' as const, url: '/api/v1/calendar/days/2025-03-03', payload: { kind: 'holiday', name: '测试' } },
      { method: 'DELETE' as const, url: '/api/v1/calendar/days/2025-05-01' },
      { method: 'POST' as const, url: '/api/v1/calendar/import', payload: { text: 'year: 2027\nsource: x\nholiday 2027-01-01 元旦' } },
    ];
    for (const c of calls) {
      expect((await app.inject(c)).statusCode).toBe(401);
      const res = await app.inject({ ...c, headers: as('clerk') });
      expect(res.statusCode).toBe(403);
      expect(res.json().permission).toBe('admin.calendar');
    }
    expect(await auditCount()).toBe(before);
    expect(k.calendar.isWorkday('2025-03-03')).toBe(true);
    expect(k.calendar.isLoaded(2027)).toBe(false);
  });

  it('PUT a day: audited and effective at once', async () => {
    const before = await auditCount();
    expect(k.calendar.due('2025-02-28', 1, 'workday').due).toBe('2025-03-03');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/days/2025-03-03',
      headers: as('admin'),
      payload: { kind: 'holiday', name: '临时停工' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ day: '2025-03-03', kind: 'holiday', name: '临时停工' });
    expect(k.calendar.due('2025-02-28', 1, 'workday').due).toBe('2025-03-04');
    expect(await auditCount()).toBe(before + 1);
    const a = await one<{ action: string; target: string; actor_id: string }>(
      k.db.orm,
      sql`select action, target, actor_id from audit_log order by seq desc limit 1`,
    );
    expect(a).toEqual({ action: 'calendar_change', target: 'calendar_day:2025-03-03', actor_id: ADMIN.id });
  });

  it.each([
    ['an unknown field', '2025-03-08', { kind: 'holiday', name: 'x', extra: 1 }],
    ['a bad kind', '2025-03-08', { kind: 'rest', name: 'x' }],
    ['an empty name', '2025-03-08', { kind: 'holiday', name: '  ' }],
    ['a make-up day on a weekday', '2025-03-04', { kind: 'workday', name: '调休' }],
    ['an impossible date', '2025-02-29', { kind: 'holiday', name: 'x' }],
  ])('PUT rejects %s with 400 and changes nothing', async (_what, date, payload) => {
    const before = await auditCount();
    const res = await app.inject({ method: 'PUT', url: `/api/v1/calendar/days/${date}`, headers: as('admin'), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(0);
    expect(await auditCount()).toBe(before);
  });

  it('DELETE a day: 204, audited, effective; 404 for a plain day', async () => {
    expect(k.calendar.isWorkday('2025-04-27')).toBe(true); // 调休 Sunday
    const before = await auditCount();
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2025-04-27', headers: as('admin') });
    expect(res.statusCode).toBe(204);
    expect(k.calendar.isWorkday('2025-04-27')).toBe(false);
    expect(await auditCount()).toBe(before + 1);

    const again = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2025-04-27', headers: as('admin') });
    expect(again.statusCode).toBe(404);
    expect(await auditCount()).toBe(before + 1);
    const bad = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2025-04-31', headers: as('admin') });
    expect(bad.statusCode).toBe(400);
  });

  it('POST import: line-numbered 400, nothing written', async () => {
    const before = await auditCount();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: as('admin'),
      payload: { text: 'year: 2027\nsource: x\nholiday 2027-01-01..2027-01-03 元旦\nholiday 2028-01-01 元旦\n' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'text.line4' });
    expect(await auditCount()).toBe(before);
    const n = await rows(k.db.orm, sql`select 1 from calendar_day where day between '2027-01-01' and '2027-12-31'`);
    expect(n).toHaveLength(0);
    for (const payload of [{}, { text: '' }, { text: 'x', more: 1 }]) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/calendar/import', headers: as('admin'), payload });
      expect(r.statusCode).toBe(400);
    }
  });

  it('POST import: loads the year; due dates and alerts follow', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: as('admin'),
      payload: { text: 'year: 2027\nsource: 国办发明电〔2026〕N号\nholiday 2027-01-01..2027-01-03 元旦\n' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, holidays: 3, workdays: 0 });
    // Now 2027-01-01 is a holiday: the 6th working day moves from 1/1 to 1/4, the 10th to 1/8.
    const due = await app.inject({ url: '/api/v1/calendar/due?from=2026-12-24&amount=10&unit=workday' });
    expect(due.json()).toMatchObject({ due: '2027-01-08', provisional: false, unloadedYears: [] });
    const alerts = await app.inject({ url: '/api/v1/calendar/alerts', headers: as('admin') });
    expect(alerts.json()).toEqual([]);
  });
});
