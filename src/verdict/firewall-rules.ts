import net from 'node:net';
import type { Direction, Protocol } from '../table/types.js';
import type { FirewallRules } from '../model/report.js';

/** The flow a rule must allow. */
export interface Flow {
  id: string;
  protocol: Protocol;
  /** Ports as numbers and inclusive ranges. */
  ports: Array<{ from: number; to: number }>;
  direction: Direction;
  source?: string;
  destination?: string;
}

const span = (p: { from: number; to: number }, sep: string) =>
  p.from === p.to ? `${p.from}` : `${p.from}${sep}${p.to}`;
const isV6 = (a?: string) => a !== undefined && net.isIPv6(a);

// nftables: one rule with a port set.
function nft(f: Flow): string {
  const fam = isV6(f.destination) || isV6(f.source) ? 'ip6' : 'ip';
  const ports = f.ports.length === 1 ? span(f.ports[0]!, '-') : `{ ${f.ports.map((p) => span(p, '-')).join(', ')} }`;
  const chain = f.direction === 'inbound' ? 'input' : 'output';
  const parts = ['nft add rule inet filter', chain];
  if (f.source) parts.push(`${fam} saddr ${f.source}`);
  if (f.destination) parts.push(`${fam} daddr ${f.destination}`);
  parts.push(`${f.protocol} dport ${ports} accept`);
  return parts.join(' ');
}

// iptables: multiport for several ports.
function ipt(f: Flow): string {
  const cmd = isV6(f.destination) || isV6(f.source) ? 'ip6tables' : 'iptables';
  const chain = f.direction === 'inbound' ? 'INPUT' : 'OUTPUT';
  const parts = [cmd, '-A', chain, '-p', f.protocol];
  if (f.source) parts.push('-s', f.source);
  if (f.destination) parts.push('-d', f.destination);
  if (f.ports.length === 1) parts.push('--dport', span(f.ports[0]!, ':'));
  else parts.push('-m', 'multiport', '--dports', f.ports.map((p) => span(p, ':')).join(','));
  parts.push('-j', 'ACCEPT');
  return parts.join(' ');
}

// Windows Defender Firewall on the server: inbound rules name local ports, outbound rules remote ones.
function win(f: Flow): string {
  const ports = f.ports.map((p) => span(p, '-')).join(',');
  const proto = f.protocol.toUpperCase();
  if (f.direction === 'inbound') {
    return `New-NetFirewallRule -DisplayName "portmatrix ${f.id}" -Direction Inbound -Protocol ${proto} -LocalPort ${ports}${f.source ? ` -RemoteAddress ${f.source}` : ''} -Action Allow`;
  }
  return `New-NetFirewallRule -DisplayName "portmatrix ${f.id}" -Direction Outbound -Protocol ${proto} -RemotePort ${ports}${f.destination ? ` -RemoteAddress ${f.destination}` : ''} -Action Allow`;
}

// Cisco ASA extended access list: one line per port or range.
function asa(f: Flow): string {
  const host = (a?: string) => (a ? `host ${a}` : 'any');
  return f.ports
    .map(
      (p) =>
        `access-list PORTMATRIX extended permit ${f.protocol} ${host(f.source)} ${host(f.destination)} ${p.from === p.to ? `eq ${p.from}` : `range ${p.from} ${p.to}`}`,
    )
    .join('\n');
}

/** The rules that would allow a flow, as nftables, iptables, Windows and Cisco ASA write them. */
export function firewallRules(f: Flow): FirewallRules {
  return { nftables: nft(f), iptables: ipt(f), windows: win(f), asa: asa(f) };
}
