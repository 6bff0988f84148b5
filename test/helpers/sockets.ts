import net from 'node:net';
import dgram from 'node:dgram';

/** A TCP listener on an ephemeral port; accepts and holds connections until closed. `accepted`: the first. */
export async function tcpListener(
  host = '127.0.0.1',
): Promise<{ port: number; accepted: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let onAccept!: () => void;
  const accepted = new Promise<void>((resolve) => {
    onAccept = resolve;
  });
  const server = net.createServer((s) => {
    onAccept();
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A UDP socket that echoes every datagram. */
export async function udpEcho(host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const sock = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  sock.on('message', (msg, rinfo) => sock.send(msg, rinfo.port, rinfo.address));
  await new Promise<void>((resolve) => sock.bind(0, host, resolve));
  return { port: sock.address().port, close: () => new Promise((resolve) => sock.close(() => resolve())) };
}

/** A port that nothing listens on (bound then released). */
export async function closedPort(protocol: 'tcp' | 'udp', host = '127.0.0.1'): Promise<number> {
  if (protocol === 'tcp') {
    const l = await tcpListener(host);
    await l.close();
    return l.port;
  }
  const e = await udpEcho(host);
  await e.close();
  return e.port;
}

/** A TCP listener on HOST:PORT (any free port by default) that counts the connections it accepted. */
/**
 * A loopback address of the test's own (in 127.128.0.0/10, which no other test names), so that another
 * test's probe of "a closed port on 127.0.0.1" can never reach a listener that counts connections.
 */
export function isolatedLoopback(): string {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return `127.${128 + Math.floor(Math.random() * 64)}.${octet()}.${octet()}`;
}

export async function countingListener(port = 0, host = '127.0.0.1') {
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    s.on('error', () => undefined).destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
