import dgram from 'node:dgram';
import net from 'node:net';
import { answerFor } from './answer.js';
import { decodeRequest } from '../protocol/pmx-message.js';
import type { Listener, ResponderContext } from './types.js';

/** Binds address:port for UDP; answers probes (never with more bytes than they sent), drops garbage. */
export function udpResponder(address: string, port: number, ctx: ResponderContext): Promise<Listener> {
  const socket = dgram.createSocket({ type: net.isIPv6(address) ? 'udp6' : 'udp4', ipv6Only: false });
  socket.on('message', (msg, rinfo) => {
    if (ctx.log) {
      const nonce = decodeRequest(msg);
      if (nonce) ctx.log.record(nonce, 'udp', port);
    }
    if (!ctx.allow.allows(rinfo.address)) {
      ctx.stats.refused++;
      return;
    }
    const reply = answerFor(msg, 'udp', port, rinfo, ctx.token);
    if (!reply) {
      ctx.stats.dropped++;
      return;
    }
    // Only answers spend the source's budget: garbage costs an attacker nothing and us little.
    if (!ctx.limiter.take(rinfo.address)) {
      ctx.stats.refused++;
      return;
    }
    ctx.stats.answered++;
    socket.send(reply, rinfo.port, rinfo.address, () => undefined);
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
