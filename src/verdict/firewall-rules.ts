import type { Direction, Protocol } from '../table/types.js';
import type { FirewallRules } from '../model/report.js';
import { isIPv6Address } from '../util/address.js';

/** The flow a rule must allow. */
export interface Flow {
  id: string;
  protocol: Protocol;
  /** Ports as numbers and inclusive ranges. */
  ports: Array<{ from: number; to: number }>;
  direction: Direction;
  source?: string;
  destination?: string;
  /** Allow the return path instead: from the destination's ports back to the source (replies dropped). */
  reply?: boolean;
}

const span = (p: { from: number; to: number }, sep: string) =>
  p.from === p.to ? `${p.from}` : `${p.from}${sep}${p.to}`;
const isV6 = (a?: string) => a !== undefined && isIPv6Address(a);
// On the server, a forward inbound flow and the replies of an outbound one arrive; the others leave.
const arrives = (f: Flow) => (f.direction === 'inbound') !== (f.reply ?? false);
// Who sends the matched packets, who receives them, and which port field names the table's ports.
const ends = (f: Flow) =>
  f.reply
    ? { from: f.destination, to: f.source, port: 'sport' as const }
    : { from: f.source, to: f.destination, port: 'dport' as const };

// nftables: one rule with a port set.
function nft(f: Flow): string {
  const fam = isV6(f.destination) || isV6(f.source) ? 'ip6' : 'ip';
  const ports = f.ports.length === 1 ? span(f.ports[0]!, '-') : `{ ${f.ports.map((p) => span(p, '-')).join(', ')} }`;
  const e = ends(f);
  const parts = ['nft add rule inet filter', arrives(f) ? 'input' : 'output'];
  if (e.from) parts.push(`${fam} saddr ${e.from}`);
  if (e.to) parts.push(`${fam} daddr ${e.to}`);
  parts.push(`${f.protocol} ${e.port} ${ports} accept`);
  return parts.join(' ');
}

// iptables: multiport for several ports.
function ipt(f: Flow): string {
  const cmd = isV6(f.destination) || isV6(f.source) ? 'ip6tables' : 'iptables';
  const e = ends(f);
  const parts = [cmd, '-A', arrives(f) ? 'INPUT' : 'OUTPUT', '-p', f.protocol];
  if (e.from) parts.push('-s', e.from);
  if (e.to) parts.push('-d', e.to);
  if (f.ports.length === 1) parts.push(`--${e.port}`, span(f.ports[0]!, ':'));
  else parts.push('-m', 'multiport', `--${e.port}s`, f.ports.map((p) => span(p, ':')).join(','));
  parts.push('-j', 'ACCEPT');
  return parts.join(' ');
}

// Windows Defender Firewall on the server: inbound rows' ports are local, outbound rows' remote; replies flip
// the rule's direction.
function win(f: Flow): string {
  const ports = f.ports.map((p) => span(p, '-')).join(',');
  const proto = f.protocol.toUpperCase();
  const inbound = f.direction === 'inbound';
  const remote = inbound ? f.source : f.destination;
  return [
    `New-NetFirewallRule -DisplayName "portmatrix ${f.id}${f.reply ? ' replies' : ''}"`,
    `-Direction ${arrives(f) ? 'Inbound' : 'Outbound'} -Protocol ${proto}`,
    `-${inbound ? 'Local' : 'Remote'}Port ${ports}${remote ? ` -RemoteAddress ${remote}` : ''} -Action Allow`,
  ].join(' ');
}

// Cisco ASA extended access list: one line per port or range.
function asa(f: Flow): string {
  const host = (a?: string) => (a ? `host ${a}` : 'any');
  const e = ends(f);
  const op = (p: { from: number; to: number }) => (p.from === p.to ? `eq ${p.from}` : `range ${p.from} ${p.to}`);
  const line = (p: { from: number; to: number }) =>
    f.reply ? `${host(e.from)} ${op(p)} ${host(e.to)}` : `${host(e.from)} ${host(e.to)} ${op(p)}`;
  return f.ports.map((p) => `access-list PORTMATRIX extended permit ${f.protocol} ${line(p)}`).join('\n');
}

/** The rules that would allow a flow, as nftables, iptables, Windows and Cisco ASA write them. */
export function firewallRules(f: Flow): FirewallRules {
  return { nftables: nft(f), iptables: ipt(f), windows: win(f), asa: asa(f) };
}
