import { randomInt } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { bi } from '../http/validate.js';

// `Algorithm` is a const enum that isolatedModules builds cannot inline; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the hashing work an attacker can ask for with one request. */
export const PASSWORD_MAX_LENGTH = 128;

/** Argon2id with the library's defaults (19 MiB, 2 passes); the PHC string carries its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** The policy for passwords people choose: at least 10 characters, with letters and digits. */
export const zNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, bi(`密码至少${PASSWORD_MIN_LENGTH}位`, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`))
  .max(PASSWORD_MAX_LENGTH, bi(`密码不超过${PASSWORD_MAX_LENGTH}位`, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`))
  .refine((s) => /\p{L}/u.test(s) && /\d/.test(s), {
    message: bi('密码须同时包含字母和数字', 'Password must contain both letters and digits'),
  });

// No 0/O, 1/l/I: generated passwords are read out or copied by hand.
const GENERATED_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GENERATED_LENGTH = 14;

/** A random password that satisfies the policy (admin resets, new accounts). */
export function generatePassword(): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < GENERATED_LENGTH; i++) s += GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)];
    if (zNewPassword.safeParse(s).success) return s;
  }
}
