import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/kernel/http/validate.js';
import { Problem } from '../../src/kernel/http/problem.js';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  makeCreditCode,
  makeIdNumber,
  zCreditCode,
  zIdNumber,
  zPhone,
} from '../../src/kernel/org/validators.js';

// Vectors from /work/shared/domain/rules-and-enforcement.md §11 (computed independently of this code).
describe('统一社会信用代码 GB 32100-2015', () => {
  it.each([
    ['91330402MA2B00000', 'H'],
    ['91510100MA0000000', 'H'],
    ['12330400002561432', 'W'],
  ])('check character of %s is %s', (body, check) => {
    expect(creditCodeCheckChar(body)).toBe(check);
    expect(isValidCreditCode(body + check)).toBe(true);
    expect(makeCreditCode(body)).toBe(body + check);
  });

  it('accepts lowercase and surrounding space', () => {
    expect(isValidCreditCode(' 91330402ma2b00000h ')).toBe(true);
  });

  it.each([
    ['wrong check character', '91330402MA2B00000G'],
    ['17 characters', '91330402MA2B00000'],
    ['19 characters', '91330402MA2B00000HH'],
    ['letter I (not in the alphabet)', '91330402MA2I00000H'],
    ['letter in the region part', '9133040AMA2B00000H'],
    ['empty', ''],
  ])('rejects %s', (_why, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('a single changed character is caught', () => {
    const good = '91330402MA2B00000H';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === good[i]) continue;
        const bad = good.slice(0, i) + ch + good.slice(i + 1);
        expect(isValidCreditCode(bad)).toBe(false);
      }
    }
  });

  it('makeCreditCode refuses a malformed body', () => {
    expect(() => makeCreditCode('91330402MA2B0000')).toThrow();
  });
});

describe('居民身份证号码 GB 11643-1999', () => {
  it('the standard example validates, in either case of x', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('synthetic vector 33040219900307123 → 7', () => {
    expect(idNumberCheckChar('33040219900307123')).toBe('7');
    expect(makeIdNumber('33040219900307123')).toBe('330402199003071237');
    expect(isValidIdNumber('330402199003071237')).toBe(true);
    expect(isValidIdNumber('330402199003071238')).toBe(false);
  });

  it('rejects an impossible birth date (Feb 30) even with a correct check character', () => {
    const id = makeIdNumber('33040219900230123');
    expect(isValidIdNumber(id)).toBe(false);
  });

  it('accepts Feb 29 in a leap year, rejects it otherwise', () => {
    expect(isValidIdNumber(makeIdNumber('33040220000229123'))).toBe(true);
    expect(isValidIdNumber(makeIdNumber('33040219000229123'))).toBe(false);
  });

  it('rejects a birth date in the future, relative to the given today', () => {
    const id = makeIdNumber('33040220210602123');
    expect(isValidIdNumber(id, '2021-06-01')).toBe(false);
    expect(isValidIdNumber(id, '2021-06-02')).toBe(true);
    expect(isValidIdNumber(makeIdNumber('33040229990101123'))).toBe(false);
  });

  it.each([
    ['17 digits', '33040219900307123'],
    ['letter inside', '3304021990030712A7'],
    ['X not at the end', 'X30402199003071237'],
    ['month 13', makeIdNumber('33040219901307123')],
    ['15-digit legacy form', '330402900307123'],
  ])('rejects %s', (_why, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });
});

describe('mobile numbers', () => {
  it.each(['13800138000', '19912345678', '+86 138-0013-8000', '8613800138000'])('accepts %s', (p) => {
    expect(isValidMobile(p)).toBe(true);
  });
  it.each(['12800138000', '1380013800', '138001380000', '23800138000', 'abc', '0571-88888888'])('rejects %s', (p) => {
    expect(isValidMobile(p)).toBe(false);
  });
});

describe('zod schemas normalise and answer in both languages', () => {
  it('zIdNumber trims and uppercases x', () => {
    expect(parseInput(zIdNumber, ' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it('zCreditCode uppercases', () => {
    expect(parseInput(zCreditCode, '91330402ma2b00000h')).toBe('91330402MA2B00000H');
  });
  it('zPhone strips the country code and separators', () => {
    expect(parseInput(zPhone, '+86 138 0013 8000')).toBe('13800138000');
  });
  it.each([
    [zIdNumber, '330402199003071238'],
    [zCreditCode, '91330402MA2B00000G'],
    [zPhone, '12345'],
  ])('a bad value is a 400 with zh and en messages', (schema, bad) => {
    try {
      parseInput(schema, bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Problem);
      const err = (e as Problem).opts.errors![0];
      expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(err.en).toMatch(/^Invalid/);
      expect(err.zh).not.toBe(err.en);
    }
  });
});
