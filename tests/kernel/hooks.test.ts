import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/app.js';
import { verifyAudit } from '../../src/kernel/audit/verify.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { defineCaseType } from '../../src/kernel/cases/manifest.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail, listCases, listQuery, workTypes } from '../../src/kernel/cases/read.js';
import { one, rows, sql } from '../../src/kernel/db/client.js';
import type { App } from '../../src/kernel/http/app.js';
import { Problem } from '../../src/kernel/http/problem.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency } from './fixtures.js';

/**
 * The kernel hooks a mechanism builds on: resolvers (routing at intake and on an action), hand-offs
 * into another case type, assignment in the data scope, party actions and the online room on the portal.
 * Two tiny case types stand in for mediation and the procedure a matter is handed into.
 */
const agencies: Record<string, string> = {};

const dispute = defineCaseType({
  type: 'dispute',
  label: { zh: '测试纠纷', en: 'Test dispute' },
  description: { zh: '钩子测试', en: 'Hook tests' },
  initialState: 'routed',
  messages: true,
  states: {
    routed: { label: { zh: '已分派', en: 'Routed' }, category: 'open' },
    agreed: { label: { zh: '已达成协议', en: 'Agreed' }, category: 'open' },
    handed_off: { label: { zh: '已转出', en: 'Handed off' }, category: 'closed' },
  },
  create: {
    permission: 'dispute.create',
    publicIntake: true,
    effectiveDateField: 'receivedOn',
    portalFill: (today: string) => ({ receivedOn: today }),
    input: z.strictObject({ name: z.string().min(1), phone: z.string().regex(/^1\d{10}$/), kind: z.enum(['neighbour', 'property']), receivedOn: z.iso.date() }),
    toCase: (i: { name: string; phone: string; kind: string }) => ({
      title: `${i.kind} dispute`,
      regionCode: '330481',
      data: { kind: i.kind },
      parties: [{ role: 'applicant', kind: 'person' as const, name: i.name, phone: i.phone }],
    }),
    // Routing as data the resolver reads: property disputes go to the industry committee.
    resolve: async (ctx) => {
      const committee = ctx.input.kind === 'property' ? agencies.property : agencies.town;
      const seen = await one<{ n: number }>(ctx.tx, sql`select count(*)::int as n from party where phone_hash = ${ctx.lookupHash(String(ctx.input.phone))}`);
      return {
        agencyId: committee,
        assigneeId: agencies.mediatorUser,
        data: { routing: { committee, samePhoneBefore: Number(seen?.n ?? 0) } },
        note: { reason: `kind=${ctx.input.kind}` },
      };
    },
  },
  actions: {
    escalate: {
      label: { zh: '上移', en: 'Escalate' },
      from: ['routed'],
      to: 'routed',
      permission: 'dispute.escalate',
      input: z.strictObject({ why: z.string().min(1) }),
      resolve: async () => ({ agencyId: agencies.county, assigneeId: null, assignees: [agencies.judgeUser], note: { reason: 'declined' } }),
    },
    agree: { label: { zh: '达成协议', en: 'Agree' }, from: ['routed'], to: 'agreed', permission: 'dispute.agree', input: z.strictObject({}) },
    rate: {
      label: { zh: '评价', en: 'Rate' },
      from: ['agreed'],
      to: 'agreed',
      permission: 'dispute.rate',
      public: true,
      input: z.strictObject({ level: z.enum(['satisfied', 'unsatisfied']) }),
      attrs: (i: { level: string }) => ({ satisfaction: i.level }),
    },
    hand_off: {
      label: { zh: '转出', en: 'Hand off' },
      from: ['routed'],
      to: 'handed_off',
      permission: 'dispute.hand_off',
      input: z.strictObject({ target: z.enum(['procedure', 'elsewhere']), respondentAgencyId: z.string().optional() }),
      handoff: (i: { target: string }) => (i.target === 'procedure' ? { type: 'procedure', relation: 'handed_off_to' } : null),
    },
  },
  clocks: [],
  outcomes: {},
  partyRoles: [{ role: 'applicant', label: { zh: '申请人', en: 'Applicant' } }],
  links: [{ relation: 'handed_off_to', label: { zh: '转入', en: 'Handed off to' }, inverseLabel: { zh: '转自', en: 'Handed off from' } }],
});

const procedure = defineCaseType({
  type: 'procedure',
  label: { zh: '测试程序', en: 'Test procedure' },
  description: { zh: '接收移交', en: 'Receives hand-offs' },
  initialState: 'received',
  states: { received: { label: { zh: '已收到', en: 'Received' }, category: 'open' } },
  create: {
    permission: 'procedure.create',
    effectiveDateField: 'receivedOn',
    input: z.strictObject({ applicantName: z.string(), phone: z.string(), respondentAgencyId: z.uuid(), receivedOn: z.iso.date(), fromCase: z.uuid() }),
    fromHandoff: (p) => ({
      applicantName: p.parties[0].name,
      phone: p.parties[0].phone,
      respondentAgencyId: p.input.respondentAgencyId,
      receivedOn: p.receivedOn,
      fromCase: p.sourceCaseId,
    }),
    toCase: (i: { applicantName: string; phone: string; respondentAgencyId: string; fromCase: string }) => ({
      title: 'handed-off matter',
      agencyId: agencies.county,
      subjectAgencyId: i.respondentAgencyId,
      data: { fromCase: i.fromCase },
      parties: [{ role: 'applicant', kind: 'person' as const, name: i.applicantName, phone: i.phone }],
    }),
  },
  actions: {},
  clocks: [],
  outcomes: {},
  partyRoles: [{ role: 'applicant', label: { zh: '申请人', en: 'Applicant' } }],
});

let k: Kernel;
let app: App;
const admin = actor();

beforeAll(async () => {
  k = await testKernel([dispute, procedure]);
  agencies.town = await insertAgency(k.db.orm, '某镇人民调解委员会', '330481', 'mediation_committee', '镇');
  agencies.property = await insertAgency(k.db.orm, '物业纠纷人民调解委员会', '330481', 'mediation_committee', '物');
  agencies.county = await insertAgency(k.db.orm, '海宁市矛调中心', '330481', 'government', '宁');
  for (const [key, name] of [['mediatorUser', 'tiaojie'], ['judgeUser', 'faguan'], ['otherUser', 'other']] as const) {
    const r = await one<{ id: string }>(
      k.db.orm,
      sql`insert into app_user (id, username, display_name, password_hash, roles, region_code) values (gen_random_uuid(), ${name}, ${name}, 'x', '{}', '330481') returning id`,
    );
    agencies[key] = r!.id;
  }
  app = await createApp(k);
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

const input = (over: Record<string, unknown> = {}) => ({ name: '张三', phone: '13900000001', kind: 'neighbour', receivedOn: '2021-06-01', ...over });
const create = (over: Record<string, unknown> = {}) => k.db.tx((tx) => createCase(k, tx, { type: 'dispute', input: input(over), actor: admin, source: 'staff' }));
const act = (caseId: string, action: string, inp: unknown, version: number, who = admin) =>
  k.db.tx((tx) => performAction(k, tx, { caseId, action, input: inp, version, actor: who }));
/** A committee's mediator: agency-only to the committee. */
const mediator = (agencyId: string, id = agencies.otherUser) => actor({ id, agencyId, agencyOnly: true, permissions: ['case.read', 'dispute.*'], regionPath: '/330000/330400/330481/' });

describe('resolvers', () => {
  it('route a new case to the committee and mediator the rule chooses, and the event says why', async () => {
    const c = await create({ kind: 'property' });
    const d = await getCaseDetail(k, k.db.orm, c.id, admin);
    expect(d.agencyId).toBe(agencies.property);
    expect(d.assigneeId).toBe(agencies.mediatorUser);
    expect(d.assigneeName).toBe('tiaojie');
    expect(d.data.routing).toMatchObject({ committee: agencies.property });
    expect(d.attrs.assignees).toEqual([agencies.mediatorUser]);
    expect(d.events[0].payload).toMatchObject({ reason: 'kind=property' });
  });

  it('can look parties up by the keyed hash of their phone', async () => {
    await create({ phone: '13900000077' });
    const again = await create({ phone: '13900000077' });
    const d = await getCaseDetail(k, k.db.orm, again.id, admin);
    expect((d.data.routing as { samePhoneBefore: number }).samePhoneBefore).toBe(1);
  });

  it('re-route on an action: new committee, lead cleared, others assigned, reason on the timeline', async () => {
    const c = await create();
    await act(c.id, 'escalate', { why: '本级无法调解' }, 1);
    const d = await getCaseDetail(k, k.db.orm, c.id, admin);
    expect(d.agencyId).toBe(agencies.county);
    expect(d.assigneeId).toBeNull();
    expect(d.attrs.assignees).toEqual([agencies.judgeUser]);
    expect(d.events.at(-1)!.payload).toMatchObject({ why: '本级无法调解', reason: 'declined' });
  });
});

describe('assignment in the data scope', () => {
  it('an agency-only user sees their committee’s cases and those assigned to them, nothing else', async () => {
    const town = await create();
    const property = await create({ kind: 'property' });
    const escalated = await create();
    await act(escalated.id, 'escalate', { why: 'x' }, 1);

    const townMediator = mediator(agencies.town);
    await expect(getCaseDetail(k, k.db.orm, town.id, townMediator)).resolves.toBeTruthy();
    await expect(getCaseDetail(k, k.db.orm, property.id, townMediator)).rejects.toMatchObject({ status: 404 });
    // The lead mediator of the property case belongs to no committee here, yet is assigned.
    const lead = mediator(agencies.property, agencies.mediatorUser);
    await expect(getCaseDetail(k, k.db.orm, town.id, lead)).resolves.toBeTruthy();
    // A seconded judge (agency-only to a court) sees the case they were added to, and can act on it.
    const judge = mediator('00000000-0000-4000-8000-000000000001', agencies.judgeUser);
    await expect(getCaseDetail(k, k.db.orm, escalated.id, judge)).resolves.toBeTruthy();
    await expect(getCaseDetail(k, k.db.orm, town.id, judge)).rejects.toMatchObject({ status: 404 });
    const list = await listCases(k, k.db.orm, listQuery.parse({ type: 'dispute', pageSize: '200' }), judge);
    const ids = list.items.map((i) => i.id);
    expect(ids).toContain(escalated.id);
    expect(ids).not.toContain(town.id);
    expect(ids).not.toContain(property.id);
  });
});

describe('the to-do list is the work of the actor', () => {
  it('lists the types the actor can act on; a read-only role sees every type', async () => {
    expect(workTypes(k, actor({ permissions: ['case.read', 'dispute.agree'] }))).toEqual(['dispute']);
    expect(workTypes(k, actor({ permissions: ['case.read', 'indicator.read'] }))).toBeUndefined();
    // Whoever registers a type (a grid worker reporting disputes) follows those cases.
    expect(workTypes(k, actor({ permissions: ['case.read', 'procedure.create'] }))).toEqual(['procedure']);
    const mediatorOnly = await listCases(k, k.db.orm, listQuery.parse({ pageSize: '200' }), admin, { types: ['procedure'] });
    expect(mediatorOnly.items.every((i) => i.type === 'procedure')).toBe(true);
  });
});

describe('hand-offs', () => {
  it('create the target case from the neutral payload in the same transaction and link both ways', async () => {
    const c = await create({ phone: '13900000123' });
    const r = await act(c.id, 'hand_off', { target: 'procedure', respondentAgencyId: agencies.county }, 1);
    expect(r.version).toBe(3); // the hand-off event, then the link event on the source
    const link = await one<{ to_case_id: string; relation: string }>(k.db.orm, sql`select to_case_id, relation from case_link where from_case_id = ${c.id}`);
    expect(link?.relation).toBe('handed_off_to');
    const target = await getCaseDetail(k, k.db.orm, link!.to_case_id, admin);
    expect(target.type).toBe('procedure');
    expect(target.data.fromCase).toBe(c.id);
    expect(target.links[0]).toMatchObject({ direction: 'in', relation: 'handed_off_to', case: { id: c.id } });
    // The applicant's phone was decrypted and encrypted again for the new case, never copied as plaintext.
    const p = await one<{ phone_enc: string; phone_hash: string }>(k.db.orm, sql`select phone_enc, phone_hash from party where case_id = ${target.id}`);
    expect(k.pii.decrypt(p!.phone_enc)).toBe('13900000123');
    const source = await getCaseDetail(k, k.db.orm, c.id, admin);
    expect(source.state).toBe('handed_off');
    expect(source.links[0]).toMatchObject({ direction: 'out', case: { id: target.id } });
    expect((await verifyAudit(k.db.orm)).ok).toBe(true);
  });

  it('roll back the source action when the target refuses the input: nothing half-written', async () => {
    const c = await create();
    const before = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from fz_case`);
    const err = await act(c.id, 'hand_off', { target: 'procedure' }, 1).catch((e) => e);
    expect(err).toBeInstanceOf(Problem);
    expect(err.status).toBe(400);
    const after = await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from fz_case`);
    expect(after?.n).toBe(before?.n);
    const d = await getCaseDetail(k, k.db.orm, c.id, admin);
    expect(d.state).toBe('routed');
    expect(d.version).toBe(1);
  });

  it('a hand-off to no case type is just the exit: no case created', async () => {
    const c = await create();
    const r = await act(c.id, 'hand_off', { target: 'elsewhere' }, 1);
    expect(r.version).toBe(2);
    expect(await rows(k.db.orm, sql`select 1 from case_link where from_case_id = ${c.id}`)).toHaveLength(0);
  });
});

describe('the portal side: tracking a hand-off, party actions, the online room', () => {
  async function portalCase(phone: string) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/dispute', headers: { 'idempotency-key': `k-${phone}` }, payload: { name: '李四', phone, kind: 'neighbour' } });
    expect(res.statusCode).toBe(201);
    const code = res.json().trackingCode as string;
    const row = await one<{ id: string }>(k.db.orm, sql`select id from fz_case where tracking_code = ${code}`);
    return { code, id: row!.id };
  }
  const track = (trackingCode: string, contact: string) => app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode, contact } });

  it('a handed-off matter has its own 查询码 that answers to the same phone, shown on the original', async () => {
    const { code, id } = await portalCase('13900000201');
    await act(id, 'hand_off', { target: 'procedure', respondentAgencyId: agencies.county }, 1);
    const t = (await track(code, '13900000201')).json();
    expect(t.handedOff).toHaveLength(1);
    expect(t.handedOff[0].typeLabel.zh).toBe('测试程序');
    const t2 = await track(t.handedOff[0].trackingCode, '13900000201');
    expect(t2.statusCode).toBe(200);
    expect(t2.json().type).toBe('procedure');
    expect((await track(t.handedOff[0].trackingCode, '13900000999')).statusCode).toBe(404);
  });

  it('a party performs only the actions opened to them, with their code and contact', async () => {
    const { code, id } = await portalCase('13900000202');
    const early = await app.inject({ method: 'POST', url: '/api/v1/portal/actions/rate', payload: { trackingCode: code, contact: '13900000202', input: { level: 'satisfied' } } });
    expect(early.statusCode).toBe(409); // not agreed yet
    await act(id, 'agree', {}, 1);
    const t = (await track(code, '13900000202')).json();
    expect(t.actions.map((a: { key: string }) => a.key)).toEqual(['rate']);
    expect(t.handler).toBe('某镇人民调解委员会');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/portal/actions/rate', payload: { trackingCode: code, contact: '13900000000', input: { level: 'satisfied' } } });
    expect(wrong.statusCode).toBe(404);
    const notPublic = await app.inject({ method: 'POST', url: '/api/v1/portal/actions/agree', payload: { trackingCode: code, contact: '13900000202', input: {} } });
    expect(notPublic.statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/portal/actions/rate', payload: { trackingCode: code, contact: '13900000202', input: { level: 'meh' } } });
    expect(bad.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/portal/actions/rate', payload: { trackingCode: code, contact: '13900000202', input: { level: 'satisfied' } } });
    expect(ok.statusCode).toBe(200);
    const d = await getCaseDetail(k, k.db.orm, id, admin);
    expect(d.attrs.satisfaction).toBe('satisfied');
    expect(d.events.at(-1)!.actorLabel).toBe('当事人（网上）');
  });

  it('the online room: staff and the party exchange messages and files; others cannot read it', async () => {
    const { code, id } = await portalCase('13900000203');
    const login = async () => {
      await k.db.orm.execute(sql`update app_user set password_hash = ${await (await import('../../src/kernel/identity/password.js')).hashPassword('Room-pass-2021')}, roles = '{mediator}', agency_id = ${agencies.town}, agency_only = true where username = 'other'`);
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'other', password: 'Room-pass-2021' } });
      expect(res.statusCode).toBe(200);
      return String(res.headers['set-cookie']).split(';')[0];
    };
    const cookie = await login();
    const staffPost = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/messages`, headers: { cookie }, payload: { body: '您好，我是调解员，请说明诉求。' } });
    expect(staffPost.statusCode).toBe(201);
    const empty = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/messages`, headers: { cookie }, payload: { body: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].zh).toBe('请输入内容');

    const boundary = 'fzboundary';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="trackingCode"\r\n\r\n${code}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="contact"\r\n\r\n13900000203`,
      `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n这是现场照片`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.txt"\r\nContent-Type: text/plain\r\n\r\nphoto bytes`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const partyPost = await app.inject({ method: 'POST', url: '/api/v1/portal/messages', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    expect(partyPost.statusCode).toBe(201);

    const staffView = (await app.inject({ method: 'GET', url: `/api/v1/cases/${id}/messages`, headers: { cookie } })).json();
    expect(staffView.map((m: { authorKind: string }) => m.authorKind)).toEqual(['staff', 'party']);
    expect(staffView[1].attachment.filename).toBe('photo.txt');
    const partyView = await app.inject({ method: 'POST', url: '/api/v1/portal/messages/list', payload: { trackingCode: code, contact: '13900000203' } });
    expect(partyView.json()).toHaveLength(2);
    const stranger = await app.inject({ method: 'POST', url: '/api/v1/portal/messages/list', payload: { trackingCode: code, contact: '13900000204' } });
    expect(stranger.statusCode).toBe(404);
    // A case type without a room has none.
    const proc = await one<{ id: string }>(k.db.orm, sql`select id from fz_case where type = 'procedure' limit 1`);
    const none = await app.inject({ method: 'GET', url: `/api/v1/cases/${proc!.id}/messages`, headers: { cookie } });
    expect(none.statusCode).toBe(404);
  });
});
