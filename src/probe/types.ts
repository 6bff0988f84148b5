import type { CancelSignal } from './cancel.js';
import type { ProbeState } from '../model/state.js';

/** What one probe measured. */
export interface ProbeOutcome {
  state: ProbeState;
  reason: string;
  latencyMs: number;
  verified: boolean;
  /** address:port the responder saw the probe come from. */
  observedSource?: string;
  /** Our own address for the probe (one shared string per address), to compare with observedSource. */
  localAddress?: string;
  /** The error code behind a closed, filtered or error state, when there was one. */
  code?: string;
  /** The adaptive timeout gave up on this attempt (silence, cut short). */
  adaptiveCut?: boolean;
  /** UDP: the request nonces of attempts that got no answer (for the one-way question). */
  nonces?: string[];
  /** The responder proved it got the probe but was too busy to answer (a refusal, not a verdict on the path). */
  busy?: boolean;
  /** The probe was cut short by an interruption. */
  interrupted?: boolean;
  /** Attempts sent for this probe (resends and retries included). */
  attempts?: number;
}

/** What a probe needs to know. */
export interface ProbeRequest {
  address: string;
  port: number;
  timeoutMs: number;
  signal: CancelSignal;
  token?: string;
}

/** Passed to AbortController.abort() when the adaptive timer gives up on a silent probe. */
export const ADAPTIVE_TIMEOUT = Symbol('adaptive-timeout');
