// memory: peak RSS of 25,000 / 50,000 / 100,000-probe runs (closed loopback ports over 2-8
// addresses), to see what grows with the run: the probes in flight, or the results kept for the report.
import { checkArgv, inboundRow, report, run, tableFile } from './lib/measure.mjs';

const rows = [];
for (const [probes, addresses] of [
  [25000, 2],
  [50000, 4],
  [100000, 8],
]) {
  const hosts = Array.from({ length: addresses }, (_, i) => `127.0.1.${i + 1}`);
  const table = tableFile(`memory-${probes}`, [inboundRow('r', `20000-${20000 + probes / addresses - 1}`)]);
  const r = await run(checkArgv(hosts, table, '--output', '/dev/null', '--concurrency', '256'));
  rows.push({
    probes,
    wallMs: r.ms,
    peakRssMB: r.rssMB,
    kBPerProbe: r.rssMB ? +((r.rssMB * 1024) / probes).toFixed(2) : undefined,
  });
}
report('memory', rows, {
  note: 'every result is kept for the report (JSON, matrix); the probe machinery holds only what is in flight',
});
