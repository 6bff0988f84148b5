import { describe, expect, it } from 'vitest';
import { tableRenderer } from '../../src/report/table-renderer.js';
import { buildMatrix, cellDetail } from '../../src/report/matrix-model.js';
import { loadTable } from '../../src/table/load-table.js';
import { fixtureReport } from '../helpers/fixture-report.js';

describe('the matrix', () => {
  it('renders a known result exactly (golden file)', async () => {
    const text = tableRenderer.render({ kind: 'report', report: fixtureReport() }, { color: false });
    await expect(text).toMatchFileSnapshot('./golden/matrix.txt');
  });

  it('has one line per table row and a column per host and direction', () => {
    const m = buildMatrix(fixtureReport());
    expect(m.columns.map((c) => c.label)).toEqual(['csm01 in', 'mars01 out', 'mail01 out']);
    expect(m.lines.map((l) => l.id)).toEqual([
      'https-security-manager',
      'dcr-ogs-common-services',
      'syslog-security-manager',
      'smtp-common-services',
    ]);
    expect(m.lines[0]!.cells.map((c) => c?.verdict ?? '—')).toEqual(['pass', 'fail', '—']);
  });

  it.each([
    [{ total: 1, passed: 1, verdict: 'pass', failedPorts: [] }, ''],
    [{ total: 21, passed: 21, verdict: 'pass', failedPorts: [] }, '21/21'],
    [{ total: 21, passed: 19, verdict: 'fail', failedPorts: [40055, 40060] }, '19/21: 40055, 40060'],
    [{ total: 21, passed: 15, verdict: 'fail', failedPorts: [1, 2, 3, 4, 5, 6] }, '15/21: 1, 2, 3, 4 +2'],
  ])('cell detail %j -> %s', (r, text) => {
    expect(cellDetail(r as never)).toBe(text);
  });

  it('colours only when asked', () => {
    const plain = tableRenderer.render({ kind: 'report', report: fixtureReport() }, { color: false });
    const coloured = tableRenderer.render({ kind: 'report', report: fixtureReport() }, { color: true });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(coloured).toMatch(/\x1b\[32m✔/);
    expect(coloured).toMatch(/\x1b\[31m✘/);
  });

  it('prints the port table with its footnotes', () => {
    const table = loadTable();
    const text = tableRenderer.render({ kind: 'ports', table, rows: table.rows }, { color: false });
    expect(text).toContain('43 rows');
    expect(text).toMatch(/\[2\] Footnote 1: by default Security Manager uses HTTPS on port 443/);
    expect(text).toMatch(/│ https-aus +│ HTTPS \(SSL\) \[2\]\[5\] .*│ X +│ client │ — +│ +│/);
    expect(text).toMatch(/40050-40070/);
    expect(text).toContain(
      'note: Normally, opening the ports listed in "Required services and ports" (p. 3-1) is enough.',
    );
  });
});
