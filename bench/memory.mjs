// memory: peak RSS of 25,000 / 50,000 / 100,000-probe runs (closed loopback ports over 5-10 addresses) that
// write their report to a real file (--output FILE), JSON and, for 100,000, CSV too (and JSON with --concurrency
// 256: each probe in flight costs memory until V8 collects its old space).
// Target (issue 18): 100,000 probes with --format json|csv --output FILE <= 200 MB peak RSS.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkArgv, inboundRow, loadAverage, report, run, tableFile } from './lib/measure.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'portmatrix-memory-'));
const rows = [];
try {
  for (const [probes, addresses, format, concurrency] of [
    [25000, 5, 'json'],
    [50000, 5, 'json'],
    [100000, 10, 'json'],
    [100000, 10, 'csv'],
    [100000, 10, 'json', 256],
  ]) {
    const hosts = Array.from({ length: addresses }, (_, i) => `127.0.1.${i + 1}`);
    const table = tableFile(`memory-${probes}`, [inboundRow('r', `20000-${20000 + probes / addresses - 1}`)]);
    const file = path.join(dir, `report-${probes}.${format}`);
    const argv = checkArgv(hosts, table, '--output', file, ...(concurrency ? ['--concurrency', `${concurrency}`] : []));
    argv[argv.indexOf('--format') + 1] = format;
    const load = loadAverage();
    const r = await run(argv);
    rows.push({
      probes,
      format,
      concurrency: concurrency ?? 'default',
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
