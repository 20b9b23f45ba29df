import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CalendarService } from '../../src/kernel/calendar/types.js';
import { defineCaseType, type IndicatorFilter } from '../../src/kernel/cases/manifest.js';
import { Registry } from '../../src/kernel/cases/registry.js';
import { testConfig } from '../../src/kernel/config.js';
import { Pii } from '../../src/kernel/crypto/pii.js';
import { type Db, sql } from '../../src/kernel/db/client.js';
import type { Actor } from '../../src/kernel/identity/types.js';
import type { Kernel } from '../../src/kernel/kernel.js';

/**
 * A tiny review-like case type: outcome groups as in 行政复议 (merits / corrected / void / procedural),
 * a ratio with three 口径, an attr-based ratio and two counts.
 */
const closed: IndicatorFilter = { kind: 'closed' };
export const testManifest = defineCaseType({
  type: 'tst_review',
  label: { zh: '测试复议', en: 'Test review' },
  description: { zh: '测试', en: 'Test' },
  states: {
    open: { label: { zh: '办理中', en: 'Open' }, category: 'open' },
    concluded: { label: { zh: '已审结', en: 'Concluded' }, category: 'closed' },
  },
  initialState: 'open',
  create: {
    input: z.strictObject({ title: z.string() }),
    permission: 'tst_review.create',
    effectiveDateField: 'receivedOn',
    toCase: (i: { title: string }) => ({ title: i.title, data: {}, parties: [] }),
  },
  actions: {},
  clocks: [],
  outcomes: {
    uphold: { label: { zh: '维持', en: 'Upheld' }, groups: ['merits'] },
    revoke: { label: { zh: '撤销', en: 'Revoked' }, groups: ['merits', 'corrected'] },
    change: { label: { zh: '变更', en: 'Changed' }, groups: ['merits', 'corrected'] },
    confirm_void: { label: { zh: '确认无效', en: 'Void' }, groups: ['merits', 'void'] },
    not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, groups: ['procedural'] },
  },
  partyRoles: [],
  indicators: [
    {
      key: 'tst.concluded',
      label: { zh: '审结数', en: 'Concluded' },
      unit: 'count',
      version: '1',
      dateField: 'closed_on',
      numerator: [closed],
      definition: { zh: '期间内审结的案件数', en: 'Cases concluded in the period' },
      source: 'test',
    },
    {
      key: 'tst.accepted',
      label: { zh: '受理数', en: 'Accepted' },
      unit: 'count',
      version: '1',
      dateField: 'received_on',
      numerator: [{ kind: 'attr_equals', attr: 'accepted', value: true }],
      definition: { zh: '期间内收到并受理的案件数', en: 'Cases received in the period and accepted' },
      source: 'test',
    },
    {
      key: 'tst.correction_rate',
      label: { zh: '纠错率', en: 'Correction rate' },
      unit: 'percent',
      version: '2021.1',
      dateField: 'closed_on',
      numerator: [closed, { kind: 'outcome_in', groups: ['corrected'] }],
      denominator: [closed, { kind: 'outcome_in', groups: ['merits'] }],
      definition: { zh: '纠错决定数 ÷ 实体审结数', en: 'Corrective decisions ÷ merits decisions' },
      source: '行政复议法 第六十三条至第六十七条',
      variantSetting: {
        key: 'tst.correction_rate.variant',
        default: 'standard',
        options: {
          standard: { label: { zh: '标准口径', en: 'Standard' } },
          with_void: {
            label: { zh: '含确认无效', en: 'Including void' },
            numerator: [closed, { kind: 'outcome_in', groups: ['corrected', 'void'] }],
          },
          all_concluded: { label: { zh: '分母为全部审结', en: 'All concluded' }, denominator: [closed] },
        },
      },
    },
    {
      key: 'tst.head_rate',
      label: { zh: '出庭率', en: 'Appearance rate' },
      unit: 'percent',
      version: '1',
      dateField: 'closed_on',
      numerator: [{ kind: 'attr_equals', attr: 'head_appeared', value: true }],
      denominator: [{ kind: 'attr_equals', attr: 'heard', value: true }],
      definition: { zh: '负责人出庭案件数 ÷ 开庭审理案件数', en: 'Cases with head appearing ÷ cases heard' },
      source: 'test',
    },
    {
      key: 'tst.never',
      label: { zh: '无分组结果', en: 'Outcome group nobody has' },
      unit: 'percent',
      version: '1',
      dateField: 'closed_on',
      numerator: [{ kind: 'outcome_in', groups: ['nonexistent'] }],
      denominator: [{ kind: 'outcome_in', groups: ['nonexistent'] }],
      definition: { zh: '测试', en: 'test' },
      source: 'test',
    },
  ],
});

/** A second type whose cases must never leak into the first type's figures. */
export const otherManifest = defineCaseType({
  ...testManifest,
  type: 'tst_other',
  indicators: [],
});

export const registry = new Registry([testManifest, otherManifest]);

/** Regions the tests rely on (real GB/T 2260 / NBS codes; already present when the baseline seeds 嘉兴). */
export const R = {
  province: '330000',
  city: '330400',
  nanhu: '330402',
  nanhuTown: '330402001',
  haining: '330481',
  hainingTown: '330481001',
  tongxiang: '330483',
};

export const AG = { a: randomUUID(), b: randomUUID() };

export async function seedFixtures(db: Db): Promise<void> {
  await db.execScript(`
    insert into region (code, name, level, parent_code, path) values
      ('330000','浙江省','province',null,'/330000/'),
      ('330400','嘉兴市','city','330000','/330000/330400/'),
      ('330402','南湖区','county','330400','/330000/330400/330402/'),
      ('330402001','解放街道','town','330402','/330000/330400/330402/330402001/'),
      ('330481','海宁市','county','330400','/330000/330400/330481/'),
      ('330481001','海洲街道','town','330481','/330000/330400/330481/330481001/'),
      ('330483','桐乡市','county','330400','/330000/330400/330483/')
    on conflict (code) do nothing;
    insert into agency (id, name, kind, region_code) values
      ('${AG.a}', '甲局', 'department', '330400'),
      ('${AG.b}', '乙局', 'department', '330400');
  `);
}

export interface CaseRow {
  id?: string;
  type?: string;
  region: string;
  outcome?: string | null;
  closedOn?: string | null;
  receivedOn: string;
  attrs?: Record<string, unknown>;
  agency?: string | null;
  subject?: string | null;
}

export async function insertCase(db: Db, r: CaseRow): Promise<string> {
  const id = r.id ?? randomUUID();
  const closedOn = r.closedOn ?? null;
  const cat = closedOn ? 'closed' : 'open';
  await db.orm.execute(sql`insert into fz_case (id, type, number, title, state, state_category, outcome, region_code,
      agency_id, subject_agency_id, head_hash, received_on, closed_on, attrs)
    values (${id}, ${r.type ?? testManifest.type}, ${`T-${id.slice(0, 8)}`}, ${`案件 ${id.slice(0, 8)}`},
      ${closedOn ? 'concluded' : 'open'}, ${cat}, ${r.outcome ?? null}, ${r.region}, ${r.agency ?? null}, ${r.subject ?? null},
      'x', ${r.receivedOn}, ${closedOn}, ${JSON.stringify(r.attrs ?? {})}::jsonb)`);
  return id;
}

export function actor(over: Partial<Actor> = {}): Actor {
  return {
    id: randomUUID(),
    username: 'tester',
    displayName: '测试员',
    roles: [],
    permissions: ['indicator.read'],
    regionCode: R.city,
    regionPath: '/330000/330400/',
    agencyId: null,
    agencyOnly: false,
    ...over,
  };
}

export const cityOfficer = actor();
export const hainingOfficer = actor({ regionCode: R.haining, regionPath: '/330000/330400/330481/' });
export const agencyAOfficer = actor({ agencyId: AG.a, agencyOnly: true });

export function testKernel(db: Db): Kernel {
  const config = testConfig();
  return {
    db,
    config,
    calendar: {} as CalendarService,
    registry,
    pii: new Pii(config.secretKey),
    today: () => '2021-06-01',
    version: '0.0.0',
  };
}
