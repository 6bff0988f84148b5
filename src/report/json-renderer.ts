import { jsonChunks } from './json-chunks.js';
import type { RenderDocument, Renderer } from './renderer.js';
import type { PortRow, PortTable } from '../table/types.js';

// The table as ports.json writes it (only the selected rows).
function portsDocument(table: PortTable, rows: PortRow[]): object {
  const framing = table.notes?.length ? { notes: table.notes } : {};
  const aliases = table.aliases?.length ? { aliases: table.aliases } : {};
  return { product: table.product, source: table.source, ...framing, ...aliases, rows };
}

// The document a JSON render writes: the report, or the selected rows of the table.
function documentOf(doc: RenderDocument): object {
  return doc.kind === 'report' ? doc.report : portsDocument(doc.table, doc.rows);
}

// JSON.stringify(document, null, 2) and a newline, with the results written one by one.
function* chunks(doc: RenderDocument): Generator<string> {
  yield* jsonChunks(documentOf(doc));
  yield '\n';
}

/** The contract's JSON report (schemaVersion 1), or the port table as ports.json. */
export const jsonRenderer: Renderer = {
  // In one piece, the runtime's own JSON.stringify writes it ten times faster than the pieces joined.
  render: (doc) => `${JSON.stringify(documentOf(doc), null, 2)}\n`,
  chunks,
};
