import type { LimitFunction } from 'p-limit';
import { performance } from 'node:perf_hooks';
import { RttEstimator } from './rtt-estimator.js';
import { sourceAddressFor } from './source-address.js';
import { HostStats } from './host-stats.js';
import { advance, newRun, type AttemptContext, type InFlight, type ProbeRun } from './probe-attempts.js';
import { TopUp } from './top-up.js';
import { ProbePool } from './probe-pool.js';
import { runOutcome } from './run-outcome.js';
import { keepProbesYoung } from './keep-probes-young.js';
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

/** Default time budget for confirming the silent UDP ports of a host that rate-limits ICMP (Table A-1 and more). */
export const DEFAULT_RATE_LIMIT_BUDGET_MS = BOUNDS.rateLimitBudget.default * 1000;

// A probe that could not be sent: its host did not resolve.
function unresolved(target: Resolved | undefined): ProbeOutcome {
  const reason = target && 'error' in target ? target.error : 'host not resolved';
  return { state: 'error', reason, latencyMs: 0, verified: false, attempts: 0 };
}

// The outcome of a probe whose host did not resolve, or of a run, with the address it went to and our own.
function resultOf(outcome: ProbeOutcome, address: string, source: string | undefined): ProbeResult {
  const result = outcome as ProbeResult;
  result.address = address;
  if (!outcome.localAddress && source) result.localAddress = source;
  return result;
}

/**
 * Sends every probe with at most `concurrency` in flight; each starts as soon as a slot frees. Silent probes
 * get as many attempts as the loss measured on their host asks for (see HostStats). Probes not started
 * before `stopSignal` fires are left out of the result; no attempt starts after it. An answered probe's
 * result is kept as it comes (its own outcome object, nothing copied); only the silent ones wait for the
 * end, when their reason can give the loss measured on their host.
 */
export async function runProbes(
  probes: ProbeSpec[],
  resolved: Map<string, Resolved>,
  opts: RunOptions,
): Promise<Map<string, ProbeResult>> {
  keepProbesYoung();
  const concurrency = Math.max(1, opts.concurrency);
  const inflight = new Set<InFlight>();
  const rtt = new RttEstimator(opts.timeoutMs);
  const budgetMs = opts.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS;
  const stats = new Map<string, HostStats>();
  const hostStats = (host: string) => {
    let s = stats.get(host);
    if (!s) stats.set(host, (s = new HostStats(budgetMs)));
    return s;
  };
  const ticker = opts.adaptive ? startTicker(inflight, rtt, opts.timeoutMs) : undefined;
  const silent: ProbeRun[] = [];
  const results = new Map<string, ProbeResult>();
  const sources = await sourcesOf(resolved);
  let done = 0;
  let failures = 0;
  const onAbort = () => {
    for (const e of inflight) e.controller.abort(opts.signal?.reason);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const record = (spec: ProbeSpec, outcome: ProbeOutcome, address: string) =>
    results.set(spec.key, resultOf(outcome, address, sources.get(spec.host)));
  const task = async (spec: ProbeSpec) => {
    if (opts.stopSignal?.aborted) return;
    const target = resolved.get(spec.host);
    let state: ProbeOutcome['state'] = 'error';
    if (!target || 'error' in target) record(spec, unresolved(target), '');
    else {
      const run = newRun(spec, target.address);
      await advance(run, ctx);
      if (run.final) record(spec, runOutcome(run, hostStats(spec.host), budgetMs), run.address);
      else {
        silent.push(run);
        topUp.watch(run);
      }
      state = run.outcome.state;
    }
    done++;
    if (state !== 'open' && state !== 'open|filtered') failures++;
    opts.onProgress?.(done, probes.length, failures);
  };
  const pool = new ProbePool(interleave(probes), task, { size: concurrency, limit: opts.limit, stop: opts.stopSignal });
  const ctx: AttemptContext = { ...opts, inflight, rtt, hostStats, learned: () => topUp.rescan() };
  const topUp = new TopUp(ctx, (job) => pool.push(job));
  try {
    await pool.run();
    while (topUp.rescan() > 0) await pool.run();
  } finally {
    if (ticker) clearInterval(ticker);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  for (const run of silent)
    if (run.attempts > 0 || run.outcome.interrupted)
      record(run.spec, runOutcome(run, hostStats(run.spec.host), budgetMs), run.address);
  return results;
}
