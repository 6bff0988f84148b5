import { packageData } from '../package-data.js';
import { compressPorts, toRanges } from '../table/port-spec.js';
import { firewallRules } from './firewall-rules.js';
import type { Report, ResultEntry, RowResult } from '../report/types.js';
import { groupBy } from '../util/group-by.js';

/** remediation.json: advice texts by key; the keys per row id, and per direction and state. */
interface AdviceData {
  advice: Record<string, string>;
  rows: Record<string, string[]>;
  states: Record<string, Record<string, string[]>>;
}

let data: AdviceData | undefined;

// Loads remediation.json once (shipped beside ports.json).
function adviceData(): AdviceData {
  data ??= JSON.parse(packageData('remediation.json')) as AdviceData;
  return data;
}

const FIREWALL_STATES = new Set(['filtered', 'closed']);

// The one-line fix for a check row, from the states of its failing ports.
function checkLine(row: RowResult, failing: ResultEntry[]): string {
  const ports = `${row.protocol}/${compressPorts(failing.map((r) => r.port))}`;
  const states = new Set(failing.map((r) => r.state));
  const src = failing.find((r) => r.source)?.source;
  const dst = failing[0]!.address || row.host;
  if (failing.every((r) => r.delivery === 'reply-blocked'))
    return `${ports} reaches ${row.host} but its replies are dropped on the way back: allow ${row.protocol} from ${row.host} ports ${compressPorts(failing.map((r) => r.port))} back to ${src ?? 'the sender'} (a stateless or asymmetric rule)`;
  if (states.has('filtered'))
    return `allow ${ports} from ${src ?? 'this client'} to ${row.host}${dst !== row.host ? ` (${dst})` : ''} in the firewalls on the path and on the ${row.direction === 'inbound' ? 'server' : "server's outbound rules"}`;
  if (states.has('closed'))
    return row.direction === 'inbound'
      ? `nothing listens on ${row.host} ${ports}: start the service (before installation, run portmatrix listen there)`
      : `nothing listens on peer ${row.host} ${ports}: start the peer's service`;
  if (states.has('open'))
    return `${ports} on ${row.host} answers, but not with your token: another program or a middlebox holds it`;
  if (states.has('open|filtered'))
    return `no proof either way for ${ports} on ${row.host}: check against portmatrix listen --token`;
  return failing[0]!.reason;
}

// The one-line fix for an audit or listen row.
function localLine(report: Report, row: RowResult, failing: ResultEntry[]): string {
  const ports = `${row.protocol}/${compressPorts(failing.map((r) => r.port))}`;
  const holders = [...new Set(failing.map((r) => r.process).filter(Boolean))].join(', ');
  if (report.command === 'audit') {
    return report.settings.expect === 'free'
      ? `free ${ports}: stop or move ${holders || 'the program that holds it'} before installing`
      : `start the service for ${ports} (restart the Daemon Manager: net stop crmdmgt, net start crmdmgt)`;
  }
  return `${ports}: ${failing[0]!.reason}`;
}

/** Adds what to change to every failed row and result: a line, firewall rules, and the guide's advice. */
export function attachRemediation(report: Report): void {
  const advice = adviceData();
  const byRow = groupBy(
    report.results.filter((r) => r.verdict !== 'pass'),
    (r) => `${r.id}|${r.host}|${r.direction}|${r.from ?? ''}`,
  );
  for (const row of report.rows) {
    if (row.verdict === 'pass') continue;
    const failing = byRow.get(`${row.id}|${row.host}|${row.direction}|${row.from ?? ''}`) ?? [];
    if (failing.length === 0) continue;
    const probing = report.command === 'check' || report.command === 'matrix';
    row.remediation = probing ? checkLine(row, failing) : localLine(report, row, failing);
    for (const r of failing) r.remediation = row.remediation;
    if (!probing) continue;
    const states = [...new Set(failing.map((r) => r.state))];
    if (states.some((s) => FIREWALL_STATES.has(s))) {
      const destination = failing[0]!.address || undefined;
      const source = failing.find((r) => r.source)?.source;
      row.firewallRules = firewallRules({
        id: row.id,
        protocol: row.protocol,
        ports: toRanges(failing.map((r) => r.probedPort ?? r.port)),
        direction: row.direction,
        source,
        destination,
      });
    }
    const keys = new Set([
      ...(advice.rows[row.id] ?? []),
      ...states.flatMap((s) => advice.states[row.direction]?.[s] ?? []),
    ]);
    const texts = [...keys].map((k) => advice.advice[k]).filter((t): t is string => t !== undefined);
    if (texts.length > 0) row.advice = texts;
  }
}
