import { actionKind, rowActionKind } from './action-kind.js';
import { compressPorts } from '../table/port-spec.js';
import type { ResultEntry, RowResult } from '../model/report.js';

/** What the one-line fix of a local command (audit, listen) depends on besides the row. */
export interface LocalContext {
  command: 'audit' | 'listen';
  /** audit: what the server should look like. */
  expect?: 'free' | 'listening';
  /** audit --address: the address clients reach the server at. */
  address?: string;
}

/** The one-line fix for a check or matrix row, from the actions its failing ports need (see rowActionKind). */
export function probeLine(row: RowResult, failing: ResultEntry[]): string {
  const list = compressPorts(failing.map((r) => r.port));
  const ports = `${row.protocol}/${list}`;
  const src = failing.find((r) => r.source)?.source;
  const dst = failing[0]!.address || row.host;
  const kind = rowActionKind(failing.map((r) => actionKind(r, { command: 'check' })));
  switch (kind) {
    case 'allow-replies':
      return (
        `${ports} reaches ${row.host} but its replies are dropped on the way back: allow ${row.protocol} ` +
        `from ${row.host} ports ${list} back to ${src ?? 'the sender'} (a stateless or asymmetric rule)`
      );
    case 'allow-path': {
      const where = row.direction === 'inbound' ? 'server' : "server's outbound rules";
      const to = `${row.host}${dst !== row.host ? ` (${dst})` : ''}`;
      return `allow ${ports} from ${src ?? 'this client'} to ${to} in the firewalls on the path and on the ${where}`;
    }
    case 'remove-reset':
      return (
        `${ports} on ${row.host} is reset where a responder was expected: remove the firewall rule that rejects ` +
        'it with reset, or start the responder on this port'
      );
    case 'start-service':
      return row.direction === 'inbound'
        ? `nothing listens on ${row.host} ${ports}: ` +
            'start the service (before installation, run portmatrix listen there)'
        : `nothing listens on peer ${row.host} ${ports}: start the peer's service`;
    case 'find-impostor':
      return (
        `${ports} on ${row.host} answers, but not with your token: another program or a middlebox holds it, ` +
        "or the responder's --allow excludes this source"
      );
    case 'prove':
      return `no proof either way for ${ports} on ${row.host}: check against portmatrix listen --token-file FILE`;
    default:
      return failing[0]!.reason;
  }
}

/** audit --address as a report's settings carry it: the address clients reach the server at, if given. */
export function clientAddressOf(settings: Readonly<Record<string, unknown>>): string | undefined {
  return typeof settings.address === 'string' ? settings.address : undefined;
}

/** Where a service must listen for clients to reach it: every address, or the one clients use (audit --address). */
export function reachable(address?: string): string {
  return `0.0.0.0 or ::, or ${address ?? 'the address clients use'}`;
}

// audit --expect listening: start what does not listen; move what listens only where clients cannot reach it.
function listeningLine(ports: string, failing: ResultEntry[], address?: string): string {
  if (failing.some((r) => r.state !== 'listening')) return `start the service for ${ports}`;
  const on = [...new Set(failing.map((r) => r.address))].join(', ');
  return `make ${ports} listen where clients reach it (${reachable(address)}), not only on ${on}`;
}

/** The one-line fix for an audit or listen row. */
export function localLine(ctx: LocalContext, row: RowResult, failing: ResultEntry[]): string {
  const ports = `${row.protocol}/${compressPorts(failing.map((r) => r.port))}`;
  const holders = [...new Set(failing.map((r) => r.process).filter(Boolean))].join(', ');
  if (ctx.command === 'audit')
    return ctx.expect === 'free'
      ? `free ${ports}: stop or move ${holders || 'the program that holds it'} before installing`
      : listeningLine(ports, failing, ctx.address);
  return `${ports}: ${failing[0]!.reason}`;
}
