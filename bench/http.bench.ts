// Portal submissions/s and case actions/s over HTTP, each beside the raw baseline measured in the
// same run through the same stack: fastify + the same database layer, one-row INSERT per transaction.
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { createKernel } from '../src/kernel/boot.js';
import { createCase } from '../src/kernel/cases/create-case.js';
import { testConfig } from '../src/kernel/config.js';
import { type Db, one, sql } from '../src/kernel/db/client.js';
import { SYSTEM_ACTOR } from '../src/kernel/identity/types.js';
import { putSetting } from '../src/kernel/settings.js';
import { createDemoOrg } from '../src/demo/city.js';
import { createDemoUsers, DEMO_PASSWORD } from '../src/demo/users.js';
import { insertEntries } from '../src/kernel/registers/insert-entries.js';
import { createCommittee } from '../src/modules/mediation/committees.js';
import { manifests, registers } from '../src/modules/index.js';
import { report } from './util.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

function applicationBody(agencyId: string) {
  return {
    applicant: { kind: 'person', name: '测试申请人', idNumber: '11010519491231002X', phone: '13800138000', address: '浙江省嘉兴市南湖区某路1号' },
    respondentAgencyId: agencyId,
    act: { description: '行政处罚决定', actDate: '2026-10-01', knownOn: '2026-10-02' },
    request: '请求撤销该行政处罚决定。',
    factsAndReasons: '认定事实不清。',
    preconditionCategory: 'none',
  };
}

/** A neighbour dispute filed on the portal (routed to the town committee, mediator by workload); each its own people. */
function disputeBody(town: string, n: number) {
  return {
    applicant: { name: `申请人${n}`, phone: `139${String(n).padStart(8, '0')}` },
    otherParty: { name: `对方${n}` },
    category: 'neighbour_noise',
    description: '楼上住户夜间噪声，协商未果，申请调解。',
    disputeAddress: `某小区${n}幢`,
    regionCode: town,
  };
}

export async function benchHttp(label: string, db: Db): Promise<void> {
  const k = await createKernel(db, testConfig({ portalRateLimitPerMinute: 10_000_000, today: '2026-11-27' }), manifests, registers);
  const { org, town } = await k.db.tx(async (tx) => {
    const o = await createDemoOrg(tx);
    await createDemoUsers(tx, o);
    await putSetting(tx, 'intake.reconsideration.agency_id', o.cityGov.id);
    // One town committee with three mediators: intake routes every dispute there and picks by workload.
    const t = (await one<{ code: string; name: string }>(tx, sql`select code, name from region where level = 'town' order by code limit 1`))!;
    const c = await createCommittee(tx, { name: `${t.name}人民调解委员会`, regionCode: t.code, level: 'town', abbr: '调' });
    await insertEntries(
      k,
      tx,
      'mediator',
      ['甲', '乙', '丙'].map((x) => ({ name: `调解员${x}`, committeeAgencyId: c.id, specialties: ['neighbour'], regionCode: t.code })),
      SYSTEM_ACTOR,
      { checkPermission: false },
    );
    return { org: o, town: t.code };
  });
  await db.execScript('create table if not exists bench_raw (id bigserial primary key, payload jsonb not null, created_at timestamptz not null default now())');
  const app = await createApp(k);
  // The baseline: the same server, the same database layer, one INSERT in one transaction.
  app.post('/bench/raw', async (req) => {
    await k.db.tx((tx) => tx.execute(sql`insert into bench_raw (payload) values (${JSON.stringify(req.body)}::jsonb)`));
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${addr.port}`;

  const raw = await run({ url: `${base}/bench/raw`, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 1 }) });

  const portal = await run({
    url: `${base}/api/v1/portal/cases/reconsideration`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    idReplacement: true,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
    body: JSON.stringify(applicationBody(org.cityDepartments[0].id)),
  });

  let filed = 0;
  const disputes = await run({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = ++filed;
          return {
            ...req,
            path: '/api/v1/portal/cases/mediation',
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-m-${n}` },
            body: JSON.stringify(disputeBody(town, n)),
          };
        },
      },
    ],
  });

  // Case actions: 受理 on cases registered beforehand (each case takes the action once), spread over
  // the city's eight 复议机关: 受理 draws a gap-free 案号, which serialises numbering within one organ.
  const organs = [org.cityGov, ...org.counties.map((c) => c.gov)];
  const ids: string[] = [];
  const target = Math.max(500, Math.ceil((portal.requests.average || 100) * SECONDS * 1.5));
  for (let i = 0; i < target; i += 100)
    await k.db.tx(async (tx) => {
      for (let j = 0; j < 100; j++)
        ids.push(
          (
            await createCase(k, tx, {
              type: 'reconsideration',
              input: { ...applicationBody(org.cityDepartments[1].id), agencyId: organs[(i + j) % organs.length].id, channel: 'mail', receivedOn: '2026-11-26' },
              actor: SYSTEM_ACTOR,
              source: 'import',
            })
          ).id,
        );
    });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fuyi', password: DEMO_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  let next = 0;
  const actions = await run({
    url: base,
    connections: CONNECTIONS,
    amount: ids.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/cases/${ids[next++ % ids.length]}/actions/accept`,
          headers: { 'content-type': 'application/json', cookie, prefer: 'return=minimal' },
          body: JSON.stringify({ version: 1, input: { acceptedOn: '2026-11-27', procedure: 'ordinary' } }),
        }),
      },
    ],
  });
  await app.close();
  const errs = (r: autocannon.Result) => `${r.non2xx} non-2xx, ${r.errors} errors`;
  report(`HTTP throughput on ${label} (${CONNECTIONS} connections, ${SECONDS} s each)`, [
    ['raw baseline: one-row INSERT per transaction, req/s', raw.requests.average],
    ['portal submissions (行政复议 application), req/s', portal.requests.average],
    ['  ratio to baseline (target ≥ 0.5)', portal.requests.average / raw.requests.average],
    ['  p99 latency, ms', portal.latency.p99],
    ['  status', errs(portal)],
    ['portal dispute intake (调解: routing to committee + mediator, similar-dispute check), req/s', disputes.requests.average],
    ['  ratio to baseline', disputes.requests.average / raw.requests.average],
    ['  p99 latency, ms', disputes.latency.p99],
    ['  status', errs(disputes)],
    ['case actions (受理: clocks, event, 案号; Prefer: return=minimal), req/s', actions.requests.average],
    ['  ratio to baseline (target ≥ 0.5)', actions.requests.average / raw.requests.average],
    ['  p99 latency, ms', actions.latency.p99],
    ['  status', errs(actions)],
  ]);
}
