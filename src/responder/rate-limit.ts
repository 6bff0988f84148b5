/** How many answers a source gets: a token bucket per source (see sourceKey). */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxSources: number;
}

/**
 * UDP answers per source. The embedded table has 8 UDP ports in all; a check sends each at most
 * 1 + retries (≤ 11) times, 2 with the default. 1,000/s with a burst of 2,000 answers 16 whole-table
 * checks a second from one address (16 × 8 × 2 = 256) with room to spare, and caps what a spoofed
 * source can reflect at 1,000 replies/s, each no larger than its request.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 1000, burst: 2000, maxSources: 10000 };

/** Busy notices per source once its answers are spent (each smaller than its request); beyond these, silence. */
export const BUSY_RATE_LIMIT: RateLimitOptions = { perSecond: 500, burst: 1000, maxSources: 10000 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A per-source token bucket. The table of sources is bounded: when full, the
 * oldest source is forgotten, so a spoofed flood cannot grow memory.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly opts: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the source may be answered now (and spends one token). */
  take(source: string): boolean {
    const t = this.now();
    let b = this.buckets.get(source);
    if (b) {
      this.buckets.delete(source); // re-insert: Map order is recency order
      b.tokens = Math.min(this.opts.burst, b.tokens + ((t - b.at) / 1000) * this.opts.perSecond);
      b.at = t;
    } else {
      b = { tokens: this.opts.burst, at: t };
      if (this.buckets.size >= this.opts.maxSources) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(source, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Sources currently tracked. */
  get size(): number {
    return this.buckets.size;
  }
}
