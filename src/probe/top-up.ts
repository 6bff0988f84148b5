import type { LimitFunction } from 'p-limit';
import { advance, settled, type AttemptContext, type ProbeRun } from './probe-attempts.js';

/**
 * Gives more attempts to silent probes that settled before their host's loss (or its ICMP rate limit) was
 * known: whenever a host teaches something new, its silent probes are looked at again, while the rest of
 * the run goes on.
 */
export class TopUp {
  private readonly silent = new Set<ProbeRun>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AttemptContext,
    private readonly limit: LimitFunction,
  ) {}

  /** A run has stopped sending: keep it in view while it is silent. */
  watch(run: ProbeRun): void {
    if (run.final || run.stopped || run.unconfirmed || run.attempts === 0) return;
    this.silent.add(run);
    this.rescan();
  }

  /** Starts the silent runs that are due more attempts under what is known now. */
  rescan(): void {
    if (this.ctx.stopSignal?.aborted) return;
    for (const run of this.silent) {
      if (settled(run, this.ctx.retries, this.ctx.hostStats(run.spec.host))) continue;
      this.silent.delete(run);
      const p = this.limit(() => advance(run, this.ctx)).then(
        () => this.watch(run),
        () => undefined, // cleared by a Ctrl-C
      );
      this.running.add(p);
      p.finally(() => this.running.delete(p));
    }
  }

  /** Resolves once no top-up is running or due. */
  async drain(): Promise<void> {
    this.rescan();
    while (this.running.size > 0) {
      await Promise.all(this.running);
      this.rescan();
    }
  }
}
