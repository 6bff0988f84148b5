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

/**
 * rowKey for a run of items: the same string while an item's (id, host, direction, from) equal the last
 * one's, as they do for the results of one row, so 100,000 results build a key per row, not one each.
 */
export function rowKeys(): (r: RowKeyParts) => string {
  let last: RowKeyParts | undefined;
  let key = '';
  return (r) => {
    if (last?.id !== r.id || last.host !== r.host || last.direction !== r.direction || last.from !== r.from) {
      last = { id: r.id, host: r.host, direction: r.direction, from: r.from };
      key = rowKey(last);
    }
    return key;
  };
}

/** The key of one matrix column: (host, direction) and, for `matrix`, the host the probes left from. */
export function columnKey(r: Omit<RowKeyParts, 'id'>): string {
  return `${r.host}|${r.direction}|${r.from ?? ''}`;
}

/**
 * The key of one probe: the same (host, protocol, probed port) is sent once. Joined, it is one flat string;
 * a template would be a tree of four strings, kept as long as the plan (100,000 probes: 9 MB more).
 */
export function probeKey(host: string, protocol: Protocol, probedPort: number): string {
  return [host, protocol, probedPort].join('|');
}

/** The key of one local port (socket tables, bind outcomes). */
export function portKey(protocol: Protocol, port: number): string {
  return `${protocol}|${port}`;
}
