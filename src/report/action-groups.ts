import { compressPorts } from '../table/port-spec.js';
import { rowKey } from '../model/keys.js';
import { actionKind } from '../verdict/action-kind.js';
import type { ActionKind, Report, ResultEntry } from '../model/report.js';
import { clientAddressOf, reachable } from '../verdict/remediation-line.js';

// An action in words, for one failing result, without its port.
function words(kind: ActionKind, r: ResultEntry, address?: string): string {
  const from = r.source ?? r.from ?? 'this client';
  const inbound = r.direction === 'inbound';
  switch (kind) {
    case 'allow-replies':
      return `allow the replies from ${r.host} back to ${from} (a stateless or asymmetric rule drops them)`;
    case 'allow-path':
      return inbound
        ? `allow from ${from} to ${r.host} in the firewalls on the path and on the server`
        : `allow from ${from} to ${r.host} in the firewalls on the path and in the server's outbound rules`;
    case 'remove-reset':
      return `remove the firewall rule that rejects with reset, or start the responder on ${r.host} on this port`;
    case 'start-service':
      return inbound
        ? `start the service on ${r.host} (before installation, run portmatrix listen there)`
        : `start the peer's service on ${r.host} ` +
            '(before it is ready, run portmatrix listen --direction outbound there)';
    case 'find-impostor':
      return (
        `find what answers on ${r.host} instead of the responder with your token (another program or a middlebox), ` +
        'or widen its --allow'
      );
    case 'prove':
      return (
        `prove these on ${r.host}: run portmatrix listen${inbound ? '' : ' --direction outbound'} --token-file FILE ` +
        'there and check with the same --token-file'
      );
    case 'free-port':
      return `stop or move ${r.process ?? 'the program that holds them'} before installing`;
    case 'start-local-service':
      return 'start the services';
    case 'listen-reachable':
      return (
        `make ${r.process ?? 'the service'} listen where clients reach it (${reachable(address)}), ` +
        `not only on ${r.address}`
      );
    case 'port-in-use':
      return 'another program holds them (portmatrix audit --expect free names it)';
    case 'needs-privileges':
      return (
        'binding them was refused (Linux: below 1024 needs root; Windows: a reserved port range, or a program ' +
        'that holds them exclusively): use --port-offset'
      );
    case 'see-reason':
      return `${r.host}: ${r.reason || r.state}`;
    case 'local-reason':
      return r.reason || r.state;
  }
}

// The failing results of rows that did not pass (a failing alternative of an any-of row that passed is left out).
function failingResults(report: Report): ResultEntry[] {
  const failedRows = new Set(report.rows.filter((r) => r.verdict !== 'pass').map(rowKey));
  return report.results.filter((r) => r.verdict !== 'pass' && failedRows.has(rowKey(r)));
}

/**
 * What to change, one line per action with all its ports
 * ("start the service on csm01 (…): tcp/443, 1741; udp/69").
 */
export function actionLines(report: Report): string[] {
  const ctx = { command: report.command, expect: report.settings.expect === 'free' ? ('free' as const) : undefined };
  const address = clientAddressOf(report.settings);
  const groups = new Map<string, Map<string, Set<number>>>();
  for (const r of failingResults(report)) {
    // With --port-offset the probed port differs: said once per action, as in the failure lines.
    const offset = r.probedPort !== undefined ? ` (probed at +${r.probedPort - r.port})` : '';
    const action = `${words(actionKind(r, ctx), r, address)}${offset}`;
    const byProtocol = groups.get(action) ?? new Map<string, Set<number>>();
    byProtocol.set(r.protocol, (byProtocol.get(r.protocol) ?? new Set()).add(r.port));
    groups.set(action, byProtocol);
  }
  return [...groups].map(([action, byProtocol]) => {
    const ports = [...byProtocol].map(([protocol, set]) => `${protocol}/${compressPorts([...set])}`);
    return `${action}: ${ports.join('; ')}`;
  });
}
