import { type BoxColumn, type Cell, drawTable, fitTable } from './box-table.js';
import { type Matrix, cellDetail } from './matrix-model.js';
import type { RenderContext } from './renderer.js';
import { ASCII_SYMBOL, SYMBOL, asciiText, paintVerdict } from './style.js';
import { tableWidth } from './fit-columns.js';
import { columnSpec } from './box-table.js';
import { displayWidth, longestWord } from './text-width.js';
import type { RowResult } from '../model/report.js';

type CellStyle = 'full' | 'counts';

// A verdict cell: symbol, and the pass count (and, in full, the failing ports).
function verdictCell(r: RowResult | undefined, style: CellStyle, ctx: RenderContext): Cell {
  const symbol = ctx.ascii ? ASCII_SYMBOL : SYMBOL;
  if (!r) return { text: symbol.none };
  const detail = style === 'full' || r.total <= 1 ? cellDetail(r) : `${r.passed}/${r.total}`;
  return { text: `${symbol[r.verdict]} ${detail}`.trim(), paint: (l) => paintVerdict(l, r.verdict, ctx.color) };
}

// The host columns: one per (host, direction).
function hostColumns(matrix: Matrix, style: CellStyle, ctx: RenderContext): BoxColumn[] {
  const text = ctx.ascii ? asciiText : (s: string) => s;
  return matrix.columns.map((c, i) => {
    const cells = matrix.lines.map((l) => verdictCell(l.cells[i], style, ctx));
    // Counts ("✘ 0/21") stay whole; full cells ("✘ 19/21: 40055, 40060") may wrap; the header wraps.
    const min = style === 'counts' ? Math.max(...cells.map((cell) => displayWidth(cell.text))) : undefined;
    return { head: text(c.label), cells, fit: 'wrap' as const, min };
  });
}

// One matrix line's text in a label column.
type CellOf = (l: Matrix['lines'][number]) => string;

// A column of plain text cells, one per matrix line.
function textColumn(matrix: Matrix, head: string, cell: CellOf, fit: BoxColumn['fit'], min?: number): BoxColumn {
  return { head, cells: matrix.lines.map((l) => ({ text: cell(l) })), fit, min };
}

// The matrix as it always was: every column at its natural width.
function naturalColumns(matrix: Matrix, ctx: RenderContext): BoxColumn[] {
  const labels: Array<[string, CellOf]> = [
    ['Service', (l) => l.service],
    ['Application', (l) => l.application],
    ['Ports', (l) => l.ports],
    ['Proto', (l) => l.protocol],
  ];
  return [...labels.map(([head, cell]) => textColumn(matrix, head, cell, 'keep')), ...hostColumns(matrix, 'full', ctx)];
}

// The label columns of a narrow matrix: text cut (short) or wrapped (explain), protocol beside the ports.
function narrowLabels(matrix: Matrix, ctx: RenderContext): BoxColumn[] {
  const fit = ctx.explain ? 'wrap' : 'truncate';
  const portsMin = Math.max(...matrix.lines.map((l) => displayWidth(l.protocol) + 1 + longestWord(l.ports)));
  return [
    textColumn(matrix, 'Service', (l) => l.service, fit, 8),
    textColumn(matrix, 'Application', (l) => l.application, fit, 10),
    textColumn(matrix, 'Ports', (l) => `${l.protocol} ${l.ports}`, 'wrap', portsMin),
  ];
}

// Splits host columns into groups that fit beside the labels (many hosts: several tables, one under another).
function groupHosts(labels: BoxColumn[], hosts: BoxColumn[], width: number): BoxColumn[][] {
  const labelWidth = tableWidth(labels.map((c) => columnSpec(c).min));
  const groups: BoxColumn[][] = [[]];
  let used = labelWidth;
  for (const h of hosts) {
    const w = columnSpec(h).min + 3;
    if (used + w > width && groups.at(-1)!.length > 0) {
      groups.push([]);
      used = labelWidth;
    }
    groups.at(-1)!.push(h);
    used += w;
  }
  // As many tables as needed, with the columns shared out evenly (6 hosts in and out: 6 and 6, not 8 and 4).
  const size = Math.ceil(hosts.length / groups.length);
  const even = groups.map((_, i) => hosts.slice(i * size, (i + 1) * size)).filter((g) => g.length > 0);
  const fits = (g: BoxColumn[]) => labelWidth + g.reduce((sum, h) => sum + columnSpec(h).min + 3, 0) <= width;
  return even.every(fits) ? even : groups;
}

/** The matrix as box tables that fit `ctx.width` (one table; with many hosts, several). */
export function matrixText(matrix: Matrix, ctx: RenderContext): string {
  const natural = naturalColumns(matrix, ctx);
  const width = ctx.width;
  if (width === undefined || tableWidth(natural.map((c) => columnSpec(c).natural)) <= width)
    return drawTable(natural, undefined, ctx.ascii);
  const labels = narrowLabels(matrix, ctx);
  const hosts = hostColumns(matrix, ctx.explain ? 'full' : 'counts', ctx);
  return groupHosts(labels, hosts, width)
    .map((group) => {
      const columns = [...labels, ...group];
      return drawTable(columns, fitTable(columns, width), ctx.ascii);
    })
    .join('\n');
}
