// floor: 10,000 TCP probes to closed loopback ports, whole process (JSON to a pipe): portmatrix vs a bare Node
// connect loop at the same concurrency (the runtime's floor) vs nmap -sT where installed, in interleaved
// rounds (ROUNDS, default 5) so that the load of a shared machine hits all alike; medians, load average beside.
import { ROOT, checkArgv, inboundRow, interleaved, nmapVersion, report, tableFile } from './lib/measure.mjs';
import path from 'node:path';

const FROM = 30000,
  TO = 39999,
  CONC = 256,
  ROUNDS = Number(process.env.ROUNDS ?? 5);
const table = tableFile('floor', [inboundRow('floor', `${FROM}-${TO}`)]);
const commands = {
  'portmatrix check': checkArgv(['127.0.0.1'], table, '--concurrency', String(CONC)),
  'bare node connect loop': [
    process.execPath,
    path.join(ROOT, 'bench', 'bare-connect.mjs'),
    String(FROM),
    String(TO),
    String(CONC),
  ],
  ...(nmapVersion() ? { 'nmap -sT': ['nmap', '-sT', '-n', '-Pn', '-p', `${FROM}-${TO}`, '127.0.0.1'] } : {}),
};
const { medians, medianCpuMs, runs, loadAverage } = await interleaved(ROUNDS, commands);
const pm = medians['portmatrix check'];
const bare = medians['bare node connect loop'];
const nmap = medians['nmap -sT'];
const rows = Object.entries(medians).map(([tool, r]) => ({
  tool,
  probes: tool === 'portmatrix check' ? JSON.parse(r.stdout).summary.probes : TO - FROM + 1,
  wallMs: r.ms,
  cpuMs: medianCpuMs[tool],
  peakRssMB: r.rssMB,
  allWallMs: runs[tool].map((x) => x.ms).join(' '),
}));
report('floor', rows, {
  rounds: ROUNDS,
  loadAverage: `${loadAverage[0]} before, ${loadAverage[1]} after`,
  ratioVsBareNode: +(pm.ms / bare.ms).toFixed(2),
  cpuRatioVsBareNode: +(medianCpuMs['portmatrix check'] / medianCpuMs['bare node connect loop']).toFixed(2),
  ...(nmap ? { ratioVsNmap: +(pm.ms / nmap.ms).toFixed(2) } : {}),
  target: 'ratio vs bare node <= 1.3 (median of 5 interleaved runs)',
});
