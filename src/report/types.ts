import type { Direction, Protocol } from '../table/types.js';
import type { RerunInfo } from '../verdict/rerun-changes.js';

/** Verdict of a probe or a row. */
export type Verdict = 'pass' | 'fail' | 'unknown';

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
  state: string;
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

/** One (row, host, direction) verdict, with what a matrix cell needs. */
export interface RowResult {
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
  remediation?: string;
  /** Rules that would allow the flow, per firewall dialect (failed rows of check). */
  firewallRules?: { nftables: string; iptables: string; windows: string; asa: string };
  /** What the vendor's troubleshooting says for this row and failure. */
  advice?: string[];
}

/** Counts over a report. */
export interface Summary {
  probes: number;
  pass: number;
  fail: number;
  unknown: number;
  rows?: { pass: number; fail: number; unknown: number };
}

/** The report of `check` and `audit` (schemaVersion 1). */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  command: 'check' | 'audit' | 'listen' | 'matrix' | 'merge';
  startedAt: string;
  durationMs: number;
  settings: Record<string, unknown>;
  results: ResultEntry[];
  rows: RowResult[];
  summary: Summary;
  skipped?: Array<{ id: string; direction: Direction; reason: string }>;
  notes?: string[];
  incomplete?: boolean;
  /** check --rerun: the report re-checked and each of its failing rows' verdict then and now. */
  rerun?: RerunInfo;
  /** audit: how the sockets were seen, the OS's list or a bind test on each port. */
  method?: 'socket-table' | 'bind-test';
}
