import type { HostStats } from './host-stats.js';
import type { ProbeRun } from './probe-attempts.js';
import type { ProbeOutcome } from './types.js';

// "1 attempt" / "6 attempts over 4.2 s".
function tried(run: ProbeRun): string {
  const seconds = ((run.ended - run.started) / 1000).toFixed(1);
  return run.attempts === 1 ? '1 attempt' : `${run.attempts} attempts over ${seconds} s`;
}

// The reason of a probe that stayed silent: what was tried and what the path is known to lose.
function silentReason(run: ProbeRun, stats: HostStats, budgetMs: number): string {
  const loss = `loss measured on this host: ${stats.describeLoss()}`;
  if (run.unconfirmed)
    return `ICMP rate-limited: not confirmed within ${Math.round(budgetMs / 1000)} s (${tried(run)}; ${loss})`;
  const proof = run.witnessed > 0 ? ', while a closed port of this host answered right behind it' : '';
  const cut = run.stopped ? '; interrupted before every attempt was sent' : '';
  return `${run.outcome.reason}: ${tried(run)}${proof}; ${loss}${cut}`;
}

/**
 * The outcome a run reports: its last attempt's, with the attempts it took and, when silent, why. An answer
 * without nonces (every answer on a clean path) is the last attempt's own object, given its attempts.
 */
export function runOutcome(run: ProbeRun, stats: HostStats, budgetMs: number): ProbeOutcome {
  if (run.final && run.outcome.nonces === undefined && run.nonces.length === 0) {
    run.outcome.attempts = run.attempts;
    return run.outcome;
  }
  const { nonces: _ignored, ...last } = run.outcome;
  const silent = !run.final && !run.outcome.interrupted && run.attempts > 0;
  const nonces = run.nonces.length > 0 && run.outcome.state === 'filtered' ? run.nonces : undefined;
  return {
    ...last,
    attempts: run.attempts,
    ...(silent ? { reason: silentReason(run, stats, budgetMs) } : {}),
    ...(nonces ? { nonces } : {}),
  };
}
