import { toRanges, type PortRange } from '../table/port-spec.js';
import type { Direction, Protocol } from '../table/types.js';

/** The group that stands for the product's own server in every rule. */
export const PRODUCT = 'product';

/** One port a row needs opened: from one role to another. */
export interface Opening {
  rowId: string;
  direction: Direction;
  protocol: Protocol;
  port: number;
  /** Role the traffic comes from (PRODUCT for outbound rows). */
  source: string;
  /** Role the traffic goes to (PRODUCT for inbound rows). */
  destination: string;
}

/** One consolidated rule: every port from one group to another over one protocol. */
export interface MergedRule {
  source: string;
  destination: string;
  protocol: Protocol;
  direction: Direction;
  ports: PortRange[];
  /** The table rows this rule serves, in table order. */
  rows: string[];
}

/** A row the rule set does not open, with why. */
export interface Unopened {
  id: string;
  direction: Direction;
  reason: string;
}

/** Everything a dialect needs to print one rule set. */
export interface RuleSet {
  product: string;
  /** Where the openings came from, e.g. "report run.json, results that did not pass". */
  origin: string;
  /** The table's framing notes. */
  notes: string[];
  /** Addresses per group (role or PRODUCT); an empty list is a group to fill in. */
  groups: Map<string, string[]>;
  rules: MergedRule[];
  unopened: Unopened[];
}

// The consolidation key: one rule per (source, destination, protocol).
const keyOf = (o: Opening) => `${o.source}\u0000${o.destination}\u0000${o.protocol}`;

/** Merges openings by (source, destination, protocol): port lists compacted to ranges, rows listed once. */
export function mergeOpenings(openings: readonly Opening[], rowOrder: readonly string[]): MergedRule[] {
  const order = new Map(rowOrder.map((id, i) => [id, i]));
  const merged = new Map<string, { first: Opening; ports: number[]; rows: Set<string> }>();
  for (const o of openings) {
    const key = keyOf(o);
    const entry = merged.get(key) ?? { first: o, ports: [], rows: new Set<string>() };
    entry.ports.push(o.port);
    entry.rows.add(o.rowId);
    merged.set(key, entry);
  }
  const rules = [...merged.values()].map(({ first, ports, rows }) => ({
    source: first.source,
    destination: first.destination,
    protocol: first.protocol,
    direction: first.direction,
    ports: toRanges(ports),
    rows: [...rows].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  }));
  // Inbound first, then by the first port: the order a reviewer reads a change request in.
  return rules.sort(
    (a, b) =>
      Number(a.direction === 'outbound') - Number(b.direction === 'outbound') ||
      a.ports[0]!.from - b.ports[0]!.from ||
      a.protocol.localeCompare(b.protocol),
  );
}

/** The far-end group of a rule (the one that is not the product's server). */
export function farEnd(rule: MergedRule): string {
  return rule.direction === 'inbound' ? rule.source : rule.destination;
}
