import { appMatches } from './match-app.js';
import type { Direction, PortRow, Protocol } from './types.js';

/** Which rows a command works on. */
export interface RowFilter {
  /** --app NAMEs: whole words of the application, the row id, or an alias. */
  apps?: string[];
  /** The table's alias groups (PortTable.aliases). */
  aliases?: string[][];
  direction?: Direction | 'both';
  protocol?: Protocol;
  /** Only directions whose far end plays this role (inbound: `from`, outbound: `peer`). */
  role?: string;
}

/** True when the row carries traffic in the given direction. */
export function rowHasDirection(row: PortRow, direction: Direction): boolean {
  return direction === 'inbound' ? row.inbound : row.outbound;
}

/** The role of the far end in one direction: where inbound traffic comes from, where outbound goes. */
export function roleOf(row: PortRow, direction: Direction): string | undefined {
  return direction === 'inbound' ? row.from : row.peer;
}

/** The directions a command covers. */
export function directionsOf(direction: Direction | 'both' | undefined): Direction[] {
  return direction === 'both' ? ['inbound', 'outbound'] : [direction ?? 'inbound'];
}

// The directions a row keeps under the filter (every direction it has when none is asked).
function keptDirections(row: PortRow, filter: RowFilter): Direction[] {
  const asked: Direction[] = filter.direction ? directionsOf(filter.direction) : ['inbound', 'outbound'];
  return asked.filter((d) => rowHasDirection(row, d) && (!filter.role || roleOf(row, d) === filter.role));
}

/** Keeps the rows that match every given filter. */
export function filterRows(rows: PortRow[], filter: RowFilter): PortRow[] {
  const apps = filter.apps ?? [];
  return rows.filter((row) => {
    if (apps.length > 0 && !apps.some((a) => appMatches(row, a, filter.aliases))) return false;
    if (filter.protocol && row.protocol !== filter.protocol) return false;
    if ((filter.direction || filter.role) && keptDirections(row, filter).length === 0) return false;
    return true;
  });
}

/** Every role the table names, per direction (for messages and `--as` checks). */
export function rolesIn(rows: readonly PortRow[], direction?: Direction): string[] {
  const roles = new Set<string>();
  for (const row of rows) {
    for (const d of direction ? [direction] : (['inbound', 'outbound'] as const)) {
      const role = rowHasDirection(row, d) ? roleOf(row, d) : undefined;
      if (role) roles.add(role);
    }
  }
  return [...roles].sort();
}
