import { formatPorts } from '../table/port-spec.js';
import { csvField } from './escape.js';
import type { RenderDocument, Renderer } from './renderer.js';
import type { SkippedRow } from '../model/report.js';

const line = (fields: unknown[]) => fields.map(csvField).join(',');

/** Result columns, one line per (row, host, direction, port). */
export const CSV_COLUMNS = [
  'id',
  'service',
  'application',
  'direction',
  'protocol',
  'port',
  'probedPort',
  'from',
  'host',
  'address',
  'state',
  'verdict',
  'verified',
  'latencyMs',
  'reason',
  'delivery',
  'process',
  'remediation',
] as const;

// A skipped row's field: its id, direction and reason, state and verdict "skipped", the rest empty.
function skippedField(s: SkippedRow, column: (typeof CSV_COLUMNS)[number]): string {
  if (column === 'id' || column === 'direction' || column === 'reason') return s[column];
  return column === 'state' || column === 'verdict' ? 'skipped' : '';
}

/** CSV: one line per probe result with a header row; for `ports`, one line per table row. */
export const csvRenderer: Renderer = {
  render(doc) {
    return [...csvChunks(doc)].join('');
  },
  chunks: csvChunks,
};

// One CRLF-terminated line at a time: the header, then a line per result (or per table row).
function* csvChunks(doc: RenderDocument): Generator<string> {
  if (doc.kind === 'ports') {
    const head = [
      'id',
      'service',
      'application',
      'ports',
      'protocol',
      'inbound',
      'from',
      'outbound',
      'peer',
      'anyOf',
      'notes',
    ];
    const rows = doc.rows.map((r) =>
      line([
        r.id,
        r.service,
        r.application,
        formatPorts(r.ports, r.anyOf),
        r.protocol,
        r.inbound,
        r.from ?? '',
        r.outbound,
        r.peer ?? '',
        r.anyOf ?? false,
        (r.notes ?? []).join(' | '),
      ]),
    );
    for (const text of [line(head), ...rows]) yield `${text}\r\n`;
    return;
  }
  yield `${line([...CSV_COLUMNS])}\r\n`;
  for (const r of doc.report.results) yield `${line(CSV_COLUMNS.map((c) => r[c]))}\r\n`;
  for (const s of doc.report.skipped ?? []) yield `${line(CSV_COLUMNS.map((c) => skippedField(s, c)))}\r\n`;
}
