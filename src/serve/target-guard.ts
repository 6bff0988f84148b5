import { InputError } from '../errors.js';
import { parseAllowList } from '../responder/allow-list.js';
import { ipVersion, unmapAddress } from '../util/address.js';

/** Which hosts the exporter may probe: addresses inside the CIDRs, and host names listed by name. */
export interface TargetGuard {
  allows(host: string): boolean;
  /** One line for the start-up message, e.g. "127.0.0.0/8, ::1, localhost". */
  describe(): string;
}

/** With no --targets: loopback only. */
const LOOPBACK_TARGETS = ['127.0.0.0/8', '::1', 'localhost'];

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** "[::1]" -> "::1", "CSM01." -> "csm01": the form targets are compared and probed in. */
export function normalizeTarget(host: string): string {
  const bare = /^\[(.*)\]$/.exec(host)?.[1] ?? host;
  if (ipVersion(bare) !== 0) return unmapAddress(bare);
  return bare.toLowerCase().replace(/\.$/, '');
}

/** True when the text is an IP address or a syntactically valid host name. */
export function isHostLike(host: string): boolean {
  return ipVersion(host) !== 0 || HOST_NAME.test(host);
}

/**
 * Parses --targets CIDR|HOST values (repeatable). A name is matched as written and never resolved
 * to decide: a request cannot make the exporter query DNS for a name nobody listed.
 */
export function parseTargets(values: readonly string[] | undefined): TargetGuard {
  const given = values && values.length > 0 ? values : LOOPBACK_TARGETS;
  const cidrs: string[] = [];
  const names = new Set<string>();
  for (const raw of given) {
    const value = raw.trim();
    const addr = /^\[(.*)\]$/.exec(value)?.[1] ?? value;
    if (addr.includes('/') || ipVersion(addr) !== 0) cidrs.push(addr);
    else if (HOST_NAME.test(value)) names.add(normalizeTarget(value));
    else throw new InputError(`--targets "${raw}": expected a CIDR (10.1.2.0/24), an address or a host name`);
  }
  const list = parseAllowList(cidrs, '--targets');
  return {
    allows: (host) => {
      const target = normalizeTarget(host);
      if (ipVersion(target) !== 0) return cidrs.length > 0 && list.allows(target);
      return names.has(target);
    },
    describe: () => given.join(', '),
  };
}
