import { type BoxColumn, drawTable, fitTable, columnSpec } from './box-table.js';
import { tableWidth } from './fit-columns.js';
import { Footnotes } from './footnotes.js';
import type { RenderContext, RenderDocument } from './renderer.js';
import { asciiText } from './style.js';
import { wrapText } from './text-width.js';
import { formatPorts } from '../table/port-spec.js';
import type { PortRow } from '../table/types.js';

type PortsDocument = Extract<RenderDocument, { kind: 'ports' }>;

// A column of plain cells.
function col(head: string, cells: string[], fit: BoxColumn['fit'], min?: number): BoxColumn {
  return { head, cells: cells.map((text) => ({ text })), fit, min };
}

// The table as the vendor's table reads, every column at its natural width.
function naturalColumns(rows: PortRow[], service: string[], none: string): BoxColumn[] {
  return [
    col(
      'ID',
      rows.map((r) => r.id),
      'keep',
    ),
    col('Service', service, 'keep'),
    col(
      'Application',
      rows.map((r) => r.application),
      'keep',
    ),
    col(
      'Ports',
      rows.map((r) => formatPorts(r.ports, r.anyOf)),
      'keep',
    ),
    col(
      'Proto',
      rows.map((r) => r.protocol.toUpperCase()),
      'keep',
    ),
    col(
      'In',
      rows.map((r) => (r.inbound ? 'X' : none)),
      'keep',
    ),
    col(
      'From',
      rows.map((r) => r.from ?? ''),
      'keep',
    ),
    col(
      'Out',
      rows.map((r) => (r.outbound ? 'X' : none)),
      'keep',
    ),
    col(
      'Peer',
      rows.map((r) => r.peer ?? ''),
      'keep',
    ),
  ];
}

// A narrow table: protocol beside the ports, one direction column, every text wrapped (nothing cut).
function narrowColumns(rows: PortRow[], service: string[]): BoxColumn[] {
  const direction = (r: PortRow) =>
    [r.inbound ? `in${r.from ? ` from ${r.from}` : ''}` : '', r.outbound ? 'out' : ''].filter(Boolean).join(', ');
  return [
    col(
      'ID',
      rows.map((r) => r.id),
      'wrap',
      10,
    ),
    col('Service', service, 'wrap', 8),
    col(
      'Application',
      rows.map((r) => r.application),
      'wrap',
      10,
    ),
    col(
      'Ports',
      rows.map((r) => `${r.protocol} ${formatPorts(r.ports, r.anyOf)}`),
      'wrap',
    ),
    col('Dir', rows.map(direction), 'wrap'),
    col(
      'Peer',
      rows.map((r) => r.peer ?? ''),
      'wrap',
      6,
    ),
  ];
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
  return `${[...product, table, `${doc.rows.length} rows`, ...foot, ...framing].join('\n')}\n`;
}
