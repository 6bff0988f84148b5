import pLimit, { type LimitFunction } from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { probeTcp } from './tcp-probe.js';
import { probeUdp } from './udp-probe.js';
import { RttEstimator } from './rtt-estimator.js';
import { isResourceExhausted } from './classify-error.js';
import { sourceAddressFor } from './source-address.js';
import { ADAPTIVE_TIMEOUT, type ProbeOutcome } from './types.js';
import type { Resolved } from './resolve-hosts.js';
import type { ProbeSpec } from '../plan/types.js';
import { groupBy } from '../util/group-by.js';

/** How a run sends its probes. */
export interface RunOptions {
  concurrency: number;
  /** A limiter shared with other runs (serve: one bound for every request); else one of `concurrency`. */
  limit?: LimitFunction;
  timeoutMs: number;
  /** UDP resends after silence. */
  retries: number;
  token?: string;
  adaptive: boolean;
  /** Stops starting new probes (first Ctrl-C). */
  stopSignal?: AbortSignal;
  /** Aborts the probes in flight too. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failures: number) => void;
}

/** A probe's outcome with the address it went to. */
export interface ProbeResult extends ProbeOutcome {
  address: string;
}

interface InFlight {
  host: string;
  start: number;
  controller: AbortController;
}

const EMFILE_RETRIES = 50;

// Sends one attempt of a probe, registered so the adaptive ticker can cut it short.
async function attempt(
  spec: ProbeSpec,
  address: string,
  opts: RunOptions,
  inflight: Set<InFlight>,
): Promise<ProbeOutcome> {
  const controller = new AbortController();
  const entry: InFlight = { host: spec.host, start: performance.now(), controller };
  // The run's own abort reaches this probe through `inflight` (see runProbes): no per-probe AbortSignal.any.
  if (opts.signal?.aborted) controller.abort(opts.signal.reason);
  inflight.add(entry);
  try {
    const req = {
      address,
      port: spec.probedPort,
      timeoutMs: opts.timeoutMs,
      signal: controller.signal,
      token: opts.token,
    };
    return spec.protocol === 'tcp' ? await probeTcp(req) : await probeUdp({ ...req, tablePort: spec.port });
  } finally {
    inflight.delete(entry);
  }
}

// True when the outcome is silence that another attempt may break.
function silent(outcome: ProbeOutcome): boolean {
  return (
    !outcome.interrupted &&
    (outcome.state === 'open|filtered' ||
      (outcome.state === 'filtered' && (outcome.code === undefined || outcome.code === 'ETIMEDOUT')))
  );
}

// Runs every attempt of one probe: UDP resends, one TCP retry after an adaptive cut, EMFILE waits.
async function runOne(
  spec: ProbeSpec,
  address: string,
  opts: RunOptions,
  inflight: Set<InFlight>,
  rtt: RttEstimator,
): Promise<ProbeOutcome> {
  const attempts = spec.protocol === 'udp' ? 1 + opts.retries : opts.adaptive ? 2 : 1;
  let outcome: ProbeOutcome = { state: 'error', reason: 'not sent', latencyMs: 0, verified: false };
  const nonces: string[] = [];
  for (let n = 0, starved = 0; n < attempts; n++) {
    outcome = await attempt(spec, address, opts, inflight);
    if (outcome.nonces) nonces.push(...outcome.nonces);
    if (isResourceExhausted(outcome) && starved++ < EMFILE_RETRIES) {
      n--;
      await sleep(20);
      continue;
    }
    if (outcome.state === 'open' || outcome.state === 'closed') rtt.observe(spec.host, outcome.latencyMs);
    if (!silent(outcome)) break;
    if (spec.protocol === 'tcp' && !outcome.adaptiveCut) break;
  }
  return nonces.length > 0 && outcome.state === 'filtered' ? { ...outcome, nonces } : { ...outcome, nonces: undefined };
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
async function feed(
  specs: ProbeSpec[],
  limit: LimitFunction,
  task: (s: ProbeSpec) => Promise<void>,
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

/**
 * Sends every probe with at most `concurrency` in flight; each starts as soon as a slot frees.
 * Probes not started before `stopSignal` fires are left out of the result.
 */
export async function runProbes(
  probes: ProbeSpec[],
  resolved: Map<string, Resolved>,
  opts: RunOptions,
): Promise<Map<string, ProbeResult>> {
  const limit = opts.limit ?? pLimit({ concurrency: Math.max(1, opts.concurrency), rejectOnClear: true });
  const inflight = new Set<InFlight>();
  const rtt = new RttEstimator(opts.timeoutMs);
  const ticker = opts.adaptive ? startTicker(inflight, rtt, opts.timeoutMs) : undefined;
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
  try {
    const task = async (spec: ProbeSpec) => {
      if (opts.stopSignal?.aborted) return;
      const target = resolved.get(spec.host);
      const outcome: ProbeOutcome =
        !target || 'error' in target
          ? {
              state: 'error',
              reason: target && 'error' in target ? target.error : 'host not resolved',
              latencyMs: 0,
              verified: false,
            }
          : await runOne(spec, target.address, opts, inflight, rtt);
      const source = sources.get(spec.host);
      results.set(spec.key, {
        ...outcome,
        address: target && 'address' in target ? target.address : '',
        ...(!outcome.localSource && source ? { localSource: `${source}:0` } : {}),
      });
      done++;
      if (outcome.state !== 'open' && outcome.state !== 'open|filtered') failures++;
      opts.onProgress?.(done, probes.length, failures);
    };
    await feed(interleave(probes), limit, task, Math.max(1, opts.concurrency) * 2, opts.stopSignal);
  } finally {
    if (ticker) clearInterval(ticker);
    opts.stopSignal?.removeEventListener('abort', onStop);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return results;
}
