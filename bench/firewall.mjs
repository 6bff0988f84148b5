// firewall: two network namespaces, the Table A-1 ports listening on the server, a third of them
// dropped and some rejected, UDP included. portmatrix with its defaults (TCP and UDP in one run)
// vs nmap -sT plus nmap -sU (-n -Pn, defaults) on the same targets: wall time, ratio, states.
// all-filtered: everything dropped, the whole table, both directions, against the timeout.
import { ADDR, TestNet, netnsUnavailable } from '../test/support/netns.mjs';
import { firewallBed, nmapStates } from '../test/support/table-bed.mjs';
import { ROOT, nmapVersion, report, run } from './lib/measure.mjs';
import path from 'node:path';
import { wholeTableCheck } from './lib/every-peer.mjs';

const why = netnsUnavailable();
if (why) {
  process.stdout.write(`firewall bench skipped: ${why}\n`);
  process.exit(0);
}

const bed = firewallBed(path.join(ROOT, 'ports.json'));
const { tcp, udp, dropTcp, rejectTcp, dropUdp, rejectUdp } = bed;

const net = new TestNet();
try {
  net.up();
  net.nft(net.server, bed.ruleset);
  await net.sockets(net.server, tcp, udp);
  const rows = [];
  const pm = await run(wholeTableCheck(ADDR.server4), { ns: net.client });
  const report1 = JSON.parse(pm.stdout);
  rows.push({ tool: 'portmatrix check (tcp+udp, defaults)', probes: report1.summary.probes, wallMs: pm.ms });
  const ours = new Map(report1.results.map((r) => [`${r.protocol}/${r.port}`, r.state]));
  let agreement;
  if (nmapVersion()) {
    const t = await run(['nmap', '-sT', '-n', '-Pn', '-oG', '-', '-p', tcp.join(','), ADDR.server4], {
      ns: net.client,
    });
    const u = await run(['nmap', '-sU', '-n', '-Pn', '-oG', '-', '-p', udp.join(','), ADDR.server4], {
      ns: net.client,
    });
    rows.push(
      { tool: 'nmap -sT', probes: tcp.length, wallMs: t.ms },
      { tool: 'nmap -sU', probes: udp.length, wallMs: u.ms },
      { tool: 'nmap -sT + -sU', probes: tcp.length + udp.length, wallMs: t.ms + u.ms },
    );
    const theirs = new Map([
      ...[...nmapStates(t.stdout, 'tcp', tcp)].map(([p, s]) => [`tcp/${p}`, s]),
      ...[...nmapStates(u.stdout, 'udp', udp)].map(([p, s]) => [`udp/${p}`, s]),
    ]);
    const differ = [...ours]
      .filter(([k, s]) => theirs.get(k) !== s)
      .map(([k, s]) => `${k}: portmatrix ${s}, nmap ${theirs.get(k) ?? 'not listed'}`);
    agreement = { compared: ours.size, identical: ours.size - differ.length, differ };
    rows.push({ tool: 'ratio portmatrix / nmap', probes: '', wallMs: +(pm.ms / (t.ms + u.ms)).toFixed(2) });
  }
  report('firewall', rows, {
    dropped: { tcp: dropTcp.length, udp: dropUdp.length },
    rejected: { tcp: rejectTcp.length, udp: rejectUdp.length },
    states: agreement ?? 'nmap not installed',
    target: 'ratio <= 0.5 with identical states',
  });

  // all filtered: everything dropped, whole table, both directions.
  net.nft(
    net.server,
    'table inet bench2 {\n  chain input {\n    type filter hook input priority -10; policy drop;\n  }\n}',
  );
  const timeoutMs = 2000,
    attempts = 2;
  const all = await run(wholeTableCheck(ADDR.server4, '--timeout', String(timeoutMs)), { ns: net.client });
  const s = JSON.parse(all.stdout).summary;
  report(
    'all-filtered',
    [
      {
        probes: s.probes,
        wallMs: all.ms,
        bound: Math.round(1.2 * timeoutMs * attempts),
        ratio: +(all.ms / (timeoutMs * attempts)).toFixed(2),
      },
    ],
    {
      states: `${s.fail} fail, ${s.unknown} unknown`,
      target:
        'wall <= 1.2 x timeout x attempts (attempts = 1 + --retries for UDP; ' +
        'TCP waits the full timeout once when no round trip is known)',
    },
  );
} finally {
  net.down();
}
