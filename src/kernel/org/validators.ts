import { z } from 'zod';
import { bi } from '../http/validate.js';
import { civilToday } from '../kernel.js';

/**
 * Identifier checks: 统一社会信用代码 (GB 32100-2015), 居民身份证号码 (GB 11643-1999) and mainland mobile
 * numbers. See docs/modules/org.md for the algorithms and their sources.
 */

// GB 32100-2015 §4: 31 symbols (no I, O, S, V, Z); a symbol's value is its index here.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_MODULUS = USCC_ALPHABET.length;
const USCC_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;
const USCC_BODY_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{9}$/;
/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % BigInt(USCC_MODULUS)));

// GB 11643-1999 (ISO 7064 MOD 11-2): weight of position i is 2^(18-i) mod 11.
const ID_WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const ID_CHECK_CHARS = '10X98765432';
const ID_PATTERN = /^\d{17}[\dX]$/;

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** The 18th character for a 17-character body, or undefined when the body is malformed. */
export function creditCodeCheckChar(body17: string): string | undefined {
  const c = body17.toUpperCase();
  if (!USCC_BODY_PATTERN.test(c)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(c[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(USCC_MODULUS - (sum % USCC_MODULUS)) % USCC_MODULUS];
}

/** 统一社会信用代码: structure and check character. Unknown department/category pairs are not rejected (§11.1). */
export function isValidCreditCode(s: string): boolean {
  const c = s.trim().toUpperCase();
  return USCC_PATTERN.test(c) && creditCodeCheckChar(c.slice(0, 17)) === c[17];
}

/** Completes a 17-character body with its check character (demo data). */
export function makeCreditCode(prefix17: string): string {
  const check = creditCodeCheckChar(prefix17);
  if (!check) throw new Error(`not a credit-code body: ${prefix17}`);
  return prefix17.toUpperCase() + check;
}

/** The 18th character for 17 digits, or undefined when the body is not 17 digits. */
export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** A real calendar date, not after `today` (YYYY-MM-DD). */
function isPastBirthDate(yyyymmdd: string, today: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` <= today;
}

/**
 * 18-digit 居民身份证号码: check character, and a birth date that exists and is not in the future.
 * The address code is not checked against the current division list: historic codes stay valid.
 * `today` (YYYY-MM-DD) lets callers use the civil date in Asia/Shanghai.
 */
export function isValidIdNumber(s: string, today = civilToday()): boolean {
  const c = s.trim().toUpperCase();
  if (!ID_PATTERN.test(c)) return false;
  if (!isPastBirthDate(c.slice(6, 14), today)) return false;
  return idNumberCheckChar(c.slice(0, 17)) === c[17];
}

/** Completes 17 digits with the check character (demo data). */
export function makeIdNumber(first17: string): string {
  const check = idNumberCheckChar(first17);
  if (!check) throw new Error(`not 17 digits: ${first17}`);
  return first17 + check;
}

/** Mainland mobile number, 11 digits starting 13–19; an optional +86/86 prefix, spaces and dashes are tolerated. */
export function isValidMobile(s: string): boolean {
  return MOBILE_PATTERN.test(normalisePhone(s));
}

function normalisePhone(s: string): string {
  return s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export const zCreditCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidCreditCode, {
    message: bi('统一社会信用代码无效（应为18位且校验码正确）', 'Invalid unified social credit code (18 characters with a valid check character)'),
  });

export const zIdNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => isValidIdNumber(s), {
    message: bi('居民身份证号码无效（应为18位，出生日期真实且校验码正确）', 'Invalid resident ID number (18 characters, a real birth date and a valid check character)'),
  });

export const zPhone = z
  .string()
  .transform(normalisePhone)
  .refine((s) => MOBILE_PATTERN.test(s), {
    message: bi('手机号码无效（应为11位，以13–19开头）', 'Invalid mobile number (11 digits starting 13–19)'),
  });
