import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { rendererFor, formatNames, formatFor } from '../../src/report/registry.js';
import { CSV_COLUMNS } from '../../src/report/csv-renderer.js';
import { csvField } from '../../src/report/escape.js';
import { portsDoc } from '../../src/report/ports-doc.js';
import { loadTable } from '../../src/table/load-table.js';
import { fixtureReport } from '../helpers/fixture-report.js';
import { ROOT } from '../helpers/cli.js';

const render = async (name: string) =>
  (await rendererFor(name))!.render({ kind: 'report', report: fixtureReport() }, { color: false });

// A small RFC 4180 reader for the test.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    field = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('renderers', () => {
  it('the registry offers every format the contract names', () => {
    expect(formatNames()).toEqual(['table', 'json', 'junit', 'csv', 'markdown', 'html']);
    expect(formatNames('ports')).toEqual(['table', 'json', 'csv', 'markdown']);
  });

  it.each(['json', 'junit', 'csv', 'markdown', 'html'])('%s matches its golden file', async (name) => {
    const ext = formatFor(name)!.extension;
    await expect(await render(name)).toMatchFileSnapshot(`./golden/report.${name}.${ext}`);
  });

  it('junit parses as XML with the right counts', async () => {
    const xml = await render('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '5', failures: '3', skipped: '1', errors: '0' });
    const suites = doc.testsuites.testsuite as Array<Record<string, unknown>>;
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.skipped])).toEqual([
      ['portmatrix check csm01 inbound', '3', '1', '1'],
      ['portmatrix check mars01 outbound', '1', '1', '0'],
      ['portmatrix check mail01 outbound', '1', '1', '0'],
    ]);
    const dcr = (suites[0]!.testcase as Array<Record<string, unknown>>)[1]!;
    expect(dcr.name).toBe('dcr-ogs-common-services tcp/40050-40052');
    expect((dcr.failure as Record<string, string>).message).toBe('closed on port 40051');
  });

  it('csv parses with a header and one line per result', async () => {
    const rows = parseCsv(await render('csv'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + fixtureReport().results.length);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows[1]!.slice(0, 6)).toEqual([
      'https-security-manager',
      'HTTPS (SSL)',
      'Security Manager',
      'inbound',
      'tcp',
      '443',
    ]);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [undefined, ''],
  ])('csv field %j -> %j', (value, text) => {
    expect(csvField(value)).toBe(text);
  });

  it('html contains every row and no external URL', async () => {
    const html = await render('html');
    for (const r of fixtureReport().rows) expect(html).toContain(r.application);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).toContain('<select id="app">');
    expect(html).toContain('@media print');
  });

  it('markdown escapes pipes in cells', async () => {
    expect(await render('markdown')).toContain('| HTTPS (SSL) | Security Manager | 443 | tcp | ✔ | ✘ | — |');
  });
});

describe('docs/ports.md', () => {
  it('is generated from ports.json and up to date (npm run docs)', () => {
    const committed = readFileSync(path.join(ROOT, 'docs', 'ports.md'), 'utf8');
    expect(committed).toBe(portsDoc(loadTable()));
  });
});
