import type { Protocol } from '../table/types.js';
import type { AllowList } from './allow-list.js';
import type { RateLimiter } from './rate-limit.js';
import type { ReceiveLog } from './receive-log.js';

/** What every listener of a responder shares. */
export interface ResponderContext {
  token?: string;
  allow: AllowList;
  limiter: RateLimiter;
  stats: ResponderStats;
  /** Seconds a TCP connection may stay idle before it is closed. */
  idleMs: number;
  /** Open TCP connections at most, across all ports. */
  maxConnections: number;
  /** Open TCP connections at most from one source address, so one source cannot starve the others. */
  maxPerSource: number;
  /** Open connections per source address (shared by every port). */
  perSource: Map<string, number>;
  /** Where request nonces are recorded as they arrive (agents keep one). */
  log?: ReceiveLog;
}

/** Counters for the end-of-run line and for tests. */
export interface ResponderStats {
  answered: number;
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
