import { parseAllowList } from '../responder/allow-list.js';
import { unmapAddress } from '../util/address.js';
import { parseTargets } from '../serve/target-guard.js';

/** What an agent's `check` requests may probe. */
export interface TargetList {
  /** Why `host` (resolved to `address`) may not be probed, or undefined when it may. */
  refuses(host: string, address: string): string | undefined;
  /** One line for the start-up message. */
  describe: string;
}

// The agent's own host and link-local neighbours (metadata services among them): refused unless --targets names them.
const LOCAL = parseAllowList(['127.0.0.0/8', '::1/128', '169.254.0.0/16', 'fe80::/10', '0.0.0.0/8', '::/128']);

/** Without --targets: any address but this host's own (loopback) and link-local ones, whatever the name. */
const DEFAULT_TARGETS: TargetList = {
  refuses: (_host, address) =>
    LOCAL.allows(unmapAddress(address))
      ? 'loopback and link-local targets need the agent to be started with --targets naming them'
      : undefined,
  describe: 'any address but loopback and link-local (no --targets)',
};

/**
 * The agent's --targets CIDR|HOST values, with serve's rules (a name is matched as written; an address,
 * or the address a name resolved to, must be inside a CIDR). No values: DEFAULT_TARGETS.
 */
export function agentTargets(values: readonly string[] | undefined): TargetList {
  if (!values?.length) return DEFAULT_TARGETS;
  const guard = parseTargets(values);
  return {
    refuses: (host, address) =>
      guard.allows(host) || guard.allows(address) ? undefined : "outside this agent's --targets",
    describe: `only ${guard.describe()}`,
  };
}
