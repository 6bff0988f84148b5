import { performance } from 'node:perf_hooks';
import { buildPlan, type OnlySelection } from '../plan/build-plan.js';
import { filterRows, directionsOf, rolesIn } from '../table/filter-rows.js';
import { resolveHosts } from '../probe/resolve-hosts.js';
import { DEFAULT_RATE_LIMIT_BUDGET_MS, runProbes, type RunOptions } from '../probe/run-probes.js';
import { fitConcurrency } from '../probe/fit-concurrency.js';
import { assemble } from '../verdict/assemble.js';
import { probeVerdict } from '../verdict/probe-verdict.js';
import { buildReport } from '../verdict/build-report.js';
import { natNotes } from '../verdict/nat-notes.js';
import { currentPlatform } from '../platform/index.js';
import { InputError } from '../errors.js';
import type { ProbeOutcome } from '../probe/types.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';
import type { Report } from '../report/types.js';

/** Everything `check` needs, already parsed and validated: what to probe, and how (RunOptions). */
export interface CheckOptions extends RunOptions {
  table: PortTable;
  apps: string[];
  hosts: string[];
  peers: Map<string, string[]>;
  direction: Direction | 'both';
  only?: OnlySelection;
  portOffset: number;
  /** The name of the probing host: results and rows carry it as `from` (merge keeps each client apart). */
  from?: string;
  /** --as ROLE: the role this host plays; only the inbound rows that come from it. */
  as?: string;
  /** --rerun: only these (row, direction, host) triples are probed. */
  keep?: (id: string, direction: Direction, host: string) => boolean;
  /** Why an address may not be probed (an agent's --targets), or undefined when it may. */
  refuseTarget?: (host: string, address: string) => string | undefined;
}

// Without --as, say that every inbound row was probed from here whatever its source role.
function roleNote(opts: CheckOptions, rows: PortRow[]): string[] {
  if (opts.as !== undefined || !directionsOf(opts.direction).includes('inbound')) return [];
  const roles = rolesIn(rows, 'inbound');
  if (roles.length < 2) return [];
  return [
    `every inbound row was probed from this host, whatever role its traffic comes from (${roles.join(', ')}): a pass says nothing about the other roles' paths; give --as ROLE to check only the rows of the role this host plays`,
  ];
}

/** table -> plan -> probes -> verdicts -> report. */
export async function runCheck(opts: CheckOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rows = filterRows(opts.table.rows, { apps: opts.apps, aliases: opts.table.aliases, direction: opts.direction });
  const plan = buildPlan({
    rows,
    hosts: opts.hosts,
    peers: opts.peers,
    directions: directionsOf(opts.direction),
    only: opts.only,
    portOffset: opts.portOffset,
    inboundFrom: opts.as,
    keep: opts.keep,
  });
  const resolved = await resolveHosts(plan.probes.map((p) => p.host));
  for (const r of resolved.values()) {
    const why = 'address' in r ? opts.refuseTarget?.(r.host, r.address) : undefined;
    if (why) throw new InputError(`host "${r.host}" (${'address' in r ? r.address : ''}): ${why}`);
  }
  const fitted = fitConcurrency(opts.concurrency, currentPlatform().openFileLimit());
  const outcomes = await runProbes(plan.probes, resolved, { ...opts, concurrency: fitted.concurrency });
  const withToken = opts.token !== undefined;
  const assembled = assemble(plan, outcomes, (o) => probeVerdict(o as ProbeOutcome, withToken), opts.portOffset);
  const settings = {
    concurrency: fitted.concurrency,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    rateLimitBudgetMs: opts.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS,
    adaptive: opts.adaptive,
    direction: opts.direction,
    portOffset: opts.portOffset,
    verified: withToken,
    table: opts.table.product,
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.as !== undefined ? { as: opts.as } : {}),
  };
  if (opts.from !== undefined) for (const r of [...assembled.results, ...assembled.rows]) r.from = opts.from;
  const notes = [
    ...(fitted.note ? [fitted.note] : []),
    ...natNotes(outcomes),
    ...roleNote(opts, rows),
    ...(opts.table.notes ?? []).map((n) => `table: ${n}`),
  ];
  return buildReport({ command: 'check', startedAt, t0, settings, notes, table: opts.table }, assembled, plan);
}
