import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCalendarText } from '../../src/kernel/calendar/import.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { refreshClocks } from '../../src/kernel/jobs/refresh-clocks.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, petition } from './fixtures.js';

let k: Kernel;
const staff = actor();
beforeAll(async () => {
  k = await testKernel([petition], { today: '2026-12-29' });
});
afterAll(() => k.db.close());

describe('a clock that reaches an unloaded year', () => {
  it('is provisional until the year is imported, then is derived again on the official calendar', async () => {
    const gov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400');
    const c = await k.db.tx((tx) =>
      createCase(k, tx, { type: 'petition', input: { name: '张三', phone: '13800138000', receivedOn: '2026-12-29', subject: '跨年案件', agencyId: gov }, actor: staff, source: 'staff' }),
    );
    let clock = (await getCaseDetail(k, k.db.orm, c.id, staff)).clocks.find((x) => x.key === 'acceptance')!;
    // Mon–Fri assumed for 2027: 12-30, 12-31, 01-01, 01-04, 01-05
    expect(clock.provisional).toBe(true);
    expect(clock.dueOn).toBe('2027-01-05');

    // A 2027 notice (test data in the documented format): 元旦 1/1–1/3, nothing else in the window.
    await importCalendarText(k.db, 'year: 2027\nsource: 测试通知\nholiday 2027-01-01..2027-01-03 元旦\n', staff);
    await k.calendar.reload(k.db.orm);
    expect(await refreshClocks(k)).toBeGreaterThanOrEqual(1);
    clock = (await getCaseDetail(k, k.db.orm, c.id, staff)).clocks.find((x) => x.key === 'acceptance')!;
    expect(clock.provisional).toBe(false);
    // 12-30, 12-31, (1/1 holiday, 1/2–1/3 weekend+holiday), 01-04, 01-05, 01-06
    expect(clock.dueOn).toBe('2027-01-06');
  });
});
