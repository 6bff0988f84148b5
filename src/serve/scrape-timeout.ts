import { MAX_ATTEMPTS } from '../probe/host-stats.js';

/** The header Prometheus sends with every scrape: the job's scrape_timeout in seconds. */
export const SCRAPE_TIMEOUT_HEADER = 'x-prometheus-scrape-timeout-seconds';

/** How probes are sent, as far as their worst-case duration goes. */
export interface AttemptSettings {
  timeoutMs: number;
  /** How long UDP ports of a host that rate-limits its ICMP errors are confirmed (--rate-limit-budget). */
  rateLimitBudgetMs: number;
}

/** The longest a query's probe can take, and what that assumes, in words. */
export interface WorstCase {
  ms: number;
  assumes: string;
  /** The options that lower it. */
  lower: string;
}

/**
 * The longest a silent port can take. Every attempt waits the full --timeout (the adaptive timeout only
 * shortens it); the loss measured on a path asks for up to MAX_ATTEMPTS attempts, whatever --retries says;
 * a UDP port of a host that rate-limits its ICMP errors is confirmed for up to --rate-limit-budget more, and
 * the last attempt sent within it waits its timeout too. Assumes every probe of the query gets a slot of
 * --concurrency at once (more probes than slots queue).
 */
export function worstCase(s: AttemptSettings, udp: boolean): WorstCase {
  const lossy = MAX_ATTEMPTS * s.timeoutMs;
  const lossText = `${MAX_ATTEMPTS} attempts of --timeout ${s.timeoutMs} ms on a path that loses packets`;
  if (!udp || s.rateLimitBudgetMs === 0) return { ms: lossy, assumes: lossText, lower: '--timeout' };
  return {
    ms: lossy + s.rateLimitBudgetMs + s.timeoutMs,
    assumes:
      `${lossText}, then --rate-limit-budget ${s.rateLimitBudgetMs / 1000} s and one more attempt ` +
      'for UDP ports of a host that rate-limits its ICMP errors',
    lower: '--timeout or --rate-limit-budget',
  };
}

/**
 * A one-line warning when the job's scrape_timeout is not longer than the query's worst case (Prometheus
 * would give up on the scrape first and record no verdict); undefined when it fits or there is no header.
 * `udp`: the query probes UDP ports.
 */
export function scrapeTimeoutWarning(header: string | undefined, s: AttemptSettings, udp: boolean): string | undefined {
  const seconds = Number(header);
  if (header === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const worst = worstCase(s, udp);
  if (worst.ms < seconds * 1000) return undefined;
  return (
    `Prometheus' scrape_timeout (${seconds} s) is not longer than this query's worst case ` +
    `(${worst.ms / 1000} s: ${worst.assumes}); a scrape cut short records no verdict: ` +
    `raise scrape_timeout, or lower ${worst.lower}`
  );
}
