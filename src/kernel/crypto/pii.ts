import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal data at rest: SM4-CTR for secrecy plus HMAC-SM3 over iv‖ciphertext for integrity
 * (Node 20's OpenSSL has no sm4-gcm). Lookups use a keyed hash, never the plaintext.
 * Envelope: 'v1.' + base64(iv ‖ ciphertext ‖ mac).
 */
export class Pii {
  private encKey: Buffer;
  private macKey: Buffer;
  private lookupKey: Buffer;

  constructor(secret: Buffer) {
    const derive = (label: string) => createHmac('sm3', secret).update(label).digest();
    this.encKey = derive('fazhi/pii/enc').subarray(0, 16);
    this.macKey = derive('fazhi/pii/mac');
    this.lookupKey = derive('fazhi/pii/lookup');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-ctr', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const mac = createHmac('sm3', this.macKey).update(iv).update(body).digest();
    return `v1.${Buffer.concat([iv, body, mac]).toString('base64')}`;
  }

  decrypt(envelope: string): string {
    if (!envelope.startsWith('v1.')) throw new Error('unknown envelope');
    const raw = Buffer.from(envelope.slice(3), 'base64');
    const iv = raw.subarray(0, 16);
    const body = raw.subarray(16, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    const expect = createHmac('sm3', this.macKey).update(iv).update(body).digest();
    if (!timingSafeEqual(mac, expect)) throw new Error('personal data failed its integrity check');
    const d = createDecipheriv('sm4-ctr', this.encKey, iv);
    return Buffer.concat([d.update(body), d.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookups (查询码 + phone, duplicate checks). */
  lookupHash(value: string): string {
    return createHmac('sm3', this.lookupKey).update(normalise(value)).digest('hex');
  }
}

function normalise(v: string): string {
  return v.trim().toUpperCase().replace(/\s+/g, '');
}

export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** 138****5678 */
export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****';
}

/** 330402********123X */
export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '****';
}

/** 张*三 / 张* — keeps the surname so staff can still tell cases apart. Organisations are public. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
