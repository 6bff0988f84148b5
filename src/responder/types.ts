import type { Protocol } from '../table/types.js';
import type { AllowList } from './allow-list.js';
import type { RateLimiter } from './rate-limit.js';
import type { ReceiveLog } from './receive-log.js';

/** What every listener of a responder shares. */
export interface ResponderContext {
  token?: string;
  allow: AllowList;
  /** UDP answers per source (/64 for IPv6). TCP has none: its handshake proves the source. */
  limiter: RateLimiter;
  /** UDP busy notices per source, once its answers are spent; beyond both, silence. */
  busyLimiter: RateLimiter;
  stats: ResponderStats;
  /** Milliseconds a TCP connection has, from accept, to deliver its request line (not reset by each byte). */
  deadlineMs: number;
  /** Open TCP connections at most, across all ports. */
  maxConnections: number;
  /** Open TCP connections at most from one source (/64 for IPv6), so one source cannot starve the others. */
  maxPerSource: number;
  /** Open connections per source key (shared by every port). */
  perSource: Map<string, number>;
  /** Where request nonces are recorded once answered (agents keep one). */
  log?: ReceiveLog;
}

/** Counters for the end-of-run line and for tests. */
export interface ResponderStats {
  answered: number;
  /** Busy notices sent instead of answers (UDP budget spent). */
  busy: number;
  dropped: number;
  refused: number;
  connections: number;
  open: number;
}

/** One port the responder tried to bind. */
export interface BindOutcome {
  protocol: Protocol;
  port: number;
  probedPort: number;
  address: string;
  status: 'bound' | 'in-use' | 'needs-privileges' | 'address-not-available' | 'error';
  detail: string;
}

/** A bound listener that can be closed. */
export interface Listener {
  close(): Promise<void>;
}
