import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListen, type RunningResponder } from '../../src/commands/listen.js';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import type { Report } from '../../src/model/report.js';
import { CLI, runCli, writeTable } from '../helpers/cli.js';
import { closedPort } from '../helpers/sockets.js';
import {
  buildWindowsExe,
  stopWineserver,
  WINE,
  winePrefix,
  wineRun,
  wineStart,
  type WineBox,
  type WineProcess,
} from '../helpers/wine.js';

const why = process.platform !== 'linux' ? 'runs on Linux only' : WINE ? undefined : 'wine64 is not installed';
if (why) console.warn(`SKIP Windows under Wine: ${why} (CI installs wine64)`);

const TOKEN = 'wine-0123456789abcdef0123456789abcdef';
// Table ports 1741 (tcp) and 42342 (udp) at an offset no other test file uses (they pick 10100-15000).
const ONLY = '1741,42342';
const offset = () => 18000 + Math.floor(Math.random() * 5000);

// One row per port, for tables written on the fly.
const row = (id: string, port: number, protocol: 'tcp' | 'udp' = 'tcp') => ({
  id,
  service: 'S',
  application: 'A',
  ports: [port],
  protocol,
  inbound: true,
  outbound: false,
  from: 'client',
});

// A Linux process holding a TCP port, so audit under Wine must find a port taken by someone else.
function holder(): Promise<{ child: ChildProcess; port: number }> {
  const code = `const s=require('net').createServer().listen(0,'0.0.0.0',()=>console.log(s.address().port))`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', (d: Buffer) => resolve({ child, port: Number(d) })));
}

// Parses a JSON report the executable wrote, saying what it printed when it is not one.
function report(out: { stdout: string; stderr: string }): Report {
  try {
    return JSON.parse(out.stdout) as Report;
  } catch {
    throw new Error(`not a JSON report: ${out.stdout}${out.stderr}`);
  }
}

describe.skipIf(!!why)('the Windows executable under Wine', { timeout: 180000 }, () => {
  let box: WineBox;
  beforeAll(() => {
    box = { exe: buildWindowsExe(), env: winePrefix() };
  }, 600000);
  afterAll(() => {
    if (box) stopWineserver(box.env);
  });

  it('--version, from an empty folder, to a file and to a pipe', async () => {
    expect(await wineRun(box, ['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    // Node cannot open a pipe as stdout under Wine; the executable falls back to writing the descriptor.
    const piped = spawn(WINE!, [box.exe, '--version'], { env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    piped.stdout!.on('data', (d: Buffer) => {
      text += d;
    });
    const code = await new Promise((resolve) => piped.on('close', resolve));
    expect({ code, text }).toEqual({ code: 0, text: '0.1.0\n' });
  });

  it('ports --format json: the embedded table is inside the executable', async () => {
    const out = await wineRun(box, ['ports', '--format', 'json']);
    expect(out.code).toBe(0);
    const table = JSON.parse(out.stdout) as { rows: Array<{ id: string }> };
    expect(table.rows.map((r) => r.id)).toEqual(loadTable().rows.map((r) => r.id));
  });

  it('a bad option is a usage error (exit 2, one line, no stack trace)', async () => {
    const out = await wineRun(box, ['check', '127.0.0.1', '--timeout', 'soon']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^portmatrix: .*timeout/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  describe('listen on Windows, check from Linux', () => {
    let listen: WineProcess;
    let off: number;
    beforeAll(async () => {
      off = offset();
      listen = await wineStart(
        box,
        ['listen', '--only', ONLY, '--port-offset', String(off), '--bind', '127.0.0.1', '--token', TOKEN],
        /listening on \d+ port/,
      );
    }, 120000);
    afterAll(() => {
      listen?.child.kill('SIGKILL');
    });

    it('every answer is verified', async () => {
      const r = await runCli(['check', '127.0.0.1', '--only', ONLY, '--port-offset', String(off), '--token', TOKEN]);
      const json = await runCli([
        'check',
        '127.0.0.1',
        '--only',
        ONLY,
        '--port-offset',
        String(off),
        '--token',
        TOKEN,
        '--format',
        'json',
      ]);
      expect(r.code).toBe(0);
      const results = report(json).results;
      expect(results.length).toBeGreaterThanOrEqual(2);
      expect(new Set(results.map((x) => x.protocol))).toEqual(new Set(['tcp', 'udp']));
      expect(results.filter((x) => x.state !== 'open' || !x.verified || x.verdict !== 'pass')).toEqual([]);
    });

    it('a peer that resets its connection does not end the responder', async () => {
      for (let i = 0; i < 5; i++) {
        const s = net.connect(1741 + off, '127.0.0.1');
        await new Promise<void>((resolve) => s.once('connect', () => resolve()));
        s.resetAndDestroy();
      }
      await new Promise((r) => setTimeout(r, 500));
      const r = await runCli(['check', '127.0.0.1', '--only', '1741', '--port-offset', String(off), '--token', TOKEN]);
      expect(r.code).toBe(0);
      expect(listen.child.exitCode).toBeNull();
    });

    it('Ctrl-C ends it cleanly: exit 130, a last line, the port free again', async () => {
      listen.child.kill('SIGINT');
      expect(await listen.exited).toBe(130);
      expect(listen.stdout() + listen.stderr()).toMatch(/stopped: answered \d+/);
      const s = net.createServer();
      await new Promise<void>((resolve, reject) => s.once('error', reject).listen(1741 + off, '127.0.0.1', resolve));
      s.close();
    });
  });

  describe('check from Windows to a Linux responder', () => {
    let running: RunningResponder;
    let off: number;
    beforeAll(async () => {
      off = offset();
      running = await startListen({
        table: loadTable(),
        apps: [],
        direction: 'inbound',
        only: new Set([1741, 42342]),
        bind: '127.0.0.1',
        portOffset: off,
        token: TOKEN,
        allow: parseAllowList(undefined),
      });
    });
    afterAll(async () => {
      await running?.close();
    });

    it('verifies every answer, TCP and UDP', async () => {
      const out = await wineRun(box, [
        'check',
        '127.0.0.1',
        '--only',
        ONLY,
        '--port-offset',
        String(off),
        '--token',
        TOKEN,
        '--format',
        'json',
      ]);
      expect(out.code).toBe(0);
      const results = report(out).results;
      expect(new Set(results.map((x) => x.protocol))).toEqual(new Set(['tcp', 'udp']));
      expect(results.filter((x) => x.state !== 'open' || !x.verified)).toEqual([]);
    });
  });

  describe('audit: a port held by another (Linux) process', () => {
    let held: Awaited<ReturnType<typeof holder>>;
    let table: string;
    beforeAll(async () => {
      held = await holder();
      table = writeTable({ product: 'T', rows: [row('held', held.port), row('free', await closedPort('tcp'))] });
    });
    afterAll(() => {
      held?.child.kill();
    });

    it.each([
      ['free', { held: ['listening', 'fail'], free: ['free', 'pass'] }],
      ['listening', { held: ['listening', 'pass'], free: ['free', 'fail'] }],
    ])('--expect %s: Wine lists no PIDs, so a bind test decides, and the report says so', async (expectation, want) => {
      const out = await wineRun(box, ['audit', '--ports', table, '--expect', expectation, '--format', 'json']);
      expect(out.code).toBe(1);
      const r = report(out);
      expect(r.method).toBe('bind-test');
      expect(r.notes?.join('\n')).toMatch(/netstat -ano printed no PID column/);
      const got = Object.fromEntries(r.results.map((x) => [x.id, [x.state, x.verdict]]));
      expect(got).toEqual(want);
    });
  });

  describe('agent under Wine, driven by a Linux matrix', () => {
    let agents: Array<{ kill(signal?: NodeJS.Signals): unknown }> = [];
    let table: string;
    let control: number;
    beforeAll(async () => {
      control = await closedPort('tcp');
      table = writeTable({ product: 'T', rows: [row('in-tcp', await closedPort('tcp'))] });
      const server = await wineStart(
        box,
        ['agent', '--token', TOKEN, '--bind', '127.0.0.2', '--control', String(control), '--duration', '300'],
        /agent on control port/,
      );
      const client = spawn(
        process.execPath,
        [
          CLI,
          'agent',
          '--token',
          TOKEN,
          '--bind',
          '127.0.0.3',
          '--control',
          String(control),
          '--duration',
          '300',
          // The client agent probes the Windows agent's loopback address: loopback targets must be named.
          '--targets',
          '127.0.0.2',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      agents = [server.child, client];
      await new Promise<void>((resolve) => {
        let text = '';
        const seen = (d: Buffer) => {
          text += d;
          if (/agent on control port/.test(text)) resolve();
        };
        client.stdout!.on('data', seen);
        client.stderr!.on('data', seen);
      });
    }, 120000);
    afterAll(() => {
      for (const a of agents) a.kill('SIGKILL');
    });

    it('the inbound row passes, verified by the Windows agent', async () => {
      const r = await runCli([
        'matrix',
        '--server',
        '127.0.0.2',
        '--client',
        '127.0.0.3',
        '--control',
        String(control),
        '--direction',
        'inbound',
        '--ports',
        table,
        '--token',
        TOKEN,
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      const rep = report(r);
      expect(rep.rows.map((x) => [x.id, x.verdict])).toEqual([['in-tcp', 'pass']]);
      expect(rep.results.every((x) => x.verified)).toBe(true);
      expect(r.code).toBe(0);
    });
  });
});
