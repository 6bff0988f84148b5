import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, writeTable } from '../helpers/cli.js';
import { tcpListener } from '../helpers/sockets.js';
import type { Report } from '../../src/model/report.js';

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** ms from the first SIGINT (or, with a second, from the second) to the exit. */
  afterSignalMs: number;
  /** When the first SIGINT was sent (Date.now()). */
  signalledAt: number;
}

// Starts the CLI; sends SIGINT `afterMs` after `ready` shows on stderr or `trigger` settles (the probes have
// reached the test's sockets, so the handler is installed however slow the start), and again `secondMs` later.
function interrupted(
  args: string[],
  opts: { ready?: RegExp; trigger?: Promise<unknown>; afterMs?: number; secondMs?: number },
) {
  return new Promise<Interrupted>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '',
      stderr = '',
      armed = false,
      first = 0,
      last = 0;
    const t0 = Date.now();
    const signal = () => {
      last = Date.now();
      first ||= last;
      child.kill('SIGINT');
    };
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => {
        signal();
        if (opts.secondMs !== undefined) setTimeout(signal, opts.secondMs);
      }, opts.afterMs ?? 0);
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (opts.ready?.test(stderr)) arm();
    });
    opts.trigger?.then(arm);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, ms: Date.now() - t0, afterSignalMs: Date.now() - last, signalledAt: first }),
    );
  });
}

// UDP sockets that take every datagram and never answer (silent ports); `next()` settles at the next datagram.
async function silentUdp(count: number) {
  const arrivals: number[] = [];
  let seen: (() => void) | undefined;
  const next = () =>
    new Promise<void>((resolve) => {
      seen = resolve;
    });
  const sockets = await Promise.all(
    Array.from({ length: count }, async () => {
      const sock = dgram.createSocket('udp4');
      sock.on('message', () => {
        arrivals.push(Date.now());
        seen?.();
      });
      await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
      return sock;
    }),
  );
  const close = () => Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return { ports: sockets.map((s) => s.address().port), arrivals, next, close };
}

// Settles when any of the listeners accepts its first connection.
function firstConnection(listeners: Array<{ accepted: Promise<void> }>) {
  return Promise.race(listeners.map((l) => l.accepted));
}

describe('interruption', () => {
  const listeners: Array<{ port: number; accepted: Promise<void>; close(): Promise<void> }> = [];
  let table: string;
  let udp: Awaited<ReturnType<typeof silentUdp>>;
  let udpTable: string;
  beforeAll(async () => {
    // Listeners that never answer a verification request: with --token every probe waits its timeout.
    for (let i = 0; i < 12; i++) listeners.push(await tcpListener());
    udp = await silentUdp(200);
    udpTable = writeTable({
      product: 'T',
      rows: [
        { id: 'u', service: 'S', application: 'A', ports: udp.ports, protocol: 'udp', inbound: true, outbound: false },
      ],
    });
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
    await udp.close();
  });

  const sigintCheck =
    'SIGINT during check: no new probes, in-flight ones finish within a timeout, ' +
    'partial report marked incomplete, exit 130';
  it(sigintCheck, async () => {
    const out = path.join(tempDir(), 'partial.json');
    const r = await interrupted(
      [
        'check',
        '127.0.0.1',
        '--ports',
        table,
        '--token',
        'interrupt-test-token-0123456789abcdef',
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
      { trigger: firstConnection(listeners), afterMs: 300 },
    );
    expect(r.code).toBe(130);
    // At most one timeout after the signal (+ time to print and exit).
    expect(r.afterSignalMs).toBeLessThan(1500 + 1000);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.incomplete).toBe(true);
    expect(report.results.length).toBe(4); // the four in flight, nothing started after the signal
    expect(report.summary.probes).toBe(4);
    expect(r.stdout).toMatch(/INCOMPLETE \(interrupted\)/);
  }, 20000);

  const udpArgs = (out: string) =>
    ['check', '127.0.0.1', '--ports', udpTable, '--timeout', '5000', '--concurrency', '256', '--format', 'json'].concat(
      ['--output', out],
    );

  it('SIGINT while 200 silent UDP ports wait: no resend starts, the partial report is written, exit 130', async () => {
    const out = path.join(tempDir(), 'udp.json');
    udp.arrivals.length = 0;
    const r = await interrupted(udpArgs(out), { trigger: udp.next(), afterMs: 1000 });
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(5000 + 1000); // the attempts in flight end within one timeout
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    // One datagram per probe that started: no resend went out after the signal.
    expect(udp.arrivals).toHaveLength(report.results.length);
    expect(report.incomplete).toBe(true);
    expect(report.results.length).toBeGreaterThan(0);
    expect(new Set(report.results.map((x) => `${x.state} ${x.attempts}`))).toEqual(new Set(['open|filtered 1']));
    expect(report.results[0]!.reason).toMatch(/interrupted before every attempt was sent/);
  }, 30000);

  it('a second SIGINT aborts the attempts in flight at once', async () => {
    const out = path.join(tempDir(), 'udp2.json');
    const r = await interrupted(udpArgs(out), { trigger: udp.next(), afterMs: 500, secondMs: 300 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1000);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.incomplete).toBe(true);
  }, 30000);

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
