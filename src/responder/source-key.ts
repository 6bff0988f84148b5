import { isIPv6Address, plainAddress } from '../util/address.js';

/**
 * The key per-source limits are counted under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one host is routinely given a whole /64, so counting single IPv6 addresses is no limit).
 */
export function sourceKey(address: string): string {
  const plain = plainAddress(address);
  if (!isIPv6Address(plain)) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

// "2001:db8::1" -> ["2001", "db8", "0", "0", "0", "0", "0", "1"] (an embedded IPv4 tail counts as two groups).
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':')).flatMap(group);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}

// One group, or the two groups of a dotted IPv4 tail.
function group(g: string): string[] {
  if (!g.includes('.')) return [g];
  const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
