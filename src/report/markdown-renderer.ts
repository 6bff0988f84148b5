import { buildMatrix, cellDetail } from './matrix-model.js';
import { SYMBOL } from './style.js';
import { failureLines, skippedLines, summaryLine } from './summary-text.js';
import { formatPorts } from '../table/port-spec.js';
import type { Renderer } from './renderer.js';
import { adviceSections } from './advice-sections.js';
import { markdownText } from './escape.js';
import type { Report } from '../model/report.js';

// One table row, every cell escaped.
const row = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;

// The matrix as a GitHub table, then failures, fixes and rules.
function renderReport(report: Report): string {
  const m = buildMatrix(report);
  const head = ['Service', 'Application', 'Ports', 'Proto', ...m.columns.map((c) => c.label)];
  const out = [
    `## portmatrix ${report.command} — ${report.startedAt}`,
    '',
    row(head),
    `|${head.map(() => ' --- ').join('|')}|`,
  ];
  for (const l of m.lines)
    out.push(
      row([
        l.service,
        l.application,
        l.ports,
        l.protocol,
        ...l.cells.map((c) => (c ? `${SYMBOL[c.verdict]} ${cellDetail(c)}`.trim() : SYMBOL.none)),
      ]),
    );
  out.push('', `**${summaryLine(report)}**`);
  const failures = failureLines(report);
  if (failures.length > 0) out.push('', '### Not passing', '', ...failures.map((f) => `- ${markdownText(f)}`));
  const skipped = skippedLines(report);
  if (skipped.length > 0) out.push('', '### Skipped (not probed)', '', ...skipped.map((l) => `- ${markdownText(l)}`));
  const failed = report.rows.filter((r) => r.remediation);
  if (failed.length > 0) {
    out.push('', '### What to change', '');
    for (const r of failed) {
      out.push(`- **${r.id}** (${r.host}, ${r.direction}): ${markdownText(r.remediation!)}`);
      if (r.firewallRules)
        out.push(
          '',
          '  ```',
          ...Object.values(r.firewallRules)
            .flatMap((rule) => rule.split('\n'))
            .map((l) => `  ${l}`),
          '  ```',
        );
    }
    for (const section of adviceSections(report))
      out.push('', `### ${markdownText(section.heading)}`, '', ...section.items.map((a) => `- ${markdownText(a)}`));
  }
  return `${out.join('\n')}\n`;
}

/** Markdown: the matrix as a GitHub-style table, for tickets. */
export const markdownRenderer: Renderer = {
  render(doc) {
    if (doc.kind === 'report') return renderReport(doc.report);
    const head = ['ID', 'Service', 'Application', 'Ports', 'Protocol', 'Inbound', 'From', 'Outbound', 'Peer'];
    const lines = doc.rows.map((r) =>
      row([
        r.id,
        r.service,
        r.application,
        formatPorts(r.ports, r.anyOf),
        r.protocol.toUpperCase(),
        r.inbound ? 'X' : '—',
        r.from ?? '',
        r.outbound ? 'X' : '—',
        r.peer ?? '',
      ]),
    );
    const framing = (doc.table.notes ?? []).map((n) => `> ${markdownText(n)}`);
    const top = framing.length ? [...framing, ''] : [];
    return `${[...top, row(head), `|${head.map(() => ' --- ').join('|')}|`, ...lines].join('\n')}\n`;
  },
};
