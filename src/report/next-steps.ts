import { runFigures } from './summary-text.js';
import type { Report, ResultEntry } from '../model/report.js';

const HTML = '`--format html --output report.html`';

// "a, b and c".
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// Hosts of failing results that match.
function hostsWhere(failing: ResultEntry[], test: (r: ResultEntry) => boolean): string[] {
  return [...new Set(failing.filter(test).map((r) => r.host))];
}

// The next step after check or matrix: prove the path, open the firewall, or prove UDP.
function probeStep(failing: ResultEntry[]): string {
  const closedIn = hostsWhere(failing, (r) => r.state === 'closed' && r.direction === 'inbound');
  const closedOut = hostsWhere(failing, (r) => r.state === 'closed' && r.direction === 'outbound');
  if (closedIn.length > 0 || closedOut.length > 0) {
    const both = closedIn.filter((h) => closedOut.includes(h));
    const steps = [
      ...(both.length ? [`\`portmatrix listen --direction both\` on ${listOf(both)}`] : []),
      ...(closedIn.length > both.length
        ? [`\`portmatrix listen\` on ${listOf(closedIn.filter((h) => !both.includes(h)))}`]
        : []),
      ...(closedOut.length > both.length
        ? [`\`portmatrix listen --direction outbound\` on ${listOf(closedOut.filter((h) => !both.includes(h)))}`]
        : []),
    ];
    return `Next: nothing listens yet. Before installation, run ${listOf(steps)}, then check again.`;
  }
  if (failing.some((r) => r.state === 'filtered' || r.delivery === 'reply-blocked'))
    return (
      'Next: a firewall blocks these flows. ' +
      `For the rules that allow them (nftables, iptables, Windows, ASA), add ${HTML}.`
    );
  const silent = hostsWhere(failing, (r) => r.state === 'open|filtered');
  if (silent.length > 0)
    return (
      `Next: to prove the UDP rows, run \`portmatrix listen --token SECRET\` on ${listOf(silent)} ` +
      'and check again with the same --token.'
    );
  return `Next: each failing row's fix is in ${HTML}.`;
}

// The next step after audit or listen.
function localStep(report: Report, failing: ResultEntry[]): string {
  if (report.command === 'audit')
    return report.settings.expect === 'free'
      ? 'Next: stop or move the programs that hold these ports, then run `portmatrix audit --expect free` again.'
      : 'Next: start the services, then run `portmatrix audit --expect listening` again.';
  if (failing.some((r) => r.state === 'needs-privileges'))
    return 'Next: run as root or Administrator, or use --port-offset N here and `check --port-offset N` there.';
  return 'Next: `portmatrix audit --expect free` names the programs that hold the ports it could not bind.';
}

// "3 of 43 rows fail, 1 unknown" or "All 43 rows pass", then the run's figures.
function countsLine(report: Report): string {
  const total = report.rows.length;
  const fail = report.rows.filter((r) => r.verdict === 'fail').length;
  const unknown = report.rows.filter((r) => r.verdict === 'unknown').length;
  const rows =
    fail + unknown === 0
      ? `All ${total} rows pass`
      : `${fail} of ${total} rows fail${unknown ? `, ${unknown} unknown` : ''}`;
  return `${rows} · ${runFigures(report)}`;
}

// Where the rest is: --explain, and the report formats that carry firewall rules.
function moreLine(report: Report, next: string, explain: boolean): string | undefined {
  const more = explain ? [] : ['--explain (every fix, all advice in full)'];
  if (report.rows.some((r) => r.firewallRules) && !next.includes(HTML))
    more.push('--format html --output report.html (firewall rules, to share)');
  return more.length > 0 ? `More: ${more.join('; ')}.` : undefined;
}

// The next step when every row passes: listen waits for the far side's check; others keep a record.
function passStep(report: Report): string {
  if (report.command === 'listen')
    return 'Next: from the far side, run `portmatrix check` on this host (with the same --token, if one is set).';
  return `Next: keep a record for the change ticket: add ${HTML}.`;
}

/** The last lines: how many rows fail, the most useful next command, and where to see more. */
export function nextSteps(report: Report, explain = false): string[] {
  const failing = report.results.filter((r) => r.verdict !== 'pass');
  const probing = report.command === 'check' || report.command === 'matrix';
  if (failing.length === 0) return [countsLine(report), passStep(report)];
  const next = probing ? probeStep(failing) : localStep(report, failing);
  const more = moreLine(report, next, explain);
  return [countsLine(report), next, ...(more ? [more] : [])];
}
