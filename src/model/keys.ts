import type { Direction, Protocol } from '../table/types.js';

/** What identifies a row verdict: (row, host, direction) and, for `matrix`, the host the probes left from. */
export interface RowKeyParts {
  id: string;
  host: string;
  direction: Direction;
  from?: string;
}

/** The key of one row verdict; a result and the row it belongs to share it. */
export function rowKey(r: RowKeyParts): string {
  return `${r.id}|${r.host}|${r.direction}|${r.from ?? ''}`;
}

/** The key of one matrix column: (host, direction) and, for `matrix`, the host the probes left from. */
export function columnKey(r: Omit<RowKeyParts, 'id'>): string {
  return `${r.host}|${r.direction}|${r.from ?? ''}`;
}

/** The key of one probe: the same (host, protocol, probed port) is sent once. */
export function probeKey(host: string, protocol: Protocol, probedPort: number): string {
  return `${host}|${protocol}|${probedPort}`;
}

/** The key of one local port (socket tables, bind outcomes). */
export function portKey(protocol: Protocol, port: number): string {
  return `${protocol}|${port}`;
}
