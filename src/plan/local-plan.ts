import os from 'node:os';
import { buildPlan } from './build-plan.js';
import { directionsOf, filterRows, roleOf } from '../table/filter-rows.js';
import type { Selection } from '../options/normalize-options.js';
import type { PortTable } from '../table/types.js';
import type { Plan } from './types.js';

/** The ports of the selected rows on this host (listen binds them, audit looks them up). */
export function planLocal(table: PortTable, selection: Selection & { peerRole?: string }): Plan {
  const role = selection.peerRole;
  const rows = filterRows(table.rows, {
    apps: selection.apps,
    aliases: table.aliases,
    direction: selection.direction,
    role,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return buildPlan({
    rows,
    hosts: [os.hostname()],
    peers: new Map(),
    directions: directionsOf(selection.direction),
    only: selection.only,
    portOffset: selection.portOffset,
    keep: role ? (id, direction) => roleOf(byId.get(id)!, direction) === role : undefined,
  });
}
