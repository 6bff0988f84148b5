/** Lowest adaptive wait, so a jittery path is never cut short. */
export const ADAPTIVE_FLOOR_MS = 200;
/** A silent probe is given this multiple of TCP's retransmission timeout (SRTT + 4 RTTVAR) before it is cut. */
export const ADAPTIVE_MARGIN = 1.5;

interface HostRtt {
  srtt: number;
  rttvar: number;
  samples: number;
}

/**
 * Learns each host's round trip from answered probes (as TCP's RTO estimator does,
 * RFC 6298) and says how long a silent probe is still worth waiting for.
 */
export class RttEstimator {
  private readonly hosts = new Map<string, HostRtt>();
  constructor(
    private readonly ceilingMs: number,
    private readonly floorMs = ADAPTIVE_FLOOR_MS,
  ) {}

  /** Records the round trip of an answered probe. */
  observe(host: string, rttMs: number): void {
    const h = this.hosts.get(host);
    if (!h) {
      this.hosts.set(host, { srtt: rttMs, rttvar: rttMs / 2, samples: 1 });
      return;
    }
    h.rttvar = 0.75 * h.rttvar + 0.25 * Math.abs(h.srtt - rttMs);
    h.srtt = 0.875 * h.srtt + 0.125 * rttMs;
    h.samples++;
  }

  /** How long to wait for a probe to this host: the ceiling until a round trip is known. */
  boundMs(host: string): number {
    const h = this.hosts.get(host);
    if (!h) return this.ceilingMs;
    const rto = ADAPTIVE_MARGIN * (h.srtt + 4 * h.rttvar);
    return Math.min(this.ceilingMs, Math.max(this.floorMs, rto));
  }
}
