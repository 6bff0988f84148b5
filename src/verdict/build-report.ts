import { performance } from 'node:perf_hooks';
import { TOOL } from '../version.js';
import { remediate } from './remediation.js';
import { rowKey } from '../model/keys.js';
import type { Assembled } from './assemble.js';
import type { Report, ResultEntry, RowResult, SkippedRow } from '../model/report.js';
import type { PortTable } from '../table/types.js';
import { tableDigest } from '../table/table-digest.js';

/** What every command's report shares besides its results. */
export interface ReportFrame {
  command: Report['command'];
  startedAt: Date;
  /** performance.now() when the command started. */
  t0: number;
  settings: Record<string, unknown>;
  /** The table the run used: its advice goes on failed rows, its digest into settings.tableDigest. */
  table: Pick<PortTable, 'product' | 'source' | 'rows' | 'advice'>;
  /** audit: what the server should look like. */
  expect?: 'free' | 'listening';
  notes?: string[];
  skipped?: SkippedRow[];
  /** audit: how the sockets were seen. */
  method?: Report['method'];
}

// A row without what an earlier report (an agent's) attached to it.
function bareRow(row: RowResult): RowResult {
  const { remediation: _r, firewallRules: _f, advice: _a, genericAdvice: _g, ...bare } = row;
  return bare;
}

// The table's advice heading: its advice source, else its source, else its product.
function adviceSourceOf(table: ReportFrame['table']): string | undefined {
  if (!table.advice || table.advice.notes.length === 0) return undefined;
  return table.advice.source ?? table.source ?? table.product;
}

// Puts each failed result's fix on it, in place: results are assembled for this report alone, and a copy of
// 100,000 of them would double the peak heap. A fix an earlier report (an agent's) carried is dropped.
function withFixes(results: ResultEntry[], fixes: ReturnType<typeof remediate>): ResultEntry[] {
  for (const r of results) {
    const fix = r.verdict === 'pass' ? undefined : fixes.get(rowKey(r));
    if (fix) r.remediation = fix.remediation;
    else if (r.remediation !== undefined) delete r.remediation;
  }
  return results;
}

/** The contract's report envelope around assembled results, with what to change on every failed row. */
export function buildReport(frame: ReportFrame, assembled: Assembled): Report {
  const rows = assembled.rows.map(bareRow);
  const fixes = remediate({ command: frame.command, expect: frame.expect, advice: frame.table.advice }, rows, [
    ...assembled.results,
  ]);
  const results = withFixes(assembled.results, fixes);
  const report: Report = {
    schemaVersion: 1,
    tool: TOOL,
    command: frame.command,
    startedAt: frame.startedAt.toISOString(),
    durationMs: Math.round(performance.now() - frame.t0),
    settings: { ...frame.settings, tableDigest: tableDigest(frame.table) },
    results,
    rows: rows.map((r) => ({ ...r, ...fixes.get(rowKey(r)) })),
    summary: { ...assembled.summary, skipped: frame.skipped?.length ?? 0 },
  };
  if (frame.skipped && frame.skipped.length > 0) report.skipped = frame.skipped;
  if (frame.notes && frame.notes.length > 0) report.notes = frame.notes;
  if (assembled.incomplete) report.incomplete = true;
  if (frame.method) report.method = frame.method;
  const adviceSource = adviceSourceOf(frame.table);
  if (adviceSource && report.rows.some((r) => r.advice)) report.adviceSource = adviceSource;
  return report;
}
