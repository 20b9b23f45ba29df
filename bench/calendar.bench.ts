// Due-date computations/s: WorkCalendar.due (table-driven, explains itself) against chinese-days'
// own findWorkday over the same inputs, measured in the same run.
import chineseDays from 'chinese-days';
import { WorkCalendar } from '../src/kernel/calendar/service.js';
import { chineseDaysRows } from '../src/kernel/calendar/seed.js';
import { report, timeOps } from './util.js';

export async function benchCalendar(): Promise<void> {
  const years = Array.from({ length: 23 }, (_, i) => 2004 + i);
  const cal = new WorkCalendar(chineseDaysRows(), years);
  const starts: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const d = new Date(Date.UTC(2019, 0, 1) + i * 86_400_000 * 2);
    starts.push(d.toISOString().slice(0, 10));
  }
  let i = 0;
  const ours = timeOps(() => cal.due(starts[i++ % starts.length], 10, 'workday'), 1500);
  i = 0;
  const raw = timeOps(() => chineseDays.findWorkday(10, starts[i++ % starts.length]), 1500);
  i = 0;
  const oursDay = timeOps(() => cal.due(starts[i++ % starts.length], 60, 'day'), 1500);
  report('due-date computations (10 working days)', [
    ['WorkCalendar.due, ops/s', ours],
    ['chinese-days findWorkday (baseline), ops/s', raw],
    ['ratio (ours / baseline)', ours / raw],
    ['WorkCalendar.due 60 calendar days, ops/s', oursDay],
  ]);
}
