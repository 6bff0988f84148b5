import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cancel } from './cancel.js';
import { probeTcp } from './tcp-probe.js';
import { probeUdp } from './udp-probe.js';
import { isResourceExhausted } from './classify-error.js';
import { MAX_ATTEMPTS, type HostStats, type Witness } from './host-stats.js';
import type { RttEstimator } from './rtt-estimator.js';
import type { ProbeOutcome } from './types.js';
import type { ProbeSpec } from '../plan/types.js';

/** A probe in flight, registered so the adaptive ticker can cut it short and a second Ctrl-C abort it. */
export interface InFlight {
  host: string;
  start: number;
  controller: { abort(reason?: unknown): void };
}

/** What every attempt of a run shares. */
export interface AttemptContext {
  timeoutMs: number;
  /** UDP resends after silence (the least; measured loss may ask for more). */
  retries: number;
  token?: string;
  /** First Ctrl-C: no attempt starts after it. */
  stopSignal?: AbortSignal;
  /** Second Ctrl-C: attempts in flight end at once. */
  signal?: AbortSignal;
  inflight: Set<InFlight>;
  rtt: RttEstimator;
  hostStats(host: string): HostStats;
  /** Called when a host's loss or rate limit changed what silent probes need. */
  learned?: () => void;
}

/** Every attempt of one probe so far, and what they found. */
export interface ProbeRun {
  spec: ProbeSpec;
  address: string;
  attempts: number;
  /** Silent attempts that count toward a silent verdict. */
  silent: number;
  /** Of those, attempts whose witness (a closed port of the same host) answered right behind them. */
  witnessed: number;
  started: number;
  ended: number;
  outcome: ProbeOutcome;
  nonces: string[];
  /** Answered, or a definitive refusal: no attempt will change it. */
  final: boolean;
  /** The last silent attempt was cut short by the adaptive timeout. */
  lastCut: boolean;
  /** The host rate-limits ICMP and the budget ran out before this port was confirmed. */
  unconfirmed: boolean;
  /** A Ctrl-C came before every attempt was sent. */
  stopped: boolean;
}

const EMFILE_RETRIES = 50;

// Backoff before asking a busy responder again: 20 ms doubling to 640 ms, with jitter so askers spread out.
function busyBackoff(n: number): number {
  return 20 * 2 ** Math.min(n, 5) * (0.5 + Math.random());
}

// Waits before asking a busy responder again; false when the probe's time (every attempt's timeout) would run out.
async function backOff(run: ProbeRun, ctx: AttemptContext, n: number): Promise<boolean> {
  const wait = busyBackoff(n);
  const deadline = run.started + ctx.timeoutMs * (1 + ctx.retries);
  if (performance.now() + wait >= deadline || ctx.stopSignal?.aborted) return false;
  await sleep(wait);
  return true;
}

/** A run that has sent nothing yet. */
export function newRun(spec: ProbeSpec, address: string): ProbeRun {
  const now = performance.now();
  const outcome: ProbeOutcome = { state: 'error', reason: 'not sent', latencyMs: 0, verified: false };
  return {
    spec,
    address,
    attempts: 0,
    silent: 0,
    witnessed: 0,
    started: now,
    ended: now,
    outcome,
    nonces: [],
    final: false,
    lastCut: false,
    unconfirmed: false,
    stopped: false,
  };
}

/** True when the outcome is silence that another attempt may break. */
export function isSilent(outcome: ProbeOutcome): boolean {
  return (
    !outcome.interrupted &&
    (outcome.state === 'open|filtered' ||
      (outcome.state === 'filtered' && (outcome.code === undefined || outcome.code === 'ETIMEDOUT')))
  );
}

// Sends one attempt to `port` (the spec's own unless a witness), registered in `inflight`.
async function attempt(
  run: ProbeRun,
  ctx: AttemptContext,
  witness?: Witness,
  order?: { sendAfter?: Promise<unknown>; onSent?: () => void; cancel?: AbortSignal },
): Promise<ProbeOutcome> {
  const tcp = run.spec.protocol === 'tcp';
  // A UDP wait combines its signal with a timer (AbortSignal.any): only there is a real AbortController needed.
  const controller = tcp ? new Cancel() : new AbortController();
  order?.cancel?.addEventListener('abort', () => controller.abort(order.cancel?.reason), { once: true });
  const entry: InFlight = { host: run.spec.host, start: performance.now(), controller };
  // The run's own abort reaches this attempt through `inflight`: no per-attempt AbortSignal.any.
  if (ctx.signal?.aborted) controller.abort(ctx.signal.reason);
  ctx.inflight.add(entry);
  try {
    const req = {
      address: run.address,
      port: witness?.port ?? run.spec.probedPort,
      timeoutMs: ctx.timeoutMs,
      signal: controller.signal,
      token: ctx.token,
    };
    if (tcp) return await probeTcp(req);
    const signal = controller.signal as AbortSignal;
    return await probeUdp({ ...req, signal, tablePort: witness?.tablePort ?? run.spec.port, ...order });
  } finally {
    ctx.inflight.delete(entry);
  }
}

// A resend with a witness right behind it: if the witness draws its ICMP error and the resend does not,
// the host could have answered the resend, so its silence is real and not a rate limit.
async function witnessed(run: ProbeRun, ctx: AttemptContext, witness: Witness) {
  let sent!: () => void;
  const sentPromise = new Promise<void>((resolve) => {
    sent = resolve;
  });
  // Once the resend itself is answered, the witness has nothing left to prove: stop waiting for it.
  const cancel = new AbortController();
  const [outcome, w] = await Promise.all([
    attempt(run, ctx, undefined, { onSent: sent }).then((o) => {
      if (!isSilent(o)) cancel.abort();
      return o;
    }),
    attempt(run, ctx, witness, { sendAfter: sentPromise, cancel: cancel.signal }),
  ]);
  return { outcome, witnessAnswered: w.state === 'closed', witnessMs: w.latencyMs };
}

/** How many counted silent attempts this probe needs before it is called silent. */
export function attemptsNeeded(run: ProbeRun, retries: number, stats: HostStats): number {
  const least = run.spec.protocol === 'udp' ? 1 + retries : run.lastCut ? 2 : 1;
  return Math.max(least, stats.attemptsForLoss());
}

/** True when no further attempt is due under what is known now. */
export function settled(run: ProbeRun, retries: number, stats: HostStats): boolean {
  if (run.final || run.unconfirmed || run.stopped) return true;
  if (run.silent >= MAX_ATTEMPTS) return true;
  if (run.silent < attemptsNeeded(run, retries, stats)) return false;
  // On a host that rate-limits ICMP, silence is believed only once witnesses proved it twice: a single proof
  // can be wrong when the host's next token comes due between the resend and its witness.
  return !(run.spec.protocol === 'udp' && stats.pacer && stats.witness && run.witnessed < 2);
}

// Learns from an answer: the round trip, loss (ICMP errors excepted: their silence may be a rate limit), a witness.
function learn(run: ProbeRun, outcome: ProbeOutcome, ctx: AttemptContext, stats: HostStats) {
  const icmp = run.spec.protocol === 'udp' && outcome.state !== 'open';
  if (outcome.state === 'open' || outcome.state === 'closed') ctx.rtt.observe(run.spec.host, outcome.latencyMs);
  if (!icmp) stats.recordAnswer(run.silent);
  if (!icmp && run.silent > 0) ctx.learned?.();
  if (run.spec.protocol === 'udp' && outcome.state === 'closed')
    stats.witness ??= { port: run.spec.probedPort, tablePort: run.spec.port };
}

/** Sends attempts until the probe is answered or settled as silent, a Ctrl-C stops it, or a budget ends. */
export async function advance(run: ProbeRun, ctx: AttemptContext): Promise<void> {
  const stats = ctx.hostStats(run.spec.host);
  let starved = 0;
  let busy = 0;
  while (!settled(run, ctx.retries, stats)) {
    if (ctx.stopSignal?.aborted) {
      run.stopped = true;
      break;
    }
    const udpResend = run.spec.protocol === 'udp' && run.attempts > 0;
    const pacer = udpResend ? stats.pacer : undefined;
    if (pacer && !(await pacer.slot(ctx.stopSignal))) {
      if (ctx.stopSignal?.aborted) run.stopped = true;
      else run.unconfirmed = true;
      break;
    }
    const witness = udpResend ? stats.witness : undefined;
    const sentAt = performance.now();
    const r = witness
      ? await witnessed(run, ctx, witness)
      : { outcome: await attempt(run, ctx), witnessAnswered: false, witnessMs: 0 };
    if (isResourceExhausted(r.outcome) && starved++ < EMFILE_RETRIES) {
      await sleep(20);
      continue;
    }
    if (r.outcome.interrupted) {
      if (run.attempts === 0) run.outcome = r.outcome;
      run.stopped = true;
      break;
    }
    // A busy responder is asked again, backing off, while the probe's time lasts; then the busy outcome stands.
    if (r.outcome.busy && (await backOff(run, ctx, busy++))) continue;
    run.attempts++;
    run.ended = performance.now();
    run.outcome = r.outcome;
    if (r.outcome.nonces) run.nonces.push(...r.outcome.nonces);
    if (!isSilent(r.outcome)) {
      run.final = true;
      learn(run, r.outcome, ctx, stats);
      if (pacer && run.spec.protocol === 'udp' && r.outcome.state !== 'open')
        pacer.errorSeen(sentAt + r.outcome.latencyMs);
      break;
    }
    run.lastCut = r.outcome.adaptiveCut === true;
    // A resend whose witness stayed silent too proves nothing where ICMP is rate-limited; elsewhere it is
    // one more silent attempt (the witness was lost).
    if (!witness || r.witnessAnswered || !stats.pacer) run.silent++;
    if (witness) {
      if (r.witnessAnswered) {
        run.witnessed++;
        pacer?.errorSeen(sentAt + r.witnessMs);
      }
      const limited = stats.pacer !== undefined;
      stats.recordPair(r.witnessAnswered);
      if (!limited && stats.pacer) ctx.learned?.();
    }
  }
}
