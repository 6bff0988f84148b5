import { RESET_WITH_RESPONDER } from '../probe/classify-error.js';
import { compressPorts } from '../table/port-spec.js';
import type { Report, ResultEntry } from '../model/report.js';

// What to do about one failing result of check or matrix, without its port.
function probeAction(r: ResultEntry): string {
  const from = r.source ?? r.from ?? 'this client';
  if (r.delivery === 'reply-blocked')
    return `allow the replies from ${r.host} back to ${from} (a stateless or asymmetric rule drops them)`;
  if (r.state === 'filtered')
    return r.direction === 'inbound'
      ? `allow from ${from} to ${r.host} in the firewalls on the path and on the server`
      : `allow from ${from} to ${r.host} in the firewalls on the path and in the server's outbound rules`;
  if (r.state === 'closed' && r.reason === RESET_WITH_RESPONDER)
    return `remove the firewall rule that rejects with reset, or start the responder on ${r.host} on this port`;
  if (r.state === 'closed')
    return r.direction === 'inbound'
      ? `start the service on ${r.host} (before installation, run portmatrix listen there)`
      : `start the peer's service on ${r.host} (before it is ready, run portmatrix listen --direction outbound there)`;
  if (r.state === 'open')
    return `find what answers on ${r.host} instead of the responder with your token (another program or a middlebox), or widen its --allow`;
  if (r.state === 'open|filtered')
    return `prove these on ${r.host}: run portmatrix listen --token there and check with the same --token`;
  return `${r.host}: ${r.reason || r.state}`;
}

// What to do about one failing result of audit or listen, without its port.
function localAction(report: Report, r: ResultEntry): string {
  if (report.command === 'audit')
    return report.settings.expect === 'free'
      ? `stop or move ${r.process ?? 'the program that holds them'} before installing`
      : 'start the services';
  if (r.state === 'in-use') return 'another program holds them (portmatrix audit --expect free names it)';
  if (r.state === 'needs-privileges') return 'they need privileges: run as root or Administrator, or use --port-offset';
  return r.reason || r.state;
}

// The failing results of rows that did not pass (a failing alternative of an any-of row that passed is left out).
function failingResults(report: Report): ResultEntry[] {
  const key = (r: { id: string; host: string; direction: string; from?: string }) =>
    `${r.id}|${r.host}|${r.direction}|${r.from ?? ''}`;
  const failedRows = new Set(report.rows.filter((r) => r.verdict !== 'pass').map(key));
  return report.results.filter((r) => r.verdict !== 'pass' && failedRows.has(key(r)));
}

/** What to change, one line per action with all its ports ("start the service on csm01 (…): tcp/443, 1741; udp/69"). */
export function actionLines(report: Report): string[] {
  const probing = report.command === 'check' || report.command === 'matrix';
  const groups = new Map<string, Map<string, Set<number>>>();
  for (const r of failingResults(report)) {
    // With --port-offset the probed port differs: said once per action, as in the failure lines.
    const offset = r.probedPort !== undefined ? ` (probed at +${r.probedPort - r.port})` : '';
    const action = `${probing ? probeAction(r) : localAction(report, r)}${offset}`;
    const byProtocol = groups.get(action) ?? new Map<string, Set<number>>();
    byProtocol.set(r.protocol, (byProtocol.get(r.protocol) ?? new Set()).add(r.port));
    groups.set(action, byProtocol);
  }
  return [...groups].map(([action, byProtocol]) => {
    const ports = [...byProtocol].map(([protocol, set]) => `${protocol}/${compressPorts([...set])}`);
    return `${action}: ${ports.join('; ')}`;
  });
}
