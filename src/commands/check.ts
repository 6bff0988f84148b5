import { performance } from 'node:perf_hooks';
import { buildPlan } from '../plan/build-plan.js';
import { filterRows, directionsOf } from '../table/filter-rows.js';
import { resolveHosts } from '../probe/resolve-hosts.js';
import { runProbes } from '../probe/run-probes.js';
import { fitConcurrency } from '../probe/fit-concurrency.js';
import { assemble } from '../verdict/assemble.js';
import { probeVerdict } from '../verdict/probe-verdict.js';
import { buildReport } from '../verdict/build-report.js';
import { natNotes } from '../verdict/nat-notes.js';
import { currentPlatform } from '../platform/index.js';
import type { ProbeOutcome } from '../probe/types.js';
import type { Direction, PortTable } from '../table/types.js';
import type { Report } from '../report/types.js';

/** Everything `check` needs, already parsed and validated. */
export interface CheckOptions {
  table: PortTable;
  apps: string[];
  hosts: string[];
  peers: Map<string, string[]>;
  direction: Direction | 'both';
  only?: Set<number>;
  portOffset: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  token?: string;
  adaptive: boolean;
  stopSignal?: AbortSignal;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failures: number) => void;
}

/** table -> plan -> probes -> verdicts -> report. */
export async function runCheck(opts: CheckOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rows = filterRows(opts.table.rows, { apps: opts.apps, direction: opts.direction });
  const plan = buildPlan({ rows, hosts: opts.hosts, peers: opts.peers, directions: directionsOf(opts.direction), only: opts.only, portOffset: opts.portOffset });
  const resolved = await resolveHosts(plan.probes.map((p) => p.host));
  const fitted = fitConcurrency(opts.concurrency, currentPlatform().openFileLimit());
  const outcomes = await runProbes(plan.probes, resolved, {
    concurrency: fitted.concurrency, timeoutMs: opts.timeoutMs, retries: opts.retries, token: opts.token,
    adaptive: opts.adaptive, stopSignal: opts.stopSignal, signal: opts.signal, onProgress: opts.onProgress,
  });
  const withToken = opts.token !== undefined;
  const assembled = assemble(plan, outcomes, (o) => probeVerdict(o as ProbeOutcome, withToken), opts.portOffset);
  const settings = {
    concurrency: fitted.concurrency, timeoutMs: opts.timeoutMs, retries: opts.retries, adaptive: opts.adaptive,
    direction: opts.direction, portOffset: opts.portOffset, verified: withToken, table: opts.table.product,
  };
  const notes = [...(fitted.note ? [fitted.note] : []), ...natNotes(outcomes)];
  return buildReport({ command: 'check', startedAt, t0, settings, notes }, assembled, plan);
}
