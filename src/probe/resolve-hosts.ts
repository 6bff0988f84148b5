import net from 'node:net';
import { InputError } from '../errors.js';
import { classifyError } from './classify-error.js';
import { ipVersion, isIPv6Address, unmapAddress } from '../util/address.js';

/** A host as the user named it, and the one address all its probes go to. */
export type Resolved = { host: string; address: string } | { host: string; error: string };

/** Strips the brackets of an IPv6 literal: "[::1]" -> "::1". */
export function normalizeHost(host: string): string {
  const m = /^\[(.+)\]$/.exec(host.trim());
  return m ? m[1]! : host.trim();
}

const UNUSABLE: Record<string, string> = {
  '0.0.0.0': 'the unspecified address',
  '::': 'the unspecified address',
  '255.255.255.255': 'the broadcast address',
};

/** Throws an input error for targets that are not a single host (unspecified, broadcast, multicast). */
export function assertProbeable(host: string, address: string): void {
  const plain = unmapAddress(address);
  const why =
    UNUSABLE[plain] ??
    (net.isIPv4(plain) && Number(plain.split('.')[0]) >= 224
      ? 'a multicast or reserved address'
      : isIPv6Address(plain) && /^ff/i.test(plain)
        ? 'a multicast address'
        : undefined);
  if (why) throw new InputError(`host "${host}" is ${why} (${address}): expected the address or name of one host`);
}

// Resolves one host once; literals are used as they are.
async function resolveOne(host: string): Promise<Resolved> {
  const name = normalizeHost(host);
  if (name === '') throw new InputError('empty host name: expected a host name or address');
  if (ipVersion(name)) {
    assertProbeable(host, name);
    return { host, address: name };
  }
  try {
    // node:dns is loaded for names only: an address needs none of it.
    const { lookup } = await import('node:dns/promises');
    const { address } = await lookup(name);
    assertProbeable(host, address);
    return { host, address };
  } catch (err) {
    if (err instanceof InputError) throw err;
    return { host, error: classifyError(err).reason };
  }
}

/** Resolves every distinct host once, not once per probe. */
export async function resolveHosts(hosts: Iterable<string>): Promise<Map<string, Resolved>> {
  const unique = [...new Set(hosts)];
  const resolved = await Promise.all(unique.map(resolveOne));
  return new Map(resolved.map((r) => [r.host, r]));
}
