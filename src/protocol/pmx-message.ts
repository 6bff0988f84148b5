import { newNonce, sameMac, wireMac } from './wire-crypto.js';
import type { Protocol } from '../table/types.js';

export { newNonce };

/** Size every UDP request is padded to, so that a reply is never larger than the request. */
export const PMX_REQUEST_SIZE = 200;
const REQUEST = /^PMX1 Q ([0-9a-f]{32})\n/;
const REPLY = /^PMX1 A ([0-9a-f]{64}|-) (\S{1,64}) (\d{1,5})\n/;
const BUSY = /^PMX1 B ([0-9a-f]{64}|-)\n/;

/** A responder's answer (the proof and the source it saw), or its notice that it is too busy to answer. */
export type PmxReply =
  | { kind: 'answer'; mac: string | undefined; address: string; port: number }
  | { kind: 'busy'; mac: string | undefined };

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

/** The answer's MAC: token over the nonce, the protocol and port probed, and the source the responder saw. */
export function answerMac(
  token: string,
  nonce: string,
  protocol: Protocol,
  port: number,
  seen: string,
  seenPort: number,
) {
  return wireMac(token, 'pmx1 probe reply', [nonce, protocol, port, seen, seenPort]);
}

/** The busy notice's MAC: token over the nonce, the protocol and the port probed, under its own label. */
export function busyMac(token: string, nonce: string, protocol: Protocol, port: number): string {
  return wireMac(token, 'pmx1 probe busy', [nonce, protocol, port]);
}

/** The responder's answer line; without a token it carries "-" in place of the proof. */
export function encodeReply(mac: string | undefined, address: string, port: number): Buffer {
  return Buffer.from(`PMX1 A ${mac ?? '-'} ${address} ${port}\n`, 'ascii');
}

/** The responder's busy line: it got the request but its budget for this source is spent. */
export function encodeBusy(mac: string | undefined): Buffer {
  return Buffer.from(`PMX1 B ${mac ?? '-'}\n`, 'ascii');
}

/** Parses a reply, or undefined when it is not one. */
export function decodeReply(buf: Buffer): PmxReply | undefined {
  const text = buf.subarray(0, 160).toString('latin1');
  const busy = BUSY.exec(text);
  if (busy) return { kind: 'busy', mac: busy[1] === '-' ? undefined : busy[1] };
  const m = REPLY.exec(text);
  if (!m) return undefined;
  return { kind: 'answer', mac: m[1] === '-' ? undefined : m[1], address: m[2]!, port: Number(m[3]) };
}

/** True when the reply (answer or busy notice) proves knowledge of the token for this nonce, protocol and port. */
export function verifyReply(
  reply: PmxReply | undefined,
  token: string,
  nonce: string,
  protocol: Protocol,
  port: number,
): boolean {
  if (!reply?.mac) return false;
  const want =
    reply.kind === 'busy'
      ? busyMac(token, nonce, protocol, port)
      : answerMac(token, nonce, protocol, port, reply.address, reply.port);
  return sameMac(reply.mac, want);
}
