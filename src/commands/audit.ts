import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildPlan } from '../plan/build-plan.js';
import { filterRows, directionsOf } from '../table/filter-rows.js';
import { assemble, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import { portObserver, type Expectation } from '../audit/observe-port.js';
import type { Platform } from '../platform/types.js';
import type { Direction, PortTable } from '../table/types.js';
import type { Report } from '../report/types.js';
import type { OnlySelection } from '../plan/types.js';

export type { Expectation } from '../audit/observe-port.js';

/** Everything `audit` needs. */
export interface AuditOptions {
  table: PortTable;
  apps: string[];
  direction: Direction | 'both';
  only?: OnlySelection;
  portOffset: number;
  expect: Expectation;
  platform: Platform;
}

/** On the server itself: which of the table's ports are free, which taken, and by what. */
export async function runAudit(opts: AuditOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rows = filterRows(opts.table.rows, { apps: opts.apps, aliases: opts.table.aliases, direction: opts.direction });
  const plan = buildPlan({
    rows,
    hosts: [os.hostname()],
    peers: new Map(),
    directions: directionsOf(opts.direction),
    only: opts.only,
    portOffset: opts.portOffset,
  });
  const observer = portObserver(await opts.platform.listeningSockets());
  const observations = new Map<string, Observation>();
  for (const p of plan.probes) observations.set(p.key, await observer.observe(p, opts.expect));
  const verdictOf = (o: Observation) => (o.state === opts.expect ? 'pass' : o.state === 'unknown' ? 'unknown' : 'fail');
  const assembled = assemble(plan, observations, verdictOf, opts.portOffset);
  const settings = {
    expect: opts.expect,
    direction: opts.direction,
    portOffset: opts.portOffset,
    platform: opts.platform.name,
    table: opts.table.product,
  };
  const notes = observer.why
    ? [`audit used a bind test on each port: ${observer.why}, so the programs holding ports are not named`]
    : [];
  const report = buildReport({ command: 'audit', startedAt, t0, settings, table: opts.table, notes }, assembled, plan);
  report.method = observer.method;
  return report;
}
