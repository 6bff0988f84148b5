// floor: 10,000 TCP probes to closed loopback ports, whole process:
// portmatrix vs a bare Node connect loop (the runtime's floor) vs nmap -sT where installed.
import { ROOT, checkArgv, inboundRow, median, nmapVersion, report, run, tableFile } from './lib/measure.mjs';
import path from 'node:path';

const FROM = 30000,
  TO = 39999,
  CONC = 256,
  RUNS = 3;
const table = tableFile('floor', [inboundRow('floor', `${FROM}-${TO}`)]);
const rows = [];
const pm = await median(RUNS, () => run(checkArgv(['127.0.0.1'], table, '--concurrency', String(CONC))));
const probes = JSON.parse(pm.stdout).summary.probes;
rows.push({ tool: 'portmatrix check', probes, wallMs: pm.ms, peakRssMB: pm.rssMB });
const bare = await median(RUNS, () =>
  run([process.execPath, path.join(ROOT, 'bench', 'bare-connect.mjs'), String(FROM), String(TO), String(CONC)]),
);
rows.push({ tool: 'bare node connect loop', probes: TO - FROM + 1, wallMs: bare.ms, peakRssMB: bare.rssMB });
let nmap;
if (nmapVersion()) {
  nmap = await median(RUNS, () => run(['nmap', '-sT', '-n', '-Pn', '-p', `${FROM}-${TO}`, '127.0.0.1']));
  rows.push({ tool: 'nmap -sT', probes: TO - FROM + 1, wallMs: nmap.ms, peakRssMB: nmap.rssMB });
}
report('floor', rows, {
  ratioVsBareNode: +(pm.ms / bare.ms).toFixed(2),
  ...(nmap ? { ratioVsNmap: +(pm.ms / nmap.ms).toFixed(2) } : {}),
  target: 'ratio vs bare node <= 1.5',
});
