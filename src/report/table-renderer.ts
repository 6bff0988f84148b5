import Table from 'cli-table3';
import { buildMatrix, cellDetail } from './matrix-model.js';
import { SYMBOL, paint, paintVerdict } from './style.js';
import { failureLines, summaryLine } from './summary-text.js';
import { formatPorts } from '../table/port-spec.js';
import { Footnotes } from './footnotes.js';
import type { RenderContext, RenderDocument, Renderer } from './renderer.js';
import type { Report } from './types.js';

// A plain cli-table3 table (no colour codes in its borders).
function newTable(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [], compact: true }, wordWrap: false });
}

// The pass/fail matrix, its summary, and one line per failure.
function renderReport(report: Report, ctx: RenderContext): string {
  const matrix = buildMatrix(report);
  const table = newTable(['Service', 'Application', 'Ports', 'Proto', ...matrix.columns.map((c) => c.label)]);
  for (const line of matrix.lines) {
    const cells = line.cells.map((r) =>
      r ? paintVerdict(`${SYMBOL[r.verdict]} ${cellDetail(r)}`.trim(), r.verdict, ctx.color) : SYMBOL.none,
    );
    table.push([line.service, line.application, line.ports, line.protocol, ...cells]);
  }
  const out = [table.toString(), summaryLine(report)];
  const failures = failureLines(report);
  if (failures.length > 0) out.push('', paint('Not passing:', 'bold', ctx.color), ...failures.map((l) => `  ${l}`));
  const remediation = [...new Set(report.rows.map((r) => r.remediation).filter(Boolean))];
  if (remediation.length > 0)
    out.push('', paint('What to change:', 'bold', ctx.color), ...remediation.map((l) => `  - ${l}`));
  const advice = [...new Set(report.rows.flatMap((r) => r.advice ?? []))];
  if (advice.length > 0)
    out.push('', paint('From the installation guide:', 'bold', ctx.color), ...advice.map((l) => `  - ${l}`));
  if (report.rows.some((r) => r.firewallRules))
    out.push(
      '',
      'Firewall rules (nftables, iptables, Windows, Cisco ASA) for each failed row: --format json, html or markdown.',
    );
  for (const s of report.skipped ?? []) out.push(`  skipped ${s.id} (${s.direction}): ${s.reason}`);
  for (const n of report.notes ?? []) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}

// The port table as the vendor's table reads.
function renderPorts(doc: Extract<RenderDocument, { kind: 'ports' }>): string {
  const table = newTable(['ID', 'Service', 'Application', 'Ports', 'Proto', 'In', 'From', 'Out', 'Peer']);
  const footnotes = new Footnotes();
  for (const row of doc.rows) {
    const marks = footnotes.marks(row.notes).join('');
    table.push([
      row.id,
      `${row.service}${marks ? ` ${marks}` : ''}`,
      row.application,
      formatPorts(row.ports, row.anyOf),
      row.protocol.toUpperCase(),
      row.inbound ? 'X' : '—',
      row.from ?? '',
      row.outbound ? 'X' : '—',
      row.peer ?? '',
    ]);
  }
  const foot = footnotes.notes.map((n, i) => `[${i + 1}] ${n}`);
  const framing = (doc.table.notes ?? []).map((n) => `note: ${n}`);
  return [doc.table.product, table.toString(), `${doc.rows.length} rows`, ...foot, ...framing, ''].join('\n');
}

/** The human matrix (cli-table3). */
export const tableRenderer: Renderer = {
  name: 'table',
  extension: 'txt',
  description: 'the pass/fail matrix for a terminal',
  kinds: ['report', 'ports'],
  render: (doc, ctx) => (doc.kind === 'report' ? renderReport(doc.report, ctx) : renderPorts(doc)),
};
