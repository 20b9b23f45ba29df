import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineCaseType } from '../../src/kernel/cases/manifest.js';
import { type Orm, sql } from '../../src/kernel/db/client.js';

/** A small case type that exercises every engine feature without depending on a real module. */
export const petition = defineCaseType({
  type: 'petition',
  label: { zh: '测试申请', en: 'Test petition' },
  description: { zh: '引擎测试用', en: 'For engine tests' },
  initialState: 'received',
  states: {
    received: { label: { zh: '已收到', en: 'Received' }, category: 'open' },
    paused: { label: { zh: '中止', en: 'Suspended' }, category: 'paused' },
    accepted: { label: { zh: '已受理', en: 'Accepted' }, category: 'open' },
    decided: { label: { zh: '已决定', en: 'Decided' }, category: 'closed' },
    rejected: { label: { zh: '不予受理', en: 'Rejected' }, category: 'closed' },
  },
  create: {
    permission: 'petition.create',
    publicIntake: true,
    effectiveDateField: 'receivedOn',
    input: z.strictObject({
      name: z.string().min(1).meta({ title: '姓名', en: 'Name' }),
      phone: z.string().regex(/^1[3-9]\d{9}$/).meta({ title: '电话', en: 'Phone' }),
      agencyId: z.uuid().optional(),
      receivedOn: z.iso.date(),
      subject: z.string().min(1).max(200),
    }),
    toCase: (i: { name: string; phone: string; agencyId?: string; subject: string }) => ({
      title: i.subject,
      agencyId: i.agencyId,
      data: { subject: i.subject, phone: i.phone },
      parties: [{ role: 'applicant', kind: 'person' as const, name: i.name, phone: i.phone }],
    }),
  },
  actions: {
    accept: {
      label: { zh: '受理', en: 'Accept' },
      from: ['received'],
      to: 'accepted',
      permission: 'petition.accept',
      input: z.strictObject({ acceptedOn: z.iso.date() }),
      effectiveDateField: 'acceptedOn',
      assignsNumber: true,
      attrs: () => ({ accepted: true }),
    },
    reject: {
      label: { zh: '不予受理', en: 'Reject' },
      from: ['received'],
      to: 'rejected',
      permission: 'petition.reject',
      input: z.strictObject({ reason: z.string().min(2) }),
      outcome: 'rejected',
    },
    deem_accept: {
      label: { zh: '视为受理', en: 'Deemed accepted' },
      from: ['received'],
      to: 'accepted',
      permission: 'petition.deem_accept',
      systemOnly: true,
      input: z.strictObject({ acceptedOn: z.iso.date() }),
      effectiveDateField: 'acceptedOn',
    },
    suspend: {
      label: { zh: '中止', en: 'Suspend' },
      from: ['accepted'],
      to: 'paused',
      permission: 'petition.suspend',
      input: z.strictObject({ on: z.iso.date() }),
      effectiveDateField: 'on',
    },
    resume: {
      label: { zh: '恢复', en: 'Resume' },
      from: ['paused'],
      to: 'accepted',
      permission: 'petition.resume',
      input: z.strictObject({ on: z.iso.date() }),
      effectiveDateField: 'on',
    },
    extend: {
      label: { zh: '延期', en: 'Extend' },
      from: ['accepted'],
      to: 'accepted',
      permission: 'petition.extend',
      input: z.strictObject({ days: z.number().int().min(1), approvedBy: z.string().min(1) }),
    },
    decide: {
      label: { zh: '决定', en: 'Decide' },
      from: ['accepted'],
      to: 'decided',
      permission: 'petition.decide',
      input: z.strictObject({ decidedOn: z.iso.date(), result: z.enum(['uphold', 'revoke']) }),
      effectiveDateField: 'decidedOn',
      outcome: (i: { result: string }) => i.result,
    },
  },
  clocks: [
    {
      key: 'acceptance',
      label: { zh: '受理审查', en: 'Acceptance review' },
      amount: 5,
      unit: 'workday',
      startOn: ['create'],
      stopOn: ['accept', 'reject', 'deem_accept'],
      onExpiry: 'deem_accept',
      basis: { law: '行政复议法', article: '第三十条' },
    },
    {
      key: 'decision',
      label: { zh: '审理期限', en: 'Decision' },
      amount: 60,
      unit: 'day',
      startOn: ['accept', 'deem_accept'],
      stopOn: ['decide'],
      pauseOn: ['suspend'],
      resumeOn: ['resume'],
      extension: { action: 'extend', amountField: 'days', max: 30, unit: 'day', basis: { law: '行政复议法', article: '第六十二条' } },
      basis: { law: '行政复议法', article: '第六十二条' },
    },
  ],
  outcomes: {
    uphold: { label: { zh: '维持', en: 'Upheld' }, groups: ['merits'] },
    revoke: { label: { zh: '撤销', en: 'Revoked' }, groups: ['merits', 'corrected'] },
    rejected: { label: { zh: '不予受理', en: 'Rejected' }, groups: ['procedural'] },
  },
  numbering: { pattern: '{abbr}测〔{year}〕{seq}号', scope: 'agency' },
  partyRoles: [{ role: 'applicant', label: { zh: '申请人', en: 'Applicant' } }],
  links: [{ relation: 'followed_by', label: { zh: '后续', en: 'Followed by' }, inverseLabel: { zh: '源自', en: 'Follows' } }],
  documents: [
    {
      key: 'notice',
      label: { zh: '受理通知书', en: 'Acceptance notice' },
      build: (c) => ({ title: '受理通知书', subtitle: c.caseNumber ?? '', paragraphs: [`关于${c.title}的申请，本机关已依法受理。`], signature: { organ: c.agencyName, date: c.formatDate(c.today) } }),
    },
  ],
});

export async function insertAgency(orm: Orm, name: string, region: string, kind = 'government', abbr = '嘉'): Promise<string> {
  const id = randomUUID();
  await orm.execute(sql`insert into agency (id, name, kind, region_code, abbr) values (${id}, ${name}, ${kind}, ${region}, ${abbr})`);
  return id;
}
