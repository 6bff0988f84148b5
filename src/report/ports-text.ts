import { type BoxColumn, drawTable, fitTable, columnSpec } from './box-table.js';
import { tableWidth } from './fit-columns.js';
import { Footnotes } from './footnotes.js';
import type { RenderContext, RenderDocument } from './renderer.js';
import { asciiText } from './style.js';
import { wrapText } from './text-width.js';
import { formatPorts } from '../table/port-spec.js';
import type { PortRow } from '../table/types.js';
import { counted } from '../util/plural.js';

type PortsDocument = Extract<RenderDocument, { kind: 'ports' }>;

// One row's text in a column (i: the row's index).
type CellOf = (r: PortRow, i: number) => string;

// A column of plain cells, one per row.
function col(rows: PortRow[], head: string, cell: CellOf, fit: BoxColumn['fit'], min?: number): BoxColumn {
  return { head, cells: rows.map((r, i) => ({ text: cell(r, i) })), fit, min };
}

// The table as the vendor's table reads, every column at its natural width.
function naturalColumns(rows: PortRow[], service: string[], none: string): BoxColumn[] {
  const columns: Array<[string, CellOf]> = [
    ['ID', (r) => r.id],
    ['Service', (_, i) => service[i]!],
    ['Application', (r) => r.application],
    ['Ports', (r) => formatPorts(r.ports, r.anyOf)],
    ['Proto', (r) => r.protocol.toUpperCase()],
    ['In', (r) => (r.inbound ? 'X' : none)],
    ['From', (r) => r.from ?? ''],
    ['Out', (r) => (r.outbound ? 'X' : none)],
    ['Peer', (r) => r.peer ?? ''],
  ];
  return columns.map(([head, cell]) => col(rows, head, cell, 'keep'));
}

// A narrow table: protocol beside the ports, one direction column, every text wrapped (nothing cut).
function narrowColumns(rows: PortRow[], service: string[]): BoxColumn[] {
  const direction = (r: PortRow) =>
    [r.inbound ? `in${r.from ? ` from ${r.from}` : ''}` : '', r.outbound ? 'out' : ''].filter(Boolean).join(', ');
  const columns: Array<[string, CellOf, number?]> = [
    ['ID', (r) => r.id, 10],
    ['Service', (_, i) => service[i]!, 8],
    ['Application', (r) => r.application, 10],
    ['Ports', (r) => `${r.protocol} ${formatPorts(r.ports, r.anyOf)}`],
    ['Dir', direction],
    ['Peer', (r) => r.peer ?? '', 6],
  ];
  return columns.map(([head, cell, min]) => col(rows, head, cell, 'wrap', min));
}

/** The port table for a terminal: as the vendor's table reads, fitted to `ctx.width`, footnotes below. */
export function portsText(doc: PortsDocument, ctx: RenderContext): string {
  const text = ctx.ascii ? asciiText : (s: string) => s;
  const footnotes = new Footnotes();
  const service = doc.rows.map((r) => {
    const marks = footnotes.marks(r.notes).join('');
    return `${r.service}${marks ? ` ${marks}` : ''}`;
  });
  const natural = naturalColumns(doc.rows, service, text('—'));
  const width = ctx.width;
  let table: string;
  if (width === undefined || tableWidth(natural.map((c) => columnSpec(c).natural)) <= width)
    table = drawTable(natural, undefined, ctx.ascii);
  else {
    const narrow = narrowColumns(doc.rows, service);
    table = drawTable(narrow, fitTable(narrow, width), ctx.ascii);
  }
  const foot = footnotes.notes.flatMap((n, i) => wrapText(text(`[${i + 1}] ${n}`), width, '', '    '));
  const framing = (doc.table.notes ?? []).flatMap((n) => wrapText(text(`note: ${n}`), width, '', '  '));
  const product = wrapText(text(doc.table.product), width);
  return `${[...product, table, counted(doc.rows.length, 'row'), ...foot, ...framing].join('\n')}\n`;
}
