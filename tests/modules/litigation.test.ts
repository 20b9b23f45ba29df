import { describe, expect, it } from 'vitest';
import type { CaseTypeManifest } from '../../src/kernel/cases/manifest.js';
import { validateManifest } from '../../src/kernel/cases/registry.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { parseInput } from '../../src/kernel/http/validate.js';
import { buildAppearanceProof } from '../../src/modules/litigation/documents.js';
import { litigationModule } from '../../src/modules/litigation/index.js';
import { appealWindowFor, headQualifies } from '../../src/modules/litigation/manifest.js';
import * as s from '../../src/modules/litigation/schemas.js';
import { articleText, articlesOf, chinese, docContext, haveLaws, probeTargets, unlabelledFields } from './helpers.js';

// Widened: tests index states and outcomes by name.
const m: CaseTypeManifest = litigationModule.manifest;
const DEFENDANT = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const suit = (over: Record<string, unknown> = {}) => ({
  court: '嘉兴市南湖区人民法院',
  courtCaseNumber: '（2021）浙0402行初12号',
  plaintiff: { kind: 'person', name: '王五', idNumber: '11010519491231002X' },
  defendantAgencyId: DEFENDANT,
  cause: '行政处罚',
  filedOn: '2021-03-01',
  servedOn: '2021-03-04',
  ...over,
});

describe('litigation manifest: structure', () => {
  it('passes the kernel validator', () => {
    expect(() => validateManifest(m)).not.toThrow();
  });

  it('names every state an action can reach, including function-valued targets', () => {
    const inputs = s.judgmentTypes.map((judgmentType) => ({ judgmentType }));
    const data = [{ instance: 'first', courtTrack: 'first_simple' }, { instance: 'second', courtTrack: 'second' }];
    for (const [name, a] of Object.entries(m.actions)) {
      for (const f of a.from) expect(m.states[f], `${name} from ${f}`).toBeDefined();
      const targets = probeTargets(m, name, inputs, data);
      expect(targets.length, name).toBeGreaterThan(0);
      for (const t of targets) expect(m.states[t], `${name} → ${t}`).toBeDefined();
    }
  });

  it('uses litigation.<action> permissions, a legal date in every action, and labelled inputs', () => {
    for (const [name, a] of Object.entries(m.actions)) {
      expect(a.permission).toBe(`litigation.${name}`);
      expect(a.effectiveDateField, name).toBeTruthy();
      const shape = a.input as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape: Record<string, unknown> } } };
      expect(Object.keys(shape.shape ?? shape.def?.in?.shape ?? {}), name).toContain(a.effectiveDateField);
      expect(unlabelledFields(a.input), name).toEqual([]);
      for (const d of a.documents ?? []) expect(m.documents?.some((x) => x.key === d), d).toBe(true);
    }
    expect(unlabelledFields(m.create.input)).toEqual([]);
  });

  it('cites a law and an article in every clock, outcome and indicator', () => {
    for (const c of m.clocks) {
      expect(c.basis.law, c.key).toMatch(/法/);
      expect(c.basis.article, c.key).toMatch(/^第.+条/);
    }
    for (const [code, o] of Object.entries(m.outcomes)) expect(o.basis?.article, code).toMatch(/^第.+条/);
    for (const i of m.indicators ?? []) expect(i.source, i.key).toMatch(/《[^》]+》第.+条/);
  });

  it('lets the system make a judgment effective when the appeal period lapses', () => {
    for (const key of ['appeal_window', 'appeal_window_ruling']) expect(m.clocks.find((c) => c.key === key)?.onExpiry).toBe('become_effective');
    expect(m.actions.become_effective.from).toEqual(['judged']);
  });
});

describe.skipIf(!haveLaws)('litigation clocks against the statute text', () => {
  it('each clock amount appears in the cited article (十五日, 六个月, 四十五日, 十日, 三个月)', () => {
    for (const c of m.clocks) {
      const text = articlesOf(c.basis.article).map((a) => articleText('行政诉讼法(2017-06-27).md', a)).join('');
      const phrase = c.unit === 'month' ? `${chinese(c.amount)}个月` : `${chinese(c.amount)}日`;
      expect(text, `${c.key}: ${phrase}`).toContain(phrase);
    }
  });
  it('the qualifying head categories are those of 规定 第二条', () => {
    const art2 = articleText('最高人民法院关于行政机关负责人出庭应诉若干问题的规定(2020-06-22).md', '第二条');
    for (const c of s.HEAD_CATEGORIES) {
      const words: Record<string, string> = { principal: '正职', deputy: '副职负责人', in_charge_deputy: '参与分管被诉行政行为实施工作的副职级别的负责人', other_leader: '其他参与分管的负责人' };
      expect(art2, c).toContain(words[c]);
    }
  });
});

describe('litigation outcomes (§2.5 table)', () => {
  const group = (g: string) => Object.entries(m.outcomes).filter(([, o]) => o.groups.includes(g)).map(([k]) => k).sort();
  it('every "Yes" row of the 败诉 table is lost, and no "No" row is', () => {
    const yes = ['revoke', 'partial_revoke', 'order_performance', 'order_payment', 'confirm_illegal', 'confirm_void', 'remedy_compensation', 'change', 'agreement_performance', 'agreement_compensation'];
    const no = ['reject_claim', 'ruling_not_filed', 'ruling_dismissed', 'withdrawal_permitted', 'deemed_withdrawn', 'mediation'];
    expect(group('lost')).toEqual([...yes].sort());
    for (const o of no) expect(m.outcomes[o].groups, o).not.toContain('lost');
    expect(group('first_instance_concluded')).toEqual([...yes, ...no].sort());
  });
  it('every judgment type is an outcome; second-instance results do not conclude a first instance', () => {
    for (const t of s.judgmentTypes) expect(m.outcomes[t], t).toBeDefined();
    for (const t of s.SECOND_INSTANCE_ONLY) expect(m.outcomes[t].groups).not.toContain('first_instance_concluded');
    expect(group('judgment')).toEqual(['reject_claim', ...group('lost')].sort());
  });
  it('indicators reference only declared groups and their variants have the default', () => {
    const groups = new Set(Object.values(m.outcomes).flatMap((o) => o.groups));
    for (const i of m.indicators ?? []) {
      const filters = [...i.numerator, ...(i.denominator ?? []), ...Object.values(i.variantSetting?.options ?? {}).flatMap((o) => [...(o.numerator ?? []), ...(o.denominator ?? [])])];
      for (const f of filters) if (f.kind === 'outcome_in') for (const g of f.groups) expect(groups.has(g), `${i.key}: ${g}`).toBe(true);
      if (i.variantSetting) expect(i.variantSetting.options[i.variantSetting.default]).toBeDefined();
    }
  });
});

describe('litigation rules in code', () => {
  it('负责人出庭 counts only for a qualifying head with identity proof filed before the hearing', () => {
    const p = (category: s.AppearanceCategory) => ({ name: '赵六', post: '局长', category });
    expect(headQualifies({ appearingPerson: p('principal'), proofSubmittedBeforeHearing: true })).toBe(true);
    expect(headQualifies({ appearingPerson: p('other_leader'), proofSubmittedBeforeHearing: true })).toBe(true);
    expect(headQualifies({ appearingPerson: p('principal'), proofSubmittedBeforeHearing: false })).toBe(false);
    expect(headQualifies({ appearingPerson: p('staff'), proofSubmittedBeforeHearing: true })).toBe(false);
    expect(headQualifies({ proofSubmittedBeforeHearing: true })).toBe(false);
  });
  it('appeal periods: 15 days for judgments, 10 for appealable rulings, none on appeal, for mediation or withdrawal', () => {
    expect(appealWindowFor('revoke', 'first')).toBe('judgment');
    expect(appealWindowFor('reject_claim', 'first')).toBe('judgment');
    expect(appealWindowFor('ruling_dismissed', 'first')).toBe('ruling');
    expect(appealWindowFor('withdrawal_permitted', 'first')).toBe('none');
    expect(appealWindowFor('mediation', 'first')).toBe('none');
    expect(appealWindowFor('revoke', 'second')).toBe('none');
  });
  it('refuses a second-instance result on a first-instance case', () => {
    const to = m.actions.judge.to as (i: unknown, d: Record<string, unknown>) => string;
    expect(() => to({ judgmentType: 'appeal_dismissed' }, { instance: 'first' })).toThrow(Problem);
    expect(to({ judgmentType: 'appeal_dismissed' }, { instance: 'second' })).toBe('effective');
    expect(to({ judgmentType: 'revoke' }, { instance: 'first' })).toBe('judged');
  });
});

describe('litigation input schemas', () => {
  it('accept a realistic first-instance suit and map it to a case', () => {
    const input = parseInput(m.create.input, suit({ reconsiderationOrganCoDefendant: true }));
    const c = m.create.toCase(input);
    expect(c.title).toBe('王五诉行政处罚');
    expect(c.externalNumber).toBe('（2021）浙0402行初12号');
    expect(c.agencyId).toBe(DEFENDANT);
    expect(c.subjectAgencyId).toBe(DEFENDANT);
    expect(c.attrs).toMatchObject({ instance: 'first', reconsideration_co_defendant: true });
    expect(c.data).toMatchObject({ courtTrack: 'first_ordinary' });
    expect(JSON.stringify(c.data)).not.toContain('11010519491231002X');
    expect(c.parties.map((p) => p.role)).toEqual(['plaintiff', 'defendant']);
    const simple = m.create.toCase(parseInput(m.create.input, suit({ procedure: 'simple' })));
    expect(simple.data.courtTrack).toBe('first_simple');
    const second = m.create.toCase(parseInput(m.create.input, suit({ instance: 'second', courtCaseNumber: '（2021）浙04行终3号', firstInstanceCaseId: DEFENDANT })));
    expect(second.data.courtTrack).toBe('second');
  });

  const fails = (schema: Parameters<typeof parseInput>[0], input: unknown, path: string) => {
    try {
      parseInput(schema, input);
    } catch (e) {
      expect(e).toBeInstanceOf(Problem);
      expect((e as Problem).opts.errors?.map((x) => x.path)).toContain(path);
      return;
    }
    throw new Error('expected a validation problem');
  };

  it('reject bad case numbers, IDs, unknown fields, impossible and disordered dates', () => {
    fails(m.create.input, suit({ courtCaseNumber: '2021-12' }), 'courtCaseNumber');
    fails(m.create.input, suit({ plaintiff: { kind: 'person', name: '王五', idNumber: '110105194912310021' } }), 'plaintiff.idNumber');
    fails(m.create.input, suit({ plaintiff: { kind: 'robot', name: 'x' } }), 'plaintiff.kind');
    fails(m.create.input, suit({ judge: '某法官' }), 'judge');
    fails(m.create.input, suit({ filedOn: '2021-02-29' }), 'filedOn');
    fails(m.create.input, suit({ servedOn: '2021-02-20' }), 'servedOn');
    fails(m.create.input, suit({ instance: 'second', procedure: 'simple' }), 'procedure');
    fails(m.create.input, suit({ firstInstanceCaseId: DEFENDANT }), 'firstInstanceCaseId');
    const { cause: _c, ...noCause } = suit();
    fails(m.create.input, noCause, 'cause');
  });

  it('record_hearing needs a reason when no head appeared, and someone present', () => {
    const base = { heldOn: '2021-04-20', proofSubmittedBeforeHearing: false, staffPresent: true };
    fails(s.recordHearingInput, base, 'headAbsenceReason');
    expect(() => parseInput(s.recordHearingInput, { ...base, headAbsenceReason: 'irreplaceable_duty' })).not.toThrow();
    fails(s.recordHearingInput, { ...base, staffPresent: false, headAbsenceReason: 'none_given' }, 'staffPresent');
    expect(() =>
      parseInput(s.recordHearingInput, { ...base, proofSubmittedBeforeHearing: true, appearingPerson: { name: '赵六', post: '局长', category: 'principal' } }),
    ).not.toThrow();
    fails(s.recordHearingInput, { ...base, appearingPerson: { name: '赵六', post: '局长', category: 'mayor' } }, 'appearingPerson.category');
  });

  it('judge: service not before the judgment, remake only with revocation', () => {
    fails(s.judgeInput, { judgmentType: 'revoke', judgedOn: '2021-05-10', servedOn: '2021-05-09' }, 'servedOn');
    fails(s.judgeInput, { judgmentType: 'reject_claim', judgedOn: '2021-05-10', servedOn: '2021-05-12', orderRemake: true }, 'orderRemake');
    fails(s.fileDefenceInput, { filedOn: '2021-03-10', evidenceFiledOn: '2021-03-12', normativeBasisSubmitted: true }, 'evidenceFiledOn');
  });
});

describe('litigation documents', () => {
  const data = { court: '嘉兴市南湖区人民法院', courtCaseNumber: '（2021）浙0402行初12号', cause: '行政处罚', plaintiffName: '王五' };
  const parties = [{ role: 'plaintiff', name: '王五' }];
  const plan = (category: s.AppearanceCategory) => ({
    action: 'plan_appearance',
    effectiveOn: '2021-04-01',
    payload: { hearingDate: '2021-04-20', plannedPerson: { name: '赵六', post: '副局长', category } },
  });

  it('identity proof for a head cites 规定 第六条 and names the person, post and hearing', () => {
    const d = buildAppearanceProof(docContext({ data, parties, events: [plan('deputy')] }));
    expect(d.title).toBe('行政机关负责人出庭应诉身份证明');
    expect(d.subtitle).toBe('（2021）浙0402行初12号');
    const text = d.paragraphs.join('');
    expect(d.paragraphs[0]).toBe('嘉兴市南湖区人民法院：');
    expect(text).toContain('（2021）浙0402行初12号王五诉嘉兴市市场监督管理局行政处罚一案，定于二〇二一年四月二十日开庭审理');
    expect(text).toContain('第六条');
    expect(text).toContain('副职负责人副局长赵六');
    expect(d.signature.organ).toBe('嘉兴市市场监督管理局（盖章）');
  });
  it('a staff member gets the 工作人员 proof under 规定 第十条', () => {
    const d = buildAppearanceProof(docContext({ data, parties, events: [plan('staff')] }));
    expect(d.title).toBe('行政机关工作人员出庭应诉身份证明');
    expect(d.paragraphs.join('')).toContain('第十条');
    expect(d.paragraphs.join('')).toContain('负责人因故不能出庭');
  });
});
