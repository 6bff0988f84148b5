import net from 'node:net';
import dgram from 'node:dgram';
import { currentPlatform } from '../platform/index.js';
import type { Platform } from '../platform/types.js';
import type { Protocol } from '../table/types.js';

/** What a bind test saw: the port is taken, free, or it could not tell (and why). */
export type BindResult = { state: 'taken' | 'free' } | { state: 'unknown'; why: string };

// Binds one address exclusively and lets go at once; resolves with the error code, or "" when it bound.
function tryBind(protocol: Protocol, port: number, host: '0.0.0.0' | '::'): Promise<string> {
  const v6 = host === '::';
  return new Promise((resolve) => {
    const failed = (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error');
    if (protocol === 'tcp') {
      const server = net.createServer();
      server.once('error', failed);
      server.listen({ port, host, exclusive: true, ipv6Only: v6 }, () => server.close(() => resolve('')));
      return;
    }
    const sock = dgram.createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 });
    sock.once('error', (err) => {
      sock.close();
      failed(err);
    });
    sock.bind({ port, address: host, exclusive: true }, () => sock.close(() => resolve('')));
  });
}

// Codes that mean "this machine has no IPv6 to test", not "the port is taken".
const NO_IPV6 = new Set(['EAFNOSUPPORT', 'EADDRNOTAVAIL', 'EPROTONOSUPPORT']);

/**
 * Where the OS's socket list cannot be read: binds the port on every IPv4 and IPv6 address.
 * EADDRINUSE on either is taken; both bound is free; anything else is unknown (EACCES: the platform says why).
 */
export async function bindTest(
  protocol: Protocol,
  port: number,
  platform: Platform = currentPlatform(),
): Promise<BindResult> {
  const v4 = await tryBind(protocol, port, '0.0.0.0');
  const v6 = v4 === 'EADDRINUSE' ? '' : await tryBind(protocol, port, '::');
  if (v4 === 'EADDRINUSE' || v6 === 'EADDRINUSE') return { state: 'taken' };
  const code = v4 || (NO_IPV6.has(v6) ? '' : v6);
  if (code === 'EACCES') return { state: 'unknown', why: platform.bindDenied(port, protocol) };
  if (code) return { state: 'unknown', why: `binding ${protocol}/${port} failed (${code})` };
  return { state: 'free' };
}
