import { reportEnvelope } from '../verdict/build-report.js';
import { rowVerdict } from '../verdict/row-verdict.js';
import { rowKey } from '../model/keys.js';
import type { Report, ResultEntry, RowResult } from '../model/report.js';
import type { SourceReport } from './read-report.js';

interface Held<T> {
  item: T;
  source: number;
}

const resultKey = (r: ResultEntry) => `${rowKey(r)}|${r.protocol}|${r.port}`;
// settings.peers of an input (already checked against the report schema on reading): hosts by role.
const isPeers = (v: unknown): v is Record<string, string[]> => typeof v === 'object' && v !== null;
const arrow = (r: ResultEntry) => `${r.from ? `${r.from} → ` : ''}${r.host}`;

// One note per pair of files where a later report replaced an earlier one's results.
function replacementNotes(sources: SourceReport[], replaced: Map<string, ResultEntry[]>): string[] {
  return [...replaced].map(([pair, entries]) => {
    const [earlier, later] = pair.split('|').map((i) => sources[Number(i)]!.file);
    const e = entries[0]!;
    const example = `${e.id} ${arrow(e)} ${e.direction} ${e.protocol}/${e.port}`;
    return (
      `${later} replaces ${entries.length} result(s) of ${earlier} ` +
      `(same row, from, host, direction and port; the later report wins), e.g. ${example}`
    );
  });
}

// A row whose results now come from several reports gets its verdict and counts again from them.
function reconcile(held: Held<RowResult>, results: Held<ResultEntry>[]): RowResult {
  const sources = new Set(results.map((r) => r.source));
  if (results.length === 0 || (sources.size === 1 && sources.has(held.source))) return held.item;
  const row = { ...held.item };
  const entries = results.map((r) => r.item);
  row.verdict = rowVerdict(
    entries.map((e) => e.verdict),
    row.anyOf ?? false,
  );
  row.passed = entries.filter((e) => e.verdict === 'pass').length;
  row.total = entries.length;
  row.failedPorts = entries.filter((e) => e.verdict !== 'pass').map((e) => e.port);
  if (row.verdict === 'pass') {
    delete row.remediation;
    delete row.firewallRules;
    delete row.advice;
    delete row.genericAdvice;
  } else {
    row.remediation = [...entries].reverse().find((e) => e.verdict !== 'pass' && e.remediation)?.remediation;
    if (row.remediation === undefined) delete row.remediation;
  }
  return row;
}

// When the merged measurements began, and how long from the first start to the last end.
function span(sources: SourceReport[]): { startedAt: string; durationMs: number } {
  const starts = sources.map((s) => Date.parse(s.report.startedAt));
  const ends = sources.map((s, i) => starts[i]! + s.report.durationMs);
  const first = Math.min(...starts);
  return { startedAt: new Date(first).toISOString(), durationMs: Math.max(0, Math.max(...ends) - first) };
}

const unique = <T>(items: T[]): T[] => {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

// Rows a report skipped that no report probed from the same host (its --from): a row probed there is a
// result, not skipped. A row skipped from one --from and probed from another stays: that path is untested.
// Each row is listed once.
function stillSkipped(sources: SourceReport[], rows: RowResult[]): NonNullable<Report['skipped']> {
  const probed = new Set(rows.map((r) => `${r.id}|${r.direction}|${r.from ?? ''}`));
  const listed = new Set<string>();
  return sources.flatMap(({ report }) => {
    const from = typeof report.settings.from === 'string' ? report.settings.from : '';
    return (report.skipped ?? []).filter((s) => {
      const row = `${s.id}|${s.direction}`;
      if (probed.has(`${row}|${from}`) || listed.has(row)) return false;
      listed.add(row);
      return true;
    });
  });
}

/**
 * One report from many reports of one table: hosts become columns, results keep their `from`,
 * and the same (row, from, host, direction, port) twice is taken from the later report, with a note.
 */
export function mergeReports(sources: SourceReport[], tableDigest: string): Report {
  const results = new Map<string, Held<ResultEntry>>();
  const rows = new Map<string, Held<RowResult>>();
  const replaced = new Map<string, ResultEntry[]>();
  for (const [i, { report }] of sources.entries()) {
    for (const r of report.results) {
      const before = results.get(resultKey(r));
      if (before && before.source !== i) {
        const pair = `${before.source}|${i}`;
        replaced.set(pair, [...(replaced.get(pair) ?? []), r]);
      }
      results.set(resultKey(r), { item: r, source: i });
    }
    for (const r of report.rows) rows.set(rowKey(r), { item: r, source: i });
  }
  const byRow = new Map<string, Held<ResultEntry>[]>();
  for (const r of results.values()) byRow.set(rowKey(r.item), [...(byRow.get(rowKey(r.item)) ?? []), r]);
  const mergedResults = [...results.values()].map((r) => r.item);
  const mergedRows = [...rows.entries()].map(([k, r]) => reconcile(r, byRow.get(k) ?? []));
  const first = sources[0]!.report;
  const skipped = stillSkipped(sources, mergedRows);
  const notes = unique([...sources.flatMap((s) => s.report.notes ?? []), ...replacementNotes(sources, replaced)]);
  return reportEnvelope({
    command: 'merge',
    ...span(sources),
    settings: {
      ...(typeof first.settings.table === 'string' ? { table: first.settings.table } : {}),
      tableDigest,
      reports: sources.map(({ file, report }) => ({
        file,
        command: report.command,
        startedAt: report.startedAt,
        durationMs: report.durationMs,
        from: [...new Set(report.results.map((r) => r.from).filter((f): f is string => f !== undefined))],
        // A check's --peer hosts by role (absent in reports made without --peer or before it was recorded).
        ...(isPeers(report.settings.peers) ? { peers: report.settings.peers } : {}),
      })),
    },
    results: mergedResults,
    rows: mergedRows,
    probes: sources.reduce((n, s) => n + s.report.summary.probes, 0),
    skipped,
    notes,
    incomplete: sources.some((s) => s.report.incomplete),
    // One table, so one advice source: the first report that names it.
    adviceSource: sources.find((s) => s.report.adviceSource)?.report.adviceSource,
  });
}
