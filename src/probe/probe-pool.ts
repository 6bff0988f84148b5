import type { LimitFunction } from 'p-limit';

/** How a pool runs: its slots, a limiter shared with other runs (serve), the first Ctrl-C. */
export interface PoolOptions {
  size: number;
  limit?: LimitFunction;
  stop?: AbortSignal;
}

/**
 * Runs a task for every item with at most `size` at once, each as soon as a slot frees, and the jobs pushed
 * meanwhile (top-ups) ahead of the items. One worker per slot takes the next item itself: no promise or
 * closure waits per item, so 100,000 items cost what 100,000 tasks cost. No item starts after `stop`.
 * `run` ends once the items are spent, no job is queued and none runs.
 */
export class ProbePool<T> {
  private next = 0;
  private running = 0;
  private readonly jobs: Array<() => Promise<void>> = [];
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly items: readonly T[],
    private readonly task: (item: T) => Promise<void>,
    private readonly opts: PoolOptions,
  ) {}

  /** Queues a job ahead of the remaining items, and wakes an idle worker for it. */
  push(job: () => Promise<void>): void {
    this.jobs.push(job);
    this.idle.pop()?.();
  }

  /** Resolves once every item and every queued job has run. */
  async run(): Promise<void> {
    await Promise.all(Array.from({ length: Math.max(1, this.opts.size) }, () => this.worker()));
  }

  // Takes jobs, then items, until nothing is left and no other worker can queue more.
  private async worker(): Promise<void> {
    const { limit, stop } = this.opts;
    for (;;) {
      const job = this.jobs.shift();
      const item = job || stop?.aborted || this.next >= this.items.length ? undefined : this.items[this.next++];
      if (job || item !== undefined) {
        this.running++;
        try {
          if (job) await (limit ? limit(job) : job());
          else await (limit ? limit(this.task, item!) : this.task(item!));
        } catch {
          // A shared limiter's queue cleared by a Ctrl-C: the item was not started.
        }
        this.running--;
      } else if (this.running === 0) {
        for (const wake of this.idle.splice(0)) wake();
        return;
      } else {
        await new Promise<void>((resolve) => this.idle.push(resolve));
      }
    }
  }
}
