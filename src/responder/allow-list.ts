import net from 'node:net';
import { InputError } from '../errors.js';
import { isIPv6Address, unmapAddress } from '../util/address.js';

/** Which sources the responder answers: everyone, or the --allow CIDRs. */
export interface AllowList {
  allows(address: string): boolean;
  size: number;
}

/**
 * Parses --allow CIDR values (a bare address means one host); an empty list allows everyone.
 * `option` names the option in error messages (serve's --targets uses the same rules).
 */
export function parseAllowList(cidrs: readonly string[] | undefined, option = '--allow'): AllowList {
  const list = new net.BlockList();
  for (const cidr of cidrs ?? []) {
    const [addr, bits, extra] = cidr.trim().split('/');
    const family = net.isIPv4(addr ?? '') ? 'ipv4' : isIPv6Address(addr ?? '') ? 'ipv6' : undefined;
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (
      !family ||
      extra !== undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max ||
      (bits !== undefined && !/^\d+$/.test(bits))
    ) {
      throw new InputError(`${option} "${cidr}": expected an address or CIDR such as 10.1.2.0/24 or 2001:db8::/64`);
    }
    list.addSubnet(addr!, prefix, family);
  }
  const size = cidrs?.length ?? 0;
  return {
    size,
    allows(address: string): boolean {
      if (size === 0) return true;
      const plain = unmapAddress(address);
      const family = net.isIPv4(plain) ? 'ipv4' : 'ipv6';
      return list.check(plain, family);
    },
  };
}
