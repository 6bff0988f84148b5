import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck, type CheckOptions } from '../../src/commands/check.js';
import { startListen } from '../../src/commands/listen.js';
import { encodeRequest, newNonce } from '../../src/protocol/pmx-message.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, runCli } from '../helpers/cli.js';
import type { RunningResponder } from '../../src/commands/listen.js';

const table = loadTable();
const TOKEN = 'change-window-secret-0123456789abcdef';
const base = (offset: number, over: Partial<CheckOptions> = {}): CheckOptions => ({
  table,
  apps: [],
  hosts: ['127.0.0.1'],
  peers: new Map(),
  direction: 'inbound',
  portOffset: offset,
  concurrency: 128,
  timeoutMs: 1000,
  retries: 1,
  adaptive: true,
  ...over,
});

// Sends one datagram and returns the reply (or undefined after 500 ms).
function udpExchange(port: number, payload: Buffer): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => {
      s.close();
      resolve(undefined);
    }, 500);
    s.on('message', (m) => {
      clearTimeout(t);
      s.close();
      resolve(m);
    });
    s.send(payload, port, '127.0.0.1');
  });
}

describe('listen + check on loopback, the whole embedded table', () => {
  let running: RunningResponder;
  let offset: number;
  beforeAll(async () => {
    ({ running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: TOKEN,
      allow: parseAllowList([]),
      bind: '::',
    }));
  });
  afterAll(() => running?.close());

  it('binds every inbound port of Table A-1', () => {
    expect(running.report.summary.probes).toBe(67);
    expect(new Set(running.report.results.map((r) => r.state))).toEqual(new Set(['bound']));
  });

  it.each(['127.0.0.1', '::1'])('every inbound probe passes and is verified, TCP and UDP (%s)', async (host) => {
    const report = await runCheck(base(offset, { hosts: [host], token: TOKEN }));
    expect(report.rows).toHaveLength(30);
    expect(report.rows.every((r) => r.verdict === 'pass')).toBe(true);
    expect(report.results.every((r) => r.state === 'open' && r.verified)).toBe(true);
    expect(new Set(report.results.map((r) => r.protocol))).toEqual(new Set(['tcp', 'udp']));
    expect(report.results.every((r) => r.probedPort === r.port + offset)).toBe(true);
    expect(report.results.every((r) => r.observedSource?.startsWith(host === '::1' ? '::1:' : '127.0.0.1:'))).toBe(
      true,
    );
    // No NAT or concurrency note: only the one that says every source role was probed from here (no --as).
    expect(report.notes).toEqual([
      expect.stringMatching(/^every inbound row was probed from this host, whatever role/),
    ]);
    expect(report.tableNotes).toEqual(loadTable().notes);
  });

  it('a wrong token verifies none', async () => {
    const report = await runCheck(base(offset, { token: 'not-the-secret' }));
    expect(report.results.some((r) => r.verified)).toBe(false);
    expect(report.rows.every((r) => r.verdict === 'fail')).toBe(true);
    expect(new Set(report.results.map((r) => r.reason))).toEqual(
      new Set(['reply not verified: wrong token, or another responder']),
    );
  });

  it('without a token every inbound row still passes (unverified)', async () => {
    const report = await runCheck(base(offset));
    expect(report.rows.every((r) => r.verdict === 'pass')).toBe(true);
    expect(report.results.some((r) => r.verified)).toBe(false);
  });

  it('the CLI check exits 0 against the responder', async () => {
    const r = await runCli([
      'check',
      '127.0.0.1',
      '--port-offset',
      String(offset),
      '--token',
      TOKEN,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ probes: 67, fail: 0, unknown: 0 });
  });

  it('a 10 kB datagram gets a reply no larger than itself; a short request gets none', async () => {
    const syslog = 514 + offset;
    const big = Buffer.concat([encodeRequest(newNonce(), false), Buffer.alloc(10 * 1024 - 41, 0x2e)]);
    const reply = await udpExchange(syslog, big);
    expect(reply).toBeDefined();
    expect(reply!.length).toBeLessThanOrEqual(big.length);
    const short = encodeRequest(newNonce(), false); // 41 bytes: the signed reply would be larger
    expect(await udpExchange(syslog, short)).toBeUndefined();
  });

  it('10,000 random datagrams do not crash it and honest probes still pass', async () => {
    const s = dgram.createSocket('udp4');
    let replies = 0;
    s.on('message', () => replies++);
    const port = 42342 + offset;
    const droppedBefore = running.stats.dropped;
    for (let i = 0; i < 10000; i++) {
      const junk = Buffer.alloc(1 + Math.floor(Math.random() * 300));
      for (let j = 0; j < junk.length; j++) junk[j] = Math.floor(Math.random() * 256);
      s.send(junk, port, '127.0.0.1');
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await new Promise((r) => setTimeout(r, 300));
    s.close();
    const report = await runCheck(base(offset, { token: TOKEN, only: new Set([42342]) }));
    expect(report.results.map((r) => [r.state, r.verified])).toEqual([['open', true]]);
    expect(replies).toBe(0);
    expect(running.stats.dropped - droppedBefore).toBeGreaterThan(1000);
  });

  it('never echoes the token', async () => {
    const reply = await udpExchange(514 + offset, encodeRequest(newNonce(), true));
    expect(reply!.toString('latin1')).not.toContain(TOKEN);
  });
});

describe('listen: ports it cannot bind, and --allow', () => {
  it('reports a port held by another program as in use, and check fails there', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '0.0.0.0', r));
    const port = (holder.address() as net.AddressInfo).port;
    const own = {
      product: 'T',
      rows: [
        {
          id: 'held',
          service: 'S',
          application: 'A',
          ports: [port],
          protocol: 'tcp' as const,
          inbound: true,
          outbound: false,
          anyOf: false,
          notes: [],
        },
      ],
    };
    const running = await startListen({
      table: { file: 'x', ...own },
      apps: [],
      direction: 'inbound',
      portOffset: 0,
      allow: parseAllowList([]),
      token: TOKEN,
      bind: '0.0.0.0',
    });
    try {
      const r = running.report.results[0]!;
      expect(r.state).toBe('in-use');
      expect(r.verdict).toBe('fail');
      expect(r.reason).toMatch(/^port already in use by another program/);
      if (process.platform === 'linux') expect(r.process).toMatch(/^node \(pid \d+\)$/);
      const check = await runCheck({ ...base(0, { token: TOKEN }), table: { file: 'x', ...own } });
      expect(check.results[0]).toMatchObject({ state: 'open', verified: false, verdict: 'fail' });
    } finally {
      await running.close();
      holder.close();
    }
  });

  it('--allow that excludes 127.0.0.1 gets no answers', async () => {
    const { running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: TOKEN,
      allow: parseAllowList(['192.0.2.0/24']),
      only: new Set([514, 443]),
      bind: '127.0.0.1',
    });
    try {
      const report = await runCheck(base(offset, { token: TOKEN, only: new Set([514, 443]), timeoutMs: 300 }));
      expect(report.results.filter((r) => r.protocol === 'udp').map((r) => r.state)).toEqual([
        'filtered',
        'filtered',
        'filtered',
      ]);
      expect(report.results.some((r) => r.verified)).toBe(false);
      expect(report.rows.every((r) => r.verdict === 'fail')).toBe(true);
      expect(running.stats.answered).toBe(0);
      // UDP silence from a responder names both causes: a drop on the way, or its --allow (#19.6).
      for (const r of report.results.filter((x) => x.protocol === 'udp'))
        expect(r.reason).toMatch(
          /^no answer from the responder: dropped on the way, or the responder's --allow excludes this source: /,
        );
    } finally {
      await running.close();
    }
  });

  it('with no port bound it stops at once (exit 1), never waits out --duration nor writes a pid file', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'pmx-listen-'));
    try {
      const args = ['--only', '1741', '--port-offset', String(port - 1741), '--bind', '127.0.0.1', '--duration', '600'];
      // runCli kills it at 30 s: far sooner than --duration, so a listen that waited would show as killed (99).
      const r = await runCli(['listen', ...args, '--pid-file', path.join(dir, 'pid')], { timeoutMs: 30000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^no port bound: nothing to serve, stopping$/m);
      expect(r.stdout).toMatch(/port already in use by another program/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it('--duration 2 exits by itself', async () => {
    const t0 = Date.now();
    const r = await runCli(
      [
        'listen',
        '--only',
        '42342',
        '--port-offset',
        String(10000 + Math.floor(Math.random() * 5000)),
        '--duration',
        '2',
        '--bind',
        '127.0.0.1',
      ],
      { timeoutMs: 15000 },
    );
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(r.stderr).toMatch(/listening on 1 port for 2 s/);
    expect(r.stderr).toMatch(/^stopped: answered 0/m);
  });
});

describe('listen without privileges', () => {
  // Needs root to drop to "nobody", and a checkout that "nobody" can read.
  const canDrop =
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v runuser']).status === 0 &&
    spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, '--version'], { cwd: '/' }).status === 0;
  if (!canDrop)
    console.warn('SKIP listen without privileges: needs root, runuser, and a checkout readable by "nobody"');
  it.runIf(canDrop)('reports ports below 1024 as needing privileges, says what to do, and serves the rest', () => {
    const offset = 10000 + Math.floor(Math.random() * 4000);
    // As "nobody": 443 needs privileges; 443 + offset does not.
    const r = spawnSync(
      'runuser',
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        CLI,
        'listen',
        '--only',
        '443',
        '--bind',
        '127.0.0.1',
        '--duration',
        '0.3',
        '--format',
        'json',
      ],
      { encoding: 'utf8', cwd: '/' },
    );
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { results: Array<{ state: string; reason: string }> };
    expect(new Set(report.results.map((x) => x.state))).toEqual(new Set(['needs-privileges']));
    expect(report.results[0]!.reason).toMatch(
      /port 443 is below 1024: run as root, grant CAP_NET_BIND_SERVICE .* or use --port-offset/,
    );
    const ok = spawnSync(
      'runuser',
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        CLI,
        'listen',
        '--only',
        '443',
        '--port-offset',
        String(offset),
        '--bind',
        '127.0.0.1',
        '--duration',
        '0.3',
        '--format',
        'json',
      ],
      { encoding: 'utf8', cwd: '/' },
    );
    expect(ok.status).toBe(0);
  });
});
