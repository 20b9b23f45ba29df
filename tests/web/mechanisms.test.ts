import { describe, expect, it } from 'vitest';
import { fieldKind } from '../../web/src/components/schema.js';
import { sectionsOf } from '../../web/src/pages/CockpitSections.js';
import { atPath, changedFields, moduleOf } from '../../web/src/pages/registers/common.js';
import { categoryPath, categoryTree, heatColor, looseText, townTree } from '../../web/src/util.js';

const cats = [
  { code: 'neighbour', parentCode: null, nameZh: '邻里纠纷', nameEn: 'Neighbours' },
  { code: 'neighbour_noise', parentCode: 'neighbour', nameZh: '噪音', nameEn: 'Noise' },
  { code: 'labour', parentCode: null, nameZh: '劳动争议', nameEn: 'Labour' },
  { code: 'orphan', parentCode: 'gone', nameZh: '孤儿', nameEn: 'Orphan' },
];

describe('dispute categories', () => {
  it('builds a two-level cascader; a parent unknown to the list makes a root', () => {
    const t = categoryTree(cats, 'zh');
    expect(t.map((n) => n.value)).toEqual(['neighbour', 'labour', 'orphan']);
    expect(t[0].children?.map((n) => n.label)).toEqual(['噪音']);
    expect(t[1].children).toBeUndefined();
    expect(categoryTree(cats, 'en')[0].label).toBe('Neighbours');
  });
  it('finds the path of a chosen leaf, and tolerates unknown codes', () => {
    expect(categoryPath(cats, 'neighbour_noise')).toEqual(['neighbour', 'neighbour_noise']);
    expect(categoryPath(cats, 'nope')).toEqual(['nope']);
    expect(categoryPath(cats, undefined)).toEqual([]);
  });
});

describe('town picker', () => {
  it('groups the portal towns under their county; only towns are selectable', () => {
    const regions = [
      { code: '330402', name: '南湖区', level: 'county' as const, parentCode: null },
      { code: '330411', name: '330411', level: 'county' as const, parentCode: null },
      { code: '330402001', name: '建设街道', level: 'town' as const, parentCode: '330402' },
      { code: '330402002', name: '解放街道', level: 'town' as const, parentCode: '330402' },
      { code: '330411001', name: '新城街道', level: 'town' as const, parentCode: '330411' },
    ];
    const tree = townTree(regions);
    expect(tree.map((n) => [n.title, n.selectable])).toEqual([
      ['南湖区', false],
      ['330411', false],
    ]);
    expect(tree[0].children?.map((n) => [n.value, (n as { selectable?: boolean }).selectable])).toEqual([
      ['330402001', true],
      ['330402002', true],
    ]);
  });
  it('drops branches with no town under them', () => {
    const tree = townTree([
      { code: '330400', name: '嘉兴市', level: 'city', parentCode: null },
      { code: '330402', name: '南湖区', level: 'county', parentCode: '330400' },
      { code: '330411', name: '秀洲区', level: 'county', parentCode: '330400' },
      { code: '330402001', name: '建设街道', level: 'town', parentCode: '330402' },
    ]);
    expect(tree[0].children?.map((n) => n.title)).toEqual(['南湖区']);
  });
});

describe('heat colour', () => {
  it('scales within the column; no value, no colour; a flat column stays blank', () => {
    expect(heatColor(null, 0, 10)).toBeUndefined();
    expect(heatColor(0, 0, 10)).toBeUndefined();
    expect(heatColor(10, 0, 10)).toBe('rgba(29, 78, 216, 0.55)');
    expect(heatColor(5, 0, 10)).toBe('rgba(29, 78, 216, 0.28)');
    expect(heatColor(3, 3, 3)).toBeUndefined();
  });
});

describe('resolver values', () => {
  it('reads strings, labels, rule notes and legal bases', () => {
    expect(looseText('x', 'zh')).toBe('x');
    expect(looseText({ zh: '中', en: 'en' }, 'en')).toBe('en');
    expect(looseText({ id: 'r1', note: { zh: '按发生地', en: 'By place' } }, 'zh')).toBe('按发生地');
    expect(looseText({ law: '法律援助法', article: '第三十二条' }, 'zh')).toBe('法律援助法 第三十二条');
    expect(looseText(null, 'zh')).toBe('');
    expect(looseText({ other: 1 }, 'zh')).toBe('');
  });
});

describe('schema widgets of the new mechanisms', () => {
  it('maps widgets and a literal true', () => {
    expect(fieldKind({ type: 'string', widget: 'town' })).toBe('town');
    expect(fieldKind({ type: 'string', widget: 'mediation-category' })).toBe('category');
    expect(fieldKind({ type: 'string', format: 'uuid', widget: 'register:provider' })).toBe('registerRef');
    expect(fieldKind({ type: 'boolean', const: true })).toBe('boolean');
  });
});

describe('registers', () => {
  it('groups by the module of the read permission', () => {
    expect(moduleOf({ key: 'consultation', permissions: { read: 'legal_services.consultation.read', write: 'x' } })).toBe('legal_services');
  });
  it('reads dot paths', () => {
    expect(atPath({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(atPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(atPath(null, 'a')).toBeUndefined();
  });
  it('sends only changed fields, so masked personal data is not written back', () => {
    const before = { name: '张三', phone: '139****5678', tags: ['a'] };
    expect(changedFields(before, { name: '张三', phone: '139****5678', tags: ['a'] })).toEqual({});
    expect(changedFields(before, { name: '李四', phone: '139****5678', tags: ['a', 'b'] })).toEqual({ name: '李四', tags: ['a', 'b'] });
  });
});

describe('cockpit sections', () => {
  it('orders mechanisms as the report does, others after', () => {
    const i = (type: string, key: string) => ({ key, type, label: { zh: key, en: key }, unit: 'count' as const, version: '1', definition: { zh: '', en: '' }, source: '' });
    const s = sectionsOf([i('zoo', 'z'), i('legal_aid', 'la'), i('reconsideration', 'r1'), i('mediation', 'm'), i('reconsideration', 'r2')]);
    expect(s.map((x) => x.type)).toEqual(['reconsideration', 'mediation', 'legal_aid', 'zoo']);
    expect(s[0].items.map((x) => x.key)).toEqual(['r1', 'r2']);
  });
});
