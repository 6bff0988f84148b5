/** A cached answer and whether this request's caller got it from the cache. */
export interface Cached<T> {
  value: T;
  cached: boolean;
}

interface Entry<T> {
  startedAt: number;
  value: Promise<T>;
}

/**
 * At most one run per key per interval: concurrent callers share the run in flight, later callers
 * get its result until `minIntervalMs` after it started. A run that throws is not kept.
 */
export class ProbeCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The fresh-enough value for the key, or the result of `run()` (started only when there is none). */
  async get(key: string, run: () => Promise<T>): Promise<Cached<T>> {
    const entry = this.entries.get(key);
    if (entry && (this.inFlight.has(key) || this.now() - entry.startedAt < this.minIntervalMs)) {
      return { value: await entry.value, cached: true };
    }
    this.prune();
    const value = run();
    this.entries.set(key, { startedAt: this.now(), value });
    this.inFlight.add(key);
    try {
      return { value: await value, cached: false };
    } catch (err) {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
      throw err;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Number of keys held (expired ones go at the next run). */
  get size(): number {
    return this.entries.size;
  }

  // Drops the expired entries so the map only holds what the interval still covers.
  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (!this.inFlight.has(key) && now - entry.startedAt >= this.minIntervalMs) this.entries.delete(key);
    }
  }
}
