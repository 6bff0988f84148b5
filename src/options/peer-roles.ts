import { peerRole } from '../plan/build-plan.js';
import { OptionError } from './option-error.js';
import type { PortRow } from '../table/types.js';

/**
 * Throws when a `--peer ROLE=HOST` cannot take part in a check: only outbound rows go to peers, so
 * `--direction inbound` and a role no outbound row of the table goes to (a typo) are usage errors.
 */
export function checkPeerRoles(
  peers: ReadonlyMap<string, string[]>,
  direction: 'inbound' | 'outbound' | 'both',
  rows: readonly PortRow[] | undefined,
): void {
  const given = [...peers].map(([role, hosts]) => ({ role, shown: `${role}=${hosts.join(',')}` }));
  if (given.length === 0) return;
  if (direction === 'inbound')
    throw new OptionError(
      'peers',
      given[0]!.shown,
      'only outbound rows go to peers, and direction inbound selects none; ' +
        'expected direction outbound (run on the server) or no peer',
    );
  if (rows === undefined) return;
  const roles = [...new Set(rows.filter((r) => r.outbound).map(peerRole))].sort();
  const unknown = given.find((g) => !roles.includes(g.role));
  if (unknown)
    throw new OptionError(
      'peers',
      unknown.shown,
      `no outbound row of the table goes to this role; expected one of ${roles.join(', ')}`,
    );
}

/**
 * matrix: each `--peer ROLE=HOST` must be a role the selected directions have (inbound rows come from it, or
 * outbound rows go to it), and outbound rows need at least one; a typo is a usage error, not skipped rows.
 */
export function checkMatrixPeerRoles(
  peers: ReadonlyMap<string, string[]>,
  direction: 'inbound' | 'outbound' | 'both',
  rows: readonly PortRow[] | undefined,
): void {
  if (rows === undefined) return;
  const roles = new Set<string>();
  for (const r of rows) {
    if (direction !== 'outbound' && r.inbound && r.from) roles.add(r.from);
    if (direction !== 'inbound' && r.outbound) roles.add(peerRole(r));
  }
  const known = [...roles].sort().join(', ');
  for (const [role, hosts] of peers)
    if (!roles.has(role))
      throw new OptionError(
        'peers',
        `${role}=${hosts.join(',')}`,
        `no row of direction ${direction} comes from or goes to this role; expected one of ${known}`,
      );
  if (direction === 'outbound' && peers.size === 0)
    throw new OptionError('peers', undefined, 'outbound rows need a peer ROLE=HOST whose agent listens for them');
}
