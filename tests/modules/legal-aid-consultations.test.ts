import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../../src/kernel/db/client.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { computeRegisterIndicator } from '../../src/kernel/indicators/register-indicators.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { createEntry } from '../../src/kernel/registers/create-entry.js';
import { registersOf } from '../../src/kernel/registers/registry.js';
import { legalAidModule } from '../../src/modules/legal-aid/index.js';
import { actor, testKernel } from '../support/kernel.js';

/** 法律咨询 (法律援助法第二十三条) as a register: personal data encrypted, counts and conversion from the data. */
let k: Kernel;
const staff = actor({ permissions: ['legal_aid.*'] });
const YEAR = { from: '2022-01-01', to: '2022-12-31' };

const consultation = (over: Record<string, unknown> = {}) => ({
  name: '王某',
  phone: '13900001111',
  channel: 'phone',
  subject: 'wages',
  question: '公司拖欠三个月工资，能否申请法律援助？',
  answer: '可向劳动者所在地法律援助中心申请，农民工追索劳动报酬免予核查经济困难状况。',
  consultedOn: '2022-03-01',
  regionCode: '330402',
  ...over,
});

beforeAll(async () => {
  k = await testKernel([legalAidModule.manifest!], { today: '2022-12-31' }, legalAidModule.registers);
});
afterAll(() => k.db.close());

describe('legal aid consultations (register)', () => {
  it('records a consultation with the phone encrypted at rest and masked when read', async () => {
    const e = await k.db.tx((tx) => createEntry(k, tx, 'aid_consultation', consultation(), staff));
    const stored = await one<{ data: Record<string, unknown> }>(k.db.orm, sql`select data from register_entry where id = ${e.id}`);
    expect(JSON.stringify(stored?.data)).not.toContain('13900001111');
    expect(JSON.stringify(e)).not.toContain('13900001111');
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from register_entry where register = 'aid_consultation'`);
    const err = await k.db.tx((tx) => createEntry(k, tx, 'aid_consultation', consultation({ phone: '123', subject: 'astrology' }), staff)).catch((x) => x);
    expect(err).toBeInstanceOf(Problem);
    expect(err.opts.errors.map((x: { path: string }) => x.path).sort()).toEqual(['phone', 'subject']);
    const after = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from register_entry where register = 'aid_consultation'`);
    expect(after?.n).toBe(before?.n);
  });

  it('counts consultations and the share that went on to apply', async () => {
    await k.db.tx(async (tx) => {
      await createEntry(k, tx, 'aid_consultation', consultation({ applied: true, consultedOn: '2022-04-01' }), staff);
      await createEntry(k, tx, 'aid_consultation', consultation({ consultedOn: '2022-05-01' }), staff);
      await createEntry(k, tx, 'aid_consultation', consultation({ applied: true, consultedOn: '2021-12-31' }), staff);
    });
    const count = await computeRegisterIndicator(k.db.orm, registersOf(k), 'legal_aid.consultations', YEAR, actor());
    expect(count.value).toBe(3);
    const rate = await computeRegisterIndicator(k.db.orm, registersOf(k), 'legal_aid.consultation_conversion_rate', YEAR, actor());
    expect(rate).toMatchObject({ numerator: 1, denominator: 3, value: 33.33 });
  });
});
