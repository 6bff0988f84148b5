// The firewall bed of the benchmarks and the field tests: every port of a port table listening on the
// server, a third of them dropped and some rejected (TCP reset, ICMP port-unreachable), and the state each
// port must therefore get.
import { readFileSync } from 'node:fs';

// Every port of a row's ports list (numbers and "from-to" ranges).
const expand = (ports) =>
  ports.flatMap((p) => {
    const [a, b] = String(p).split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
  });

/** The distinct ports of a table file, per protocol, sorted. */
export function tablePorts(file) {
  const table = JSON.parse(readFileSync(file, 'utf8'));
  const of = (proto) =>
    [...new Set(table.rows.filter((r) => r.protocol === proto).flatMap((r) => expand(r.ports)))].sort((a, b) => a - b);
  return { tcp: of('tcp'), udp: of('udp') };
}

/** Which ports the bed drops and rejects, its nftables input ruleset, and the state every port must get. */
export function firewallBed(file) {
  const { tcp, udp } = tablePorts(file);
  const dropTcp = tcp.filter((_, i) => i % 3 === 0),
    rejectTcp = tcp.filter((_, i) => i % 7 === 1);
  const dropUdp = udp.filter((_, i) => i % 3 === 0),
    rejectUdp = udp.filter((_, i) => i % 3 === 1);
  const ruleset = [
    'table inet bench {',
    '  chain input {',
    '    type filter hook input priority 0; policy accept;',
    `    tcp dport { ${dropTcp.join(', ')} } drop`,
    `    tcp dport { ${rejectTcp.join(', ')} } reject with tcp reset`,
    `    udp dport { ${dropUdp.join(', ')} } drop`,
    `    udp dport { ${rejectUdp.join(', ')} } reject with icmpx port-unreachable`,
    '  }',
    '}',
  ].join('\n');
  const truth = new Map();
  for (const p of tcp)
    truth.set(`tcp/${p}`, dropTcp.includes(p) ? 'filtered' : rejectTcp.includes(p) ? 'closed' : 'open');
  for (const p of udp)
    truth.set(`udp/${p}`, dropUdp.includes(p) ? 'open|filtered' : rejectUdp.includes(p) ? 'closed' : 'open');
  return { tcp, udp, dropTcp, rejectTcp, dropUdp, rejectUdp, ruleset, truth };
}

/** Ports whose state in a JSON report differs from the bed's truth: ["tcp/443: open, expected filtered"]. */
export function wrongStates(report, truth) {
  const seen = new Map(report.results.map((r) => [`${r.protocol}/${r.port}`, r.state]));
  const wrong = [];
  for (const [k, want] of truth)
    if (seen.get(k) !== want) wrong.push(`${k}: ${seen.get(k) ?? 'missing'}, expected ${want}`);
  return wrong;
}

/** nmap -oG states: "Ports: 21/open/tcp//ftp///, ..." and "Ignored State: closed (30)" for the rest. */
export function nmapStates(text, proto, ports) {
  const out = new Map();
  for (const m of text.matchAll(/(\d+)\/([a-z|]+)\/(tcp|udp)\//g)) if (m[3] === proto) out.set(Number(m[1]), m[2]);
  const ignored = /Ignored State: ([a-z|]+)/.exec(text)?.[1];
  if (ignored) for (const p of ports) if (!out.has(p)) out.set(p, ignored);
  return out;
}
