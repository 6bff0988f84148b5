import dgram from 'node:dgram';
import { isIPv6Address } from '../util/address.js';

/**
 * The local address the OS would send from to reach `address`: a UDP socket is connected
 * (a route look-up; no packet leaves) and asked for its own address.
 */
export function sourceAddressFor(address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket(isIPv6Address(address) ? 'udp6' : 'udp4');
    const done = (value: string | undefined) => {
      sock.close();
      resolve(value);
    };
    sock.once('error', () => done(undefined));
    sock.connect(9, address, () => {
      try {
        done(sock.address().address);
      } catch {
        done(undefined);
      }
    });
  });
}
