import type { Direction, Protocol } from '../table/types.js';
import { columnKey } from '../model/keys.js';
import { probeOffsets, withProbed } from './probed-ports.js';
import type { Report, RowResult } from '../model/report.js';

/** A column of the matrix: one host in one direction (and, for `matrix`, from one host). */
export interface MatrixColumn {
  host: string;
  direction: Direction;
  from?: string;
  label: string;
}

/** A line of the matrix: one table row, a cell per column (undefined: not required). */
export interface MatrixLine {
  id: string;
  service: string;
  application: string;
  ports: string;
  protocol: Protocol;
  cells: Array<RowResult | undefined>;
}

/** The matrix of a report, shared by the table, markdown and html renderers. */
export interface Matrix {
  columns: MatrixColumn[];
  lines: MatrixLine[];
}

const ARROW: Record<Direction, string> = { inbound: 'in', outbound: 'out' };

/** Builds the rows × (host, direction) matrix from a report's row verdicts. */
export function buildMatrix(report: Report): Matrix {
  const columns: MatrixColumn[] = [];
  const colIndex = new Map<string, number>();
  const lines = new Map<string, MatrixLine>();
  const offsets = probeOffsets(report);
  for (const r of report.rows) {
    const ck = columnKey(r);
    if (!colIndex.has(ck)) {
      colIndex.set(ck, columns.length);
      columns.push({
        host: r.host,
        direction: r.direction,
        from: r.from,
        label: r.from ? `${r.from} → ${r.host}` : `${r.host} ${ARROW[r.direction]}`,
      });
    }
    if (!lines.has(r.id)) {
      lines.set(r.id, {
        id: r.id,
        service: r.service,
        application: r.application,
        ports: withProbed(r.ports, offsets.get(r.id)),
        protocol: r.protocol,
        cells: [],
      });
    }
  }
  const hostOrder = [...new Set(columns.map((c) => c.host))];
  columns.sort(
    (a, b) =>
      a.direction.localeCompare(b.direction) ||
      hostOrder.indexOf(a.host) - hostOrder.indexOf(b.host) ||
      (a.from ?? '').localeCompare(b.from ?? ''),
  );
  for (const [i, c] of columns.entries()) colIndex.set(columnKey(c), i);
  for (const r of report.rows) lines.get(r.id)!.cells[colIndex.get(columnKey(r))!] = r;
  for (const line of lines.values()) line.cells = Array.from({ length: columns.length }, (_, i) => line.cells[i]);
  return { columns, lines: [...lines.values()] };
}

/** A cell's text without symbol: "19/21: 40055, 40060" for multi-port rows, "" for one port. */
export function cellDetail(r: RowResult): string {
  if (r.total <= 1) return '';
  const counts = `${r.passed}/${r.total}`;
  if (r.verdict === 'pass' || r.failedPorts.length === 0) return counts;
  const shown = r.failedPorts.slice(0, 4).join(', ');
  return `${counts}: ${shown}${r.failedPorts.length > 4 ? ` +${r.failedPorts.length - 4}` : ''}`;
}
