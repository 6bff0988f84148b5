import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/merge/merge-reports.js';
import { fixtureReport } from '../helpers/fixture-report.js';
import type { Report } from '../../src/model/report.js';

// The fixture report as checked from `from`, `durationMs` after `startedAt`.
function fromHost(from: string, startedAt: string, over: Partial<Report> = {}): Report {
  const r = fixtureReport();
  for (const x of [...r.results, ...r.rows]) x.from = from;
  return { ...r, startedAt, settings: { ...r.settings, table: 'Acme', tableDigest: 'sha256:ab' }, ...over };
}

describe('mergeReports: the one report envelope around the reports of many hosts', () => {
  const a = fromHost('c1', '2026-11-25T10:00:00.000Z');
  const b = fromHost('c2', '2026-11-25T10:00:10.000Z', {
    skipped: [{ id: 'tftp', direction: 'outbound', reason: 'no host for peer role "device"' }],
    notes: ['a note'],
    incomplete: true,
  });
  const merged = mergeReports(
    [
      { file: 'a.json', report: a },
      { file: 'b.json', report: b },
    ],
    'sha256:ab',
  );

  it('has the fields of every command, in the same order', () => {
    expect(Object.keys(merged)).toEqual([
      'schemaVersion',
      'tool',
      'command',
      'startedAt',
      'durationMs',
      'settings',
      'results',
      'rows',
      'summary',
      'skipped',
      'notes',
      'incomplete',
    ]);
    expect(merged).toMatchObject({ command: 'merge', startedAt: '2026-11-25T10:00:00.000Z', durationMs: 14012 });
  });

  it('counts the probes of every report and the verdicts of the merged results, rows and skipped rows', () => {
    expect(merged.summary).toEqual({
      probes: 14,
      pass: 6,
      fail: 6,
      unknown: 2,
      rows: { pass: 2, fail: 6, unknown: 2 },
      skipped: 1,
    });
  });

  it.each([
    ['a row carries advice', 'Acme guide', true, 'Acme guide'],
    ['no row carries advice', 'Acme guide', false, undefined],
    ['no report names the source', undefined, true, undefined],
  ])("keeps the table's advice source when %s", (_, source, advised, expected) => {
    const with_ = (r: Report): Report => ({
      ...r,
      rows: r.rows.map((x) => (advised && x.verdict === 'fail' ? { ...x, advice: ['restart acme'] } : x)),
      ...(source ? { adviceSource: source } : {}),
    });
    const report = mergeReports(
      [
        { file: 'a.json', report: fromHost('c1', a.startedAt) },
        { file: 'b.json', report: with_(fromHost('c2', a.startedAt)) },
      ],
      'sha256:ab',
    );
    expect(report.adviceSource).toBe(expected);
  });
});
