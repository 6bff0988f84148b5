import { advance, settled, type AttemptContext, type ProbeRun } from './probe-attempts.js';

/**
 * Gives more attempts to silent probes that settled before their host's loss (or its ICMP rate limit) was
 * known: whenever a host teaches something new, its silent probes are looked at again, while the rest of
 * the run goes on (the attempts go to the run's pool, ahead of the probes not started yet).
 */
export class TopUp {
  private readonly silent = new Set<ProbeRun>();

  constructor(
    private readonly ctx: AttemptContext,
    private readonly push: (job: () => Promise<void>) => void,
  ) {}

  /** A run has stopped sending: keep it in view while it is silent. */
  watch(run: ProbeRun): void {
    if (run.final || run.stopped || run.unconfirmed || run.attempts === 0) return;
    this.silent.add(run);
    this.rescan();
  }

  /** Queues the silent runs that are due more attempts under what is known now; returns how many. */
  rescan(): number {
    if (this.ctx.stopSignal?.aborted) return 0;
    let queued = 0;
    for (const run of this.silent) {
      if (settled(run, this.ctx.retries, this.ctx.hostStats(run.spec.host))) continue;
      this.silent.delete(run);
      queued++;
      this.push(() => advance(run, this.ctx).then(() => this.watch(run)));
    }
    return queued;
  }
}
