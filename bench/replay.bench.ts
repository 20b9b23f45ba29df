// Concluded cases registered per second: one by one (createCase + performAction, one transaction per
// case) against replayCases (plan in memory, multi-row INSERTs), beside the raw baseline of the same
// number of case and event rows written with plain multi-row INSERTs into bare tables, same run.
import { createKernel } from '../src/kernel/boot.js';
import { createCase } from '../src/kernel/cases/create-case.js';
import { performAction } from '../src/kernel/cases/perform-action.js';
import { type ReplayItem, replayCases } from '../src/kernel/cases/replay.js';
import { testConfig } from '../src/kernel/config.js';
import { type Db, sql } from '../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../src/kernel/identity/types.js';
import type { Kernel } from '../src/kernel/kernel.js';
import { createDemoOrg } from '../src/demo/city.js';
import { manifests } from '../src/modules/index.js';
import { report } from './util.js';

const N = Number(process.env.BENCH_REPLAY_N ?? 2000);
const ACTS = 4;

/** N reconsideration-like histories: received, accepted, copy sent, decided, served (concluded). */
function histories(respondents: string[], organs: string[]): ReplayItem[] {
  const items: ReplayItem[] = [];
  for (let i = 0; i < N; i++) {
    const month = String(1 + (i % 9)).padStart(2, '0');
    const day = (d: number) => `2021-${month}-${String(d).padStart(2, '0')}`;
    items.push({
      type: 'reconsideration',
      source: 'demo',
      input: {
        applicant: { kind: 'person', name: `申请人${i}`, idNumber: '11010519491231002X', phone: '13800138000', address: '嘉兴市南湖区某路1号' },
        respondentAgencyId: respondents[i % respondents.length],
        agencyId: organs[i % organs.length],
        act: { description: '行政处罚决定', actDate: day(1), knownOn: day(2) },
        request: '撤销行政处罚决定',
        factsAndReasons: '事实不清',
        channel: 'in_person',
        receivedOn: day(3),
      },
      actions: [
        { action: 'accept', input: { acceptedOn: day(5), procedure: 'ordinary' } },
        { action: 'notify_respondent', input: { sentOn: day(8), method: 'mail' } },
        { action: 'decide', input: { decidedOn: day(25), decisionType: i % 5 ? 'uphold' : 'revoke', findings: '查明……', reasoning: '理由', approvedBy: 'head' } },
        { action: 'serve', input: { servedOn: day(27), method: 'direct' } },
      ],
    });
  }
  return items;
}

async function setup(db: Db): Promise<{ k: Kernel; items: ReplayItem[] }> {
  const k = await createKernel(db, testConfig({ today: '2021-12-31' }), manifests);
  const org = await k.db.tx((tx) => createDemoOrg(tx));
  return { k, items: histories(org.cityDepartments.map((d) => d.id), [org.cityGov.id, ...org.counties.map((c) => c.gov.id)]) };
}

export async function benchReplay(label: string, fresh: () => Promise<{ db: Db; drop: () => Promise<void> }>): Promise<void> {
  const a = await fresh();
  const one = await setup(a.db);
  let t0 = performance.now();
  for (const it of one.items)
    await one.k.db.tx(async (tx) => {
      const c = await createCase(one.k, tx, { type: it.type, input: it.input, actor: SYSTEM_ACTOR, source: it.source });
      let version = c.version;
      for (const act of it.actions) version = (await performAction(one.k, tx, { caseId: c.id, action: act.action, input: act.input, version, actor: SYSTEM_ACTOR })).version;
    });
  const oneByOne = (performance.now() - t0) / 1000;
  await a.drop();

  const b = await fresh();
  const bulk = await setup(b.db);
  t0 = performance.now();
  await bulk.k.db.tx((tx) => replayCases(bulk.k, tx, bulk.items));
  const replay = (performance.now() - t0) / 1000;

  // Raw baseline: the same rows (N cases, N × (1 + ACTS) events) as bare multi-row INSERTs, no planning.
  await b.db.execScript(`create table bench_case (id bigserial primary key, data jsonb not null);
    create table bench_event (id bigserial primary key, case_id bigint not null, n int not null, payload jsonb not null)`);
  t0 = performance.now();
  await bulk.k.db.tx(async (tx) => {
    for (let i = 0; i < N; i += 400) {
      const ids = Array.from({ length: Math.min(400, N - i) }, (_, j) => i + j + 1);
      await tx.execute(sql`insert into bench_case (id, data) values ${sql.join(ids.map((id) => sql`(${id}, ${JSON.stringify(bulk.items[id - 1].input)}::jsonb)`), sql`, `)}`);
      const evs = ids.flatMap((id) => Array.from({ length: 1 + ACTS }, (_, n) => sql`(${id}, ${n + 1}, ${JSON.stringify(bulk.items[id - 1].actions[n - 1]?.input ?? {})}::jsonb)`));
      for (let e = 0; e < evs.length; e += 400) await tx.execute(sql`insert into bench_event (case_id, n, payload) values ${sql.join(evs.slice(e, e + 400), sql`, `)}`);
    }
  });
  const raw = (performance.now() - t0) / 1000;
  await b.drop();

  const acts = N * (1 + ACTS);
  report(`concluded cases, ${N} × (create + ${ACTS} acts) — ${label}`, [
    ['one by one (createCase/performAction), s', oneByOne],
    ['replayCases, s', replay],
    ['raw multi-row INSERT of the same rows (baseline), s', raw],
    ['one by one, acts/s', acts / oneByOne],
    ['replayCases, acts/s', acts / replay],
    ['raw baseline, rows/s', acts / raw],
    ['speed-up (one by one / replay)', oneByOne / replay],
    ['ratio (replay / raw baseline)', replay / raw],
  ]);
}
