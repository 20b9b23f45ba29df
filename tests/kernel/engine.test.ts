import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail, listCases, listQuery } from '../../src/kernel/cases/read.js';
import { one, rows, sql } from '../../src/kernel/db/client.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { sweepExpiredClocks } from '../../src/kernel/jobs/sweep.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, petition } from './fixtures.js';

let k: Kernel;
let cityGov: string;
let hainingGov: string;
const staff = actor();

beforeAll(async () => {
  k = await testKernel([petition]);
  cityGov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  hainingGov = await insertAgency(k.db.orm, '海宁市人民政府', '330481', 'government', '宁');
});
afterAll(() => k.db.close());

const input = (over: Record<string, unknown> = {}) => ({
  name: '张三丰',
  phone: '13800138000',
  receivedOn: '2021-04-28',
  subject: '不服某处罚决定',
  agencyId: cityGov,
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  return k.db.tx((tx) => createCase(k, tx, { type: 'petition', input: input(over), actor: staff, source: 'staff' }));
}
async function act(caseId: string, action: string, inp: unknown, version: number, who = staff) {
  return k.db.tx((tx) => performAction(k, tx, { caseId, action, input: inp, version, actor: who }));
}
async function problemOf(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('case engine', () => {
  it('creates a case with an event, an acceptance clock across the 2021 May Day holiday, and encrypted personal data', async () => {
    const c = await create();
    const d = await getCaseDetail(k, k.db.orm, c.id, staff);
    expect(d.state).toBe('received');
    expect(d.events).toHaveLength(1);
    // 5 working days from Wed 2021-04-28: 4/29, 4/30, (5/1–5/5 holiday), 5/6, 5/7, (5/8 Sat is a 调休 workday) 5/8.
    const acc = d.clocks.find((x) => x.key === 'acceptance')!;
    expect(acc.dueOn).toBe('2021-05-08');
    expect(acc.basis.article).toBe('第三十条');
    const p = await one<{ phone_enc: string; name: string }>(k.db.orm, sql`select phone_enc, name from party where case_id = ${c.id}`);
    expect(p!.phone_enc).not.toContain('13800138000');
    expect(d.parties[0].phone).toBe('138****8000');
    expect(d.parties[0].name).toBe('张*丰');
    // personal data never lands in case data or events
    expect(JSON.stringify(d.data)).not.toContain('13800138000');
    expect(JSON.stringify(d.events)).not.toContain('13800138000');
  });

  it('performs an action: state, version, number, clocks, outbox — and refuses a stale version with 409', async () => {
    const c = await create();
    const r = await act(c.id, 'accept', { acceptedOn: '2021-04-30' }, 1);
    expect(r).toEqual({ version: 2, state: 'accepted' });
    const d = await getCaseDetail(k, k.db.orm, c.id, staff);
    expect(d.number).toMatch(/^嘉测〔2021〕\d+号$/);
    expect(d.clocks.find((x) => x.key === 'acceptance')!.status).toBe('met');
    // 60 days from 2021-04-30 = 2021-06-29 (Tue, a working day)
    expect(d.clocks.find((x) => x.key === 'decision')!.dueOn).toBe('2021-06-29');
    const stale = await problemOf(act(c.id, 'decide', { decidedOn: '2021-05-10', result: 'uphold' }, 1));
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('stale-version');
    const out = await rows(k.db.orm, sql`select topic from outbox where payload->>'caseId' = ${c.id} order by id`);
    expect(out.map((o: any) => o.topic)).toEqual(['case.petition.created', 'case.petition.accept']);
  });

  it('refuses an action not allowed in the current state (409) and leaves nothing written', async () => {
    const c = await create();
    const before = await one<{ n: string }>(k.db.orm, sql`select count(*) as n from case_event`);
    const p = await problemOf(act(c.id, 'decide', { decidedOn: '2021-05-10', result: 'uphold' }, 1));
    expect(p.status).toBe(409);
    expect(p.code).toBe('invalid-transition');
    expect(p.titleZh).toContain('已收到');
    const after = await one<{ n: string }>(k.db.orm, sql`select count(*) as n from case_event`);
    expect(after!.n).toBe(before!.n);
  });

  it('validates input with bilingual field errors and rolls back', async () => {
    const c = await create();
    const p = await problemOf(act(c.id, 'accept', { acceptedOn: '2021-02-30', extra: 1 }, 1));
    expect(p.status).toBe(400);
    const paths = p.opts.errors!.map((e) => e.path);
    expect(paths).toContain('acceptedOn');
    expect(p.opts.errors!.every((e) => e.zh && e.en)).toBe(true);
    const future = await problemOf(act(c.id, 'accept', { acceptedOn: '2021-07-30' }, 1));
    expect(future.opts.errors![0].zh).toContain('不能晚于今天');
    const d = await getCaseDetail(k, k.db.orm, c.id, staff);
    expect(d.version).toBe(1);
  });

  it('checks role and scope on the server', async () => {
    const c = await create();
    const reader = actor({ permissions: ['case.read'], roles: ['leader'] });
    const denied = await problemOf(act(c.id, 'accept', { acceptedOn: '2021-04-30' }, 1, reader));
    expect(denied.status).toBe(403);
    const tongxiang = actor({ regionCode: '330483', regionPath: '/330000/330400/330483/' });
    const hidden = await problemOf(act(c.id, 'accept', { acceptedOn: '2021-04-30' }, 1, tongxiang));
    expect(hidden.status).toBe(404);
    const hn = await create({ agencyId: hainingGov });
    const haining = actor({ regionCode: '330481', regionPath: '/330000/330400/330481/' });
    const list = await listCases(k, k.db.orm, listQuery.parse({ type: 'petition' }), haining);
    expect(list.items.map((i) => i.id)).toEqual([hn.id]);
    const tx = await listCases(k, k.db.orm, listQuery.parse({ type: 'petition' }), tongxiang);
    expect(tx.total).toBe(0);
    // system-only actions are not for people, even admins
    const sys = await problemOf(act(c.id, 'deem_accept', { acceptedOn: '2021-05-08' }, 1, actor({ permissions: ['petition.*'] })));
    expect(sys.status).toBe(403);
  });

  it('pauses the decision clock while suspended and extends it within the cap', async () => {
    const c = await create({ receivedOn: '2021-03-01' });
    await act(c.id, 'accept', { acceptedOn: '2021-03-02' }, 1);
    await act(c.id, 'suspend', { on: '2021-03-10' }, 2);
    await act(c.id, 'resume', { on: '2021-03-20' }, 3);
    let d = await getCaseDetail(k, k.db.orm, c.id, staff);
    // 60 days from 03-02 = 05-01 (holiday) → +10 paused days (03-11…03-20) = 05-11 (Tue)
    expect(d.clocks.find((x) => x.key === 'decision')!.dueOn).toBe('2021-05-11');
    await act(c.id, 'extend', { days: 20, approvedBy: '负责人' }, 4);
    const over = await problemOf(act(c.id, 'extend', { days: 11, approvedBy: '负责人' }, 5));
    expect(over.status).toBe(400);
    d = await getCaseDetail(k, k.db.orm, c.id, staff);
    expect(d.clocks.find((x) => x.key === 'decision')!.dueOn).toBe('2021-05-31');
  });

  it('numbers gap-free per organ and year, and a rolled-back action returns its number', async () => {
    const a = await create();
    const b = await create();
    await act(a.id, 'accept', { acceptedOn: '2021-04-29' }, 1);
    await expect(
      k.db.tx(async (tx) => {
        await performAction(k, tx, { caseId: b.id, action: 'accept', input: { acceptedOn: '2021-04-29' }, version: 1, actor: staff });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await act(b.id, 'accept', { acceptedOn: '2021-04-29' }, 1);
    const na = (await getCaseDetail(k, k.db.orm, a.id, staff)).number!;
    const nb = (await getCaseDetail(k, k.db.orm, b.id, staff)).number!;
    const seq = (s: string) => Number(s.match(/〕(\d+)号/)![1]);
    expect(seq(nb)).toBe(seq(na) + 1);
  });

  it('deems a case accepted when the review clock expires (system sweep)', async () => {
    const c = await create({ receivedOn: '2021-06-01' });
    const acted = await sweepExpiredClocks(k);
    expect(acted).toBeGreaterThanOrEqual(1);
    const d = await getCaseDetail(k, k.db.orm, c.id, staff);
    expect(d.state).toBe('accepted');
    expect(d.events.at(-1)!.actorLabel).toBe('系统');
    expect(d.events.at(-1)!.effectiveOn).toBe('2021-06-08');
  });
});

describe('audit chain', () => {
  it('verifies, then names the first broken link after an edit, a reorder or a dropped tail', async () => {
    const c = await create();
    await act(c.id, 'accept', { acceptedOn: '2021-04-29' }, 1);
    await act(c.id, 'decide', { decidedOn: '2021-05-10', result: 'revoke' }, 2);
    expect((await verifyAudit(k.db.orm)).ok).toBe(true);

    await k.db.orm.execute(sql`update case_event set payload = '{"result":"uphold"}' where case_id = ${c.id} and n = 3`);
    let r = await verifyAudit(k.db.orm);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ caseId: c.id, n: 3 });
    expect(r.firstBreak!.reason).toContain('edited');
    await k.db.orm.execute(sql`update case_event set payload = '{"result":"revoke","decidedOn":"2021-05-10"}' where case_id = ${c.id} and n = 3`);
    expect((await verifyAudit(k.db.orm)).ok).toBe(true);

    // reorder: swap the numbers of events 2 and 3
    await k.db.orm.execute(sql`update case_event set n = 99 where case_id = ${c.id} and n = 2`);
    await k.db.orm.execute(sql`update case_event set n = 2 where case_id = ${c.id} and n = 3`);
    await k.db.orm.execute(sql`update case_event set n = 3 where case_id = ${c.id} and n = 99`);
    r = await verifyAudit(k.db.orm);
    expect(r.firstBreak).toMatchObject({ caseId: c.id });
    await k.db.orm.execute(sql`update case_event set n = 99 where case_id = ${c.id} and n = 3`);
    await k.db.orm.execute(sql`update case_event set n = 3 where case_id = ${c.id} and n = 2`);
    await k.db.orm.execute(sql`update case_event set n = 2 where case_id = ${c.id} and n = 99`);
    expect((await verifyAudit(k.db.orm)).ok).toBe(true);
  });

  it('detects a deleted last event through the case head', async () => {
    const c = await create();
    await act(c.id, 'accept', { acceptedOn: '2021-04-29' }, 1);
    const k2 = k;
    const ev = await one<{ seq: string }>(k2.db.orm, sql`select seq from case_event where case_id = ${c.id} and n = 2`);
    await k2.db.orm.execute(sql`delete from case_clock where case_id = ${c.id}`);
    await k2.db.orm.execute(sql`delete from case_event where seq = ${ev!.seq}`);
    const r = await verifyAudit(k2.db.orm);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ caseId: c.id });
    expect(r.firstBreak!.reason).toContain('dropped');
  });
});
