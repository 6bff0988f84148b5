import { nodeCrypto } from '../util/node-crypto.js';

/**
 * What a MAC is for. Each use has its own label, so a MAC made for one purpose (a probe reply, an
 * agent response) can never be presented as another (a busy notice, an agent request).
 */
export type MacLabel = 'pmx1 probe reply' | 'pmx1 probe busy' | 'pmx1 agent request' | 'pmx1 agent response';

/** One field of a MAC'd message; the type is part of the encoding. */
export type MacField = string | number | boolean;

/** A fresh random nonce: 128 bits as 32 hex digits. */
export function newNonce(): string {
  return nodeCrypto().randomBytes(16).toString('hex');
}

// A type tag, a 4-byte big-endian length, then the UTF-8 bytes: no two field lists encode alike.
function encodeField(field: MacField): Buffer {
  const tag = typeof field === 'string' ? 's' : typeof field === 'number' ? 'n' : 'b';
  const text = typeof field === 'boolean' ? (field ? '1' : '0') : String(field);
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(5);
  head.write(tag, 0, 'ascii');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** HMAC-SHA256 (hex) keyed with the token over the label and the fields, length-prefixed and typed. */
export function wireMac(token: string, label: MacLabel, fields: readonly MacField[]): string {
  const h = nodeCrypto().createHmac('sha256', token);
  h.update(encodeField(label));
  for (const f of fields) h.update(encodeField(f));
  return h.digest('hex');
}

/** Constant-time comparison of a received hex MAC with the expected one; false for anything malformed. */
export function sameMac(got: unknown, want: string): boolean {
  if (typeof got !== 'string' || !/^[0-9a-f]{64}$/.test(got)) return false;
  return nodeCrypto().timingSafeEqual(Buffer.from(got, 'hex'), Buffer.from(want, 'hex'));
}
