import net from 'node:net';
import dgram from 'node:dgram';
import type { Protocol } from '../table/types.js';

/** Where the OS has no socket table: a port that cannot be bound (EADDRINUSE) is taken. */
export function portTaken(protocol: Protocol, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (taken: boolean, close: () => void) => {
      close();
      resolve(taken);
    };
    if (protocol === 'tcp') {
      const server = net.createServer();
      server.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'EADDRINUSE', () => undefined));
      server.listen({ port, host: '0.0.0.0', exclusive: true }, () => done(false, () => server.close()));
    } else {
      const sock = dgram.createSocket('udp4');
      sock.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'EADDRINUSE', () => sock.close()));
      sock.bind({ port, address: '0.0.0.0', exclusive: true }, () => done(false, () => sock.close()));
    }
  });
}
