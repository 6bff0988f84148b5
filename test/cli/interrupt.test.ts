import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, writeTable } from '../helpers/cli.js';
import { tcpListener } from '../helpers/sockets.js';
import type { Report } from '../../src/report/types.js';

// Starts the CLI, sends SIGINT once `ready` shows (or after `afterMs`), returns code, output and time.
function interrupted(args: string[], opts: { ready?: RegExp; afterMs?: number }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number; afterSignalMs: number }>(
    (resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '',
        stderr = '',
        sent = false,
        signalled = 0;
      const t0 = Date.now();
      const fire = () => {
        if (!sent) {
          sent = true;
          signalled = Date.now();
          child.kill('SIGINT');
        }
      };
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        if (opts.ready?.test(stderr)) fire();
      });
      if (opts.afterMs !== undefined) setTimeout(fire, opts.afterMs);
      child.on('close', (code) =>
        resolve({ code, stdout, stderr, ms: Date.now() - t0, afterSignalMs: Date.now() - signalled }),
      );
    },
  );
}

describe('interruption', () => {
  const listeners: Array<{ port: number; close(): Promise<void> }> = [];
  let table: string;
  beforeAll(async () => {
    // Listeners that never answer a verification request: with --token every probe waits its timeout.
    for (let i = 0; i < 12; i++) listeners.push(await tcpListener());
    table = writeTable({
      product: 'T',
      rows: listeners.map((l, i) => ({
        id: `r${i}`,
        service: 'S',
        application: 'A',
        ports: [l.port],
        protocol: 'tcp',
        inbound: true,
        outbound: false,
      })),
    });
  });
  afterAll(async () => {
    for (const l of listeners) await l.close();
  });

  it('SIGINT during check: no new probes, in-flight ones finish within a timeout, partial report marked incomplete, exit 130', async () => {
    const out = path.join(tempDir(), 'partial.json');
    const r = await interrupted(
      [
        'check',
        '127.0.0.1',
        '--ports',
        table,
        '--token',
        't',
        '--timeout',
        '1500',
        '--concurrency',
        '4',
        '--no-adaptive',
        '--format',
        'json',
        '--output',
        out,
      ],
      { afterMs: 600 },
    );
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1500 + 1000); // at most one timeout after the signal (+ time to print and exit)
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.incomplete).toBe(true);
    expect(report.results.length).toBe(4); // the four in flight, nothing started after the signal
    expect(report.summary.probes).toBe(4);
    expect(r.stdout).toMatch(/INCOMPLETE \(interrupted\)/);
  }, 20000);

  it('SIGINT during listen closes every socket and exits 130', async () => {
    const offset = 10000 + Math.floor(Math.random() * 10000);
    const r = await interrupted(
      ['listen', '--only', '42342,443', '--port-offset', String(offset), '--bind', '127.0.0.1', '--duration', '60'],
      { ready: /listening on 2 port/ },
    );
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(10000);
    // The TCP port is free again.
    const s = net.createServer();
    await new Promise<void>((resolve, reject) => s.once('error', reject).listen(443 + offset, '127.0.0.1', resolve));
    s.close();
  }, 20000);
});
