import { decodeRequest, encodeReply, proof } from '../protocol/pmx-message.js';
import { UDP_PAYLOADS } from '../probe/udp-payloads.js';
import { unmapAddress } from './allow-list.js';
import type { Protocol } from '../table/types.js';

/**
 * The responder's answer to one request, or undefined to drop it. A PMX request gets the
 * HMAC proof (with a token) and the source seen; a known protocol payload (SNMP, TFTP) gets a
 * bare acknowledgement; anything else is garbage and gets nothing. A UDP answer is never
 * larger than the request that caused it.
 */
export function answerFor(
  request: Buffer,
  protocol: Protocol,
  localPort: number,
  source: { address: string; port: number },
  token: string | undefined,
): Buffer | undefined {
  const nonce = decodeRequest(request);
  let reply: Buffer | undefined;
  if (nonce !== undefined) {
    reply = encodeReply(
      token !== undefined ? proof(token, nonce, protocol, localPort) : undefined,
      unmapAddress(source.address),
      source.port,
    );
  } else if (protocol === 'udp' && [...UDP_PAYLOADS.values()].some((p) => p.matches(request))) {
    reply = Buffer.from('PMX1 A\n', 'ascii');
  }
  if (!reply) return undefined;
  if (protocol === 'udp' && reply.length > request.length) return undefined;
  return reply;
}
