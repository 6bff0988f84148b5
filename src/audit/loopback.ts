import net from 'node:net';

/** True for an address only this machine reaches: 127.0.0.0/8, ::1, or ::ffff:127.x.x.x (zone ids ignored). */
export function isLoopbackAddress(address: string): boolean {
  const a = address.split('%')[0]!.toLowerCase();
  if (net.isIPv4(a)) return a.startsWith('127.');
  if (!net.isIPv6(a)) return false;
  if (a.startsWith('::ffff:') && net.isIPv4(a.slice(7))) return a.slice(7).startsWith('127.');
  return a === '::1' || a === '0:0:0:0:0:0:0:1';
}
