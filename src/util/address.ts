import net from 'node:net';

/**
 * An IPv4-mapped IPv6 address as the IPv4 address it stands for ("::ffff:10.0.0.1" -> "10.0.0.1", any case),
 * so that IPv4 rules, keys and comparisons hold for what dual-stack sockets report; any other text as it is.
 */
export function unmapAddress(address: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return m && net.isIPv4(m[1]!) ? m[1]! : address;
}

/** The address without an IPv6 zone id, unmapped and lower-cased: "FE80::1%eth0" -> "fe80::1". */
export function plainAddress(address: string): string {
  return unmapAddress(address.replace(/%.*$/, '')).toLowerCase();
}

/** True for an address only this machine reaches: 127.0.0.0/8, ::1, or ::ffff:127.x.x.x (zone ids ignored). */
export function isLoopbackAddress(address: string): boolean {
  const a = plainAddress(address);
  if (net.isIPv4(a)) return a.startsWith('127.');
  return a === '::1' || a === '0:0:0:0:0:0:0:1';
}

/**
 * net.isIPv6 without its cost where the text cannot be IPv6 (no colon): Node's IPv6 pattern is compiled on
 * first use, 10 to 30 ms twice over, which a check of IPv4 hosts would pay in its firewall rules.
 */
export function isIPv6Address(address: string): boolean {
  return address.includes(':') && net.isIPv6(address);
}

/** net.isIP without the IPv6 pattern's cost for text with no colon (see isIPv6Address): 0, 4 or 6. */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (text.includes(':')) return net.isIPv6(text) ? 6 : 0;
  return net.isIPv4(text) ? 4 : 0;
}
