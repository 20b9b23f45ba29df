import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediationAdmin } from '../../web/src/api.js';
import { strings } from '../../web/src/i18n.js';
import {
  categoryCreateBody,
  categoryName,
  categoryPatchBody,
  categoryRows,
  categoryTreeData,
  committeeCreateBody,
  committeeFilters,
  committeePatchBody,
  knownIndustries,
  nextPriority,
  nextSort,
  parentCodes,
  ruleBody,
  splitFieldErrors,
  workloadShare,
} from '../../web/src/pages/mediation/model.js';

const cats = [
  { code: 'neighbour_noise', parentCode: 'neighbour', nameZh: '噪音、漏水纠纷', nameEn: 'Noise and leaks', sort: 22, committeeIndustry: null },
  { code: 'other', parentCode: null, nameZh: '其他纠纷', nameEn: 'Other', sort: 999, committeeIndustry: null },
  { code: 'neighbour', parentCode: null, nameZh: '邻里纠纷', nameEn: 'Neighbours', sort: 20, committeeIndustry: null },
  { code: 'neighbour_boundary', parentCode: 'neighbour', nameZh: '宅基地相邻纠纷', nameEn: '', sort: 21, committeeIndustry: null },
  { code: 'property_mgmt', parentCode: null, nameZh: '物业纠纷', nameEn: 'Property', sort: 30, committeeIndustry: '物业' },
  { code: 'orphan', parentCode: 'gone', nameZh: '孤儿类别', nameEn: 'Orphan', sort: 5 },
];

describe('category tree for the admin table', () => {
  it('orders by sort then code at every level and nests the children', () => {
    const rows = categoryRows(cats);
    expect(rows.map((r) => r.code)).toEqual(['orphan', 'neighbour', 'property_mgmt', 'other']);
    expect(rows[1].children?.map((r) => r.code)).toEqual(['neighbour_boundary', 'neighbour_noise']);
    // A leaf has no `children` key, so the table shows no expander on it.
    expect('children' in rows[2]).toBe(false);
    expect(rows[0]).toMatchObject({ sort: 5, committeeIndustry: null });
    expect(parentCodes(rows)).toEqual(['neighbour']);
    expect(parentCodes(categoryRows([...cats, { code: 'deep', parentCode: 'neighbour_noise', nameZh: '深', nameEn: 'Deep' }]))).toEqual(['neighbour', 'neighbour_noise']);
  });
  it('keeps a category whose parent is missing, and survives a cycle in the data', () => {
    const cyclic = [
      { code: 'a', parentCode: 'b', nameZh: 'A', nameEn: 'A' },
      { code: 'b', parentCode: 'a', nameZh: 'B', nameEn: 'B' },
      { code: 'c', parentCode: null, nameZh: 'C', nameEn: 'C' },
    ];
    // a and b only point at each other: neither is a root, but the page must not hang.
    expect(categoryRows(cyclic).map((r) => r.code)).toEqual(['c']);
    expect(categoryRows([]).length).toBe(0);
  });
  it('tree data for the multiple picker: every node, names in the chosen language, Chinese when English is missing', () => {
    const zh = categoryTreeData(cats, 'zh');
    expect(zh[1]).toMatchObject({ value: 'neighbour', title: '邻里纠纷' });
    expect(zh[1].children?.map((n) => n.title)).toEqual(['宅基地相邻纠纷', '噪音、漏水纠纷']);
    const en = categoryTreeData(cats, 'en');
    expect(en[1].children?.map((n) => n.title)).toEqual(['宅基地相邻纠纷', 'Noise and leaks']);
  });
  it('names a code, and shows an unknown code as itself', () => {
    expect(categoryName(cats, 'property_mgmt', 'zh')).toBe('物业纠纷');
    expect(categoryName(cats, 'property_mgmt', 'en')).toBe('Property');
    expect(categoryName(cats, 'gone_away', 'zh')).toBe('gone_away');
    expect(categoryName(undefined, 'x', 'en')).toBe('x');
  });
});

describe('request bodies', () => {
  it('a new category: trimmed, no empty industry, the parent or null', () => {
    expect(categoryCreateBody({ code: ' pets ', nameZh: ' 宠物纠纷 ', nameEn: 'Pets', committeeIndustry: '  ', sort: 0, parentCode: undefined })).toEqual({
      code: 'pets',
      parentCode: null,
      nameZh: '宠物纠纷',
      nameEn: 'Pets',
      sort: 0,
    });
    expect(categoryCreateBody({ code: 'x1', parentCode: 'neighbour', nameZh: 'X', nameEn: 'X', committeeIndustry: '物业', sort: null })).toEqual({
      code: 'x1',
      parentCode: 'neighbour',
      nameZh: 'X',
      nameEn: 'X',
      committeeIndustry: '物业',
    });
  });
  it('a rename never moves the category, and clearing the industry sends null', () => {
    const b = categoryPatchBody({ code: 'ignored', parentCode: 'other', nameZh: '新名', nameEn: 'New', committeeIndustry: '', sort: 3 });
    expect(b).toEqual({ nameZh: '新名', nameEn: 'New', sort: 3, committeeIndustry: null });
    expect('parentCode' in b || 'code' in b).toBe(false);
  });
  it('a rule keeps its industry only when it targets an industry committee', () => {
    expect(ruleBody({ priority: 5, categoryCodes: ['pets'], target: 'industry', industry: ' 物业 ', noteZh: ' 说明 ', noteEn: 'Note', active: true })).toEqual({
      priority: 5,
      categoryCodes: ['pets'],
      target: 'industry',
      industry: '物业',
      noteZh: '说明',
      noteEn: 'Note',
      active: true,
    });
    expect(ruleBody({ priority: 5, target: 'town', industry: '物业', noteZh: 'a', noteEn: 'b' })).toMatchObject({ industry: null, categoryCodes: [], active: true });
    // A blank industry on an industry rule is sent as null: the server answers with the field message.
    expect(ruleBody({ priority: 5, target: 'industry', industry: ' ', noteZh: 'a', noteEn: 'b' }).industry).toBeNull();
  });
  it('a rule without a priority leaves it out (the server requires it and says so)', () => {
    expect('priority' in ruleBody({ target: 'county', noteZh: 'a', noteEn: 'b', priority: null })).toBe(false);
  });
  it('a new category sorts after its siblings', () => {
    expect(nextSort(cats, 'neighbour')).toBe(23);
    expect(nextSort(cats, null)).toBe(1000);
    expect(nextSort(cats, 'other')).toBe(1);
  });
  it('next priority leaves room between rules', () => {
    expect(nextPriority([])).toBe(10);
    expect(nextPriority([{ priority: 10 }, { priority: 40 }])).toBe(50);
    expect(nextPriority([{ priority: 1000 }, { priority: 37 }])).toBe(1010);
    expect(nextPriority([{ priority: 100000 }])).toBe(100000);
  });
  it('a new committee: industry only for an industry committee, no empty abbreviation', () => {
    expect(committeeCreateBody({ name: ' 某调委会 ', regionCode: '330402', level: 'town', industry: '物业', accepts: undefined, abbr: ' ' })).toEqual({
      name: '某调委会',
      regionCode: '330402',
      level: 'town',
      accepts: [],
    });
    expect(committeeCreateBody({ name: 'X', regionCode: '330402', level: 'industry', industry: '宠物', accepts: ['pets'], abbr: '宠' })).toEqual({
      name: 'X',
      regionCode: '330402',
      level: 'industry',
      industry: '宠物',
      accepts: ['pets'],
      abbr: '宠',
    });
  });
  it('a committee edit sends only level, industry and categories; leaving industry level clears the industry', () => {
    expect(committeePatchBody({ name: 'changed', regionCode: '330000', level: 'town', industry: '物业', accepts: ['a'] })).toEqual({ level: 'town', industry: null, accepts: ['a'] });
    expect(committeePatchBody({ level: 'industry', industry: '医疗' })).toEqual({ level: 'industry', industry: '医疗', accepts: [] });
  });
});

describe('committee filters from the URL', () => {
  it('passes known levels and region codes, drops anything else', () => {
    expect(committeeFilters(new URLSearchParams('level=industry&region=330402'))).toEqual({ level: 'industry', region: '330402' });
    expect(committeeFilters(new URLSearchParams('level=province&region=33;drop'))).toEqual({});
    expect(committeeFilters(new URLSearchParams(''))).toEqual({});
    expect(committeeFilters(new URLSearchParams('region=330402001'))).toEqual({ region: '330402001' });
  });
});

describe('small helpers', () => {
  it('industry suggestions: distinct, sorted, blanks dropped', () => {
    expect(knownIndustries([{ industry: '物业' }, { industry: null }, { industry: '医疗' }, { industry: ' ' }], cats)).toEqual(['医疗', '物业']);
    expect(knownIndustries(undefined, undefined)).toEqual([]);
  });
  it('workload against capacity', () => {
    expect(workloadShare(3, 10)).toEqual({ percent: 30, full: false });
    expect(workloadShare(12, 10)).toEqual({ percent: 100, full: true });
    expect(workloadShare(10, 10)).toEqual({ percent: 100, full: true });
    expect(workloadShare(0, 0)).toEqual({ percent: 0, full: false });
    expect(workloadShare(2, 0)).toEqual({ percent: 0, full: true });
  });
  it('server field errors go beside their form field; the rest is kept for a message', () => {
    const errors = [
      { path: 'accepts.1', zh: '纠纷类别不存在', en: 'Unknown dispute category' },
      { path: 'industry', zh: '行业性调委会须注明行业', en: 'Name the industry' },
      { path: 'accepts.0', zh: '第一项', en: 'First' },
      { path: '', zh: '整体错误', en: 'Whole' },
      { path: 'unknownKey', zh: '未知字段', en: '' },
    ];
    const zh = splitFieldErrors(errors, ['accepts', 'industry'], 'zh');
    expect(zh.onFields).toEqual([
      { name: 'accepts', errors: ['纠纷类别不存在', '第一项'] },
      { name: 'industry', errors: ['行业性调委会须注明行业'] },
    ]);
    expect(zh.rest).toEqual(['整体错误', '未知字段']);
    // English falls back to Chinese when a message has no English.
    expect(splitFieldErrors(errors, [], 'en').rest).toEqual(['Unknown dispute category', 'Name the industry', 'First', 'Whole', '未知字段']);
    expect(splitFieldErrors(undefined, ['x'], 'zh')).toEqual({ onFields: [], rest: [] });
  });
});

describe('i18n of the dispute administration', () => {
  it('has every menu and page string in both languages', () => {
    for (const key of ['menuDisputes', 'menuCategories', 'menuRoutingRules', 'menuCommittees', 'previewTitle', 'mediatorsOf'] as const) {
      expect(strings[key].zh).not.toBe('');
      expect(strings[key].en).not.toBe('');
    }
  });
});

describe('mediationAdmin client', () => {
  afterEach(() => vi.unstubAllGlobals());
  const reply = (status: number, body: unknown, type = 'application/json') =>
    vi.fn(async (_url: string, _init?: RequestInit) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': type } }));

  it('asks the preview with the category and the town, URL-encoded', async () => {
    const f = reply(200, { committeeName: 'X', reasons: [] });
    vi.stubGlobal('fetch', f);
    await mediationAdmin.preview('neighbour_noise', '330402001');
    expect(f.mock.calls[0][0]).toBe('/api/v1/mediation/route-preview?category=neighbour_noise&regionCode=330402001');
  });
  it('sends a PATCH for a rule change and a DELETE (204) for a category', async () => {
    const f = reply(200, { id: 'r1' });
    vi.stubGlobal('fetch', f);
    await mediationAdmin.patchRule('r1', { active: false });
    const [url, init] = f.mock.calls[0];
    expect(url).toBe('/api/v1/mediation/routing-rules/r1');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ active: false });
    const d = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', d);
    await expect(mediationAdmin.deleteCategory('a/b')).resolves.toBeUndefined();
    expect(d.mock.calls[0][0]).toBe('/api/v1/mediation/categories/a%2Fb');
  });
  it('a refused delete carries the server problem, with its Chinese title', async () => {
    vi.stubGlobal(
      'fetch',
      reply(409, { type: 'https://fazhi.dev/problems/category-in-use', title: 'The category has children', title_zh: '该类别有下级类别、纠纷或分流规则在用，不能删除', status: 409 }, 'application/problem+json'),
    );
    await expect(mediationAdmin.deleteCategory('neighbour')).rejects.toMatchObject({ status: 409, problem: { title_zh: '该类别有下级类别、纠纷或分流规则在用，不能删除' } });
  });
  it('committee filters become the query string; empty ones are left out', async () => {
    const f = reply(200, []);
    vi.stubGlobal('fetch', f);
    await mediationAdmin.committees({ level: 'industry', region: undefined });
    expect(f.mock.calls[0][0]).toBe('/api/v1/mediation/committees?level=industry');
  });
});
