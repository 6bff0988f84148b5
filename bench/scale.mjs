// scale: 1,000 to 20,000 probes over up to 200 addresses of 127.0.0.0/8, half of them to listeners:
// probes/s, wall time and peak RSS, to show that cost grows linearly.
import net from 'node:net';
import { checkArgv, inboundRow, report, run, tableFile } from './lib/measure.mjs';

const BASE = 41000;
const SIZES = [
  [1000, 20, 50],
  [5000, 100, 50],
  [10000, 200, 50],
  [20000, 200, 100],
];
const maxPorts = Math.max(...SIZES.map(([, , p]) => p));
// Listeners on the first half of every size's ports, on all loopback addresses.
const servers = [];
for (let i = 0; i < maxPorts / 2; i++) {
  const s = net.createServer((c) => c.destroy());
  await new Promise((resolve, reject) => s.once('error', reject).listen(BASE + i, '0.0.0.0', resolve));
  servers.push(s);
}
const rows = [];
for (const [probes, addresses, ports] of SIZES) {
  const hosts = Array.from(
    { length: addresses },
    (_, i) => `127.0.${Math.floor((i + 1) / 250)}.${((i + 1) % 250) + 1}`,
  );
  const half = ports / 2;
  // Half the probes go to listening ports: the first `half` of BASE.. are listened, then as many closed ones.
  const table = tableFile(`scale-${probes}`, [
    inboundRow('open-half', `${BASE}-${BASE + half - 1}`),
    inboundRow('closed-half', `${BASE + maxPorts}-${BASE + maxPorts + half - 1}`),
  ]);
  const r = await run(checkArgv(hosts, table, '--concurrency', '256'));
  const summary = JSON.parse(r.stdout).summary;
  rows.push({
    probes: summary.probes,
    addresses,
    wallMs: r.ms,
    probesPerSec: Math.round(summary.probes / (r.ms / 1000)),
    peakRssMB: r.rssMB,
    pass: summary.pass,
    fail: summary.fail,
    usPerProbe: Math.round((r.ms * 1000) / summary.probes),
  });
}
for (const s of servers) s.close();
const per = rows.map((r) => r.usPerProbe);
report('scale', rows, {
  linearity: `µs per probe ${per.join(' / ')} (flat means linear)`,
  target: '10,000 probes <= 150 MB peak RSS',
});
