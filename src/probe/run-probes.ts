import pLimit, { type LimitFunction } from 'p-limit';
import { performance } from 'node:perf_hooks';
import { RttEstimator } from './rtt-estimator.js';
import { sourceAddressFor } from './source-address.js';
import { HostStats } from './host-stats.js';
import { advance, newRun, type AttemptContext, type InFlight, type ProbeRun } from './probe-attempts.js';
import { TopUp } from './top-up.js';
import { runOutcome } from './run-outcome.js';
import { ADAPTIVE_TIMEOUT, type ProbeOutcome } from './types.js';
import type { Resolved } from './resolve-hosts.js';
import type { ProbeSpec } from '../plan/types.js';
import { groupBy } from '../util/group-by.js';
import { BOUNDS } from '../options/bounds.js';

/** How a run sends its probes. */
export interface RunOptions {
  concurrency: number;
  /** A limiter shared with other runs (serve: one bound for every request); else one of `concurrency`. */
  limit?: LimitFunction;
  timeoutMs: number;
  /** UDP resends after silence (the least: measured loss may ask for more). */
  retries: number;
  /** How long to keep confirming the silent UDP ports of a host that rate-limits its ICMP errors. */
  rateLimitBudgetMs?: number;
  token?: string;
  adaptive: boolean;
  /** Stops starting new probes and attempts (first Ctrl-C). */
  stopSignal?: AbortSignal;
  /** Aborts the probes in flight too. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failures: number) => void;
}

/** A probe's outcome with the address it went to. */
export interface ProbeResult extends ProbeOutcome {
  address: string;
}

// Cuts short the silent probes of hosts whose round trip is known.
function startTicker(inflight: Set<InFlight>, rtt: RttEstimator, ceiling: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    const now = performance.now();
    for (const entry of inflight) {
      const bound = rtt.boundMs(entry.host);
      if (bound < ceiling && now - entry.start > bound) entry.controller.abort(ADAPTIVE_TIMEOUT);
    }
  }, 10);
  timer.unref();
  return timer;
}

// Interleaves probes host by host so one slow host does not hold all the slots.
function interleave(probes: ProbeSpec[]): ProbeSpec[] {
  const queues = [...groupBy(probes, (p) => p.host).values()];
  const out: ProbeSpec[] = [];
  for (let i = 0; out.length < probes.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

// The local address each resolved host is reached from (for firewall rules).
async function sourcesOf(resolved: Map<string, Resolved>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...resolved.values()].map(async (r) => {
      if (!('address' in r)) return;
      const source = await sourceAddressFor(r.address);
      if (source) out.set(r.host, source);
    }),
  );
  return out;
}

/**
 * Hands probes to p-limit a few at a time (at most `queued` waiting or running), so a run of
 * 100,000 probes never holds 100,000 pending closures and promises at once.
 */
async function feed<T>(
  specs: T[],
  limit: LimitFunction,
  task: (s: T) => Promise<void>,
  queued: number,
  stop?: AbortSignal,
): Promise<void> {
  let pending = 0;
  let wake: (() => void) | undefined;
  const settled = () => {
    pending--;
    const w = wake;
    wake = undefined;
    w?.();
  };
  const room = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  for (const spec of specs) {
    if (stop?.aborted) break;
    while (pending >= queued) await room();
    pending++;
    limit(() => task(spec)).then(settled, settled);
  }
  while (pending > 0) await room();
}

/** Default time budget for confirming the silent UDP ports of a host that rate-limits ICMP (Table A-1 and more). */
export const DEFAULT_RATE_LIMIT_BUDGET_MS = BOUNDS.rateLimitBudget.default * 1000;

// A probe that could not be sent: its host did not resolve.
function unresolved(target: Resolved | undefined): ProbeOutcome {
  const reason = target && 'error' in target ? target.error : 'host not resolved';
  return { state: 'error', reason, latencyMs: 0, verified: false, attempts: 0 };
}

/**
 * Sends every probe with at most `concurrency` in flight; each starts as soon as a slot frees. Silent probes
 * get as many attempts as the loss measured on their host asks for (see HostStats). Probes not started
 * before `stopSignal` fires are left out of the result; no attempt starts after it.
 */
export async function runProbes(
  probes: ProbeSpec[],
  resolved: Map<string, Resolved>,
  opts: RunOptions,
): Promise<Map<string, ProbeResult>> {
  const concurrency = Math.max(1, opts.concurrency);
  const limit = opts.limit ?? pLimit({ concurrency, rejectOnClear: true });
  const inflight = new Set<InFlight>();
  const rtt = new RttEstimator(opts.timeoutMs);
  const budgetMs = opts.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS;
  const stats = new Map<string, HostStats>();
  const hostStats = (host: string) => {
    let s = stats.get(host);
    if (!s) stats.set(host, (s = new HostStats(budgetMs)));
    return s;
  };
  const ctx: AttemptContext = { ...opts, inflight, rtt, hostStats, learned: () => topUp.rescan() };
  const topUp = new TopUp(ctx, limit);
  const ticker = opts.adaptive ? startTicker(inflight, rtt, opts.timeoutMs) : undefined;
  const runs: ProbeRun[] = [];
  const results = new Map<string, ProbeResult>();
  const sources = await sourcesOf(resolved);
  let done = 0;
  let failures = 0;
  const onStop = () => limit.clearQueue();
  const onAbort = () => {
    for (const e of inflight) e.controller.abort(opts.signal?.reason);
  };
  opts.stopSignal?.addEventListener('abort', onStop, { once: true });
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const record = (spec: ProbeSpec, outcome: ProbeOutcome, address: string) => {
    const source = sources.get(spec.host);
    results.set(spec.key, {
      ...outcome,
      address,
      ...(!outcome.localSource && source ? { localSource: `${source}:0` } : {}),
    });
  };
  try {
    const task = async (spec: ProbeSpec) => {
      if (opts.stopSignal?.aborted) return;
      const target = resolved.get(spec.host);
      let state: ProbeOutcome['state'] = 'error';
      if (!target || 'error' in target) record(spec, unresolved(target), '');
      else {
        const run = newRun(spec, target.address);
        runs.push(run);
        await advance(run, ctx);
        topUp.watch(run);
        state = run.outcome.state;
      }
      done++;
      if (state !== 'open' && state !== 'open|filtered') failures++;
      opts.onProgress?.(done, probes.length, failures);
    };
    await feed(interleave(probes), limit, task, concurrency * 2, opts.stopSignal);
    await topUp.drain();
  } finally {
    if (ticker) clearInterval(ticker);
    opts.stopSignal?.removeEventListener('abort', onStop);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  for (const run of runs)
    if (run.attempts > 0 || run.outcome.interrupted)
      record(run.spec, runOutcome(run, hostStats(run.spec.host), budgetMs), run.address);
  return results;
}
