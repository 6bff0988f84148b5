import { runFigures } from './summary-text.js';
import type { Report, ResultEntry } from '../model/report.js';
import { clientAddressOf, reachable } from '../verdict/remediation-line.js';

const HTML = '`--format html --output report.html`';

// "a, b and c".
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// Hosts of failing results that match.
function hostsWhere(failing: ResultEntry[], test: (r: ResultEntry) => boolean): string[] {
  return [...new Set(failing.filter(test).map((r) => r.host))];
}

// The check's --port-offset, which the responder must bind with too ("" when none).
function offsetFlag(report: Report): string {
  const offset = report.settings.portOffset;
  return typeof offset === 'number' && offset !== 0 ? ` --port-offset ${offset}` : '';
}

// What the responder needs to answer the same probes: a token for a verified check, the check's port offset.
function listenFlags(report: Report): string {
  return `${report.settings.verified === true ? ' --token-file FILE' : ''}${offsetFlag(report)}`;
}

// The next step after check or matrix: prove the path, open the firewall, or prove UDP.
function probeStep(report: Report, failing: ResultEntry[]): string {
  const closedIn = hostsWhere(failing, (r) => r.state === 'closed' && r.direction === 'inbound');
  const closedOut = hostsWhere(failing, (r) => r.state === 'closed' && r.direction === 'outbound');
  const flags = listenFlags(report);
  if (closedIn.length > 0 || closedOut.length > 0) {
    const both = closedIn.filter((h) => closedOut.includes(h));
    const steps = [
      ...(both.length ? [`\`portmatrix listen --direction both${flags}\` on ${listOf(both)}`] : []),
      ...(closedIn.length > both.length
        ? [`\`portmatrix listen${flags}\` on ${listOf(closedIn.filter((h) => !both.includes(h)))}`]
        : []),
      ...(closedOut.length > both.length
        ? [
            `\`portmatrix listen --direction outbound${flags}\` on ` +
              listOf(closedOut.filter((h) => !both.includes(h))),
          ]
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
      `Next: to prove the UDP rows, run \`portmatrix listen --token-file FILE${offsetFlag(report)}\` ` +
      `on ${listOf(silent)} ` +
      'and check again with the same --token-file.'
    );
  return `Next: each failing row's fix is in ${HTML}.`;
}

// audit --expect listening: start what does not listen, and move what clients cannot reach.
function listeningStep(failing: ResultEntry[], report: Report): string {
  const unreachable = failing.some((r) => r.state === 'listening');
  if (!unreachable) return 'start the services';
  const step = `make the services listen where clients reach them (${reachable(clientAddressOf(report.settings))})`;
  return failing.every((r) => r.state === 'listening') ? step : `start the services, ${step}`;
}

// The next step after audit or listen (a merge of other kinds of report: where each fix is).
function localStep(report: Report, failing: ResultEntry[]): string {
  if (report.command !== 'audit' && report.command !== 'listen') return `Next: each failing row's fix is in ${HTML}.`;
  if (report.command === 'audit')
    return report.settings.expect === 'free'
      ? 'Next: stop or move the programs that hold these ports, then run `portmatrix audit --expect free` again.'
      : `Next: ${listeningStep(failing, report)}, then run \`portmatrix audit --expect listening\` again.`;
  if (failing.some((r) => r.state === 'needs-privileges'))
    return 'Next: use --port-offset N here and `check --port-offset N` there (or, on Linux, run as root).';
  return 'Next: `portmatrix audit --expect free` names the programs that hold the ports it could not bind.';
}

// "3 of 43 rows fail, 1 unknown", "1 of 43 rows fails" or "All 43 rows pass"; of a single row, "1 row passes".
function rowCounts(total: number, fail: number, unknown: number): string {
  if (total === 1) return fail ? '1 row fails' : unknown ? '1 row is unknown' : '1 row passes';
  if (fail + unknown === 0) return `All ${total} rows pass`;
  return `${fail} of ${total} rows ${fail === 1 ? 'fails' : 'fail'}${unknown ? `, ${unknown} unknown` : ''}`;
}

// How many rows fail, then the run's figures.
function countsLine(report: Report): string {
  const total = report.rows.length;
  const fail = report.rows.filter((r) => r.verdict === 'fail').length;
  const unknown = report.rows.filter((r) => r.verdict === 'unknown').length;
  return `${rowCounts(total, fail, unknown)} · ${runFigures(report)}`;
}

// Where the rest is: --explain, and the report formats that carry firewall rules.
function moreLine(report: Report, next: string, explain: boolean): string | undefined {
  const more = explain ? [] : ['--explain (every fix, all advice in full)'];
  if (report.rows.some((r) => r.firewallRules) && !next.includes(HTML))
    more.push('--format html --output report.html (firewall rules, to share)');
  return more.length > 0 ? `More: ${more.join('; ')}.` : undefined;
}

// The check that proves the paths to a listen: its token (a file holding the same one), its port offset.
function checkStep(report: Report): string {
  const token = report.settings.verified === true ? ' --token-file FILE' : '';
  const same = token ? ', FILE holding the same token as here' : '';
  if (report.settings.direction === 'outbound')
    return (
      'Next: on the server, run `portmatrix check --direction outbound --peer ROLE=HOST' +
      `${token}${offsetFlag(report)}\`, HOST being this peer's address${same}.`
    );
  const check = `\`portmatrix check HOST${listenFlags(report)}\``;
  return `Next: from the far side, run ${check}, HOST being this host's address${same}.`;
}

// The next step when every row passes: listen waits for the far side's check; others keep a record.
function passStep(report: Report): string {
  if (report.command === 'listen') return checkStep(report);
  return `Next: keep a record for the change ticket: add ${HTML}.`;
}

const PROBING = new Set(['check', 'matrix']);

// A merge of check and matrix reports: its failures are probe results.
function mergedProbes(report: Report): boolean {
  const sources = report.settings.reports;
  return Array.isArray(sources) && sources.every((s) => PROBING.has((s as { command?: string }).command ?? ''));
}

/** The last lines: how many rows fail, the most useful next command, and where to see more. */
export function nextSteps(report: Report, explain = false): string[] {
  const failing = report.results.filter((r) => r.verdict !== 'pass');
  const probing = PROBING.has(report.command) || (report.command === 'merge' && mergedProbes(report));
  if (failing.length === 0) return [countsLine(report), passStep(report)];
  const next = probing ? probeStep(report, failing) : localStep(report, failing);
  const more = moreLine(report, next, explain);
  return [countsLine(report), next, ...(more ? [more] : [])];
}
