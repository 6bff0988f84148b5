import { OptionError } from './option-error.js';
import { peerHosts, stringList, type DirectionChoice } from './fields.js';

/** Where a check sends its probes: HOSTs under test, and peer hosts by role for outbound rows. */
export interface ProbeTargets {
  hosts: string[];
  peers: Map<string, string[]>;
}

/** The hosts and peers of a check: something to probe, and a HOST whenever inbound rows are selected. */
export function probeTargets(rawHosts: unknown, rawPeers: unknown, direction: DirectionChoice): ProbeTargets {
  const hosts = stringList('hosts', rawHosts);
  const peers = peerHosts(rawPeers);
  if (hosts.length === 0 && peers.size === 0)
    throw new OptionError('hosts', undefined, 'expected at least one host (or a peer ROLE=HOST for outbound rows)');
  if (hosts.length === 0 && direction !== 'outbound')
    throw new OptionError('hosts', undefined, `expected at least one host for ${direction} rows`);
  return { hosts, peers };
}
