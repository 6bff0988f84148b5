import { performance } from 'node:perf_hooks';
import { buildPlan, peerRole } from '../plan/build-plan.js';
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
import { OptionError } from '../options/option-error.js';
import type { CheckInput } from '../options/normalize-options.js';
import type { Plan } from '../plan/types.js';
import type { ProbeOutcome } from '../probe/types.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';
import type { Report } from '../model/report.js';

/** What a check probes: the rows, the hosts and the ports. */
export type CheckTarget = Pick<
  CheckInput,
  'apps' | 'hosts' | 'peers' | 'direction' | 'only' | 'portOffset' | 'from' | 'as'
> & {
  /** --rerun: only these (row, direction, host) triples are probed. */
  keep?: (id: string, direction: Direction, host: string) => boolean;
};

/** What a check will send, decided before anything is sent. */
export interface CheckPlan {
  table: PortTable;
  input: CheckTarget;
  plan: Plan;
  /** What the report must say about the selection itself. */
  notes: string[];
}

// A selection that leaves no probe at all: an input error naming what selected nothing (never a green run).
function nothingSelected(input: CheckTarget): OptionError {
  if (input.apps.length > 0) return new OptionError('apps', input.apps.join(', '), 'no selected row matches');
  if (input.only) return new OptionError('only', [...input.only].join(','), 'no port of the selected rows is in it');
  if (input.as !== undefined) return new OptionError('as', input.as, 'no selected inbound row comes from this role');
  return new OptionError('direction', input.direction, 'no row of the table has this direction');
}

// Every selected row skipped for want of a peer host: nothing would be probed, so nothing may look green.
function noPeerHost(plan: Plan, rows: PortRow[]): OptionError {
  const ids = new Set(plan.skipped.map((s) => s.id));
  const roles = [...new Set(rows.filter((r) => ids.has(r.id)).map(peerRole))].sort();
  return new OptionError(
    'peers',
    undefined,
    'outbound rows go only to the peer ROLE=HOST hosts given, ' +
      `and no selected row's role has one (${roles.join(', ')}); ` +
      'expected direction outbound with a peer host per role, run on the server',
  );
}

/** How check's own note begins (a matrix, which probes from agents and has no --as, leaves it out). */
export const ROLE_NOTE = 'every inbound row was probed from this host, whatever role it comes from';

// Without --as, say that every inbound row was probed from here whatever its source role.
function roleNote(input: CheckTarget, rows: PortRow[]): string[] {
  if (input.as !== undefined || !directionsOf(input.direction).includes('inbound')) return [];
  const roles = rolesIn(rows, 'inbound');
  if (roles.length < 2) return [];
  return [`${ROLE_NOTE} (${roles.join(', ')}): --as ROLE checks only that role's rows`];
}

/** table -> plan: which probes a check sends; throws an input error for a selection that cannot be probed. */
export function planCheck(table: PortTable, input: CheckPlan['input']): CheckPlan {
  const rows = filterRows(table.rows, { apps: input.apps, aliases: table.aliases, direction: input.direction });
  const plan = buildPlan({
    rows,
    hosts: input.hosts,
    peers: input.peers,
    outboundToPeersOnly: true,
    directions: directionsOf(input.direction),
    only: input.only,
    portOffset: input.portOffset,
    inboundFrom: input.as,
    keep: input.keep,
  });
  if (plan.probes.length === 0) throw plan.skipped.length > 0 ? noPeerHost(plan, rows) : nothingSelected(input);
  return { table, input, plan, notes: roleNote(input, rows) };
}

/** Everything a programmatic `check` needs, already normalized: what to probe, and how (RunOptions). */
export interface CheckOptions extends CheckTarget, RunOptions {
  table: PortTable;
  /** Why an address may not be probed (an agent's --targets), or undefined when it may. */
  refuseTarget?: (host: string, address: string) => string | undefined;
}

/** table -> plan -> probes -> verdicts -> report, in one call. */
export async function runCheck(opts: CheckOptions): Promise<Report> {
  return probePlan(planCheck(opts.table, opts), opts);
}

/** plan -> probes -> verdicts -> report. */
export async function probePlan(
  planned: CheckPlan,
  opts: RunOptions & Pick<CheckOptions, 'refuseTarget'>,
): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const { table, input, plan } = planned;
  const resolved = await resolveHosts(plan.probes.map((p) => p.host));
  for (const r of resolved.values()) {
    const why = 'address' in r ? opts.refuseTarget?.(r.host, r.address) : undefined;
    if (why) throw new InputError(`host "${r.host}" (${'address' in r ? r.address : ''}): ${why}`);
  }
  const fitted = fitConcurrency(opts.concurrency, currentPlatform().openFileLimit());
  const outcomes = await runProbes(plan.probes, resolved, { ...opts, concurrency: fitted.concurrency });
  const withToken = opts.token !== undefined;
  const assembled = assemble(plan, outcomes, (o) => probeVerdict(o as ProbeOutcome, withToken), input.portOffset);
  const settings = {
    concurrency: fitted.concurrency,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    rateLimitBudgetMs: opts.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS,
    adaptive: opts.adaptive,
    direction: input.direction,
    portOffset: input.portOffset,
    verified: withToken,
    table: table.product,
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.as !== undefined ? { as: input.as } : {}),
    ...(input.peers.size > 0 ? { peers: Object.fromEntries(input.peers) } : {}),
  };
  if (input.from !== undefined) for (const r of [...assembled.results, ...assembled.rows]) r.from = input.from;
  const notes = [...(fitted.note ? [fitted.note] : []), ...natNotes(outcomes), ...planned.notes];
  const frame = { command: 'check' as const, startedAt, t0, settings, notes, table, skipped: plan.skipped };
  const report = buildReport(frame, assembled);
  if (table.notes?.length) report.tableNotes = table.notes;
  return report;
}
