import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/report/json-chunks.js';
import { csvRenderer } from '../../src/report/csv-renderer.js';
import { jsonRenderer } from '../../src/report/json-renderer.js';
import { writeAtomic } from '../../src/report/write-atomic.js';
import { fixtureReport } from '../helpers/fixture-report.js';
import { tempDir } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

// A report of n results, as a 100,000-probe run makes them.
function bigReport(n: number): Report {
  const base = fixtureReport();
  const one = base.results[0]!;
  const results = Array.from({ length: n }, (_, i) => ({
    ...one,
    port: 1 + (i % 65535),
    reason: i % 7 ? '' : 'a "quoted", reason\nwith a line break',
  }));
  return { ...base, results, summary: { ...base.summary, probes: n } };
}

describe('streamed JSON is the exact text of JSON.stringify(value, null, 2)', () => {
  it.each<[string, unknown]>([
    ['the fixture report', fixtureReport()],
    ['empty arrays and objects', { a: [], b: {}, c: [[]], d: [{}] }],
    ['undefined, functions and symbols', { a: undefined, b: () => 1, c: [undefined, () => 1], d: 1, e: Symbol('x') }],
    ['nested arrays and strings with line breaks', { a: [[1, [2, 3]], 'x\ny', { b: ['z\r\n'] }], c: null }],
    ['a value with toJSON', { at: new Date(0), list: [new Date(1)] }],
    ['not an object', [1, 2, 3]],
    ['a scalar', 'text'],
    ['an empty object', {}],
    [
      'arrays longer than a batch (256) with nested items, holes and text that looks like an item break',
      {
        list: Array.from({ length: 600 }, (_, i) =>
          i % 7 === 0 ? undefined : i % 3 ? { a: [i, { b: 'x,\n    y' }], c: [] } : [i, [i, 'z']],
        ),
        tail: [1],
      },
    ],
  ])('%s', (_, value) => {
    expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });
});

describe('json and csv stream to --output with the same bytes as before', () => {
  const report = bigReport(20000);
  const doc = { kind: 'report' as const, report };

  it('json: the file holds JSON.stringify(report, null, 2) and a newline, written in many pieces', () => {
    const file = path.join(tempDir(), 'r.json');
    const pieces = [...jsonRenderer.chunks!(doc, { color: false })];
    expect(pieces.length).toBeGreaterThan(20000);
    writeAtomic(file, pieces);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('csv: the file holds one CRLF line per result after the header, quoted per RFC 4180', () => {
    const file = path.join(tempDir(), 'r.csv');
    writeAtomic(file, csvRenderer.chunks!(doc, { color: false }));
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(csvRenderer.render(doc, { color: false }));
    expect(text.split('\r\n').length).toBe(20000 + 2);
    expect(text).toContain('"a ""quoted"", reason\nwith a line break"');
  });
});
