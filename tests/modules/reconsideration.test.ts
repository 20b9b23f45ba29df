import { describe, expect, it } from 'vitest';
import type { CaseTypeManifest } from '../../src/kernel/cases/manifest.js';
import { validateManifest } from '../../src/kernel/cases/registry.js';
import { Problem } from '../../src/kernel/http/problem.js';
import { parseInput } from '../../src/kernel/http/validate.js';
import { makeCreditCode } from '../../src/kernel/org/validators.js';
import {
  buildAcceptanceNotice,
  buildCorrectionNotice,
  buildDecision,
  buildRejectionDecision,
  cnNumber,
  decisionArticle,
} from '../../src/modules/reconsideration/documents.js';
import { reconsiderationModule } from '../../src/modules/reconsideration/index.js';
import { preconditionHints } from '../../src/modules/reconsideration/manifest.js';
import * as s from '../../src/modules/reconsideration/schemas.js';
import { articleText, articlesOf, chinese, docContext, haveLaws, probeTargets, unlabelledFields } from './helpers.js';

// Widened: tests index states and outcomes by name.
const m: CaseTypeManifest = reconsiderationModule.manifest;
const RESPONDENT = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
// The worked example of GB 11643-1999.
const ID = '11010519491231002X';

const person = (over: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '张三', idNumber: ID, phone: '13800138000', address: '浙江省嘉兴市南湖区某路1号' },
  respondentAgencyId: RESPONDENT,
  act: { description: '嘉市监处〔2021〕35号行政处罚决定', documentNumber: '嘉市监处〔2021〕35号', actDate: '2021-03-01', knownOn: '2021-03-03' },
  request: '撤销被申请人作出的行政处罚决定',
  factsAndReasons: '被申请人认定事实不清，证据不足。',
  channel: 'portal',
  receivedOn: '2021-04-28',
  ...over,
});

describe('reconsideration manifest: structure', () => {
  it('passes the kernel validator', () => {
    expect(() => validateManifest(m)).not.toThrow();
  });

  it('names every state an action can reach, including function-valued targets', () => {
    const data = [
      { procedure: 'simple', decisionTrack: 'simple' },
      { procedure: 'ordinary', decisionTrack: 'ordinary' },
      { procedure: 'ordinary', decisionTrack: 'converted' },
    ];
    for (const [name, a] of Object.entries(m.actions)) {
      for (const f of a.from) expect(m.states[f], `${name} from ${f}`).toBeDefined();
      const targets = probeTargets(m, name, [{}], data);
      expect(targets.length, name).toBeGreaterThan(0);
      for (const t of targets) expect(m.states[t], `${name} → ${t}`).toBeDefined();
    }
  });

  it('uses <type>.<action> permissions, a legal date field in every action, and labelled inputs', () => {
    for (const [name, a] of Object.entries(m.actions)) {
      expect(a.permission).toBe(`reconsideration.${name}`);
      expect(a.effectiveDateField, name).toBeTruthy();
      const shape = (a.input as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape: Record<string, unknown> } } });
      const keys = Object.keys(shape.shape ?? shape.def?.in?.shape ?? {});
      expect(keys, `${name} has ${a.effectiveDateField}`).toContain(a.effectiveDateField);
      expect(unlabelledFields(a.input), name).toEqual([]);
      for (const d of a.documents ?? []) expect(m.documents?.some((x) => x.key === d), `${name} document ${d}`).toBe(true);
    }
    expect(unlabelledFields(m.create.input)).toEqual([]);
    expect(m.create.permission).toBe('reconsideration.create');
  });

  it('cites a law and an article in every clock, outcome and indicator', () => {
    for (const c of m.clocks) {
      expect(c.basis.law, c.key).toMatch(/法/);
      expect(c.basis.article, c.key).toMatch(/^第.+条/);
      if (c.extension) expect(c.extension.basis.article).toMatch(/^第.+条/);
    }
    for (const [code, o] of Object.entries(m.outcomes)) expect(o.basis?.article, code).toMatch(/^第.+条/);
    for (const i of m.indicators ?? []) {
      expect(i.key.startsWith('reconsideration.'), i.key).toBe(true);
      expect(i.source, i.key).toMatch(/《[^》]+》第.+条/);
    }
  });

  it('lets only the system deem an application accepted, and does so on the acceptance clock', () => {
    expect(m.actions.deem_accepted.systemOnly).toBe(true);
    expect(m.clocks.find((c) => c.key === 'acceptance_review')?.onExpiry).toBe('deem_accepted');
    for (const [name, a] of Object.entries(m.actions)) if (name !== 'deem_accepted') expect(a.systemOnly, name).toBeFalsy();
  });

  it('keeps the decision clocks mutually exclusive and stops each on every way the review ends', () => {
    const decision = m.clocks.filter((c) => c.key.startsWith('decision'));
    const tracks = decision.map((c) => c.when?.equals);
    expect(new Set(tracks).size).toBe(decision.length);
    const ends = Object.entries(m.actions)
      .filter(([, a]) => a.from.some((f) => ['under_review', 'mediating'].includes(f)) && typeof a.to === 'string' && m.states[a.to].category === 'closed')
      .map(([n]) => n);
    for (const c of decision) for (const e of [...ends, 'decide']) expect(c.stopOn, `${c.key} stops on ${e}`).toContain(e);
    // 简易程序 has no extension (第六十二条第二款).
    expect(decision.find((c) => c.when?.equals === 'simple')?.extension).toBeUndefined();
    // UNCONFIRMED values are configurable.
    expect(decision.find((c) => c.when?.equals === 'converted')?.amountSetting).toBe('reconsideration.decision_after_conversion_days');
  });

  it('declares the followed_by_suit relation and the 案号 pattern', () => {
    expect(m.links?.map((l) => l.relation)).toContain('followed_by_suit');
    expect(m.numbering?.pattern).toBe('{abbr}复〔{year}〕{seq}号');
  });

  it('offers a 复议前置 hint for every category, with its Art 23 basis', () => {
    for (const key of Object.keys(s.preconditionOptions).filter((k) => k !== 'none')) {
      const h = preconditionHints.find((x) => x.key === key);
      expect(h, key).toBeDefined();
      expect(h?.basis.article).toMatch(/^第二十三条/);
    }
    expect(m.create.hints).toBe(preconditionHints);
  });
});

describe.skipIf(!haveLaws)('reconsideration clocks against the statute text', () => {
  const FILE = '行政复议法(2023-09-01).md';
  it('each clock amount appears in the cited article (五日, 十日, 六十日 …)', () => {
    for (const c of m.clocks) {
      const texts = articlesOf(c.basis.article).map((a) => articleText(FILE, a)).join('');
      expect(texts, `${c.key}: ${c.amount}`).toContain(`${chinese(c.amount)}日`);
      if (c.extension) expect(articleText(FILE, articlesOf(c.extension.basis.article)[0])).toContain(`${chinese(c.extension.max)}日`);
    }
  });
  it('working-day clocks are exactly the three/five/seven/ten-day periods of Art 88', () => {
    const art88 = articleText(FILE, '第八十八条');
    for (const c of m.clocks) {
      const listed = art88.includes(`“${chinese(c.amount)}日”`);
      expect(c.unit === 'workday', c.key).toBe(listed);
    }
  });
  it('each decision type rests on the article that provides for it', () => {
    const verb: Record<s.DecisionType, string> = {
      uphold: '决定维持',
      change: '决定变更',
      revoke: '决定撤销',
      partial_revoke: '部分撤销',
      confirm_illegal: '确认该行政行为违法',
      order_performance: '决定被申请人在一定期限内履行',
      confirm_void: '确认该行政行为无效',
      reject_claim: '驳回申请人的行政复议请求',
    };
    for (const t of s.decisionTypes) expect(articleText(FILE, decisionArticle[t]), t).toContain(verb[t]);
  });
});

describe('reconsideration outcomes', () => {
  const group = (g: string) => Object.entries(m.outcomes).filter(([, o]) => o.groups.includes(g)).map(([k]) => k).sort();
  it('every decision type is a merits outcome', () => {
    for (const t of s.decisionTypes) expect(m.outcomes[t]?.groups, t).toContain('merits');
    expect(group('merits')).toEqual([...s.decisionTypes].sort());
  });
  it('纠错 = 变更、撤销、部分撤销、确认违法、责令履行; 确认无效 only via the variant', () => {
    expect(group('corrected')).toEqual(['change', 'confirm_illegal', 'order_performance', 'partial_revoke', 'revoke']);
    expect(group('corrected_void')).toEqual(['confirm_void']);
    expect(m.outcomes.uphold.groups).not.toContain('corrected');
    expect(m.outcomes.reject_claim.groups).not.toContain('corrected');
  });
  it('procedural and 调撤 groups', () => {
    expect(group('procedural')).toEqual(['abandoned', 'dismissed', 'not_accepted', 'terminated']);
    expect(group('mediated_or_withdrawn')).toEqual(['mediated', 'settled', 'withdrawn']);
  });
  it('indicators reference only declared groups, and variants have their default', () => {
    const groups = new Set(Object.values(m.outcomes).flatMap((o) => o.groups));
    for (const i of m.indicators ?? []) {
      const filters = [...i.numerator, ...(i.denominator ?? []), ...Object.values(i.variantSetting?.options ?? {}).flatMap((o) => [...(o.numerator ?? []), ...(o.denominator ?? [])])];
      for (const f of filters) if (f.kind === 'outcome_in') for (const g of f.groups) expect(groups.has(g), `${i.key}: ${g}`).toBe(true);
      if (i.variantSetting) expect(i.variantSetting.options[i.variantSetting.default], i.key).toBeDefined();
      if (i.unit === 'percent') expect(i.denominator, i.key).toBeDefined();
    }
  });
});

describe('reconsideration input schemas', () => {
  it('accept a realistic application by a person and by an organisation', () => {
    const p = parseInput(m.create.input, person()) as s.CreateInput;
    expect(p.preconditionCategory).toBe('none');
    expect(p.compensationClaimed).toBe(false);
    const org = parseInput(
      m.create.input,
      person({
        applicant: { kind: 'org', name: '嘉兴某某贸易有限公司', creditCode: makeCreditCode('91330402MA2B0C1D2'), legalRepresentative: '李四', phone: '+86 138-0013-8000', address: '嘉兴市某路2号' },
        preconditionCategory: 'on_the_spot_penalty',
      }),
    ) as s.CreateInput;
    expect(org.applicant.kind).toBe('org');
    expect(org.applicant.phone).toBe('13800138000');
  });

  const fails = (input: unknown, path: string) => {
    try {
      parseInput(m.create.input, input);
    } catch (e) {
      expect(e).toBeInstanceOf(Problem);
      const errs = (e as Problem).opts.errors ?? [];
      expect(errs.map((x) => x.path), JSON.stringify(errs)).toContain(path);
      for (const x of errs) expect(x.zh).not.toBe(x.en);
      return;
    }
    throw new Error('expected a validation problem');
  };

  it('reject a wrong ID check digit, missing fields, unknown fields and impossible dates', () => {
    fails(person({ applicant: { ...person().applicant, idNumber: '110105194912310021' } }), 'applicant.idNumber');
    fails(person({ applicant: { ...person().applicant, phone: '12345' } }), 'applicant.phone');
    const { request: _r, ...noRequest } = person();
    fails(noRequest, 'request');
    fails(person({ request: '   ' }), 'request');
    fails(person({ extra: 1 }), 'extra');
    fails(person({ act: { ...person().act, secret: 'x' } }), 'act.secret');
    fails(person({ receivedOn: '2021-02-30' }), 'receivedOn');
    fails(person({ receivedOn: '2021-13-01' }), 'receivedOn');
    fails(person({ act: { ...person().act, knownOn: '2021-02-01' } }), 'act.knownOn');
    fails(person({ receivedOn: '2021-03-02' }), 'receivedOn');
    fails(person({ channel: 'fax' }), 'channel');
    fails(person({ respondentAgencyId: 'not-a-uuid' }), 'respondentAgencyId');
    fails(person({ applicant: { kind: 'org', name: '某公司', creditCode: '91330402MA2B0C1D2X', legalRepresentative: '李四', phone: '13800138000', address: 'x' } }), 'applicant.creditCode');
  });

  it('enforce the decision rules of Arts 64 and 66 and the 30-day extension cap', () => {
    const base = { decidedOn: '2021-06-20', findings: '查明……', reasoning: '本机关认为……', approvedBy: 'head' };
    expect(() => parseInput(s.decideInput, { ...base, decisionType: 'uphold', orderRemake: true })).toThrow(Problem);
    expect(() => parseInput(s.decideInput, { ...base, decisionType: 'revoke', orderRemake: true, periodDays: 30 })).not.toThrow();
    expect(() => parseInput(s.decideInput, { ...base, decisionType: 'order_performance' })).toThrow(Problem);
    expect(() => parseInput(s.decideInput, { ...base, decisionType: 'change' })).toThrow(Problem);
    expect(() => parseInput(s.decideInput, { ...base, decisionType: 'dismiss' })).toThrow(Problem);
    const ext = { approvedOn: '2021-06-01', approver: '王五', reason: '案情复杂' };
    expect(() => parseInput(s.extendInput, { ...ext, days: 30 })).not.toThrow();
    expect(() => parseInput(s.extendInput, { ...ext, days: 31 })).toThrow(Problem);
    expect(() => parseInput(s.extendInput, { ...ext, days: 0 })).toThrow(Problem);
    expect(() => parseInput(s.requestCorrectionInput, { noticeDate: '2021-04-29', items: [] })).toThrow(Problem);
    expect(() => parseInput(s.acceptInput, { acceptedOn: '2021-05-06', procedure: 'simple' })).toThrow(Problem);
    expect(() => parseInput(s.rejectInput, { decidedOn: '2021-05-06', grounds: ['no_jurisdiction'], reasoning: '……' })).toThrow(Problem);
    expect(() => parseInput(s.withdrawInput, { approvedOn: '2021-05-06', reason: '……', voluntary: false })).toThrow(Problem);
    expect(() => parseInput(s.scheduleHearingInput, { noticeDate: '2021-05-10', hearingDate: '2021-05-01', place: '听证室', matters: '……', mandatory: false })).toThrow(Problem);
  });

  it('map an application to a case without personal data in case data', () => {
    const input = parseInput(m.create.input, person({ act: { ...person().act, knownOn: '2021-03-03' }, receivedOn: '2021-06-30' }));
    const c = m.create.toCase(input);
    expect(c.title).toBe('张三不服嘉市监处〔2021〕35号行政处罚决定');
    expect(c.subjectAgencyId).toBe(RESPONDENT);
    expect(c.parties.map((p) => [p.role, p.kind])).toEqual([
      ['applicant', 'person'],
      ['respondent', 'agency'],
    ]);
    expect(c.parties[0].idNumber).toBe(ID);
    expect(JSON.stringify(c.data)).not.toContain(ID);
    expect(JSON.stringify(c.data)).not.toContain('13800138000');
    // 3 March → 30 June is past the 60-day period of Art 20: a hint for the reviewer.
    expect(c.data.possiblyLate).toBe(true);
    expect(m.create.toCase(parseInput(m.create.input, person())).data.possiblyLate).toBe(false);
  });
});

describe('reconsideration documents', () => {
  const data = {
    applicantName: '张三',
    applicantKind: 'person',
    act: { description: '行政处罚决定', documentNumber: '嘉市监处〔2021〕35号' },
    request: '撤销该处罚决定',
    factsAndReasons: '认定事实不清',
    receivedOn: '2021-04-28',
    procedure: 'ordinary',
    preconditionCategory: 'none',
  };
  const parties = [{ role: 'applicant', name: '张三' }];
  const accepted = { action: 'accept', effectiveOn: '2021-05-06', payload: { acceptedOn: '2021-05-06', procedure: 'ordinary' } };

  it('cnNumber writes periods as statutes do', () => {
    expect([1, 10, 15, 30, 60, 99].map(cnNumber)).toEqual(['一', '十', '十五', '三十', '六十', '九十九']);
  });

  it('acceptance notice: ordinary and simple periods, with the extension only for ordinary', () => {
    const ord = buildAcceptanceNotice(docContext({ data, parties, events: [accepted] }));
    expect(ord.title).toBe('行政复议受理通知书');
    expect(ord.subtitle).toBe('嘉复〔2021〕12号');
    const text = ord.paragraphs.join('');
    expect(text).toContain('张三：');
    expect(text).toContain('不服嘉兴市市场监督管理局行政处罚决定（嘉市监处〔2021〕35号）');
    expect(text).toContain('二〇二一年五月六日起予以受理');
    expect(text).toContain('六十日内');
    expect(text).toContain('最多不超过三十日');
    const simple = buildAcceptanceNotice(
      docContext({ data: { ...data, procedure: 'simple' }, parties, events: [{ ...accepted, payload: { procedure: 'simple' } }] }),
    ).paragraphs.join('');
    expect(simple).toContain('第六十二条第二款');
    expect(simple).toContain('三十日内');
    expect(simple).not.toContain('延长');
    expect(simple).toContain('简易程序');
  });

  it('correction notice lists every item once, numbered, with the 10-day period and the consequence', () => {
    const d = buildCorrectionNotice(
      docContext({ data, parties, caseNumber: null, events: [{ action: 'request_correction', effectiveOn: '2021-04-29', payload: { items: ['身份证明复印件', '行政处罚决定书复印件'] } }] }),
    );
    expect(d.title).toBe('行政复议申请补正通知书');
    expect(d.subtitle).toBeUndefined();
    expect(d.paragraphs).toContain('一、身份证明复印件');
    expect(d.paragraphs).toContain('二、行政处罚决定书复印件');
    const text = d.paragraphs.join('');
    expect(text).toContain('自收到本通知之日起十日内');
    expect(text).toContain('视为你放弃行政复议申请');
    expect(d.signature.date).toBe('二〇二一年四月二十九日');
  });

  it('rejection decision names the competent organ and, for 复议前置 cases, the 15-day right to sue', () => {
    const ev = { action: 'reject', effectiveOn: '2021-05-06', payload: { grounds: ['no_jurisdiction'], reasoning: '被申请人系海关。', competentBody: '杭州海关' } };
    const d = buildRejectionDecision(docContext({ data: { ...data, preconditionCategory: 'disclosure_refused' }, parties, events: [ev] }));
    expect(d.title).toBe('不予受理行政复议申请决定书');
    const text = d.paragraphs.join('');
    expect(text).toContain('本机关决定不予受理');
    expect(text).toContain('不属于本机关管辖');
    expect(text).toContain('申请人可以向杭州海关提出行政复议申请');
    expect(text).toContain('第三十四条');
    expect(text).toContain('十五日内');
    const plain = buildRejectionDecision(docContext({ data, parties, events: [{ ...ev, payload: { grounds: ['out_of_scope'], reasoning: '……' } }] })).paragraphs.join('');
    expect(plain).not.toContain('第三十四条');
    expect(plain).toContain('不属于行政复议范围');
  });

  const operative: Record<s.DecisionType, string> = {
    uphold: '本机关决定：维持被申请人作出的行政处罚决定（嘉市监处〔2021〕35号）。',
    change: '本机关决定：变更被申请人作出的行政处罚决定（嘉市监处〔2021〕35号）：罚款数额变更为二千元。',
    revoke: '本机关决定：撤销被申请人作出的行政处罚决定（嘉市监处〔2021〕35号），责令被申请人自收到本决定书之日起三十日内重新作出行政行为。',
    partial_revoke: '本机关决定：撤销被申请人作出的行政处罚决定（嘉市监处〔2021〕35号）中罚款数额变更为二千元的部分，责令被申请人自收到本决定书之日起三十日内重新作出行政行为。',
    confirm_illegal: '本机关决定：确认被申请人作出的行政处罚决定（嘉市监处〔2021〕35号）违法。',
    order_performance: '本机关决定：责令被申请人自收到本决定书之日起三十日内履行罚款数额变更为二千元。',
    confirm_void: '本机关决定：确认被申请人作出的行政处罚决定（嘉市监处〔2021〕35号）无效。',
    reject_claim: '本机关决定：驳回申请人的行政复议请求。',
  };

  for (const t of s.decisionTypes) {
    it(`decision document for ${t}: parties, findings, article, operative text and the right to sue`, () => {
      const ev = {
        action: 'decide',
        effectiveOn: '2021-06-20',
        payload: { decisionType: t, orderRemake: t === 'revoke' || t === 'partial_revoke', periodDays: 30, findings: '查明事实甲', reasoning: '理由乙', decisionText: '罚款数额变更为二千元', compensation: 'none' },
      };
      const d = buildDecision(docContext({ data, parties, events: [accepted, ev] }));
      expect(d.title).toBe('行政复议决定书');
      const text = d.paragraphs.join('\n');
      expect(d.paragraphs[0]).toBe('申请人：张三');
      expect(d.paragraphs[1]).toBe('被申请人：嘉兴市市场监督管理局');
      expect(text).toContain('经审理查明：查明事实甲');
      expect(text).toContain('本机关认为：理由乙');
      expect(text).toContain(`根据《中华人民共和国行政复议法》${decisionArticle[t]}的规定，${operative[t]}`);
      expect(text).toContain('可以自收到本决定书之日起十五日内，依照《中华人民共和国行政诉讼法》的规定向人民法院提起行政诉讼');
      expect(text).toContain('被申请人未按照');
      expect(d.signature).toEqual({ organ: '嘉兴市人民政府', date: '二〇二一年六月二十日' });
    });
  }

  it('decision document quotes the answer when there is one, and the compensation ruling', () => {
    const ev = { action: 'decide', effectiveOn: '2021-06-20', payload: { decisionType: 'revoke', findings: 'a', reasoning: 'b', compensation: 'awarded' } };
    const answer = { action: 'submit_answer', effectiveOn: '2021-05-20', payload: { summary: '处罚事实清楚' } };
    const text = buildDecision(docContext({ data, parties, events: [accepted, answer, ev] })).paragraphs.join('\n');
    expect(text).toContain('被申请人称：处罚事实清楚');
    expect(text).not.toContain('被申请人未按照');
    expect(text).toContain('第七十二条第一款的规定，被申请人应当依法给予申请人赔偿');
  });
});

describe('reconsideration actions: guards written into the manifest', () => {
  it('refuses to extend a simple-procedure case and to convert an ordinary one', () => {
    const ext = m.actions.extend.to as (i: unknown, d: Record<string, unknown>, state: string) => string;
    expect(() => ext({}, { decisionTrack: 'simple' }, 'under_review')).toThrow(Problem);
    expect(ext({}, { decisionTrack: 'converted' }, 'under_review')).toBe('under_review');
    const conv = m.actions.convert_to_ordinary.to as (i: unknown, d: Record<string, unknown>, state: string) => string;
    expect(() => conv({}, { procedure: 'ordinary' }, 'accepted')).toThrow(Problem);
  });

  it('records the procedure facts on acceptance, and fact-recording actions stay in the current state', () => {
    const d = m.actions.accept.data?.({ acceptedOn: '2021-05-06', procedure: 'simple' }, {});
    expect(d).toMatchObject({ procedure: 'simple', decisionTrack: 'simple' });
    const stay = m.actions.issue_opinion_letter.to as (i: unknown, d: Record<string, unknown>, state: string) => string;
    expect(stay({}, {}, 'concluded')).toBe('concluded');
    expect(stay({}, {}, 'decided')).toBe('decided');
  });
});
