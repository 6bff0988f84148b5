import { InputError } from '../errors.js';
import { parseOnlySpec } from '../table/port-spec.js';
import type { PortTable } from '../table/types.js';

/** Parses repeated --peer ROLE=HOST into role -> hosts. */
export function parsePeers(values: readonly string[] | undefined): Map<string, string[]> {
  const peers = new Map<string, string[]>();
  for (const value of values ?? []) {
    const m = /^([a-z0-9][a-z0-9-]*)=(.+)$/i.exec(value.trim());
    if (!m) throw new InputError(`--peer "${value}": expected ROLE=HOST, e.g. --peer aaa=acs01`);
    const role = m[1]!.toLowerCase();
    peers.set(role, [...(peers.get(role) ?? []), m[2]!.trim()]);
  }
  return peers;
}

/** Parses --only (ports, ranges and the table's row ids); undefined when not given. */
export function parseOnly(value: string | undefined, table?: PortTable): Set<number | string> | undefined {
  if (value === undefined) return undefined;
  const parsed = parseOnlySpec(
    value,
    table?.rows.map((r) => r.id),
  );
  if (typeof parsed === 'string')
    throw new InputError(
      `--only "${value}": ${parsed}; expected e.g. 22,443,40050-40070 or https-aus (see portmatrix ports)`,
    );
  return parsed;
}

/** Checks that an option is a whole number within bounds. */
export function intOption(name: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`--${name} ${String(value)}: expected a whole number from ${min} to ${max}`);
  }
  return n;
}
