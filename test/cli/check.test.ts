import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeTable } from '../helpers/cli.js';
import { closedPort, tcpListener, udpEcho } from '../helpers/sockets.js';
import type { Report } from '../../src/model/report.js';

describe('check on loopback with a user table', () => {
  const open: Array<{ port: number; close(): Promise<void> }> = [];
  let table: string;
  let tcpOpen: number, tcpClosed: number, udpOpen: number, udpClosed: number;
  let rangeStart: number;

  beforeAll(async () => {
    const l = await tcpListener();
    open.push(l);
    tcpOpen = l.port;
    const e = await udpEcho();
    open.push(e);
    udpOpen = e.port;
    tcpClosed = await closedPort('tcp');
    udpClosed = await closedPort('udp');
    // A range of 4 ports where only the ones we listen on are open: find 4 free consecutive ports.
    for (;;) {
      const base = 20000 + Math.floor(Math.random() * 30000);
      const a = await tcpListener().catch(() => undefined);
      if (!a) continue;
      await a.close();
      rangeStart = base;
      const ls = await Promise.all([base, base + 2].map((p) => listenOn(p)));
      if (ls.every(Boolean)) {
        open.push(...(ls as Array<{ port: number; close(): Promise<void> }>));
        break;
      }
      await Promise.all(ls.map((x) => x?.close()));
    }
    table = writeTable({
      product: 'Loopback test',
      rows: [
        {
          id: 'tcp-open',
          service: 'T',
          application: 'Alpha',
          ports: [tcpOpen],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'tcp-closed',
          service: 'T',
          application: 'Alpha',
          ports: [tcpClosed],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'udp-open',
          service: 'U',
          application: 'Beta',
          ports: [udpOpen],
          protocol: 'udp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'udp-closed',
          service: 'U',
          application: 'Beta',
          ports: [udpClosed],
          protocol: 'udp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'range',
          service: 'R',
          application: 'Gamma',
          ports: [`${rangeStart}-${rangeStart + 3}`],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
        },
        {
          id: 'either',
          service: 'E',
          application: 'Gamma',
          ports: [tcpClosed, tcpOpen],
          protocol: 'tcp',
          inbound: true,
          outbound: false,
          anyOf: true,
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  async function listenOn(port: number) {
    const net = await import('node:net');
    return new Promise<{ port: number; close(): Promise<void> } | undefined>((resolve) => {
      const s = net
        .createServer()
        .once('error', () => resolve(undefined))
        .listen(port, '127.0.0.1', () => resolve({ port, close: () => new Promise((r) => s.close(() => r())) }));
    });
  }

  it.each(['127.0.0.1', 'localhost'])('gives exact states and verdicts on %s (json)', async (host) => {
    const r = await runCli(['check', host, '--ports', table, '--format', 'json', '--timeout', '1500']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const byId = (id: string) => report.results.filter((x) => x.id === id).map((x) => [x.port, x.state, x.verdict]);
    expect(byId('tcp-open')).toEqual([[tcpOpen, 'open', 'pass']]);
    expect(byId('tcp-closed')).toEqual([[tcpClosed, 'closed', 'fail']]);
    expect(byId('udp-open')).toEqual([[udpOpen, 'open', 'pass']]);
    expect(byId('udp-closed')).toEqual([[udpClosed, 'closed', 'fail']]);
    const rows = Object.fromEntries(report.rows.map((x) => [x.id, [x.verdict, x.passed, x.total]]));
    expect(rows).toEqual({
      'tcp-open': ['pass', 1, 1],
      'tcp-closed': ['fail', 0, 1],
      'udp-open': ['pass', 1, 1],
      'udp-closed': ['fail', 0, 1],
      range: ['fail', 2, 4],
      either: ['pass', 1, 2],
    });
    expect(report.rows.find((x) => x.id === 'range')?.failedPorts).toEqual([rangeStart + 1, rangeStart + 3]);
    expect(report.summary).toMatchObject({
      probes: 8,
      pass: 5,
      fail: 5,
      unknown: 0,
      rows: { pass: 3, fail: 3, unknown: 0 },
    });
    expect(report).toMatchObject({
      schemaVersion: 1,
      command: 'check',
      tool: { name: 'portmatrix' },
      settings: { concurrency: 128, timeoutMs: 1500, retries: 1 },
    });
    expect(report.results.every((x) => x.host === host && x.direction === 'inbound')).toBe(true);
  });

  it('probes every HOST given, and a repeated single-valued option takes its last value', async () => {
    const r = await runCli([
      'check',
      '127.0.0.1',
      '::1',
      'localhost',
      '--ports',
      table,
      '--only',
      String(tcpOpen),
      '--timeout',
      '5',
      '--timeout',
      '1500',
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rows.filter((x) => x.id === 'tcp-open').map((x) => x.host)).toEqual([
      '127.0.0.1',
      '::1',
      'localhost',
    ]);
    expect(report.settings.timeoutMs).toBe(1500);
  });

  it('prints the matrix with the range count and the failing ports', async () => {
    const r = await runCli(['check', '127.0.0.1', '--ports', table]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✘ 2/4: ${rangeStart + 1}, ${rangeStart + 3}`);
    expect(r.stdout).toMatch(
      /\n3 of 6 rows fail · probes 8 · results 5 pass \/ 5 fail \/ 0 unknown · [\d.]+ s\nNext: /,
    );
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 0 when every selected row passes (--only)', async () => {
    const r = await runCli([
      'check',
      '127.0.0.1',
      '--ports',
      table,
      '--only',
      `${tcpOpen},${udpOpen}`,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).rows.map((x) => x.id).sort()).toEqual(['either', 'tcp-open', 'udp-open']);
  });

  it('--app filters rows by application (case-insensitive substring)', async () => {
    const r = await runCli(['check', '127.0.0.1', '--ports', table, '--app', 'BETA', '--format', 'json']);
    expect((JSON.parse(r.stdout) as Report).rows.map((x) => x.id)).toEqual(['udp-open', 'udp-closed']);
  });
  // An unresolvable name is tested inside a network namespace (test/e2e), where DNS cannot leave the machine.
});

describe('bad options exit 2 with a clear message', () => {
  it.each([
    [['check'], /HOST: expected at least one host/],
    [['check', '127.0.0.1', '--concurrency', '0'], /--concurrency 0: expected a whole number from 1 to 65536/],
    [['check', '127.0.0.1', '--timeout', 'soon'], /--timeout soon: expected a whole number from 1 to 600000/],
    [['check', '127.0.0.1', '--retries', '11'], /--retries 11: expected a whole number from 0 to 10/],
    [['check', '127.0.0.1', '--only', '80-70'], /--only 80-70: range "80-70" is reversed/],
    [['check', '127.0.0.1', '--peer', 'aaa'], /--peer aaa: expected ROLE=HOST/],
    [
      ['check', '127.0.0.1', '--port-offset', '65000'],
      new RegExp(
        '--port-offset 65000: port 49514 of row "syslog-common-services" would become 114514; ' +
          'expected an offset that keeps every selected port within 1-65535',
      ),
    ],
    [
      ['check', '127.0.0.1', '--format', 'yaml'],
      /^portmatrix: --format yaml: expected one of table, json, junit, csv, markdown, html\n/,
    ],
    [
      ['check', '127.0.0.1', '--direction', 'up'],
      /^portmatrix: --direction up: expected one of inbound, outbound, both\n/,
    ],
    [['check', '127.0.0.1', '--bogus'], /^portmatrix: unknown option --bogus\nRun "portmatrix check --help"/],
    [['check', '127.0.0.1', '--no-colour'], /^portmatrix: unknown option --no-colour\n/],
    [['check', '127.0.0.1', '--format'], /^portmatrix: --format: expected a value\n/],
    [['rules'], /^portmatrix: --dialect: required\n/],
    [['check', '0.0.0.0'], /host "0.0.0.0" is the unspecified address/],
    [['check', '255.255.255.255'], /host "255.255.255.255" is the broadcast address/],
    [['check', '127.0.0.1', '--token', ''], /--token: the token is empty; make one with "portmatrix token"/],
    [
      ['check', '127.0.0.1', '--token', 'pm2024'],
      new RegExp(
        '--token: the token is too weak \\(at most 31 bits, at least 128 needed\\); ' +
          'make one with "portmatrix token" and give it with --token-file FILE or PORTMATRIX_TOKEN',
      ),
    ],
    [
      ['check', '127.0.0.1', '--token-file', '/nonexistent/t'],
      /--token-file "\/nonexistent\/t": cannot read it \(ENOENT\)/,
    ],
    [['check', '127.0.0.1', '--token', 'x', '--token-file', '/t'], /--token and --token-file: give one of them/],
    // An unquoted multi-word token: the stray words are never echoed.
    [
      ['listen', '--token', 'correct-horse', 'battery', 'staple'],
      /^portmatrix: unexpected argument\(s\) \(not shown: quote a token that has spaces\)\n/,
    ],
    [
      ['frobnicate'],
      new RegExp(
        '^portmatrix: unknown command frobnicate: ' +
          'expected one of ports, check, listen, audit, agent, matrix, serve, merge, rules, token\n',
      ),
    ],
    [[], /expected a command/],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
