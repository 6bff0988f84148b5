// memory: peak RSS of 25,000 / 50,000 / 100,000-probe runs (closed loopback ports over 2-8 addresses) that
// write their report to a real file (--output FILE), JSON and, for 100,000, CSV too: what grows with the run.
// Target (issue 18): 100,000 probes with --format json|csv --output FILE <= 200 MB peak RSS.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkArgv, inboundRow, loadAverage, report, run, tableFile } from './lib/measure.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'portmatrix-memory-'));
const rows = [];
try {
  for (const [probes, addresses, format] of [
    [25000, 2, 'json'],
    [50000, 4, 'json'],
    [100000, 8, 'json'],
    [100000, 8, 'csv'],
  ]) {
    const hosts = Array.from({ length: addresses }, (_, i) => `127.0.1.${i + 1}`);
    const table = tableFile(`memory-${probes}`, [inboundRow('r', `20000-${20000 + probes / addresses - 1}`)]);
    const file = path.join(dir, `report-${probes}.${format}`);
    const argv = checkArgv(hosts, table, '--output', file, '--concurrency', '256');
    argv[argv.indexOf('--format') + 1] = format;
    const load = loadAverage();
    const r = await run(argv);
    rows.push({
      probes,
      format,
      wallMs: r.ms,
      cpuMs: r.cpuMs,
      peakRssMB: r.rssMB,
      reportMB: +(statSync(file).size / 2 ** 20).toFixed(1),
      loadAverage: load,
    });
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report('memory', rows, { target: '100,000 probes with --format json|csv --output FILE <= 200 MB peak RSS' });
