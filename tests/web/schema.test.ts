import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cleanValues,
  displayValue,
  enumOptions,
  fieldKind,
  fieldLabel,
  fieldsOf,
  findWidgetValue,
  type JsonSchema,
  pathLabel,
  pathToName,
  RADIO_MAX_OPTIONS,
  schemaHasPath,
  unwrap,
} from '../../web/src/components/schema.js';

// The form must read what the server really produces: build the schema with zod, as the server does.
const opts = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, { zh: `中${k}`, en: `en-${k}` }]));
const fewKeys = Array.from({ length: RADIO_MAX_OPTIONS }, (_, i) => `k${i}`) as [string, ...string[]];
const manyKeys = Array.from({ length: RADIO_MAX_OPTIONS + 1 }, (_, i) => `m${i}`) as [string, ...string[]];

const input = z.strictObject({
  applicant: z
    .strictObject({
      name: z.string().min(1).max(50).meta({ title: '申请人姓名', en: 'Applicant name' }),
      phone: z.string().meta({ title: '联系电话', en: 'Phone', widget: 'phone' }),
      idNumber: z.string().optional().meta({ title: '身份证号', en: 'ID number', widget: 'idNumber' }),
    })
    .meta({ title: '申请人', en: 'Applicant' }),
  respondentAgencyId: z.string().meta({ title: '被申请人', widget: 'agency' }),
  regionCode: z.string().meta({ title: '区域', widget: 'region' }),
  actDate: z.iso.date().meta({ title: '行政行为日期', en: 'Act date' }),
  few: z.enum(fewKeys).meta({ title: '少', options: opts(fewKeys) }),
  many: z.enum(manyKeys).meta({ title: '多', options: opts(manyKeys) }),
  request: z.string().meta({ title: '复议请求', widget: 'textarea' }),
  amount: z.number().int().nonnegative().nullable().optional().meta({ title: '金额' }),
  ratio: z.number().meta({ title: '比例' }),
  urgent: z.boolean().default(false).meta({ title: '加急' }),
  thirdParties: z
    .array(
      z.strictObject({
        name: z.string().meta({ title: '姓名' }),
        contact: z.strictObject({ phone: z.string().meta({ title: '电话', widget: 'phone' }) }).optional(),
      }),
    )
    .optional()
    .meta({ title: '第三人' }),
  tags: z.array(z.string()).optional(),
  picks: z.array(z.enum(['x', 'y'])).optional(),
  kind: z.union([z.literal('a'), z.literal('b')]).meta({ title: '种类' }),
  nickname: z.string().nullable().optional(),
});
const schema = z.toJSONSchema(input, { io: 'input' }) as JsonSchema;
const props = schema.properties as Record<string, JsonSchema>;

describe('fieldKind on zod-generated JSON Schema', () => {
  it.each([
    ['applicant', 'object'],
    ['respondentAgencyId', 'agency'],
    ['regionCode', 'region'],
    ['actDate', 'date'],
    ['few', 'radio'],
    ['many', 'select'],
    ['request', 'textarea'],
    ['amount', 'integer'],
    ['ratio', 'number'],
    ['urgent', 'boolean'],
    ['thirdParties', 'array'],
    ['tags', 'tags'],
    ['picks', 'multiselect'],
    ['kind', 'radio'],
    ['nickname', 'text'],
  ])('%s → %s', (key, kind) => {
    expect(fieldKind(props[key])).toBe(kind);
  });

  it('reads widgets inside nested objects', () => {
    const applicant = props.applicant.properties as Record<string, JsonSchema>;
    expect(fieldKind(applicant.phone)).toBe('phone');
    expect(fieldKind(applicant.idNumber)).toBe('idNumber');
  });

  it('falls back to unknown for an empty schema, and to object for bare properties', () => {
    expect(fieldKind({})).toBe('unknown');
    expect(fieldKind({ properties: { a: { type: 'string' } } })).toBe('object');
  });
});

describe('unwrap', () => {
  it('keeps the wrapper title and marks nullable', () => {
    const u = unwrap(props.amount);
    expect(u.nullable).toBe(true);
    expect(u.schema.type).toBe('integer');
    expect(u.schema.title).toBe('金额');
  });
  it('turns a union of literals into an enum', () => {
    const u = unwrap(props.kind).schema;
    expect(u.enum).toEqual(['a', 'b']);
  });
  it('handles type arrays with null', () => {
    const u = unwrap({ type: ['string', 'null'], title: 'x' });
    expect(u).toEqual({ schema: { type: 'string', title: 'x' }, nullable: true });
  });
  it('leaves a plain schema alone', () => {
    const s: JsonSchema = { type: 'string' };
    expect(unwrap(s)).toEqual({ schema: s, nullable: false });
  });
});

describe('fieldsOf / labels / options', () => {
  it('marks required fields from `required`, but not defaulted or optional ones', () => {
    const req = Object.fromEntries(fieldsOf(schema).map((f) => [f.key, f.required]));
    expect(req.applicant).toBe(true);
    expect(req.actDate).toBe(true);
    expect(req.amount).toBe(false);
    expect(req.urgent).toBe(false);
    expect(req.thirdParties).toBe(false);
  });
  it('keeps the schema order of properties', () => {
    expect(fieldsOf(schema).map((f) => f.key)).toEqual(Object.keys(input.shape));
  });
  it('labels in the current language with fallbacks', () => {
    expect(fieldLabel(props.actDate, 'actDate', 'zh')).toBe('行政行为日期');
    expect(fieldLabel(props.actDate, 'actDate', 'en')).toBe('Act date');
    expect(fieldLabel(props.request, 'request', 'en')).toBe('复议请求');
    expect(fieldLabel(props.tags, 'tags', 'zh')).toBe('tags');
  });
  it('labels enum options from `options`, raw values otherwise', () => {
    expect(enumOptions(props.few, 'en').map((o) => o.label)).toEqual(fewKeys.map((k) => `en-${k}`));
    expect(enumOptions(props.few, 'zh')[0]).toEqual({ value: fewKeys[0], label: `中${fewKeys[0]}` });
    expect(enumOptions(props.picks, 'zh').map((o) => o.label)).toEqual(['x', 'y']);
    expect(enumOptions(props.request, 'zh')).toEqual([]);
  });
});

describe('server error paths', () => {
  it('parses dotted and bracketed paths', () => {
    expect(pathToName('applicant.name')).toEqual(['applicant', 'name']);
    expect(pathToName('thirdParties.0.name')).toEqual(['thirdParties', 0, 'name']);
    expect(pathToName('thirdParties[1].contact.phone')).toEqual(['thirdParties', 1, 'contact', 'phone']);
    expect(pathToName('')).toEqual([]);
  });
  it('knows which paths the form renders', () => {
    expect(schemaHasPath(schema, ['applicant', 'phone'])).toBe(true);
    expect(schemaHasPath(schema, ['thirdParties', 2, 'contact', 'phone'])).toBe(true);
    expect(schemaHasPath(schema, ['amount'])).toBe(true);
  });
  it('sends unknown, root and malformed paths to the summary', () => {
    expect(schemaHasPath(schema, [])).toBe(false);
    expect(schemaHasPath(schema, ['nope'])).toBe(false);
    expect(schemaHasPath(schema, ['applicant', 'nope'])).toBe(false);
    expect(schemaHasPath(schema, ['applicant', 0])).toBe(false);
    expect(schemaHasPath(schema, ['thirdParties', 'name'])).toBe(false);
    expect(schemaHasPath(schema, ['request', 'x'])).toBe(false);
  });
  it('an error on a whole object or list has no input of its own', () => {
    expect(schemaHasPath(schema, ['applicant'])).toBe(false);
    expect(schemaHasPath(schema, ['thirdParties'])).toBe(false);
    expect(schemaHasPath(schema, ['thirdParties', 0])).toBe(false);
    expect(schemaHasPath(schema, ['thirdParties', 0, 'contact'])).toBe(false);
    expect(schemaHasPath(schema, ['tags'])).toBe(true);
    expect(schemaHasPath(schema, ['picks'])).toBe(true);
  });
  it('labels paths for the summary', () => {
    expect(pathLabel(schema, ['applicant', 'phone'], 'zh')).toBe('申请人 › 联系电话');
    expect(pathLabel(schema, ['applicant', 'phone'], 'en')).toBe('Applicant › Phone');
    expect(pathLabel(schema, ['thirdParties', 1, 'name'], 'zh')).toBe('第三人 › 第 2 项 › 姓名');
    expect(pathLabel(schema, ['nope', 'x'], 'zh')).toBe('nope › x');
  });
});

describe('cleanValues', () => {
  it('drops empty strings, null and undefined, recursively; keeps false, 0 and empty arrays', () => {
    expect(
      cleanValues({ a: '', b: null, c: undefined, d: false, e: 0, f: [], g: { h: '', i: 'x' }, j: [{ k: '' }, 'y', ''] }),
    ).toEqual({ d: false, e: 0, f: [], g: { i: 'x' }, j: [{}, 'y'] });
  });
  it('the result is accepted by the zod schema the JSON Schema came from', () => {
    const filled = {
      applicant: { name: '张三', phone: '13800000000', idNumber: '' },
      respondentAgencyId: 'a1',
      regionCode: '330400',
      actDate: '2024-02-29',
      few: fewKeys[0],
      many: manyKeys[RADIO_MAX_OPTIONS],
      request: '撤销',
      amount: null,
      ratio: 0,
      urgent: false,
      thirdParties: [],
      tags: undefined,
      picks: ['x'],
      kind: 'a',
      nickname: '',
    };
    expect(input.safeParse(cleanValues(filled)).success).toBe(true);
  });
});

describe('findWidgetValue and displayValue', () => {
  it('finds the applicant phone, nested or in a list', () => {
    expect(findWidgetValue(schema, { applicant: { phone: '13800000000' } }, ['phone'])).toBe('13800000000');
    expect(findWidgetValue(schema, { thirdParties: [{ name: 'x', contact: { phone: '139' } }] }, ['phone'])).toBe('139');
    expect(findWidgetValue(schema, { applicant: { name: 'x' } }, ['phone'])).toBeUndefined();
    expect(findWidgetValue(schema, null, ['phone'])).toBeUndefined();
  });
  it('shows enum labels, yes/no and a dash for empty', () => {
    expect(displayValue(props.few, fewKeys[1], 'zh')).toBe(`中${fewKeys[1]}`);
    expect(displayValue(props.urgent, true, 'zh')).toBe('是');
    expect(displayValue(props.urgent, false, 'en')).toBe('No');
    expect(displayValue(undefined, '', 'zh')).toBe('—');
    expect(displayValue(props.picks, ['x', 'y'], 'zh')).toBe('x、y');
    expect(displayValue(undefined, { a: 1 }, 'zh')).toBe('{"a":1}');
  });
});
