import { describe, expect, it } from 'vitest';
import { tableDigest } from '../../src/table/table-digest.js';
import { loadTable } from '../../src/table/load-table.js';
import { runAudit } from '../../src/commands/audit.js';
import { currentPlatform } from '../../src/platform/index.js';
import { writeTable } from '../helpers/cli.js';

const ROW = { id: 'r', service: 'S', application: 'A', ports: [1], protocol: 'tcp', inbound: true, outbound: false };
const TABLE = { product: 'P', rows: [ROW] };
const digestOf = (doc: unknown) => tableDigest(loadTable(writeTable(doc)));

describe('tableDigest: the identity of a table in every report', () => {
  it('is sha256 of the table, whatever the file name, key order or layout', () => {
    const d = digestOf(TABLE);
    expect(d).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reordered = { rows: [Object.fromEntries(Object.entries(ROW).reverse())], product: 'P' };
    expect(digestOf(reordered)).toBe(d);
    expect(digestOf(JSON.stringify(TABLE, null, 2))).toBe(d);
    expect(digestOf({ product: 'P', rows: [{ ...ROW, anyOf: false, notes: [] }] })).toBe(d);
    expect(tableDigest(TABLE as never)).toBe(d);
  });

  it.each([
    ['another product', { ...TABLE, product: 'Q' }],
    ['another port', { ...TABLE, rows: [{ ...ROW, ports: [2] }] }],
    ['another direction', { ...TABLE, rows: [{ ...ROW, outbound: true }] }],
    ['a note', { ...TABLE, rows: [{ ...ROW, notes: ['n'] }] }],
    ['a source', { ...TABLE, source: 'Table A-1' }],
  ])('changes with %s', (_what, doc) => {
    expect(digestOf(doc)).not.toBe(digestOf(TABLE));
  });

  it('every report carries it in settings', async () => {
    const table = loadTable(writeTable(TABLE));
    const report = await runAudit({
      table,
      apps: [],
      direction: 'inbound',
      portOffset: 0,
      expect: 'free',
      platform: currentPlatform(),
    });
    expect(report.settings.tableDigest).toBe(tableDigest(table));
  });
});
