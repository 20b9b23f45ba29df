import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKernel } from '../../src/kernel/boot.js';
import { createCase } from '../../src/kernel/cases/create-case.js';
import { performAction } from '../../src/kernel/cases/perform-action.js';
import { getCaseDetail } from '../../src/kernel/cases/read.js';
import { testConfig } from '../../src/kernel/config.js';
import { one, sql } from '../../src/kernel/db/client.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { createApp } from '../../src/app.js';
import { createCommittee } from '../../src/modules/mediation/committees.js';
import { mediationModule } from '../../src/modules/mediation/index.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { testDb } from '../support/db.js';
import { actor } from '../support/kernel.js';
import { insertAgency, problemOf } from './helpers.js';

/** 诉访分离: a dispute found to be about an administrative act goes to 行政复议 as a linked case. */
let k: Kernel;
let bureau: string;
const staff = actor();
const PHONE = '13800138000';

beforeAll(async () => {
  k = await createKernel(await testDb(), testConfig({ today: '2021-06-30' }), [mediationModule.manifest!, reconsiderationModule.manifest], mediationModule.registers);
  await insertAgency(k.db.orm, '嘉兴市人民政府', '330400', 'government', '嘉');
  bureau = await insertAgency(k.db.orm, '嘉兴市南湖区自然资源和规划局', '330402', 'department', '南自');
  await k.db.tx((tx) => createCommittee(tx, { name: '建设街道人民调解委员会', regionCode: '330402007', level: 'town', abbr: '建设' }));
});
afterAll(() => k.db.close());

async function portalDispute(applicant: Record<string, unknown>) {
  return k.db.tx((tx) =>
    createCase(k, tx, {
      type: 'mediation',
      input: {
        applicant,
        otherParty: { name: '南湖区某村村委会' },
        category: 'land_demolition',
        description: '对征地补偿标准有异议，认为区自然资源和规划局的补偿决定不合理。',
        disputeAddress: '建设街道某村',
        regionCode: '330402007',
        channel: 'portal',
        receivedOn: '2021-06-01',
      },
      actor: staff,
      source: 'portal',
    }),
  );
}

const handOff = (over: Record<string, unknown> = {}) => ({
  handedOffOn: '2021-06-10',
  channel: 'reconsideration',
  reason: '争议系对行政机关补偿决定不服，属行政复议范围。',
  respondentAgencyId: bureau,
  actDescription: '征地补偿决定',
  actDate: '2021-05-10',
  knownOn: '2021-05-12',
  ...over,
});

const count = async () => (await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from fz_case where type = 'reconsideration'`))?.n;

describe('hand-off from mediation to reconsideration', () => {
  it('creates a linked reconsideration case in the same transaction, visible from both sides and by the same phone', async () => {
    const d = await portalDispute({ name: '张三', phone: PHONE, idNumber: '11010519491231002X', address: '嘉兴市南湖区某村1号' });
    await k.db.tx((tx) => performAction(k, tx, { caseId: d.id, action: 'hand_off', input: handOff(), version: 1, actor: staff }));
    const src = await getCaseDetail(k, k.db.orm, d.id, staff);
    expect(src.state).toBe('handed_off');
    const link = src.links.find((l: { relation: string }) => l.relation === 'handed_off_to');
    expect(link).toMatchObject({ direction: 'out', case: { type: 'reconsideration' } });
    const targetId = (link as unknown as { case: { id: string } }).case.id;
    const target = await getCaseDetail(k, k.db.orm, targetId, staff);
    expect(target.links.find((l: { relation: string }) => l.relation === 'handed_off_to')).toMatchObject({ direction: 'in', case: { id: d.id, type: 'mediation' } });
    expect(target.state).toBe('received');
    expect(target.data.act).toMatchObject({ description: '征地补偿决定', actDate: '2021-05-10', knownOn: '2021-05-12' });
    expect(target.data.receivedOn).toBe('2021-06-10');
    expect(String(target.data.factsAndReasons)).toMatch(/征地补偿标准有异议/);
    expect(target.parties.find((p: { role: string }) => p.role === 'applicant')?.name).toMatch(/^张/);
    expect((await row(targetId))?.subject_agency_id).toBe(bureau);
    expect((await row(d.id))?.attrs.handoff_channel).toBe('reconsideration');

    // The party tracks the new case with its own 查询码 and the same phone.
    const app = await createApp(k);
    const code = (await row(targetId))?.tracking_code;
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: code, contact: PHONE } });
    expect(res.statusCode).toBe(200);
    expect(res.json().type).toBe('reconsideration');
    const srcCode = (await row(d.id))?.tracking_code;
    const srcTrack = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: srcCode, contact: PHONE } });
    expect(srcTrack.json().handedOff[0]).toMatchObject({ type: 'reconsideration', trackingCode: code });
    await app.close();
  });

  it('asks for the respondent, and rolls everything back when the target refuses the case', async () => {
    const d = await portalDispute({ name: '李四', phone: '13900139000', idNumber: '11010519491231002X', address: '嘉兴市南湖区某村2号' });
    const before = await count();
    const missing = await problemOf(k.db.tx((tx) => performAction(k, tx, { caseId: d.id, action: 'hand_off', input: handOff({ respondentAgencyId: undefined }), version: 1, actor: staff })));
    expect(missing.status).toBe(400);
    expect(missing.opts.errors?.[0]).toMatchObject({ path: 'respondentAgencyId', zh: '移交行政复议须指明被申请人' });
    // An agency that does not exist: the reconsideration intake fails → the mediation side is not closed either.
    const unknown = await problemOf(k.db.tx((tx) => performAction(k, tx, { caseId: d.id, action: 'hand_off', input: handOff({ respondentAgencyId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }), version: 1, actor: staff })));
    expect(unknown.status).toBe(400);
    expect(await count()).toBe(before);
    const r = await row(d.id);
    expect(r?.state).toBe('routed');
    expect(r?.version).toBe(1);
    expect((await one<{ n: number }>(k.db.orm, sql`select count(*)::int as n from case_link where from_case_id = ${d.id}`))?.n).toBe(0);
  });

  it('needs the applicant’s ID number and address for 行政复议; other exits are just recorded', async () => {
    const d = await portalDispute({ name: '王五', phone: '13700137000' });
    const p = await problemOf(k.db.tx((tx) => performAction(k, tx, { caseId: d.id, action: 'hand_off', input: handOff(), version: 1, actor: staff })));
    expect(p.opts.errors?.[0].path).toBe('channel');
    await k.db.tx((tx) => performAction(k, tx, { caseId: d.id, action: 'hand_off', input: handOff({ channel: 'petition', respondentAgencyId: undefined }), version: 1, actor: staff }));
    const r = await row(d.id);
    expect(r?.state).toBe('handed_off');
    expect(r?.attrs.handoff_channel).toBe('petition');
  });
});

const row = (id: string) =>
  one<{ state: string; version: number; subject_agency_id: string | null; tracking_code: string | null; attrs: Record<string, unknown> }>(
    k.db.orm,
    sql`select state, version, subject_agency_id, tracking_code, attrs from fz_case where id = ${id}`,
  );
