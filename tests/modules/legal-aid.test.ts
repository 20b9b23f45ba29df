import { describe, expect, it } from 'vitest';
import type { CaseTypeManifest, HandoffPayload } from '../../src/kernel/cases/manifest.js';
import { validateManifest } from '../../src/kernel/cases/registry.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { parseInput } from '../../src/kernel/http/validate.js';
import { buildGrantDecision, buildRefusalDecision } from '../../src/modules/legal-aid/documents.js';
import { legalAidModule } from '../../src/modules/legal-aid/index.js';
import { EXEMPT_BASIS, MEANS_THRESHOLD_DEFAULT, meansTest, thresholdFor } from '../../src/modules/legal-aid/means-test.js';
import { firmInput, providerInput } from '../../src/modules/legal-aid/registers.js';
import * as s from '../../src/modules/legal-aid/schemas.js';
import { articleText, articlesOf, chinese, docContext, haveLaws, probeTargets, unlabelledFields } from './helpers.js';

const m: CaseTypeManifest = legalAidModule.manifest!;
const ID = '11010519491231002X';

const application = (over: Record<string, unknown> = {}) => ({
  applicant: { name: '张三', idNumber: ID, phone: '13800138000', address: '嘉兴市南湖区某路1号' },
  matterType: 'civil',
  subject: 'wages',
  proceeding: 'arbitration',
  facts: '被拖欠工资三个月',
  channel: 'window',
  receivedOn: '2021-05-06',
  regionCode: '330402',
  householdSize: 3,
  householdMonthlyIncome: 5000,
  ...over,
});

const fixed = (value: number, source = 'k') => ({ value, source });

describe('legal aid manifest: structure', () => {
  it('passes the kernel validator and reaches only declared states', () => {
    expect(() => validateManifest(m)).not.toThrow();
    const data = [{ objection: { against: 'refused' } }, { objection: { against: 'terminated' } }];
    for (const [name, a] of Object.entries(m.actions)) {
      for (const f of a.from) expect(m.states[f], `${name} from ${f}`).toBeDefined();
      const targets = probeTargets(m, name, [{ matterConcluded: true }, { matterConcluded: false }], data);
      expect(targets.length, name).toBeGreaterThan(0);
      for (const t of targets) expect(m.states[t], `${name} → ${t}`).toBeDefined();
    }
  });

  it('uses legal_aid.<action> permissions, the action keys the roles grant, and labelled inputs', () => {
    for (const [name, a] of Object.entries(m.actions)) {
      expect(a.permission).toBe(`legal_aid.${name}`);
      expect(unlabelledFields(a.input), name).toEqual([]);
      for (const d of a.documents ?? []) expect(m.documents?.some((x) => x.key === d), `${name} document ${d}`).toBe(true);
    }
    // aid_lawyer holds exactly these two (kernel/identity/roles.ts).
    expect(m.actions.report_progress).toBeDefined();
    expect(m.actions.close).toBeDefined();
    expect(unlabelledFields(m.create.input)).toEqual([]);
    expect(m.type).toBe('legal_aid');
    expect(m.numbering?.pattern).toBe('{abbr}援〔{year}〕{seq}号');
  });

  it('lets only the system deem an application withdrawn, on the material clock; opens only `rate` to parties', () => {
    expect(m.actions.deem_withdrawn.systemOnly).toBe(true);
    expect(m.clocks.find((c) => c.key === 'material')?.onExpiry).toBe('deem_withdrawn');
    expect(Object.entries(m.actions).filter(([, a]) => a.public).map(([k]) => k)).toEqual(['rate']);
  });

  it('cites a law and article for every clock, outcome and indicator; UNCONFIRMED values are settings', () => {
    for (const c of m.clocks) expect(c.basis.article, c.key).toMatch(/^第.+条/);
    for (const [code, o] of Object.entries(m.outcomes)) expect(o.basis?.article, code).toMatch(/^第.+条/);
    for (const i of m.indicators ?? []) {
      expect(i.key.startsWith('legal_aid.'), i.key).toBe(true);
      expect(i.source, i.key).toMatch(/《[^》]+》第.+条/);
    }
    const settingOf = (k: string) => m.clocks.find((c) => c.key === k)?.amountSetting;
    expect(settingOf('review')).toBe('legal_aid.review_workdays');
    expect(settingOf('material')).toBe('legal_aid.material_period_days');
    expect(settingOf('closing_report')).toBe('legal_aid.closing_report_days');
    expect(m.indicators?.find((i) => i.key === 'legal_aid.recovered')?.sum).toEqual({ attr: 'recovered_amount' });
  });

  it('declares the provider, firm and consultation registers with their permissions; a firm needs a valid credit code', () => {
    const regs = legalAidModule.registers ?? [];
    expect(regs.map((r) => [r.key, r.permissions.read, r.permissions.write])).toEqual([
      ['provider', 'legal_aid.provider.read', 'legal_aid.provider.write'],
      ['firm', 'legal_aid.firm.read', 'legal_aid.firm.write'],
      ['aid_consultation', 'legal_aid.aid_consultation.read', 'legal_aid.aid_consultation.write'],
    ]);
    expect(() => parseInput(firmInput, { name: '某律所', kind: 'law_firm', creditCode: '91330400000000000X', regionCode: '330402' })).toThrow(Problem);
    expect(() => parseInput(providerInput, { name: '李律师', kind: 'lawyer', regionCode: '330402' })).toThrow(Problem);
    const v = parseInput(providerInput, { name: '王志愿', kind: 'volunteer', regionCode: '330402' });
    expect(regs[0].toEntry(v)).toMatchObject({ title: '王志愿', status: 'active', regionCode: '330402' });
  });
});

describe('legal aid create input', () => {
  it('accepts a complete application and rejects bad values with field messages', () => {
    expect(parseInput(s.createInput, application()).exemptGroup).toBe('none');
    const bad = (over: Record<string, unknown>) => {
      try {
        parseInput(s.createInput, application(over));
      } catch (e) {
        return ((e as Problem).opts.errors ?? []).map((f) => f.path);
      }
      return [];
    };
    expect(bad({ amountClaimed: -1 })).toEqual(['amountClaimed']);
    expect(bad({ householdSize: 0 })).toEqual(['householdSize']);
    expect(bad({ householdMonthlyIncome: undefined })).toEqual(['householdMonthlyIncome']);
    expect(bad({ regionCode: '3304' })).toEqual(['regionCode']);
    // The portal's 查询码 answers to a phone: needed unless an organ forwarded the application.
    expect(bad({ applicant: { name: '张三' } })).toEqual(['applicant.phone']);
    expect(bad({ applicant: { name: '张三' }, channel: 'notified_by_court' })).toEqual([]);
  });

  it('maps a mediation hand-off: applicant party, county of the town, means data left pending', () => {
    const p: HandoffPayload = {
      sourceType: 'mediation',
      sourceCaseId: '00000000-0000-4000-8000-000000000001',
      sourceNumber: '南调〔2021〕8号',
      title: '王五与某公司劳动报酬纠纷',
      input: { reason: '调解不成，申请人经济困难需诉讼', subject: 'wages' },
      facts: {},
      receivedOn: '2021-06-01',
      regionCode: '330402001',
      parties: [
        { role: 'applicant', kind: 'person', name: '王五', phone: '13900139000' },
        { role: 'respondent', kind: 'org', name: '嘉兴某公司' },
      ],
    };
    const input = parseInput(s.createInput, m.create.fromHandoff!(p));
    expect(input).toMatchObject({ regionCode: '330402', channel: 'handed_over', subject: 'wages', opposingParty: '嘉兴某公司', receivedOn: '2021-06-01' });
    expect(input.facts).toContain('南调〔2021〕8号');
    expect(input.householdSize).toBeUndefined();
  });
});

describe('means test', () => {
  it('compares income per head with the threshold; the threshold itself passes', () => {
    const at = meansTest({ householdSize: 3, householdMonthlyIncome: 6840 }, fixed(2280));
    expect(at).toMatchObject({ required: true, perCapita: 2280, threshold: 2280, passed: true });
    const above = meansTest({ householdSize: 3, householdMonthlyIncome: 6840.03 }, fixed(2280));
    expect(above).toMatchObject({ perCapita: 2280.01, passed: false });
    expect(above.explanation.zh).toContain('高于经济困难标准');
    expect(meansTest({ householdSize: 1, householdMonthlyIncome: 0 }, fixed(2280)).passed).toBe(true);
  });

  it('is pending without household data', () => {
    expect(meansTest({}, fixed(2280))).toMatchObject({ required: true, passed: null, perCapita: null });
  });

  it('does not apply to Art 32 groups, is not verified for Art 42 groups, nor for notified defence', () => {
    for (const g of Object.keys(EXEMPT_BASIS) as s.ExemptGroup[]) {
      const r = meansTest({ exemptGroup: g, householdSize: 1, householdMonthlyIncome: 1e6 }, fixed(2280));
      expect(r.required, g).toBe(false);
      expect(r.passed).toBe(true);
      expect(r.exemptBasis?.article).toMatch(g.startsWith('art42') || ['vulnerable_no_income', 'assistance_recipient', 'migrant_worker'].includes(g) ? /^第四十二条/ : /^第三十二条/);
    }
    expect(meansTest({ channel: 'notified_by_court', householdSize: 1, householdMonthlyIncome: 1e6 }, fixed(2280)).required).toBe(false);
  });

  it('takes the county setting, else the city default setting, else 2280', async () => {
    const settings: Record<string, unknown> = { 'legal_aid.means_threshold.330481': 2500, 'legal_aid.means_threshold.default': 2100 };
    const get = async (k: string) => settings[k];
    expect(await thresholdFor(get, '330481001')).toEqual({ value: 2500, source: 'legal_aid.means_threshold.330481' });
    expect(await thresholdFor(get, '330402')).toEqual({ value: 2100, source: 'legal_aid.means_threshold.default' });
    expect(await thresholdFor(async () => undefined, '330402')).toEqual({ value: MEANS_THRESHOLD_DEFAULT.default, source: MEANS_THRESHOLD_DEFAULT.key });
    expect(MEANS_THRESHOLD_DEFAULT.default).toBe(2280);
  });
});

describe('legal aid documents', () => {
  const events = [
    { action: 'grant', effectiveOn: '2021-05-14', payload: {} },
    { action: 'refuse', effectiveOn: '2021-05-14', payload: { grounds: ['not_in_difficulty'], reasoning: '家庭人均月收入高于标准。' } },
  ];
  const ctx = docContext({
    caseNumber: '南援〔2021〕3号',
    agencyName: '嘉兴市南湖区法律援助中心',
    parties: [{ role: 'applicant', name: '张三' }],
    events,
    data: { receivedOn: '2021-05-06', subject: 'wages', matterType: 'civil', opposingParty: '某公司', meansTest: { required: true, perCapita: 1500, passed: true, threshold: 2280 } },
  });
  it('grant: Art 43, assignment within three days, termination warning', () => {
    const d = buildGrantDecision(ctx);
    expect(d.title).toBe('给予法律援助决定书');
    const text = d.paragraphs.join('');
    expect(text).toContain('第四十三条第一款');
    expect(text).toContain('三日内指派');
    expect(text).toContain('与某公司追索劳动报酬（民事）一案');
    expect(d.signature.date).toBe('二〇二一年五月十四日');
  });
  it('refusal: reasons and the Art 49 objection right with its five days', () => {
    const text = buildRefusalDecision(ctx).paragraphs.join('');
    expect(text).toContain('申请人不符合经济困难标准');
    expect(text).toContain('家庭人均月收入高于标准');
    expect(text).toContain('第四十九条');
    expect(text).toContain('五日内');
  });
});

describe.skipIf(!haveLaws)('legal aid clocks against the statute text', () => {
  it('each national clock amount appears in the cited article', () => {
    for (const c of m.clocks.filter((x) => x.basis.law === '中华人民共和国法律援助法' && x.key !== 'material')) {
      const text = articlesOf(c.basis.article).map((a) => articleText('法律援助法(2021-08-20).md', a)).join('');
      expect(text, c.key).toContain(`${chinese(c.amount)}日`);
    }
    expect(articleText('浙江省法律援助条例(2016-09-29).md', '第十七条')).toContain('七个工作日');
    expect(articleText('浙江省法律援助条例(2016-09-29).md', '第十九条')).toContain('十五日');
  });
  it('lists all eight termination grounds of Art 48', () => {
    expect(Object.keys(s.terminationGroundOptions)).toHaveLength(8);
    expect(articleText('法律援助法(2021-08-20).md', '第四十八条')).toContain('（八）');
  });
});
