import { peerRole, selectedPorts } from '../plan/build-plan.js';
import { OptionError } from '../options/option-error.js';
import { filterRows } from '../table/filter-rows.js';
import type { MatrixInput } from '../options/normalize-options.js';
import type { PortRow, PortTable } from '../table/types.js';

// True when some agent would check the row: a --client (or its source role's --peer) inbound, its role's --peer out.
function hasLeg(row: PortRow, input: MatrixInput): boolean {
  const inbound =
    input.direction !== 'outbound' &&
    row.inbound &&
    (input.clients.length > 0 || (row.from !== undefined && input.peers.has(row.from)));
  return inbound || (input.direction !== 'inbound' && row.outbound && input.peers.has(peerRole(row)));
}

/**
 * Throws an input error when a matrix would probe nothing (#19.2): no row selected (--app, --only), or no
 * selected row has an agent to check it. Before any agent is asked; never a green run of 0 probes.
 */
export function checkMatrixSelection(table: PortTable, input: MatrixInput): void {
  const matched = filterRows(table.rows, { apps: input.apps, aliases: table.aliases, direction: input.direction });
  if (matched.length === 0) throw new OptionError('apps', input.apps.join(', '), 'no selected row matches');
  const rows = matched.filter((r) => selectedPorts(r, input.only).length > 0);
  if (rows.length === 0)
    throw new OptionError('only', [...(input.only ?? [])].join(','), 'no port of the selected rows is in it');
  if (!rows.some((r) => hasLeg(r, input)))
    throw new OptionError(
      'peers',
      undefined,
      'no selected row has an agent to check it: outbound rows need a peer ROLE=HOST of their role ' +
        `(${[...new Set(rows.filter((r) => r.outbound).map(peerRole))].sort().join(', ')})`,
    );
}
