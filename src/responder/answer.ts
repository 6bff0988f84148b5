import { answerMac, busyMac, decodeRequest, encodeBusy, encodeReply } from '../protocol/pmx-message.js';
import { UDP_PAYLOADS } from '../probe/udp-payloads.js';
import { unmapAddress } from '../util/address.js';
import type { Protocol } from '../table/types.js';

/** What the responder makes of one request. */
export type Request = { kind: 'pmx'; nonce: string } | { kind: 'payload' } | { kind: 'garbage' };

/** Classifies a request: a portmatrix probe (with its nonce), a known protocol payload (SNMP, TFTP), or garbage. */
export function classifyRequest(request: Buffer, protocol: Protocol): Request {
  const nonce = decodeRequest(request);
  if (nonce !== undefined) return { kind: 'pmx', nonce };
  if (protocol === 'udp' && [...UDP_PAYLOADS.values()].some((p) => p.matches(request))) return { kind: 'payload' };
  return { kind: 'garbage' };
}

// A UDP answer larger than its request is never sent (no amplification).
const fits = (reply: Buffer, request: Buffer, protocol: Protocol) =>
  protocol === 'tcp' || reply.length <= request.length ? reply : undefined;

/**
 * The answer to a request: a PMX request gets the proof (with a token) over its nonce, the port and
 * the source seen; a known payload gets a bare acknowledgement; garbage gets nothing (undefined).
 */
export function answerFor(
  request: Buffer,
  protocol: Protocol,
  localPort: number,
  source: { address: string; port: number },
  token: string | undefined,
): Buffer | undefined {
  const kind = classifyRequest(request, protocol);
  if (kind.kind === 'garbage') return undefined;
  if (kind.kind === 'payload') return fits(Buffer.from('PMX1 A\n', 'ascii'), request, protocol);
  const seen = unmapAddress(source.address);
  const mac = token !== undefined ? answerMac(token, kind.nonce, protocol, localPort, seen, source.port) : undefined;
  return fits(encodeReply(mac, seen, source.port), request, protocol);
}

/** The busy notice for a PMX request whose source has spent its answer budget (authenticated with a token). */
export function busyFor(
  request: Buffer,
  nonce: string,
  protocol: Protocol,
  localPort: number,
  token: string | undefined,
): Buffer | undefined {
  const mac = token !== undefined ? busyMac(token, nonce, protocol, localPort) : undefined;
  return fits(encodeBusy(mac), request, protocol);
}
