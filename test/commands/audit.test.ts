import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { runCli, writeTable } from '../helpers/cli.js';
import { closedPort } from '../helpers/sockets.js';
import type { Report } from '../../src/model/report.js';

const CONFLICT = 'it conflicts with the product; stop or move that program before installing';

// A separate process holding a TCP and a UDP port, so audit must find another process.
function holder(): Promise<{ child: ChildProcess; tcp: number; udp: number }> {
  const code = `const net=require('net'),dgram=require('dgram');
    const s=net.createServer().listen(0,'0.0.0.0',()=>{const u=dgram.createSocket('udp4');
      u.bind(0,'0.0.0.0',()=>console.log(JSON.stringify({tcp:s.address().port,udp:u.address().port})))});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve({ child, ...JSON.parse(d.toString()) })),
  );
}

// A separate process with a TCP and a UDP listener bound to loopback only, and a TCP one bound to every IPv6 address.
function loopbackHolder(): Promise<{ child: ChildProcess; tcp: number; udp: number; any6: number }> {
  const code = `const net=require('net'),dgram=require('dgram');
    const s=net.createServer().listen(0,'127.0.0.1',()=>{const a=net.createServer().listen(0,'::',()=>{
      const u=dgram.createSocket('udp4');
      u.bind(0,'127.0.0.1',()=>console.log(JSON.stringify(
        {tcp:s.address().port,udp:u.address().port,any6:a.address().port})))
    })});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve({ child, ...JSON.parse(d.toString()) })),
  );
}

describe.runIf(process.platform === 'linux')('audit on this machine', () => {
  let h: Awaited<ReturnType<typeof holder>>;
  let free: number;
  let table: string;
  beforeAll(async () => {
    h = await holder();
    free = await closedPort('tcp');
    table = writeTable({
      product: 'T',
      rows: [
        {
          id: 'held-tcp',
          service: 'S',
          application: 'A',
          ports: [h.tcp],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'held-udp',
          service: 'S',
          application: 'A',
          ports: [h.udp],
          protocol: 'udp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'free-tcp',
          service: 'S',
          application: 'A',
          ports: [free],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
      ],
    });
  });
  afterAll(() => {
    h?.child.kill();
  });

  it('--expect free: a taken port is a conflict, named with the process that holds it', async () => {
    const r = await runCli(['audit', '--ports', table, '--expect', 'free', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const by = Object.fromEntries(report.results.map((x) => [x.id, x]));
    expect(by['held-tcp']).toMatchObject({ state: 'listening', verdict: 'fail', process: `node (pid ${h.child.pid})` });
    expect(by['held-tcp']!.reason).toBe(`tcp/${h.tcp} is already in use by node (pid ${h.child.pid}): ${CONFLICT}`);
    expect(by['held-udp']).toMatchObject({ state: 'listening', verdict: 'fail', process: `node (pid ${h.child.pid})` });
    expect(by['free-tcp']).toMatchObject({ state: 'free', verdict: 'pass' });
    expect(report.command).toBe('audit');
  });

  it('--expect listening: a port with no listener fails', async () => {
    const r = await runCli(['audit', '--ports', table, '--expect', 'listening', '--format', 'json']);
    expect(r.code).toBe(1);
    const by = Object.fromEntries((JSON.parse(r.stdout) as Report).results.map((x) => [x.id, x]));
    expect(by['held-tcp']).toMatchObject({ state: 'listening', verdict: 'pass' });
    expect(by['free-tcp']).toMatchObject({
      state: 'free',
      verdict: 'fail',
      reason: `nothing listens on tcp/${free}: the service is not running, or uses another port`,
    });
  });

  describe('a listener bound only to loopback', () => {
    let lh: Awaited<ReturnType<typeof loopbackHolder>>;
    let t: string;
    const row = (id: string, port: number, protocol: 'tcp' | 'udp') => ({
      id,
      service: 'S',
      application: 'A',
      ports: [port],
      protocol,
      inbound: true,
      outbound: false,
    });
    beforeAll(async () => {
      lh = await loopbackHolder();
      t = writeTable({
        product: 'T',
        rows: [
          row('lo-tcp', lh.tcp, 'tcp'),
          row('lo-udp', lh.udp, 'udp'),
          row('any6-tcp', lh.any6, 'tcp'),
          row('any4-tcp', h.tcp, 'tcp'),
        ],
      });
    });
    afterAll(() => {
      lh?.child.kill();
    });

    it.each<[string, 'listening' | 'free', string, string]>([
      ['lo-tcp', 'listening', 'fail', 'listening only on 127.0.0.1 (node (pid PID)): clients cannot reach it'],
      ['lo-udp', 'listening', 'fail', 'listening only on 127.0.0.1 (node (pid PID)): clients cannot reach it'],
      ['any6-tcp', 'listening', 'pass', 'listening on :: (node (pid PID))'],
      ['any4-tcp', 'listening', 'pass', 'listening on 0.0.0.0 (node (pid HOLDER))'],
      ['lo-tcp', 'free', 'fail', `tcp/PORT is already in use by node (pid PID): ${CONFLICT}`],
    ])('%s with --expect %s -> %s', async (id, expectation, verdict, reason) => {
      const r = await runCli(['audit', '--ports', t, '--expect', expectation, '--format', 'json']);
      expect(r.code).toBe(1);
      const got = (JSON.parse(r.stdout) as Report).results.find((x) => x.id === id)!;
      const want = reason
        .replace('PID', String(lh.child.pid))
        .replace('HOLDER', String(h.child.pid))
        .replace('PORT', String(lh.tcp));
      expect(got).toMatchObject({ state: 'listening', verdict, reason: want });
    });

    // Not "start the services": the service runs; it listens where clients cannot reach it (#s4.4).
    it('--expect listening: what to change is where the loopback-only service listens', async () => {
      const r = await runCli(['audit', '--ports', t, '--expect', 'listening', '--only', String(lh.tcp)]);
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      const listen = 'listen where clients reach it (0.0.0.0 or ::, or the address clients use), not only on 127.0.0.1';
      expect(lines).toContain(`  - make node (pid ${lh.child.pid}) ${listen}: tcp/${lh.tcp}`);
      expect(lines).toContain(
        'Next: make the services listen where clients reach them (0.0.0.0 or ::, or the address clients use), ' +
          'then run `portmatrix audit --expect listening` again.',
      );
      const json = await runCli([
        'audit',
        '--ports',
        t,
        '--expect',
        'listening',
        '--only',
        String(lh.tcp),
        '--format',
        'json',
      ]);
      expect(json.stderr).toBe('');
      const row = (JSON.parse(json.stdout) as Report).rows.find((x) => x.id === 'lo-tcp')!;
      expect(row.remediation).toBe(`make tcp/${lh.tcp} ${listen}`);
    });
  });
});
