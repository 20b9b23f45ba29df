import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… or undefined for the embedded engine. */
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  /** 32-byte key material for personal-data encryption and lookup hashes. */
  secretKey: Buffer;
  /** Today's civil date override (tests, demos); otherwise the clock in Asia/Shanghai. */
  today?: string;
  maxBodyBytes: number;
  maxUploadBytes: number;
  portalRateLimitPerMinute: number;
  secureCookies: boolean;
}

/**
 * The key that encrypts personal data. From FAZHI_SECRET_KEY (64 hex chars) in production; on a
 * laptop it is generated once into the data folder so the embedded database stays readable.
 */
function loadKey(dataDir: string): Buffer {
  const env = process.env.FAZHI_SECRET_KEY;
  if (env) {
    if (!/^[0-9a-f]{64}$/i.test(env)) throw new Error('FAZHI_SECRET_KEY must be 64 hex characters');
    return Buffer.from(env, 'hex');
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

export function loadConfig(env = process.env): Config {
  const dataDir = resolve(env.FAZHI_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.FAZHI_DEMO !== '0',
    secretKey: loadKey(dataDir),
    today: env.FAZHI_TODAY,
    maxBodyBytes: Number(env.FAZHI_MAX_BODY ?? 1_000_000),
    maxUploadBytes: Number(env.FAZHI_MAX_UPLOAD ?? 10_000_000),
    portalRateLimitPerMinute: Number(env.FAZHI_PORTAL_RATE ?? 30),
    secureCookies: env.FAZHI_SECURE_COOKIES === '1',
  };
}

/** A config for tests: fixed key, in-memory, no demo. */
export function testConfig(over: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '.tmp',
    demo: false,
    secretKey: Buffer.alloc(32, 7),
    maxBodyBytes: 1_000_000,
    maxUploadBytes: 2_000_000,
    portalRateLimitPerMinute: 1000,
    secureCookies: false,
    ...over,
  };
}
