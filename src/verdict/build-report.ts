import { performance } from 'node:perf_hooks';
import { TOOL } from '../version.js';
import { remediate } from './remediation.js';
import { clientAddressOf } from './remediation-line.js';
import { rowKey, rowKeys } from '../model/keys.js';
import { summarize, type Assembled } from './assemble.js';
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
  const keyOf = rowKeys();
  for (const r of results) {
    const fix = r.verdict === 'pass' ? undefined : fixes.get(keyOf(r));
    if (fix) r.remediation = fix.remediation;
    else if (r.remediation !== undefined) delete r.remediation;
  }
  return results;
}

/** What a report holds besides what the envelope derives (summary) and fixes (schemaVersion, tool). */
export interface ReportBody {
  command: Report['command'];
  startedAt: string;
  durationMs: number;
  settings: Record<string, unknown>;
  results: ResultEntry[];
  rows: RowResult[];
  /** Probes sent. */
  probes: number;
  skipped?: SkippedRow[];
  notes?: string[];
  incomplete?: boolean;
  method?: Report['method'];
  /** Where the table's advice comes from: kept only when a row carries advice. */
  adviceSource?: string;
}

/** The contract's report envelope, for every command (merge too): its fields in order, the summary counted. */
export function reportEnvelope(body: ReportBody): Report {
  const skipped = body.skipped ?? [];
  const report: Report = {
    schemaVersion: 1,
    tool: TOOL,
    command: body.command,
    startedAt: body.startedAt,
    durationMs: body.durationMs,
    settings: body.settings,
    results: body.results,
    rows: body.rows,
    summary: { ...summarize(body.probes, body.results, body.rows), skipped: skipped.length },
  };
  if (skipped.length > 0) report.skipped = skipped;
  if (body.notes && body.notes.length > 0) report.notes = body.notes;
  if (body.incomplete) report.incomplete = true;
  if (body.method) report.method = body.method;
  if (body.adviceSource && body.rows.some((r) => r.advice)) report.adviceSource = body.adviceSource;
  return report;
}

/** The contract's report envelope around assembled results, with what to change on every failed row. */
export function buildReport(frame: ReportFrame, assembled: Assembled): Report {
  const rows = assembled.rows.map(bareRow);
  const address = clientAddressOf(frame.settings);
  const ctx = { command: frame.command, expect: frame.expect, address, advice: frame.table.advice };
  const fixes = remediate(ctx, rows, [...assembled.results]);
  return reportEnvelope({
    command: frame.command,
    startedAt: frame.startedAt.toISOString(),
    durationMs: Math.round(performance.now() - frame.t0),
    settings: { ...frame.settings, tableDigest: tableDigest(frame.table) },
    results: withFixes(assembled.results, fixes),
    rows: rows.map((r) => ({ ...r, ...fixes.get(rowKey(r)) })),
    probes: assembled.summary.probes,
    skipped: frame.skipped,
    notes: frame.notes,
    incomplete: assembled.incomplete,
    method: frame.method,
    adviceSource: adviceSourceOf(frame.table),
  });
}
