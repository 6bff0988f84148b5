import { DEFAULT_CONTROL_PORT } from '../agent/control-protocol.js';

/** A number option: its bounds and default. */
export interface Bound {
  min: number;
  max: number;
  default: number;
  /** Fractions allowed (seconds); whole numbers otherwise. */
  fractional?: boolean;
  /** What the number counts, for messages ("seconds"); default: "a whole number" or "a number". */
  unit?: string;
}

/** Seconds in a week: the longest a responder or an agent serves. */
const WEEK_SECONDS = 7 * 24 * 3600;

/** Bounds and defaults of every whole-number option, by field name: one place for every entry point. */
export const BOUNDS = {
  concurrency: { min: 1, max: 65536, default: 128 },
  timeoutMs: { min: 1, max: 600000, default: 2000 },
  retries: { min: 0, max: 10, default: 1 },
  portOffset: { min: -65534, max: 65534, default: 0 },
  controlPort: { min: 1, max: 65535, default: DEFAULT_CONTROL_PORT },
  /** listen: seconds to serve (0: until interrupted). */
  duration: { min: 0, max: WEEK_SECONDS, default: 600, fractional: true, unit: 'seconds' },
  /** The terminal matrix's width in columns (0: no limit); undefined by default (the terminal's). */
  width: { min: 0, max: 10000, default: 0 },
  /** check: seconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors. */
  rateLimitBudget: {
    min: 0,
    max: 3600,
    default: 45,
    fractional: true,
    unit: 'seconds',
  },
  /** serve: seconds between two probes of the same (target, query). */
  minInterval: { min: 0, max: 3600, default: 10, fractional: true, unit: 'seconds' },
  /** agent: seconds to run (0: until interrupted). */
  agentDuration: { min: 0, max: WEEK_SECONDS, default: 3600, fractional: true, unit: 'seconds' },
} as const satisfies Record<string, Bound>;
