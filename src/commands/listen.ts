import { performance } from 'node:perf_hooks';
import { planLocal } from '../plan/local-plan.js';
import { assemble, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import { bindVerdict } from '../verdict/local-verdict.js';
import {
  startResponder,
  defaultBindAddress,
  newResponderContext,
  type BindTarget,
  type ResponderLimits,
} from '../responder/start-responder.js';
import { currentPlatform } from '../platform/index.js';
import { ownersByPort } from '../audit/owners.js';
import { waitFor } from '../util/wait-for.js';
import type { ListenInput } from '../options/normalize-options.js';
import type { ReceiveLog } from '../responder/receive-log.js';
import type { Listener, ResponderStats } from '../responder/types.js';
import type { PortTable } from '../table/types.js';
import type { Plan } from '../plan/types.js';
import type { Report } from '../model/report.js';
import { portKey } from '../model/keys.js';

/** Everything `listen` needs. */
export interface ListenOptions extends Omit<ListenInput, 'duration'> {
  table: PortTable;
  /** The responder's limits, where they differ from the defaults (tests). */
  limits?: Partial<ResponderLimits>;
  /** Name the programs holding ports that are in use (false for agents: owners never go over the wire). */
  owners?: boolean;
  /** Records request nonces as they arrive (agents). */
  log?: ReceiveLog;
}

/** A running responder: its bind report, its counters, and how to stop it. */
export interface RunningResponder {
  report: Report;
  stats: ResponderStats;
  close(): Promise<void>;
}

/** A listen run decided before anything binds. */
export interface ListenPlan extends ListenOptions {
  duration: number;
  plan: Plan;
}

/** table -> plan: which ports a listen binds; throws an input error for a selection that cannot be bound. */
export function planListen(table: PortTable, input: ListenInput): ListenPlan {
  return { ...input, table, plan: planLocal(table, input) };
}

/** Binds the selected rows' ports and serves them until close(). */
export async function startListen(opts: ListenOptions & { plan?: Plan }): Promise<RunningResponder> {
  const startedAt = new Date();
  const t0 = performance.now();
  const plan = opts.plan ?? planLocal(opts.table, opts);
  const address = await defaultBindAddress(opts.bind);
  const ctx = newResponderContext({ token: opts.token, allow: opts.allow, log: opts.log, limits: opts.limits });
  const stats = ctx.stats;
  const targets: BindTarget[] = plan.probes.map((p) => ({
    protocol: p.protocol,
    port: p.port,
    probedPort: p.probedPort,
  }));
  const { outcomes, listeners } = await startResponder(targets, address, ctx);
  const owners =
    opts.owners !== false && outcomes.some((o) => o.status === 'in-use')
      ? await ownersByPort(currentPlatform())
      : new Map<string, string>();
  const observations = new Map<string, Observation>();
  for (const [i, o] of outcomes.entries()) {
    const owner = owners.get(portKey(o.protocol, o.probedPort));
    observations.set(plan.probes[i]!.key, {
      state: o.status,
      reason: owner ? `${o.detail}: ${owner}` : o.detail,
      latencyMs: 0,
      verified: false,
      address: o.address,
      ...(owner ? { process: owner } : {}),
    });
  }
  const assembled = assemble(plan, observations, bindVerdict, opts.portOffset);
  const settings = {
    bind: address,
    direction: opts.direction,
    portOffset: opts.portOffset,
    verified: opts.token !== undefined,
    allow: opts.allow.size,
    table: opts.table.product,
  };
  const report = buildReport(
    { command: 'listen', startedAt, t0, settings, table: opts.table, skipped: plan.skipped },
    assembled,
  );
  return { report, stats, close: () => closeAll(listeners) };
}

// Closes every listener.
async function closeAll(listeners: Listener[]): Promise<void> {
  await Promise.all(listeners.map((l) => l.close()));
}

/** What a listen run reports when it stops. */
export interface ListenRun {
  report: Report;
  stats: ResponderStats;
}

/**
 * `listen`: binds, tells `onBound` what it bound, serves for `duration` seconds (0: until `stop`) and closes.
 * With nothing bound there is nothing to serve: it closes at once.
 */
export async function runListen(
  opts: ListenPlan,
  stop: AbortSignal,
  onBound: (report: Report, bound: number) => void | Promise<void>,
): Promise<ListenRun> {
  const running = await startListen(opts);
  try {
    const bound = boundPorts(running.report);
    await onBound(running.report, bound);
    if (bound > 0) await waitFor(opts.duration, stop);
  } finally {
    await running.close();
  }
  return { report: running.report, stats: running.stats };
}

/** Distinct ports a listen report bound. */
function boundPorts(report: Report): number {
  return new Set(report.results.filter((r) => r.state === 'bound').map((r) => portKey(r.protocol, r.port))).size;
}
