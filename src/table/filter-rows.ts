import type { Direction, PortRow, Protocol } from './types.js';

/** Which rows a command works on. */
export interface RowFilter {
  apps?: string[];
  direction?: Direction | 'both';
  protocol?: Protocol;
}

/** True when the row carries traffic in the given direction. */
export function rowHasDirection(row: PortRow, direction: Direction): boolean {
  return direction === 'inbound' ? row.inbound : row.outbound;
}

/** The directions a command covers. */
export function directionsOf(direction: Direction | 'both' | undefined): Direction[] {
  return direction === 'both' ? ['inbound', 'outbound'] : [direction ?? 'inbound'];
}

/** Keeps the rows that match every given filter (apps: case-insensitive substring of application). */
export function filterRows(rows: PortRow[], filter: RowFilter): PortRow[] {
  const apps = (filter.apps ?? []).map((a) => a.toLowerCase());
  return rows.filter((row) => {
    if (apps.length > 0 && !apps.some((a) => row.application.toLowerCase().includes(a))) return false;
    if (filter.protocol && row.protocol !== filter.protocol) return false;
    if (filter.direction && !directionsOf(filter.direction).some((d) => rowHasDirection(row, d))) return false;
    return true;
  });
}
