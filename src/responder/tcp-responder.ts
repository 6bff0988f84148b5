import net from 'node:net';
import { answerFor, classifyRequest } from './answer.js';
import { sourceKey } from './source-key.js';
import { readLine } from '../protocol/line-reader.js';
import type { Listener, ResponderContext } from './types.js';

const MAX_REQUEST = 256;

// Admits a connection under the allow list and the connection caps, or refuses it (the socket is destroyed).
function admit(socket: net.Socket, ctx: ResponderContext, key: string): boolean {
  const fromSource = ctx.perSource.get(key) ?? 0;
  if (
    !ctx.allow.allows(socket.remoteAddress ?? '') ||
    ctx.stats.open >= ctx.maxConnections ||
    fromSource >= ctx.maxPerSource
  ) {
    ctx.stats.refused++;
    socket.on('error', () => undefined);
    socket.destroy();
    return false;
  }
  ctx.stats.connections++;
  ctx.stats.open++;
  ctx.perSource.set(key, fromSource + 1);
  socket.once('close', () => {
    ctx.stats.open--;
    const n = (ctx.perSource.get(key) ?? 1) - 1;
    if (n <= 0) ctx.perSource.delete(key);
    else ctx.perSource.set(key, n);
  });
  return true;
}

// Serves one connection: one request line within the deadline, one answer, close.
function serve(socket: net.Socket, port: number, ctx: ResponderContext, open: Set<net.Socket>): void {
  const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  if (!admit(socket, ctx, sourceKey(source.address))) return;
  open.add(socket);
  // One deadline for the whole request, from accept: trickling bytes does not extend it.
  const deadline = setTimeout(() => socket.destroy(), ctx.deadlineMs);
  socket.on('error', () => undefined);
  socket.once('close', () => {
    clearTimeout(deadline);
    open.delete(socket);
  });
  const drop = () => {
    ctx.stats.dropped++;
    socket.destroy();
  };
  readLine(
    socket,
    MAX_REQUEST,
    (line) => {
      const request = classifyRequest(line, 'tcp');
      const reply = answerFor(line, 'tcp', port, source, ctx.token);
      if (!reply) return drop();
      if (request.kind === 'pmx') ctx.log?.record(request.nonce);
      ctx.stats.answered++;
      socket.end(reply);
    },
    drop,
  );
}

/** Listens on address:port; answers verification requests; closes connections that miss their deadline. */
export function tcpResponder(address: string, port: number, ctx: ResponderContext): Promise<Listener> {
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => serve(socket, port, ctx, open));
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
