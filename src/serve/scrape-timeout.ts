/** The header Prometheus sends with every scrape: the job's scrape_timeout in seconds. */
export const SCRAPE_TIMEOUT_HEADER = 'x-prometheus-scrape-timeout-seconds';

/** How probes are sent, as far as their worst-case duration goes. */
export interface AttemptSettings {
  timeoutMs: number;
  retries: number;
  adaptive: boolean;
}

/** The longest a silent port can take: every attempt waits the full timeout. */
export function worstCaseMs(s: AttemptSettings): number {
  return s.timeoutMs * Math.max(1 + s.retries, s.adaptive ? 2 : 1);
}

/**
 * A one-line warning when the job's scrape_timeout is shorter than a silent port's worst case
 * (Prometheus would give up on the scrape first and record no verdict); undefined when it fits.
 */
export function scrapeTimeoutWarning(header: string | undefined, s: AttemptSettings): string | undefined {
  const seconds = Number(header);
  if (header === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const worst = worstCaseMs(s);
  if (worst < seconds * 1000) return undefined;
  return (
    `Prometheus' scrape_timeout (${seconds} s) is not longer than a silent port's worst case ` +
    `(${worst / 1000} s: --timeout ${s.timeoutMs} ms per attempt); raise scrape_timeout or lower --timeout/--retries`
  );
}
