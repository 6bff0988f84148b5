import { describe, expect, it } from 'vitest';
import { tableRenderer } from '../../src/report/table-renderer.js';
import { displayWidth } from '../../src/report/text-width.js';
import type { RenderContext, RenderDocument } from '../../src/report/renderer.js';
import { loadTable } from '../../src/table/load-table.js';
import { fixtureReport } from '../helpers/fixture-report.js';
import { firstRunReport, manyHostsReport } from '../helpers/terminal-reports.js';

const table = loadTable();
const DOCS: Record<string, () => RenderDocument> = {
  'first-run': () => ({ kind: 'report', report: firstRunReport() }),
  fixture: () => ({ kind: 'report', report: fixtureReport() }),
  'six-hosts': () => ({
    kind: 'report',
    report: manyHostsReport(['csm01', 'csm02', 'aus01', 'pm01', 'acs01', 'mail01']),
  }),
  ports: () => ({ kind: 'ports', table, rows: table.rows }),
};
const WIDTHS = [80, 120, 200];
const CASES = Object.keys(DOCS).flatMap((name) => WIDTHS.map((width) => [name, width] as const));

// Renders a document for a terminal of `width` columns.
function render(name: string, ctx: Partial<RenderContext> & { width?: number }): string {
  return tableRenderer.render(DOCS[name]!(), { color: false, ...ctx });
}

describe('the matrix on a terminal', () => {
  it.each(CASES)('%s at %i columns matches its golden file', async (name, width) => {
    await expect(render(name, { width })).toMatchFileSnapshot(`./golden/terminal/${name}-${width}.txt`);
  });

  it.each(CASES)('%s at %i columns: no line is wider than the terminal', (name, width) => {
    const widest = Math.max(...render(name, { width }).split('\n').map(displayWidth));
    expect(widest).toBeLessThanOrEqual(width);
  });

  it.each(CASES)('%s at %i columns with --explain: no line is wider than the terminal', (name, width) => {
    const widest = Math.max(...render(name, { width, explain: true }).split('\n').map(displayWidth));
    expect(widest).toBeLessThanOrEqual(width);
  });

  it("a first run fits in 100 lines at 120 columns, npm's own 4 lines included", () => {
    expect(render('first-run', { width: 120 }).trimEnd().split('\n').length).toBeLessThanOrEqual(96);
  });

  it("--explain prints every row's fix and the advice in full (golden file)", async () => {
    const text = render('first-run', { width: 120, explain: true });
    await expect(text).toMatchFileSnapshot('./golden/terminal/first-run-120-explain.txt');
    expect(text.match(/^ {2}- nothing listens on /gm)).toHaveLength(45);
    expect(text).not.toMatch(/…/);
  });

  it.each([
    ['a few notes: in full', ['syslog-security-manager', 'syslog-common-services'], 0],
    ['many notes: one line each (the short ones whole)', undefined, 12],
  ])('the advice, %s', (_name, ids, cut) => {
    const report = firstRunReport();
    const keep = (r: { id: string }) => !ids || ids.includes(r.id);
    const doc = { ...report, rows: report.rows.filter(keep), results: report.results.filter(keep) };
    const text = tableRenderer.render({ kind: 'report', report: doc }, { color: false, width: 120 });
    const advice = text
      .split('From Cisco Security Manager installation guide, troubleshooting appendix:\n')[1]!
      .split('\n\n')[0]!;
    expect(advice.match(/…$/gm) ?? []).toHaveLength(cut);
    expect(advice).toMatch(/^ {2}- Footnote 2: installing or upgrading Security Manager/m);
  });

  it('the short form gives one line per action with all its ports', () => {
    const text = render('first-run', { width: 120 });
    expect(text.match(/^ {2}- (start the|nothing listens)/gm)).toEqual(['  - start the', '  - start the']);
  });

  it.each(['first-run', 'fixture', 'ports'])('%s in ASCII draws with ASCII only (golden file)', async (name) => {
    const text = render(name, { width: 80, ascii: true });
    await expect(text).toMatchFileSnapshot(`./golden/terminal/${name}-80-ascii.txt`);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('the last lines say how many rows fail and what to do next', () => {
    const lines = render('first-run', { width: 120 }).trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      '55 of 55 rows fail · probes 81 · results 0 pass / 109 fail / 0 unknown · 0.41 s',
      'Next: nothing listens yet. Before installation, run `portmatrix listen --direction both` on 127.0.0.1, ' +
        'then check again.',
      'More: --explain (every fix, all advice in full); --format html --output report.html (firewall rules, to share).',
    ]);
  });

  it('without a width (a pipe or a file) keeps every line whole', () => {
    const text = render('first-run', {});
    expect(text).toContain('│ Communication between Security Manager and a TMS server      │');
    expect(text).not.toMatch(/…/);
  });

  it('colours survive fitting, one colour code per cell line', () => {
    const text = render('fixture', { width: 80, color: true });
    expect(text).toMatch(/\x1b\[32m✔\x1b\[39m/);
    expect(text).toMatch(/\x1b\[31m✘ 2\/3\x1b\[39m/);
  });
});
