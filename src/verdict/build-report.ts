import { performance } from 'node:perf_hooks';
import { TOOL } from '../version.js';
import { attachRemediation } from './remediation.js';
import type { Assembled } from './assemble.js';
import type { Plan } from '../plan/types.js';
import type { Report } from '../report/types.js';
import type { PortTable } from '../table/types.js';
import { tableDigest } from '../table/table-digest.js';

/** What every command's report shares besides its results. */
export interface ReportFrame {
  command: Report['command'];
  startedAt: Date;
  /** performance.now() when the command started. */
  t0: number;
  settings: Record<string, unknown>;
  notes?: string[];
  /** The table the run used: its digest goes into settings.tableDigest (merge refuses mixed tables). */
  table: Pick<PortTable, 'product' | 'source' | 'rows'>;
}

/** Wraps assembled results in the contract's report envelope, with remediation on failed rows. */
export function buildReport(frame: ReportFrame, assembled: Assembled, plan: Plan): Report {
  const report: Report = {
    schemaVersion: 1,
    tool: TOOL,
    command: frame.command,
    startedAt: frame.startedAt.toISOString(),
    durationMs: Math.round(performance.now() - frame.t0),
    settings: { ...frame.settings, tableDigest: tableDigest(frame.table) },
    results: assembled.results,
    rows: assembled.rows,
    summary: assembled.summary,
  };
  if (plan.skipped.length > 0) report.skipped = plan.skipped;
  if (frame.notes && frame.notes.length > 0) report.notes = frame.notes;
  if (assembled.incomplete) report.incomplete = true;
  attachRemediation(report);
  return report;
}
