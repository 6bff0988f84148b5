import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { runCheck } from '../../src/commands/check.js';
import { ROOT, runCli, writeTable } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

// Active handles by kind (sockets, timers...).
const handles = () => {
  const counts: Record<string, number> = {};
  for (const k of process.getActiveResourcesInfo()) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

describe('resources', () => {
  it('after 10,000 probes no socket, timer or handle is left', async () => {
    const table = writeTable({
      product: 'T',
      rows: [
        {
          id: 'r',
          service: 'S',
          application: 'A',
          ports: ['20000-24999'],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'u',
          service: 'S',
          application: 'A',
          ports: ['20000-24999'],
          protocol: 'udp',
          inbound: true,
          outbound: false,
        },
      ],
    });
    const before = handles();
    const report = await runCheck({
      table: loadTable(table),
      apps: [],
      hosts: ['127.0.0.1'],
      peers: new Map(),
      direction: 'inbound',
      portOffset: 0,
      concurrency: 256,
      timeoutMs: 500,
      retries: 0,
      adaptive: true,
    });
    expect(report.summary.probes).toBe(10000);
    await new Promise((r) => setTimeout(r, 50));
    const after = handles();
    // Nothing new of any kind (the runner's own test harness may have fewer timers by now).
    for (const [kind, n] of Object.entries(after)) expect(n, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBe(0);
    expect(after.UDPWrap ?? 0).toBe(0);
  }, 120000);

  it.runIf(process.platform === 'linux')(
    '--concurrency above the open-file limit is lowered to fit, with a note',
    async () => {
      const table = writeTable({
        product: 'T',
        rows: [
          {
            id: 'r',
            service: 'S',
            application: 'A',
            ports: ['20000-20999'],
            protocol: 'tcp',
            inbound: true,
            outbound: false,
          },
        ],
      });
      const r = spawnSync(
        'sh',
        [
          '-c',
          `ulimit -n 256 && exec "${process.execPath}" "${path.join(ROOT, 'dist/portmatrix.cjs')}" ` +
            `check 127.0.0.1 --ports "${table}" --concurrency 1000 --format json`,
        ],
        { encoding: 'utf8' },
      );
      const report = JSON.parse(r.stdout) as Report;
      expect(report.settings.concurrency).toBe(192);
      expect(report.notes).toContain('--concurrency 1000 lowered to 192 to fit the open-file limit (256)');
      expect(report.results.filter((x) => x.state === 'error')).toEqual([]);
    },
  );

  it.runIf(process.platform === 'linux')('EMFILE during a run retries the probe instead of failing it', () => {
    // Bypass the fitting: 400 probes in flight with 200 descriptors.
    const code = `const { runProbes } = await import('${path.join(ROOT, 'dist/probe/run-probes.js')}');
      const probes = Array.from({ length: 3000 }, (_, i) =>
        ({ key: 'k' + i, host: 'h', protocol: 'tcp', port: 21000 + i, probedPort: 21000 + i }));
      const out = await runProbes(probes, new Map([['h', { host: 'h', address: '127.0.0.1' }]]),
        { concurrency: 400, timeoutMs: 2000, retries: 0, adaptive: false });
      const states = {}; for (const o of out.values()) states[o.state] = (states[o.state] ?? 0) + 1;
      console.log(JSON.stringify(states));`;
    const r = spawnSync('sh', ['-c', `ulimit -n 200 && exec "${process.execPath}" --input-type=module -e "$0"`, code], {
      encoding: 'utf8',
    });
    const states = JSON.parse(r.stdout) as Record<string, number>;
    expect(states.error ?? 0).toBe(0);
    expect((states.closed ?? 0) + (states.open ?? 0)).toBe(3000);
  });

  it('a user can still pipe a table in', async () => {
    const r = await runCli(['ports', '--ports', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/null: expected a JSON document/);
  });
});

describe('memory over a long run', () => {
  it.runIf(process.platform === 'linux')(
    '100,000 probes run within a 128 MB heap: what is retained does not grow with the run',
    () => {
      const table = writeTable({
        product: 'T',
        rows: [
          {
            id: 'r',
            service: 'S',
            application: 'A',
            ports: ['20000-32499'],
            protocol: 'tcp',
            inbound: true,
            outbound: false,
          },
        ],
      });
      const code = `const { loadTable } = await import('${path.join(ROOT, 'dist/table/load-table.js')}');
      const { runCheck } = await import('${path.join(ROOT, 'dist/commands/check.js')}');
      const hosts = Array.from({ length: 8 }, (_, i) => '127.0.2.' + (i + 1));
      const r = await runCheck({ table: loadTable(${JSON.stringify(table)}), apps: [], hosts, peers: new Map(),
        direction: 'inbound', portOffset: 0, concurrency: 256, timeoutMs: 2000, retries: 0, adaptive: true });
      const heapMB = Math.round(process.memoryUsage().heapUsed / 1048576);
      console.log(JSON.stringify({ probes: r.summary.probes, heapMB }));`;
      // A linear leak of even 1 KB per probe would need 100 MB more than the probes' own results.
      const r = spawnSync(process.execPath, ['--max-old-space-size=128', '--input-type=module', '-e', code], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      expect(r.stderr).not.toMatch(/heap out of memory/);
      const out = JSON.parse(r.stdout) as { probes: number; heapMB: number };
      expect(out.probes).toBe(100000);
      expect(out.heapMB).toBeLessThan(128);
    },
    180000,
  );
});
