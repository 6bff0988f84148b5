import { selectedPorts, type OnlySelection } from '../plan/build-plan.js';
import { roleOf, rowHasDirection } from '../table/filter-rows.js';
import { PRODUCT, type Opening, type Unopened } from './rule-set.js';
import type { Report } from '../model/report.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';
import { ipVersion } from '../util/address.js';

/** The openings a selection needs, and the rows that cannot be opened to anyone. */
export interface Openings {
  openings: Opening[];
  unopened: Unopened[];
}

// Why a row's direction has no far end to open to.
const NO_ROLE: Record<Direction, string> = {
  inbound: 'the table names no source role ("from"), so it is opened to no one',
  outbound: 'the table names no peer role ("peer"), so it is opened to no one',
};

// One opening, from the far end's role to the product's server or back.
function opening(row: PortRow, direction: Direction, port: number, role: string): Opening {
  const inbound = direction === 'inbound';
  return {
    rowId: row.id,
    direction,
    protocol: row.protocol,
    port,
    source: inbound ? role : PRODUCT,
    destination: inbound ? PRODUCT : role,
  };
}

// Adds a row's ports in one direction, or records why it is not opened.
function add(out: Openings, row: PortRow, direction: Direction, ports: number[]): void {
  const role = roleOf(row, direction);
  if (!role) {
    if (!out.unopened.some((u) => u.id === row.id && u.direction === direction))
      out.unopened.push({ id: row.id, direction, reason: NO_ROLE[direction] });
    return;
  }
  for (const port of ports) out.openings.push(opening(row, direction, port, role));
}

/** Openings for the selected rows of a table: every port of each row, per direction asked. */
export function openingsFromRows(rows: PortRow[], directions: Direction[], only?: OnlySelection): Openings {
  const out: Openings = { openings: [], unopened: [] };
  for (const row of rows) {
    for (const d of directions) {
      if (rowHasDirection(row, d)) add(out, row, d, selectedPorts(row, only));
    }
  }
  return out;
}

/** Openings for a report's results (only those that did not pass, unless `all`). */
export function openingsFromReport(report: Report, table: PortTable, all: boolean): Openings {
  const rows = new Map(table.rows.map((r) => [r.id, r]));
  const out: Openings = { openings: [], unopened: [] };
  for (const r of report.results) {
    if (all || r.verdict !== 'pass') add(out, rows.get(r.id)!, r.direction, [r.port]);
  }
  return out;
}

// Adds an address to a group once.
function put(groups: Map<string, string[]>, group: string, address: string | undefined): void {
  if (!address || ipVersion(address.split('%')[0]!) === 0) return;
  const list = groups.get(group) ?? [];
  if (!list.includes(address)) list.push(address);
  groups.set(group, list);
}

// Matrix settings: hosts by role (settings.peers) and the --client hosts.
const hostsByRole = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const listed = (v: unknown, host: string | undefined) => host !== undefined && Array.isArray(v) && v.includes(host);

/**
 * The role the host an inbound result was probed from plays for its row, when the report says: a check run
 * --as that role; in a matrix, a --peer ROLE=HOST agent of the row's role, or a --client agent for a row
 * that comes from `client`. Undefined otherwise (a client checking a device's row is not a device).
 */
function proberRole(report: Report): (row: PortRow, r: Report['results'][number]) => string | undefined {
  const s = report.settings;
  if (report.command === 'matrix') {
    const peers = hostsByRole(s.peers);
    return (row, r) => {
      if (row.from === undefined) return undefined;
      const byPeer = listed(peers[row.from], r.from);
      return byPeer || (row.from === 'client' && listed(s.clients, r.from)) ? row.from : undefined;
    };
  }
  const as = typeof s.as === 'string' ? s.as : undefined;
  return (row) => (as !== undefined && row.from === as ? as : undefined);
}

/**
 * The addresses a report saw, per group: the product's server (inbound targets, outbound senders),
 * each outbound peer role, and the probing host's address in the role it played (check --as ROLE; in a
 * matrix, the agents given as --peer ROLE=HOST or --client).
 */
export function groupsFromReport(report: Report, table: PortTable): Map<string, string[]> {
  const rows = new Map(table.rows.map((r) => [r.id, r]));
  const roleOf = proberRole(report);
  const groups = new Map<string, string[]>();
  for (const r of report.results) {
    const row = rows.get(r.id)!;
    if (r.direction === 'inbound') {
      put(groups, PRODUCT, r.address);
      const role = roleOf(row, r);
      if (role) put(groups, role, r.source);
    } else {
      put(groups, PRODUCT, r.source);
      if (row.peer) put(groups, row.peer, r.address);
    }
  }
  return groups;
}
