// lossy: the firewall bed (Table A-1's ports listening on the server, a third dropped, some rejected) behind
// a WAN path: 10 % loss each way (nftables numgen in the server namespace) and 150 +- 20 ms each way (a
// user-space relay between TUN devices). portmatrix with its defaults, 3 runs of 3, against the states the
// bed must give; nmap -sT + -sU on the same path for time and states.
import path from 'node:path';
import { ADDR, netnsUnavailable } from '../test/support/netns.mjs';
import { WanNet, wanUnavailable } from '../test/support/wan.mjs';
import { firewallBed, nmapStates, wrongStates } from '../test/support/table-bed.mjs';
import { ROOT, nmapVersion, report, run } from './lib/measure.mjs';
import { wholeTableCheck } from './lib/every-peer.mjs';

const why = netnsUnavailable() ?? wanUnavailable();
if (why) {
  process.stdout.write(`lossy bench skipped: ${why}\n`);
  process.exit(0);
}
const SETS = Number(process.env.PMX_BENCH_SETS ?? 3),
  PER_SET = 3;
const bed = firewallBed(path.join(ROOT, 'ports.json'));
const net = new WanNet({ delayMs: 150, jitterMs: 20, lossPct: 10 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await net.open();
  net.nft(net.server, bed.ruleset);
  await net.sockets(net.server, bed.tcp, bed.udp);
  const rows = [];
  const ours = [];
  let wrongTotal = 0;
  for (let set = 1; set <= SETS; set++) {
    for (let i = 1; i <= PER_SET; i++) {
      const pm = await run(wholeTableCheck(ADDR.server4), {
        ns: net.client,
      });
      const rep = JSON.parse(pm.stdout);
      const wrong = wrongStates(rep, bed.truth);
      wrongTotal += wrong.length;
      ours.push(pm.ms);
      const attempts = rep.results.map((r) => r.attempts ?? 0);
      rows.push({
        tool: 'portmatrix check (defaults)',
        run: `${set}.${i}`,
        right: `${bed.truth.size - wrong.length}/${bed.truth.size}`,
        wallMs: pm.ms,
        maxAttempts: Math.max(...attempts),
        wrong: wrong.join('; '),
      });
    }
  }
  const theirs = [];
  if (nmapVersion()) {
    for (let i = 1; i <= PER_SET; i++) {
      const t = await run(['nmap', '-sT', '-n', '-Pn', '-oG', '-', '-p', bed.tcp.join(','), ADDR.server4], {
        ns: net.client,
      });
      const u = await run(['nmap', '-sU', '-n', '-Pn', '-oG', '-', '-p', bed.udp.join(','), ADDR.server4], {
        ns: net.client,
      });
      const states = new Map([
        ...[...nmapStates(t.stdout, 'tcp', bed.tcp)].map(([p, s]) => [`tcp/${p}`, s]),
        ...[...nmapStates(u.stdout, 'udp', bed.udp)].map(([p, s]) => [`udp/${p}`, s]),
      ]);
      const right = [...bed.truth].filter(([k, s]) => states.get(k) === s).length;
      theirs.push(t.ms + u.ms);
      rows.push({ tool: 'nmap -sT + -sU', run: i, right: `${right}/${bed.truth.size}`, wallMs: t.ms + u.ms });
    }
  }
  report('lossy', rows, {
    path: '10 % loss each way, 150 +- 20 ms each way',
    portmatrixMedianMs: median(ours),
    ...(theirs.length ? { nmapMedianMs: median(theirs), ratio: +(median(ours) / median(theirs)).toFixed(2) } : {}),
    wrongStates: wrongTotal,
    target: '100 % right in 3 runs of 3, ratio <= 0.5',
  });
} finally {
  net.down();
}
