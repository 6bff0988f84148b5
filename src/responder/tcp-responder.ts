import net from 'node:net';
import { answerFor } from './answer.js';
import { decodeRequest } from '../protocol/pmx-message.js';
import type { Listener, ResponderContext } from './types.js';

const MAX_REQUEST = 256;

// Serves one connection: read one request line, answer it, close.
function serve(socket: net.Socket, port: number, ctx: ResponderContext, open: Set<net.Socket>): void {
  const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  const fromSource = ctx.perSource.get(source.address) ?? 0;
  if (
    !ctx.allow.allows(source.address) ||
    ctx.stats.open >= ctx.maxConnections ||
    fromSource >= ctx.maxPerSource ||
    !ctx.limiter.take(source.address)
  ) {
    ctx.stats.refused++;
    socket.on('error', () => undefined);
    socket.destroy();
    return;
  }
  ctx.stats.connections++;
  ctx.stats.open++;
  ctx.perSource.set(source.address, fromSource + 1);
  open.add(socket);
  let buffered = Buffer.alloc(0);
  socket.setTimeout(ctx.idleMs, () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('close', () => {
    open.delete(socket);
    ctx.stats.open--;
    const n = (ctx.perSource.get(source.address) ?? 1) - 1;
    if (n <= 0) ctx.perSource.delete(source.address);
    else ctx.perSource.set(source.address, n);
  });
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (buffered.length > MAX_REQUEST) {
      ctx.stats.dropped++;
      socket.destroy();
      return;
    }
    if (!buffered.includes(0x0a)) return;
    const nonce = ctx.log ? decodeRequest(buffered) : undefined;
    if (nonce) ctx.log!.record(nonce, 'tcp', port);
    const reply = answerFor(buffered, 'tcp', port, source, ctx.token);
    if (!reply) {
      ctx.stats.dropped++;
      socket.destroy();
      return;
    }
    ctx.stats.answered++;
    socket.end(reply);
  });
}

/** Listens on address:port; answers verification requests and closes idle connections. */
export function tcpResponder(address: string, port: number, ctx: ResponderContext): Promise<Listener> {
  const open = new Set<net.Socket>();
  const server = net.createServer({ pauseOnConnect: false }, (socket) => serve(socket, port, ctx, open));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port, ipv6Only: false, backlog: 1024 }, () => {
      server.removeListener('error', reject);
      server.on('error', () => undefined);
      resolve({
        close: () =>
          new Promise((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
