import dgram from 'node:dgram';
import { answerFor, busyFor, classifyRequest } from './answer.js';
import { sourceKey } from './source-key.js';
import type { Listener, ResponderContext } from './types.js';
import { isIPv6Address } from '../util/address.js';

// The reply to one datagram, or undefined for silence; counts it. Nonces are logged only once answered.
function replyTo(msg: Buffer, rinfo: dgram.RemoteInfo, port: number, ctx: ResponderContext): Buffer | undefined {
  if (!ctx.allow.allows(rinfo.address)) {
    ctx.stats.refused++;
    return undefined;
  }
  const request = classifyRequest(msg, 'udp');
  if (request.kind === 'garbage') {
    // Garbage costs an attacker nothing from the budget and us little.
    ctx.stats.dropped++;
    return undefined;
  }
  const key = sourceKey(rinfo.address);
  if (ctx.limiter.take(key)) {
    const reply = answerFor(msg, 'udp', port, rinfo, ctx.token);
    if (!reply) {
      ctx.stats.dropped++; // too short to carry its answer
      return undefined;
    }
    if (request.kind === 'pmx') ctx.log?.record(request.nonce);
    ctx.stats.answered++;
    return reply;
  }
  if (request.kind === 'pmx' && ctx.busyLimiter.take(key)) {
    const reply = busyFor(msg, request.nonce, 'udp', port, ctx.token);
    if (reply) {
      ctx.log?.record(request.nonce);
      ctx.stats.busy++;
    }
    return reply;
  }
  ctx.stats.refused++;
  return undefined;
}

/** Binds address:port for UDP; answers probes (never with more bytes than they sent), drops garbage. */
export function udpResponder(address: string, port: number, ctx: ResponderContext): Promise<Listener> {
  const socket = dgram.createSocket({ type: isIPv6Address(address) ? 'udp6' : 'udp4', ipv6Only: false });
  socket.on('message', (msg, rinfo) => {
    const reply = replyTo(msg, rinfo, port, ctx);
    if (reply) socket.send(reply, rinfo.port, rinfo.address, () => undefined);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.removeListener('error', reject);
      socket.on('error', () => undefined);
      resolve({
        close: () =>
          new Promise((done) => {
            try {
              socket.close(() => done());
            } catch {
              done();
            }
          }),
      });
    });
  });
}
