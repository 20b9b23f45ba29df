import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { litigationModule } from '../../src/modules/litigation/index.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency } from './helpers.js';

/**
 * The real manifests' clocks on the official calendar, across real holiday periods of several years.
 * Expected dates are counted by hand from the State Council notices (see docs/modules/calendar.md),
 * never taken from the code's output.
 */
let k: Kernel;
let gov: string;
let bureau: string;
const staff = actor();

beforeAll(async () => {
  k = await testKernel([reconsiderationModule.manifest, litigationModule.manifest], { today: '2026-11-29' });
  gov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  bureau = await insertAgency(k.db.orm, '嘉兴市市场监督管理局', '330400', 'department', '嘉市监');
});
afterAll(() => k.db.close());

const versions = new Map<string, number>();
async function act(id: string, action: string, input: unknown) {
  const r = await k.db.tx((tx) => performAction(k, tx, { caseId: id, action, input, version: versions.get(id) ?? 1, actor: staff }));
  versions.set(id, r.version);
}
async function dueOf(id: string, key: string) {
  return (await getCaseDetail(k, k.db.orm, id, staff)).clocks.find((c) => c.key === key)?.dueOn;
}
async function application(receivedOn: string) {
  const c = await k.db.tx((tx) =>
    createCase(k, tx, {
      type: 'reconsideration',
      input: {
        applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '嘉兴市南湖区某路1号' },
        respondentAgencyId: bureau,
        agencyId: gov,
        act: { description: '行政处罚决定', actDate: '2020-01-02', knownOn: receivedOn },
        request: '撤销行政处罚决定',
        factsAndReasons: '事实不清',
        channel: 'in_person',
        receivedOn,
      },
      actor: staff,
      source: 'staff',
    }),
  );
  return c.id;
}
async function lawsuit(filedOn: string, servedOn: string) {
  const c = await k.db.tx((tx) =>
    createCase(k, tx, {
      type: 'litigation',
      input: {
        court: '嘉兴市南湖区人民法院',
        courtCaseNumber: `（${filedOn.slice(0, 4)}）浙0402行初${Math.floor(Math.random() * 100000)}号`,
        plaintiff: { kind: 'person', name: '李四' },
        defendantAgencyId: bureau,
        cause: '行政处罚',
        filedOn,
        servedOn,
      },
      actor: staff,
      source: 'staff',
    }),
  );
  return c.id;
}

describe('行政复议 clocks across real holidays (行政复议法 第30、31、62、88条)', () => {
  it.each([
    // received, 5 working days of acceptance review
    ['2023-09-27', '2023-10-10'], // 中秋国庆 9/29–10/6 off; Sat 10/7 and Sun 10/8 are 调休 working days
    // 春节 2024: 2/10–2/17 off, 除夕 2/9 is a working day, Sun 2/18 is a 调休 working day:
    // 2/7, 2/8, 2/9, 2/18, 2/19
    ['2024-02-06', '2024-02-19'],
    // 劳动节 2025: 5/1–5/5 off: 5/6, 5/7, 5/8, 5/9, (weekend) 5/12
    ['2025-04-30', '2025-05-12'],
  ])('acceptance review from %s is due %s', async (received, due) => {
    const id = await application(received);
    expect(await dueOf(id, 'acceptance_review')).toBe(due);
  });

  it('the 补正 period: 10 working days from a notice of Fri 2025-04-25 end on 2025-05-13 (domain notes §9.3)', async () => {
    const id = await application('2025-04-24');
    await act(id, 'request_correction', { noticeDate: '2025-04-25', items: ['请补充身份证明'] });
    expect(await dueOf(id, 'correction_period')).toBe('2025-05-13');
  });

  it('a 60-day decision period ending on 国庆 rolls forward to the next working day', async () => {
    const id = await application('2024-07-29');
    await act(id, 'accept', { acceptedOn: '2024-08-02', procedure: 'ordinary' });
    // 2024-08-02 + 60 days = 2024-10-01 (国庆 10/1–10/7) → Tue 2024-10-08
    expect(await dueOf(id, 'decision')).toBe('2024-10-08');
  });
});

describe('行政应诉 clocks across real holidays (行政诉讼法 第67、81、85条; 解释 第48条)', () => {
  it('15 days to defend from Fri 2023-01-06 end in 春节: rolled to Sat 2023-01-28, a 调休 working day', async () => {
    const id = await lawsuit('2023-01-03', '2023-01-06');
    // 01-21 is 除夕 (holiday 1/21–1/27); the next working day is the make-up Saturday 01-28.
    expect(await dueOf(id, 'defence')).toBe('2023-01-28');
  });

  it('six months of first instance from 2021-08-31 end at month-end 2022-02-28', async () => {
    const id = await lawsuit('2021-08-27', '2021-08-31');
    expect(await dueOf(id, 'first_instance')).toBe('2022-02-28');
  });

  it('15 days to appeal a judgment served 2021-09-16 end on 国庆 and roll to 2021-10-08', async () => {
    const id = await lawsuit('2021-05-10', '2021-05-12');
    await act(id, 'judge', { judgmentType: 'reject_claim', judgedOn: '2021-09-14', servedOn: '2021-09-16' });
    expect(await dueOf(id, 'appeal_window')).toBe('2021-10-08');
  });
});
