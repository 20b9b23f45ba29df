import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, sql } from '../../src/kernel/db/client.js';
import { parseInput } from '../../src/kernel/http/validate.js';
import { PASSWORD_MIN_LENGTH, generatePassword, hashPassword, verifyPassword, zNewPassword } from '../../src/kernel/identity/password.js';
import { IDENTITY_SETTINGS, identitySettings } from '../../src/kernel/identity/settings.js';
import { testDb } from '../support/db.js';

describe('password storage', () => {
  it('argon2id, salted, verifiable', async () => {
    const a = await hashPassword('some-pass-123');
    const b = await hashPassword('some-pass-123');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'some-pass-123')).toBe(true);
    expect(await verifyPassword(a, 'some-pass-124')).toBe(false);
  });

  it('a malformed stored hash verifies as false instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('', 'x')).toBe(false);
  });
});

describe('password policy', () => {
  it.each(['abcdefgh12', '密码密码密码密码密码1', 'Correct horse 42'])('accepts %s', (p) => {
    expect(parseInput(zNewPassword, p)).toBe(p);
  });
  it.each([
    ['too short', 'abc12345'],
    ['no digit', 'abcdefghijk'],
    ['no letter', '12345678901'],
    ['too long', `a1${'x'.repeat(200)}`],
  ])('rejects %s with a bilingual message', (_why, p) => {
    expect(() => parseInput(zNewPassword, p)).toThrow();
    try {
      parseInput(zNewPassword, p);
    } catch (e) {
      const err = (e as { opts: { errors: { zh: string; en: string }[] } }).opts.errors[0];
      expect(err.zh).toMatch(/密码/);
      expect(err.en).toMatch(/Password/);
    }
  });
  it('generated passwords satisfy the policy and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      expect(zNewPassword.safeParse(p).success).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(50);
  });
});

describe('identity settings', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('defaults when unset; stored numbers win; nonsense falls back to the default', async () => {
    const defaults = await identitySettings(db.orm);
    expect(defaults).toEqual({
      maxFailedLogins: IDENTITY_SETTINGS.maxFailedLogins.default,
      lockoutMinutes: IDENTITY_SETTINGS.lockoutMinutes.default,
      sessionHours: IDENTITY_SETTINGS.sessionHours.default,
    });
    await db.tx((tx) =>
      tx.execute(sql`insert into setting (key, value) values
        (${IDENTITY_SETTINGS.maxFailedLogins.key}, '3'::jsonb),
        (${IDENTITY_SETTINGS.lockoutMinutes.key}, '"soon"'::jsonb),
        (${IDENTITY_SETTINGS.sessionHours.key}, '-1'::jsonb)`),
    );
    expect(await identitySettings(db.orm)).toEqual({ ...defaults, maxFailedLogins: 3 });
  });
});
