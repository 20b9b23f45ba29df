import { sm3 } from '../crypto/pii.js';

export const GENESIS = '0'.repeat(64);

/** Stable JSON: keys sorted, so the same content always hashes the same. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** hash_n = SM3(hash_{n-1} ‖ canonical(content_n)) */
export function chainHash(prev: string, content: unknown): string {
  return sm3(`${prev}|${canonical(content)}`);
}
