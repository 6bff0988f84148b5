import type { Direction, PortRow, Protocol } from '../table/types.js';
import type { SkippedRow } from '../model/report.js';

/** `--only`: table ports (numbers) and row ids (strings); a listed row keeps every port. */
export type OnlySelection = ReadonlySet<number | string>;

/** One probe to send: the same (host, protocol, probed port) is sent once. */
export interface ProbeSpec {
  key: string;
  host: string;
  protocol: Protocol;
  /** The port as in the table. */
  port: number;
  /** The port actually probed (port + offset). */
  probedPort: number;
}

/** One (row, host, direction, port) that a probe answers for. */
export interface Expectation {
  row: PortRow;
  host: string;
  direction: Direction;
  port: number;
  probeKey: string;
}

/** Everything a check will send, and what each answer means. */
export interface Plan {
  probes: ProbeSpec[];
  expectations: Expectation[];
  skipped: SkippedRow[];
}

/** Where a check sends its probes. */
export interface PlanInput {
  rows: PortRow[];
  hosts: string[];
  /** Outbound rows whose peer role is a key go to these hosts instead of `hosts`. */
  peers: ReadonlyMap<string, string[]>;
  /** check: outbound rows go only to their role's `peers` host (they leave the server), never to `hosts`. */
  outboundToPeersOnly?: boolean;
  directions: Direction[];
  only?: OnlySelection;
  portOffset: number;
  /** check --as: the role the checking host plays; inbound rows coming from another role are left out. */
  inboundFrom?: string;
  /** check --rerun: only the (row, direction, host) triples this keeps. */
  keep?: (id: string, direction: Direction, host: string) => boolean;
}
