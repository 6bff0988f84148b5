import { performance } from 'node:perf_hooks';
import { planLocal } from '../plan/local-plan.js';
import { assemble, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import { auditVerdict } from '../verdict/local-verdict.js';
import { portObserver } from '../audit/observe-port.js';
import type { Platform } from '../platform/types.js';
import type { PortTable } from '../table/types.js';
import type { AuditInput } from '../options/normalize-options.js';
import type { Report } from '../model/report.js';
import type { Plan } from '../plan/types.js';

export type { Expectation } from '../audit/observe-port.js';

/** An audit decided before anything is looked at. */
export interface AuditPlan extends AuditInput {
  table: PortTable;
  plan: Plan;
}

/** table -> plan: which ports an audit looks at; throws an input error for a selection that cannot be. */
export function planAudit(table: PortTable, input: AuditInput): AuditPlan {
  return { ...input, table, plan: planLocal(table, input) };
}

/** On the server itself: which of the table's ports are free, which taken, and by what. */
export async function runAudit(opts: AuditInput & { table: PortTable; platform: Platform }): Promise<Report> {
  return auditPlan(planAudit(opts.table, opts), opts.platform);
}

/** plan -> socket table (or a bind test) -> verdicts -> report. */
export async function auditPlan(opts: AuditPlan, platform: Platform): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const plan = opts.plan;
  const observer = portObserver(await platform.listeningSockets(), undefined, opts.address);
  const observations = new Map<string, Observation>();
  for (const p of plan.probes) observations.set(p.key, await observer.observe(p, opts.expect));
  const assembled = assemble(plan, observations, (o) => auditVerdict(o, opts.expect), opts.portOffset);
  const settings = {
    expect: opts.expect,
    ...(opts.address !== undefined ? { address: opts.address } : {}),
    direction: opts.direction,
    portOffset: opts.portOffset,
    platform: platform.name,
    table: opts.table.product,
  };
  const notes = observer.why
    ? [`audit used a bind test on each port: ${observer.why}, so the programs holding ports are not named`]
    : [];
  const frame = { command: 'audit' as const, startedAt, t0, settings, table: opts.table, notes, skipped: plan.skipped };
  return buildReport({ ...frame, expect: opts.expect, method: observer.method }, assembled);
}
