import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCaseRoutes } from '../../src/kernel/cases/routes.js';
import { one, sql } from '../../src/kernel/db/client.js';
import { type App, buildApp } from '../../src/kernel/http/app.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { registerPortalRoutes } from '../../src/kernel/portal/routes.js';
import { actor, testKernel } from '../support/kernel.js';
import { insertAgency, petition } from './fixtures.js';

let k: Kernel;
let app: App;
let gov: string;
const users: Record<string, Actor> = {
  staff: actor(),
  reader: actor({ permissions: ['case.read'] }),
};

beforeAll(async () => {
  k = await testKernel([{ ...petition, create: { ...petition.create, portalFill: (today: string) => ({ receivedOn: today }) } }], {
    portalRateLimitPerMinute: 5,
    maxBodyBytes: 20_000,
    maxUploadBytes: 1000,
  });
  gov = await insertAgency(k.db.orm, '嘉兴市人民政府', '330400');
  app = await buildApp(k, {
    resolveActor: async (_k, req) => users[String(req.headers['x-test-user'] ?? '')],
    routes: [registerCaseRoutes, registerPortalRoutes],
  });
});
afterAll(async () => {
  await app.close();
  await k.db.close();
});

const staffCase = (over: Record<string, unknown> = {}) => ({ type: 'petition', input: { name: '李四', phone: '13900139000', receivedOn: '2021-06-01', subject: '不服处罚', agencyId: gov, ...over } });

async function countCases() {
  return Number((await one<{ n: string }>(k.db.orm, sql`select count(*) as n from fz_case`))!.n);
}

describe('HTTP: bad input and failure answer problem+json and write nothing', () => {
  it('401 without a session, 403 without the permission', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/cases', payload: staffCase() });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const f = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'reader' }, payload: staffCase() });
    expect(f.statusCode).toBe(403);
    expect(f.json().title_zh).toBe('无权执行此操作');
  });

  it('malformed JSON → 400, oversized body → 413, unknown fields and wrong types → 400 with zh/en field errors', async () => {
    const before = await countCases();
    const bad = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff', 'content-type': 'application/json' }, payload: '{"type": "petition",' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toContain('malformed-json');
    const big = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase({ subject: 'x'.repeat(30_000) }) });
    expect(big.statusCode).toBe(413);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase({ phone: 12345, receivedOn: '2021-13-01', hack: true }) });
    expect(wrong.statusCode).toBe(400);
    const errs = wrong.json().errors as { path: string; zh: string; en: string }[];
    expect(errs.map((e) => e.path).sort()).toEqual(['hack', 'phone', 'receivedOn']);
    expect(errs.every((e) => /[\u4e00-\u9fff]/.test(e.zh) && e.en)).toBe(true);
    expect(await countCases()).toBe(before);
  });

  it('stale version → 409 and the action is not applied', async () => {
    const c = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase() });
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    const ok = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/accept`, headers: { 'x-test-user': 'staff' }, payload: { version: 1, input: { acceptedOn: '2021-06-02' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/decide`, headers: { 'x-test-user': 'staff' }, payload: { version: 1, input: { decidedOn: '2021-06-10', result: 'uphold' } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const detail = await app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { 'x-test-user': 'staff' } });
    expect(detail.json().state).toBe('accepted');
    expect(detail.json().availableActions.map((a: { name: string }) => a.name)).toContain('decide');
  });

  it('answers an action with just the new version when the client prefers a minimal return', async () => {
    const c = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase() });
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.json().id}/actions/accept`,
      headers: { 'x-test-user': 'staff', prefer: 'return=minimal' },
      payload: { version: 1, input: { acceptedOn: '2021-06-02' } },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['preference-applied']).toBe('return=minimal');
    expect(r.json()).toEqual({ id: c.json().id, version: 2, state: 'accepted' });
  });

  it('generates a DOCX document for the case', async () => {
    const c = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase() });
    const r = await app.inject({ method: 'GET', url: `/api/v1/cases/${c.json().id}/documents/notice`, headers: { 'x-test-user': 'staff' } });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const missing = await app.inject({ method: 'GET', url: `/api/v1/cases/${c.json().id}/documents/nope`, headers: { 'x-test-user': 'staff' } });
    expect(missing.statusCode).toBe(404);
  });

  it('rejects uploads of the wrong type or over the size limit', async () => {
    const c = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-test-user': 'staff' }, payload: staffCase() });
    const id = c.json().id;
    const form = (name: string, content: Buffer) => {
      const boundary = '----fz';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { headers: { 'x-test-user': 'staff', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body };
    };
    const exe = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/attachments`, ...form('evil.pdf', Buffer.from('MZ\x90\x00not a pdf')) });
    expect(exe.statusCode).toBe(415);
    const big = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/attachments`, ...form('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 32)])) });
    expect(big.statusCode).toBe(413);
    const ok = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/attachments`, ...form('证据.pdf', Buffer.from('%PDF-1.4\n%%EOF')) });
    expect(ok.statusCode).toBe(201);
    const n = await one<{ n: string }>(k.db.orm, sql`select count(*) as n from attachment where case_id = ${id}`);
    expect(Number(n!.n)).toBe(1);
  });
});

describe('HTTP: public portal', () => {
  const body = { name: '王五', phone: '13700137000', subject: '申请复议', agencyId: undefined };

  it('requires an Idempotency-Key, replays a retry, refuses the key with another body, and tracks by code + phone', async () => {
    const before = await countCases();
    const noKey = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/petition', payload: body });
    expect(noKey.statusCode).toBe(400);
    const first = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/petition', headers: { 'idempotency-key': 'key-0000001' }, payload: body });
    expect(first.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/petition', headers: { 'idempotency-key': 'key-0000001' }, payload: body });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect(await countCases()).toBe(before + 1);
    const other = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/petition', headers: { 'idempotency-key': 'key-0000001' }, payload: { ...body, subject: '别的' } });
    expect(other.statusCode).toBe(422);

    const code = first.json().trackingCode;
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: code, contact: '13700137001' } });
    expect(wrong.statusCode).toBe(404);
    const t = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: code.toLowerCase(), contact: '13700137000' } });
    expect(t.statusCode).toBe(200);
    expect(t.json().stateLabel.zh).toBe('已收到');
    expect(t.json().receivedOn).toBe('2021-06-30');
  });

  it('takes evidence for a fresh application only with the matching contact', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/portal/cases/petition', headers: { 'idempotency-key': 'key-evidence-1' }, payload: { ...body, subject: '补充证据' } });
    const code = first.json().trackingCode;
    const upload = (contact: string) => {
      const b = '----fzportal';
      const payload = Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="contact"\r\n\r\n${contact}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="照片.png"\r\nContent-Type: image/png\r\n\r\n`),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return app.inject({ method: 'POST', url: `/api/v1/portal/cases/petition/${code}/attachments`, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    };
    expect((await upload('13700137009')).statusCode).toBe(404);
    const ok = await upload('13700137000');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().filename).toBe('照片.png');
  });

  it('rate-limits the portal', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/portal/track', payload: { trackingCode: 'AAAAAAAAAA', contact: '13700137000' } });
      codes.push(r.statusCode);
    }
    expect(codes).toContain(429);
  });
});
