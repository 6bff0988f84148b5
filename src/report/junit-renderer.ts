import { xmlEscape as x } from './escape.js';
import type { Renderer } from './renderer.js';
import type { Report, RowResult, SkippedRow } from '../model/report.js';
import { groupBy } from '../util/group-by.js';
import { columnKey, rowKey } from '../model/keys.js';
import { probeOffsets, resultPort, withProbed } from './probed-ports.js';

type Failing = Map<string, Report['results']>;

// XML attributes in the given order, each value escaped: name="v" tests="3".
function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${x(String(v))}"`)
    .join(' ');
}

// Groups the results that did not pass by (row, host, direction), once per report.
function failingByRow(report: Report): Failing {
  return groupBy(
    report.results.filter((r) => r.verdict !== 'pass'),
    rowKey,
  );
}

// One testcase: a failure for fail, skipped for unknown (CI does not fail on it).
function testcase(failingAll: Failing, offsets: Map<string, number>, row: RowResult): string {
  const name = `${row.id} ${row.protocol}/${withProbed(row.ports, offsets.get(row.id))}`;
  const classname = `portmatrix.${row.from ? `${row.from}.` : ''}${row.host}.${row.direction}`;
  const open = `    <testcase ${attributes({ classname, name, time: 0 })}>`;
  if (row.verdict === 'pass') return `${open}</testcase>`;
  const failing = failingAll.get(rowKey(row)) ?? [];
  const detail = failing.map((r) => `${resultPort(r)}: ${r.state}${r.reason ? ` (${r.reason})` : ''}`).join('\n');
  const body = [detail, row.remediation ? `What to change: ${row.remediation}` : ''].filter(Boolean).join('\n');
  const states = [...new Set(failing.map((r) => r.state))].join(', ');
  if (row.verdict === 'unknown')
    return `${open}\n      <skipped message="${x(`unknown: ${states}`)}">${x(body)}</skipped>\n    </testcase>`;
  const failure = attributes({
    type: states,
    message: `${states} on ${row.failedPorts.length === 1 ? 'port' : 'ports'} ${row.failedPorts.join(', ')}`,
  });
  return `${open}\n      <failure ${failure}>${x(body)}</failure>\n    </testcase>`;
}

// One suite of the selected rows that were not probed, a skipped testcase each with why.
function skippedSuite(report: Report, skipped: SkippedRow[]): string {
  const cases = skipped.map((s) => {
    const open = attributes({ classname: `portmatrix.not-probed.${s.direction}`, name: s.id, time: 0 });
    const skip = attributes({ message: `skipped: ${s.reason}` });
    return `    <testcase ${open}>\n      <skipped ${skip}/>\n    </testcase>`;
  });
  const suite = attributes({
    name: `portmatrix ${report.command} not probed`,
    tests: skipped.length,
    failures: 0,
    errors: 0,
    skipped: skipped.length,
    time: 0,
    timestamp: report.startedAt,
  });
  return `  <testsuite ${suite}>\n${cases.join('\n')}\n  </testsuite>`;
}

/** JUnit XML: one testsuite per host and direction, one testcase per table row. */
export const junitRenderer: Renderer = {
  render(doc) {
    if (doc.kind !== 'report') return '';
    const report = doc.report;
    const suites = groupBy(report.rows, columnKey);
    const secs = (report.durationMs / 1000).toFixed(3);
    const failing = failingByRow(report);
    const offsets = probeOffsets(report);
    const parts = [...suites.values()].map((rows) => {
      const { host, direction, from } = rows[0]!;
      const failures = rows.filter((r) => r.verdict === 'fail').length;
      const skipped = rows.filter((r) => r.verdict === 'unknown').length;
      const suite = attributes({
        name: `portmatrix ${report.command} ${host} ${direction}${from ? ` from ${from}` : ''}`,
        tests: rows.length,
        failures,
        errors: 0,
        skipped,
        time: secs,
        timestamp: report.startedAt,
      });
      const cases = rows.map((r) => testcase(failing, offsets, r)).join('\n');
      return `  <testsuite ${suite}>\n${cases}\n  </testsuite>`;
    });
    const notProbed = report.skipped ?? [];
    if (notProbed.length > 0) parts.push(skippedSuite(report, notProbed));
    const s = report.summary.rows ?? { pass: 0, fail: 0, unknown: 0 };
    const total = report.rows.length + notProbed.length;
    const all = attributes({
      name: 'portmatrix',
      tests: total,
      failures: s.fail,
      errors: 0,
      skipped: s.unknown + notProbed.length,
      time: secs,
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${all}>\n${parts.join('\n')}\n</testsuites>\n`;
  },
};
