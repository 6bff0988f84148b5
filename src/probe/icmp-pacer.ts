import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** Spacing of paced resends while no interval between the host's ICMP errors is known. */
const TICK_MS = 50;
/** Intervals kept to estimate the host's ICMP interval. */
const KEEP = 9;
/** After an ICMP error, resends wait this share of the host's interval before polling again. */
const HOLD = 0.7;

/**
 * Paces the resends to one host that rate-limits its ICMP errors (Linux: one per second per peer after a
 * burst of 6; IPv6 one per 100 ms). A silent resend costs the host nothing, so resends go out one per tick
 * until one draws an ICMP error; from the intervals between errors the pacer learns the host's rate and
 * then waits most of that interval before sending again. Gives up when its time budget is spent.
 */
export class IcmpPacer {
  readonly deadline: number;
  private next = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private lastError?: number;
  private sentSinceError = 0;
  private readonly intervals: number[] = [];

  constructor(readonly budgetMs: number) {
    this.deadline = performance.now() + budgetMs;
  }

  /** Waits for the caller's turn to send; false when the budget is spent or `stop` fires first. */
  slot(stop?: AbortSignal): Promise<boolean> {
    const turn = this.chain.then(async () => {
      // `next` may move while we sleep (an ICMP error arrived): wait again until it stops moving.
      for (let wait = this.next - performance.now(); wait > 0; wait = this.next - performance.now()) {
        if (performance.now() + wait > this.deadline || stop?.aborted) return false;
        if (!(await sleep(wait, true, { signal: stop }).catch(() => false))) return false;
      }
      if (performance.now() > this.deadline || stop?.aborted) return false;
      this.next = performance.now() + TICK_MS;
      this.sentSinceError++;
      return true;
    });
    this.chain = turn;
    return turn;
  }

  /** A paced resend drew an ICMP error that arrived at `at` (performance.now() time): a token was spent. */
  errorSeen(at: number): void {
    const now = at;
    if (this.lastError !== undefined && this.sentSinceError > 1) {
      this.intervals.push(now - this.lastError);
      if (this.intervals.length > KEEP) this.intervals.shift();
    }
    this.lastError = now;
    this.sentSinceError = 0;
    const interval = this.interval();
    if (interval !== undefined) this.next = Math.max(this.next, now + HOLD * interval);
  }

  /** The host's ICMP interval as measured (median), once two intervals were seen. */
  interval(): number | undefined {
    if (this.intervals.length < 2) return undefined;
    const sorted = [...this.intervals].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
}
