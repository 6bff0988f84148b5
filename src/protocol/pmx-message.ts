import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Protocol } from '../table/types.js';

/** Size every UDP request is padded to, so that a reply is never larger than the request. */
export const PMX_REQUEST_SIZE = 200;
const REQUEST = /^PMX1 Q ([0-9a-f]{32})\n/;
const REPLY = /^PMX1 A ([0-9a-f]{64}|-) (\S{1,64}) (\d{1,5})\n/;

/** A responder's answer: the proof, and the source it saw. */
export interface PmxReply {
  mac: string | undefined;
  address: string;
  port: number;
}

/** A fresh random nonce, 128 bits as hex. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The request a prober sends; padded to PMX_REQUEST_SIZE when `pad` is set (UDP). */
export function encodeRequest(nonce: string, pad: boolean): Buffer {
  const line = Buffer.from(`PMX1 Q ${nonce}\n`, 'ascii');
  return pad ? Buffer.concat([line, Buffer.alloc(PMX_REQUEST_SIZE - line.length, 0x2e)]) : line;
}

/** The nonce of a well-formed request, or undefined for anything else. */
export function decodeRequest(buf: Buffer): string | undefined {
  if (buf.length < 40) return undefined;
  return REQUEST.exec(buf.subarray(0, 40).toString('latin1'))?.[1];
}

/** HMAC-SHA256 over token, nonce, protocol and the port the probe was sent to. */
export function proof(token: string, nonce: string, protocol: Protocol, port: number): string {
  return createHmac('sha256', token).update(`${nonce}|${protocol}|${port}`).digest('hex');
}

/** The responder's reply line; without a token it carries "-" in place of the proof. */
export function encodeReply(mac: string | undefined, address: string, port: number): Buffer {
  return Buffer.from(`PMX1 A ${mac ?? '-'} ${address} ${port}\n`, 'ascii');
}

/** Parses a reply, or undefined when it is not one. */
export function decodeReply(buf: Buffer): PmxReply | undefined {
  const m = REPLY.exec(buf.subarray(0, 160).toString('latin1'));
  if (!m) return undefined;
  return { mac: m[1] === '-' ? undefined : m[1], address: m[2]!, port: Number(m[3]) };
}

/** True when the reply proves knowledge of the token for this nonce, protocol and port. */
export function verifyReply(
  reply: PmxReply | undefined,
  token: string,
  nonce: string,
  protocol: Protocol,
  port: number,
): boolean {
  if (!reply?.mac) return false;
  const want = Buffer.from(proof(token, nonce, protocol, port), 'hex');
  const got = Buffer.from(reply.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
