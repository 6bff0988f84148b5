/** How many answers a source gets: a token bucket per source address. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxSources: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 200, burst: 400, maxSources: 10000 };

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
