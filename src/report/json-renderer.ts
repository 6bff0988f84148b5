import type { Renderer } from './renderer.js';

/** The contract's JSON report (schemaVersion 1), or the port table as ports.json. */
export const jsonRenderer: Renderer = {
  name: 'json',
  extension: 'json',
  description: 'machine-readable report (docs/report.schema.json)',
  kinds: ['report', 'ports'],
  render: (doc) =>
    `${JSON.stringify(doc.kind === 'report' ? doc.report : { product: doc.table.product, source: doc.table.source, rows: doc.rows }, null, 2)}\n`,
};
