import type { Direction, Protocol } from '../table/types.js';
import type { RerunInfo } from '../verdict/rerun-changes.js';
import type { ResultState, Verdict } from './state.js';

/** One (row, host, direction, port) result, as in the JSON report. */
export interface ResultEntry {
  id: string;
  service: string;
  application: string;
  direction: Direction;
  protocol: Protocol;
  port: number;
  host: string;
  address: string;
  state: ResultState;
  verdict: Verdict;
  verified: boolean;
  latencyMs: number;
  reason: string;
  probedPort?: number;
  /** The address the probe was sent from, where known. */
  source?: string;
  observedSource?: string;
  remediation?: string;
  /** check: attempts sent for this probe (resends and retries included; 0 when nothing could be sent). */
  attempts?: number;
  /** audit only: the process holding the port. */
  process?: string;
  /** UDP with a token and no answer: the request nonces sent (matrix asks the responder which arrived). */
  nonces?: string[];
  /** matrix: for a silent UDP probe, whether the datagram reached the responder. */
  delivery?: 'reply-blocked' | 'not-delivered';
  /** matrix: the host the probe was sent from. */
  from?: string;
}

/** Rules that would allow a flow, per firewall dialect. */
export interface FirewallRules {
  nftables: string;
  iptables: string;
  windows: string;
  asa: string;
}

/**
 * What to do about a result that did not pass, as verdict/ decides it (verdict/action-kind.ts); the one-line fix
 * of a row and the terminal's grouped actions are both worded from it.
 */
export type ActionKind =
  /** matrix: the datagram arrived, its reply was dropped on the way back. */
  | 'allow-replies'
  /** filtered: allow the flow in the firewalls on the path and on the server. */
  | 'allow-path'
  /** reset where the responder was expected: a firewall rejects with reset. */
  | 'remove-reset'
  /** check, matrix: nothing listens on the host: start the service (or, before installation, the responder). */
  | 'start-service'
  /** audit --expect listening: start the services on this host. */
  | 'start-local-service'
  /** audit --expect listening: the service listens, but only on addresses clients do not reach (loopback). */
  | 'listen-reachable'
  /** something answers, but not the responder with the token. */
  | 'find-impostor'
  /** no answer and no proof either way. */
  | 'prove'
  /** audit --expect free: a program holds the port. */
  | 'free-port'
  /** listen: another program holds the port. */
  | 'port-in-use'
  /** listen: the port needs privileges. */
  | 'needs-privileges'
  /** any other probe failure: the result's host and reason say it. */
  | 'see-reason'
  /** any other local failure (a bind error): the result's reason says it. */
  | 'local-reason';

/** What to change for one row that did not pass. */
export interface RowRemediation {
  /** What to change, in one line. */
  remediation: string;
  /** Rules that would allow the flow (failed rows of check and matrix). */
  firewallRules?: FirewallRules;
  /** The table's own advice for this row and failure (attributed to the table's source). */
  advice?: string[];
  /** Product-neutral advice, where the table carries none of its own for this failure. */
  genericAdvice?: string[];
}

/** One (row, host, direction) verdict, with what a matrix cell needs. */
export interface RowResult extends Partial<RowRemediation> {
  id: string;
  direction: Direction;
  host: string;
  /** matrix: the host the probes were sent from. */
  from?: string;
  verdict: Verdict;
  service: string;
  application: string;
  protocol: Protocol;
  ports: string;
  anyOf: boolean;
  passed: number;
  total: number;
  failedPorts: number[];
}

/** A row that was selected but not tested, with why. */
export interface SkippedRow {
  id: string;
  direction: Direction;
  reason: string;
}

/** Counts of verdicts. */
export interface VerdictCounts {
  pass: number;
  fail: number;
  unknown: number;
}

/** Counts over a report. */
export interface Summary extends VerdictCounts {
  probes: number;
  rows?: VerdictCounts;
  /** Selected rows that were not probed (the report's `skipped`); absent in reports made before it was counted. */
  skipped?: number;
}

/** Which command made a report. */
export type ReportCommand = 'check' | 'audit' | 'listen' | 'matrix' | 'merge';

/** The report of every command (schemaVersion 1): verdict/ builds it, report/ only reads it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  command: ReportCommand;
  startedAt: string;
  durationMs: number;
  settings: Record<string, unknown>;
  results: ResultEntry[];
  rows: RowResult[];
  summary: Summary;
  skipped?: SkippedRow[];
  notes?: string[];
  incomplete?: boolean;
  /** check --rerun: the report re-checked and each of its failing rows' verdict then and now. */
  rerun?: RerunInfo;
  /** The table's own notes (the guide's framing: when its ports are needed at all). */
  tableNotes?: string[];
  /** audit: how the sockets were seen, the OS's list or a bind test on each port. */
  method?: 'socket-table' | 'bind-test';
  /** Where the table's own advice comes from (its `advice.source`, else its `source`); absent without advice. */
  adviceSource?: string;
}
